import Foundation
import OKRFiles
import TestSupport
import Testing

/// A writer killed anywhere loses nothing and blocks nobody.
///
/// `okr-stopped-writer` runs the real ``CheckinLogWriter`` in its own process
/// and ends that process, with no cleanup, at the stage a test names, as a
/// crash or `kill -9` would.
@Suite struct CheckinLogWriterTests {
  static let existingLog = "team: growth\nquarter: 2026-Q1\nweek: 1\n# a comment people wrote\n"

  private func log(_ directory: TemporaryDirectory) -> String { directory.path + "/checkins/2026-Q1/growth.yaml" }

  private func repository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("checkins/2026-Q1/growth.yaml", Self.existingLog)
    return directory
  }

  private func stoppedWriter(at stage: CheckinLogWriter.Stage, on log: String) throws -> CommandResult {
    try OKRCommand.run(
      [log, stage.rawValue], executable: PackagePaths.builtExecutable("okr-stopped-writer"))
  }

  /// A writer killed while it holds the lock leaves the lock file behind, but the kernel released the
  /// lock itself: the next writer appends at once.
  @Test func aWriterKilledHoldingTheLockNeverBlocksTheNext() throws {
    let directory = try repository()
    let crashed = try stoppedWriter(at: .lockHeld, on: log(directory))
    #expect(crashed.status == 137, "\(crashed.standardError)")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    let lock = log(directory) + ".lock"
    #expect(FileManager.default.fileExists(atPath: lock))
    // A lock really held would make this writer wait its whole timeout and fail.
    try CheckinLogWriter(lockTimeout: 5).append("---\nweek: 2\n", to: log(directory))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog + "---\nweek: 2\n")
    #expect(!FileManager.default.fileExists(atPath: lock))
  }

  /// A writer killed before its rename leaves the log as it was; its temporary file is removed by
  /// the next writer of the same log, which appends normally.
  @Test func aWriterKilledBeforeTheRenameLeavesTheLogAsItWasAndNothingBehind() throws {
    let directory = try repository()
    let crashed = try stoppedWriter(at: .beforeRename, on: log(directory))
    #expect(crashed.status == 137, "\(crashed.standardError)")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    let folder = directory.path + "/checkins/2026-Q1"
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.contains(".okr-tmp-") })
    try CheckinLogWriter().append("---\nweek: 2\n", to: log(directory))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["growth.yaml"])
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog + "---\nweek: 2\n")
  }

  /// Stages are passed in order, once each, on every append.
  @Test func anAppendPassesEachStageInOrder() throws {
    let directory = try repository()
    let seen = StageLog()
    let writer = CheckinLogWriter(onStage: { seen.append($0) })
    try writer.append("---\nweek: 2\n", to: log(directory))
    #expect(seen.stages == CheckinLogWriter.Stage.allCases)
  }

  /// An append to several logs locks them all, writes every temporary file, and only then renames
  /// each: the stages say so, in that order.
  @Test func anAppendToSeveralLogsRenamesOnlyOnceEveryOneIsWritten() throws {
    let directory = try repository()
    let seen = StageLog()
    let writer = CheckinLogWriter(onStage: { seen.append($0) })
    let folder = directory.path + "/checkins/2026-Q1/"
    try writer.append(to: [folder + "web.yaml", folder + "growth.yaml", folder + "web.yaml"]) { positions, _ in
      positions.map { "---\nweek: \($0)\n" }.joined()
    }
    #expect(seen.stages == [.beforeLocks, .lockHeld, .beforeRename, .afterRename, .afterRename])
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog + "---\nweek: 1\n")
    #expect(try directory.read("checkins/2026-Q1/web.yaml") == "---\nweek: 0\n---\nweek: 2\n")
  }

  /// A rename that fails after another log was renamed puts that log back as it was: all or nothing.
  @Test func aFailedRenamePutsBackTheLogsRenamedBeforeIt() throws {
    let directory = try repository()
    let folder = directory.path + "/checkins/2026-Q1"
    // Between the two renames, something takes the second log's name: its rename fails.
    let writer = CheckinLogWriter(onStage: { stage in
      if stage == .afterRename { mkdir(folder + "/web.yaml", 0o755) }
    })
    #expect(throws: CheckinLogWriter.AppendError.io(path: folder + "/web.yaml", reason: "is a directory")) {
      try writer.append(to: [folder + "/growth.yaml", folder + "/web.yaml"]) { _, _ in "---\nweek: 2\n" }
    }
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["growth.yaml", "web.yaml"])
  }

  /// A log that cannot be put back is named, and is the only case in which a log keeps new documents.
  @Test func aLogThatCannotBePutBackIsNamed() throws {
    let directory = try repository()
    let folder = directory.path + "/checkins/2026-Q1"
    // Between the renames, both names are taken by folders the writer cannot rename a file over.
    let writer = CheckinLogWriter(onStage: { stage in
      guard stage == .afterRename else { return }
      rename(folder + "/growth.yaml", folder + "/moved.yaml")
      mkdir(folder + "/growth.yaml", 0o755)
      mkdir(folder + "/growth.yaml/inside", 0o755)
      mkdir(folder + "/web.yaml", 0o755)
    })
    let error = #expect(throws: CheckinLogWriter.AppendError.self) {
      try writer.append(to: [folder + "/growth.yaml", folder + "/web.yaml"]) { _, _ in "---\nweek: 2\n" }
    }
    #expect(
      error == .partlyWritten(path: folder + "/web.yaml", reason: "is a directory", kept: [folder + "/growth.yaml"]))
    #expect(
      error?.description
        == "cannot write '\(folder)/web.yaml': is a directory; '\(folder)/growth.yaml' could not be put back and keeps the new check-ins"
    )
    #expect(try directory.read("checkins/2026-Q1/moved.yaml") == Self.existingLog + "---\nweek: 2\n")
  }

  /// A log that would be the only one changed is left alone when `build` gives nothing for it.
  @Test func aLogGivenNothingIsNotRewritten() throws {
    let directory = try repository()
    let seen = StageLog()
    let log = log(directory)
    let before = try FileManager.default.attributesOfItem(atPath: log)[.modificationDate] as? Date
    try CheckinLogWriter(onStage: { seen.append($0) }).append(to: [log]) { _, _ in "" }
    #expect(seen.stages == [.beforeLocks, .lockHeld, .beforeRename])
    #expect(try FileManager.default.attributesOfItem(atPath: log)[.modificationDate] as? Date == before)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }
}

/// The stages a writer reported, from its `@Sendable` callback.
private final class StageLog: @unchecked Sendable {
  private let lock = NSLock()
  private var reported: [CheckinLogWriter.Stage] = []

  func append(_ stage: CheckinLogWriter.Stage) { lock.withLock { reported.append(stage) } }
  var stages: [CheckinLogWriter.Stage] { lock.withLock { reported } }
}
