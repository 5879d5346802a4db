import Foundation
import TestSupport
import Testing

/// Where okr used to say nothing, it now says what it found and where it looked.
@Suite struct WordsNotSilenceTests {
  @Test func lintWithNoOKRFilesSaysWhereItLookedAndFails() throws {
    let directory = try TemporaryDirectory()
    let result = InProcess.run(["lint"], in: directory.path)
    #expect(result.status == 1)
    #expect(result.standardError.contains("no OKR files here: okr looks for okr.yaml and for .yaml files under okrs/"))
    #expect(result.standardError.contains("[no-files]"))
    try FileManager.default.createDirectory(atPath: directory.path + "/empty", withIntermediateDirectories: true)
    let folder = InProcess.run(["lint", "empty"], in: directory.path)
    #expect(folder.status == 1)
    #expect(
      folder.standardError == "empty: error: no .yaml or .yml files in this folder [no-files]\n1 error and 0 warnings\n"
    )
  }

  /// A folder okr cannot read is an `[io]` error (exit 74), never a team silently left out of the scores.
  @Test(.enabled(if: getuid() == 0 && Tool.find("setpriv") != nil, "needs root to run okr as another user"))
  func anUnreadableFolderIsAnIOErrorNeverAGap() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/a.yaml", Self.quarterFile(team: "a", value: 50))
    try directory.write("okrs/2026-Q1/more/b.yaml", Self.quarterFile(team: "b", value: 50))
    chmod(directory.path, 0o755)
    for folder in ["okrs", "okrs/2026-Q1"] { chmod(directory.path + "/" + folder, 0o755) }
    for file in ["okrs/2026-Q1/a.yaml"] { chmod(directory.path + "/" + file, 0o644) }
    chmod(directory.path + "/okrs/2026-Q1/more", 0o000)
    let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", PackagePaths.okrBinary]
    for command in [["lint"], ["score", "--as-of", "2026-03-31"]] {
      let result = try OKRCommand.run(
        nobody + command, in: directory.path, executable: try #require(Tool.find("setpriv")))
      #expect(result.status == 74, "\(command): \(result.standardError)")
      let expected = "okrs/2026-Q1/more: error: cannot read this folder: permission denied [io]"
      #expect(result.standardError.contains(expected))
    }
  }

  /// Folders reached through symbolic links are read, as `okr checkin record` writes through them;
  /// a link to an ancestor is entered once, not forever.
  @Test func symlinkedFoldersAreFollowedOnceEach() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/a.yaml", Self.quarterFile(team: "a", value: 0))
    try directory.write(
      "elsewhere/a.yaml",
      "---\nteam: a\nquarter: 2026-Q1\nweek: 2026-W02\nkey_results: {O1/KR1: {value: 50}}\n")
    try FileManager.default.createDirectory(atPath: directory.path + "/checkins", withIntermediateDirectories: true)
    #expect(symlink("../elsewhere", directory.path + "/checkins/2026-Q1") == 0)
    #expect(symlink("..", directory.path + "/okrs/2026-Q1/loop") == 0)
    let score = InProcess.run(["score", "--as-of", "2026-03-31", "--format", "json"], in: directory.path)
    #expect(score.status == 0, "\(score.standardError)")
    #expect(score.standardOutput.contains("\"actual\" : 50"))
    let record = InProcess.run(
      ["checkin", "record", "--team", "a", "--as-of", "2026-01-16", "--kr", "O1/KR1", "--value", "60"],
      in: directory.path)
    #expect(record.status == 0)
    #expect(try directory.read("elsewhere/a.yaml").contains("value: 60"))
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 0, "\(lint.standardError)")
  }

  /// A link out of the repository (to the whole machine, say) is an error, never a walk through it.
  @Test func aLinkOutOfTheRepositoryIsNotFollowed() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/a.yaml", Self.quarterFile(team: "a", value: 0))
    #expect(symlink("/", directory.path + "/okrs/2026-Q1/machine") == 0)
    let outside = try TemporaryDirectory()
    try outside.write("b.yaml", Self.quarterFile(team: "b", value: 0))
    #expect(symlink(outside.path, directory.path + "/checkins") == 0)
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 74)
    #expect(
      lint.standardError.contains("okrs/2026-Q1/machine: error: a symbolic link that leads outside the repository"))
    #expect(lint.standardError.contains("checkins: error: a symbolic link that leads outside the repository"))
  }

  static func quarterFile(team: String, value: Double) -> String {
    """
    quarter: 2026-Q1
    team: \(team)
    objectives:
      - id: O1
        title: T
        key_results:
          - {id: KR1, title: K, baseline: 0, target: 100, current: \(value)}

    """
  }
}
