import Foundation
import TestSupport
import Testing

/// Tab completes the names in the repository: teams, cycles, key results, templates and CSV files.
///
/// The shells' scripts call back `okr ---completion <command…> -- <argument> <word index> <cursor> <words…>`;
/// these tests make that call as the scripts do, then ask bash, zsh and fish themselves
/// (Scripts/check-completions.sh, which check-packaging.sh also runs on the installed okr).
@Suite struct CompletionTests {
  private static let quarterFile = """
    quarter: 2026-Q3
    team: web
    objectives:
      - id: O1
        title: Ship the new checkout
        key_results:
          - {id: KR1, title: Reach ten, baseline: 0, target: 10}
          - {id: KR2, title: Reach twenty, baseline: 0, target: 20}
      - id: O2
        title: Keep it fast
        key_results:
          - {id: KR1, title: Reach five, baseline: 0, target: 5}

    """

  private func repository(at folder: String = "") throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let prefix = folder.isEmpty ? "" : folder + "/"
    try directory.write(prefix + "okrs/2026-Q3/web.yaml", Self.quarterFile)
    try directory.write(
      prefix + "okrs/2026-Q2/growth.yaml",
      Self.quarterFile.replacingOccurrences(of: "team: web", with: "team: growth")
        .replacingOccurrences(of: "2026-Q3", with: "2026-Q2"))
    try directory.write(prefix + "templates/retro.yaml", "# a retrospective\n")
    return directory
  }

  /// The callback as the bash script makes it for the last of `words`, whose `argument` is being completed.
  private func complete(
    _ argument: String, command: [String], words: [String], in directory: String
  ) throws -> CommandResult {
    try OKRCommand.run(
      ["---completion"] + command + ["--", argument, "\(words.count - 1)", "0"] + words, in: directory)
  }

  @Test func eachOptionIsOfferedTheRepositorysNames() throws {
    let directory = try repository()
    let cases: [(String, [String], [String], String)] = [
      ("--team", ["status"], ["okr", "status", "--team", ""], "growth\nweb\n"),
      ("--quarter", ["score"], ["okr", "score", "--quarter", ""], "2026-Q2\n2026-Q3\n"),
      ("--kr", ["history"], ["okr", "history", "--kr", ""], "O1/KR1\nO1/KR2\nO2/KR1\n"),
      ("--template", ["init"], ["okr", "init", "--template", ""], "kanban\npersonal\nproduct\nretro\n"),
      ("--team", ["checkin", "record"], ["okr", "checkin", "record", "--team", ""], "growth\nweb\n"),
      ("--quarter", ["checkin", "import"], ["okr", "checkin", "import", "--quarter", ""], "2026-Q2\n2026-Q3\n"),
    ]
    for (argument, command, words, expected) in cases {
      let result = try complete(argument, command: command, words: words, in: directory.path)
      #expect(result.standardOutput == expected, "\(words)")
      #expect(result.standardError == "")
      #expect(result.status == 0)
    }
  }

  /// `--kr` offers the key results of the `--team` on the line, and of its `--quarter` when one is given.
  @Test func keyResultsFollowTheTeamAndQuarterOnTheLine() throws {
    let directory = try repository()
    try directory.write(
      "okrs/2026-Q3/growth.yaml",
      """
      quarter: 2026-Q3
      team: growth
      objectives:
        - id: O3
          title: Grow
          key_results:
            - {id: KR4, title: Reach ten, baseline: 0, target: 10}

      """)
    let growth = try complete(
      "--kr", command: ["history"], words: ["okr", "history", "--team", "growth", "--kr", ""], in: directory.path)
    #expect(growth.standardOutput == "O1/KR1\nO1/KR2\nO2/KR1\nO3/KR4\n")
    let growthInQ3 = try complete(
      "--kr", command: ["history"],
      words: ["okr", "history", "--quarter=2026-Q3", "--team", "growth", "--kr", ""], in: directory.path)
    #expect(growthInQ3.standardOutput == "O3/KR4\n")
  }

  /// `checkin record`'s per-key-result words: the options, and after `--kr` and `--confidence` their values.
  @Test func checkinRecordOffersItsPerKeyResultOptions() throws {
    let directory = try repository()
    func offered(_ words: [String]) throws -> String {
      try complete(
        "positional@0", command: ["checkin", "record"], words: ["okr", "checkin", "record"] + words,
        in: directory.path
      ).standardOutput
    }
    #expect(try offered(["--team", "web", "--kr", ""]) == "O1/KR1\nO1/KR2\nO2/KR1\n")
    #expect(
      try offered(["--team", "web", "--kr", "O1/KR1", ""]) == "--kr\n--value\n--done\n--confidence\n--note\n--blocker\n"
    )
    #expect(
      try offered(["--team", "web", "--kr", "O1/KR1", "--confidence", ""])
        == (0...10).map { "\($0)\n" }.joined() + "green\nyellow\nred\n")
    #expect(try offered(["--team", "web", "--kr", "O1/KR1", "--note", ""]) == "")
  }

  /// `--repo` on the line is read as the shell wrote it, quotes and all; elsewhere there is nothing to offer.
  @Test func theRepoOnTheLineIsTheOneRead() throws {
    let directory = try repository(at: "my okrs")
    let elsewhere = try TemporaryDirectory()
    for repo in ["'\(directory.path)/my okrs'", "\"\(directory.path)/my okrs\"", "\(directory.path)/my\\ okrs"] {
      let result = try complete(
        "--team", command: ["status"], words: ["okr", "status", "--repo", repo, "--team", ""], in: elsewhere.path)
      #expect(result.standardOutput == "growth\nweb\n", "\(repo)")
    }
    let none = try complete("--team", command: ["status"], words: ["okr", "status", "--team", ""], in: elsewhere.path)
    #expect(none.standardOutput == "")
    #expect(none.standardError == "")
    #expect(none.status == 0)
  }

  /// A repository that cannot be read offers nothing and says nothing: a completion never fails loudly.
  @Test func aBrokenRepositoryOffersNothingQuietly() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q3/web.yaml", "quarter: [\n")
    try directory.write("okr.yaml", "alerts: {\n")
    for (argument, words) in [
      ("--team", ["okr", "status", "--team", ""]), ("--quarter", ["okr", "status", "--quarter", ""]),
      ("--kr", ["okr", "status", "--kr", ""]),
    ] {
      let command = argument == "--kr" ? ["history"] : ["status"]
      var line = words
      line[1] = command[0]
      let result = try complete(argument, command: command, words: line, in: directory.path)
      #expect(result.standardOutput == "")
      #expect(result.standardError == "")
      #expect(result.status == 0)
    }
  }

  /// bash, asked as a person pressing Tab would: its script sourced, `_okr` called with COMP_WORDS set.
  ///
  /// zsh and fish are typed into through tmux by the same script from check-packaging.sh, on the installed
  /// okr; not from here, where a tmux server started under the test runner outlives the check.
  @Test(.enabled(if: Tool.find("bash") != nil, "needs bash"))
  func bashOffersTheRepositorysNames() throws {
    let result = try OKRCommand.run(
      [PackagePaths.path("Scripts/check-completions.sh"), PackagePaths.okrBinary, "bash"], executable: "/usr/bin/env")
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.hasSuffix("check-completions: all passed\n"), "\(result.standardError)")
    #expect(!result.standardError.contains("FAIL"))
  }
}
