import Foundation
import TestSupport
import Testing

/// Recording under faults: a full disk and a read-only folder each give a clear
/// error and leave the log byte for byte as it was. (A stale lock and a log
/// with a broken last document are in CheckinRecordTests.)
@Suite(.serialized) struct FaultTests {
  /// Mounting a tmpfs needs root and a kernel that allows it in this sandbox.
  static let canMount: Bool = {
    guard getuid() == 0 else { return false }
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("okr-mount-probe-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", probe]) == 0 else {
      return false
    }
    _ = run("umount", [probe])
    return true
  }()

  /// Runs `tool`, found on `PATH`; -1 when there is no such tool.
  @discardableResult
  static func run(_ tool: String, _ arguments: [String]) -> Int32 {
    guard let path = Tool.find(tool) else { return -1 }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }

  private static let quarterFile = """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: T
        key_results:
          - {id: KR1, title: K, baseline: 0, target: 100}

    """

  /// A repository whose checkins/ folder is a small tmpfs holding `log`.
  private func repository(log: String, size: String) throws -> (TemporaryDirectory, String) {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.quarterFile)
    let mount = directory.path + "/checkins"
    try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
    #expect(Self.run("mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mount]) == 0)
    try directory.write("checkins/2026-Q1/growth.yaml", log)
    return (directory, mount)
  }

  private func record(in directory: TemporaryDirectory) throws -> CommandResult {
    try OKRCommand.run(
      ["checkin", "record", "--team", "growth", "--as-of", "2026-03-06", "--kr", "O1/KR1", "--value", "50"],
      in: directory.path)
  }

  private static func log(documents: Int) -> String {
    (1...documents).map { index in
      "---\nteam: growth\nquarter: 2026-Q1\nweek: 2026-W\(String(format: "%02d", index % 9 + 1))\nkey_results: {O1/KR1: {value: \(index % 100), note: \"padding padding padding padding\"}}\n"
    }.joined()
  }

  @Test(.enabled(if: canMount, "needs root and tmpfs mounts; skipped"))
  func aFullDiskLeavesTheLogAsItWas() throws {
    let log = Self.log(documents: 400)
    let (directory, mount) = try repository(log: log, size: "\(log.utf8.count + 8192)")
    defer { Self.run("umount", ["-l", mount]) }
    let result = try record(in: directory)
    #expect(result.status == 74)
    #expect(result.standardError.contains("no space left on device"))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == log)
    // No temporary file and no lock are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: mount + "/2026-Q1") == ["growth.yaml"])
  }

  /// An import whose second log does not fit on the disk writes neither: every temporary file is
  /// written before any log is replaced.
  @Test(.enabled(if: canMount, "needs root and tmpfs mounts; skipped"))
  func aFullDiskOnTheSecondTeamLeavesEveryLogAsItWas() throws {
    let webLog = Self.log(documents: 400).replacingOccurrences(of: "team: growth", with: "team: web")
    let growthLog = Self.log(documents: 3)
    // Room for both logs and the first team's new one, not for the second's.
    let (directory, mount) = try repository(log: growthLog, size: "\(webLog.utf8.count + 24_576)")
    defer { Self.run("umount", ["-l", mount]) }
    try directory.write(
      "okrs/2026-Q1/web.yaml", Self.quarterFile.replacingOccurrences(of: "team: growth", with: "team: web"))
    try directory.write("checkins/2026-Q1/web.yaml", webLog)
    try directory.write("week.csv", "team,kr,value\ngrowth,O1/KR1,50\nweb,O1/KR1,60\n")
    let result = try OKRCommand.run(["checkin", "import", "week.csv", "--as-of", "2026-03-06"], in: directory.path)
    #expect(result.status == 74)
    #expect(
      result.standardError == """
        error: cannot write 'checkins/2026-Q1/web.yaml': no space left on device
        nothing was recorded

        """)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == growthLog)
    #expect(try directory.read("checkins/2026-Q1/web.yaml") == webLog)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: mount + "/2026-Q1").sorted() == ["growth.yaml", "web.yaml"])
  }

  @Test(.enabled(if: canMount, "needs root and tmpfs mounts; skipped"))
  func aReadOnlyFolderLeavesTheLogAsItWas() throws {
    let log = Self.log(documents: 3)
    let (directory, mount) = try repository(log: log, size: "1m")
    defer { Self.run("umount", ["-l", mount]) }
    #expect(Self.run("mount", ["-o", "remount,ro", mount]) == 0)
    let result = try record(in: directory)
    #expect(result.status == 74)
    #expect(result.standardError.contains("read-only file system"))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == log)
  }
}
