import Foundation
import TestSupport
import Testing
import YAMLKit

/// `okr checkin record`: validation before writing, appends only, locking, crashes.
@Suite struct CheckinRecordTests {
  static let quarterFile = """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: Customers get started without support
        key_results:
          - {id: KR1, title: Onboarding rate, baseline: 35, target: 65, unit: "%"}
          - {id: KR2, title: Onboarding emails, type: boolean}
          - id: KR3
            title: Contextual help
            type: milestones
            milestones:
              - {title: Design approved, done: true}
              - {title: Tooltips live, weight: 2}

    """
  static let existingLog = """
    # Hand-written history: okr must keep these bytes exactly.
    ---
    team: growth
    quarter: 2026-Q1
    week: 2026-W02
    key_results:
      O1/KR1: {value: 36, confidence: 6}   # a comment that stays
    """

  private func repository(log: String? = existingLog) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    try directory.write("okrs/2026-Q1/growth.yaml", Self.quarterFile)
    if let log { try directory.write("checkins/2026-Q1/growth.yaml", log) }
    return directory
  }

  private func record(_ arguments: [String], in directory: TemporaryDirectory, environment: [String: String] = [:])
    throws -> CommandResult
  {
    try OKRCommand.run(
      ["checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "maria"] + arguments,
      in: directory.path, environment: environment)
  }

  private func documents(_ directory: TemporaryDirectory) throws -> [Node] {
    let stream = YAMLParser.parse(try directory.read("checkins/2026-Q1/growth.yaml"))
    #expect(stream.errors.isEmpty)
    return stream.documents.map(\.root)
  }

  @Test func recordsSeveralKeyResultsAndKeepsTheOldBytesAsAPrefix() throws {
    let directory = try repository()
    let result = try record(
      [
        "--kr", "O1/KR1", "--value", "41", "--confidence", "7", "--note", "Funnel live", "--blocker", "quota",
        "--kr", "O1/KR2", "--done", "true", "--confidence", "green", "--kr", "O1/KR3", "--done", "Tooltips live",
      ], in: directory)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput
        == "recorded 3 key results for growth in 2026-W03 (2026-01-16) in checkins/2026-Q1/growth.yaml\n")
    let log = try directory.read("checkins/2026-Q1/growth.yaml")
    #expect(log.hasPrefix(Self.existingLog))
    #expect(
      String(log.dropFirst(Self.existingLog.count)) == """

        ---
        team: growth
        quarter: 2026-Q1
        week: 2026-W03
        date: 2026-01-16
        by: maria
        key_results:
          O1/KR1:
            value: 41
            confidence: 7
            note: Funnel live
            blockers:
            - quota
          O1/KR2:
            done: true
            confidence: green
          O1/KR3:
            milestones_done:
            - Design approved
            - Tooltips live

        """)
    let lint = try OKRCommand.run(["lint", "--strict"], in: directory.path)
    #expect(lint.status == 0)
    #expect(lint.standardError == "")
  }

  @Test(arguments: [
    "colon: inside", "# hash first", "'single' \"double\"", "  leading spaces", "two\nlines", "emoji 🚀 ünïcödé",
    "true", "no", "42", "- dash", "null", "{braces}", "tab\tinside", "trailing newline\n",
  ])
  func awkwardNotesReadBackExactly(_ note: String) throws {
    let directory = try repository(log: nil)
    // `--note=...`: a value that starts with '-' would otherwise read as an option.
    let result = try record(["--kr", "O1/KR1", "--value", "40", "--note=\(note)"], in: directory)
    #expect(result.status == 0)
    let documents = try documents(directory)
    #expect(documents.count == 1)
    #expect(documents[0]["key_results"]?["O1/KR1"]?["note"]?.resolvedScalar == .string(note))
  }

  @Test func aBadValueIsRefusedAndNothingIsWritten() throws {
    let directory = try repository()
    let result = try record(
      [
        "--kr", "O1/KR1", "--value", "forty", "--confidence", "11", "--kr", "O1/KR2", "--value", "1", "--kr",
        "O1/KR9", "--value", "2", "--kr", "O1/KR3", "--done", "Tooltip live",
      ], in: directory)
    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError == """
        error: confidence for 'O1/KR1' must be 0 to 10 or green, yellow, red, not '11'
        error: value for 'O1/KR1' must be a number, not 'forty'
        error: 'O1/KR2' is a boolean key result: record done true or false, not a value
        error: team 'growth' has no key result 'O1/KR9' in 2026-Q1; did you mean 'O1/KR1'?
        error: 'O1/KR3' has no milestone 'Tooltip live'; did you mean 'Tooltips live'?
        nothing was recorded

        """)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }

  @Test func withoutATerminalAndWithoutKeyResultsItIsAUsageError() throws {
    let directory = try repository()
    let result = try record([], in: directory)
    #expect(result.status == 64)
    #expect(result.standardError.contains("no --kr given and standard input is not a terminal"))
  }

  @Test func twentyWritersAtOnceAllLand() throws {
    let directory = try repository()
    let processes = try (0..<20).map { index -> Process in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: PackagePaths.okrBinary)
      process.arguments = [
        "checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "writer\(index)", "--kr", "O1/KR1",
        "--value", "\(40 + index)",
      ]
      process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    for process in processes { process.waitUntilExit() }
    #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 20))
    let log = try directory.read("checkins/2026-Q1/growth.yaml")
    #expect(log.hasPrefix(Self.existingLog))
    let writers = try documents(directory).compactMap { $0["by"]?.scalarText }
    #expect(Set(writers) == Set((0..<20).map { "writer\($0)" }))
    #expect(writers.count == 20)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q1/growth.yaml.lock"))
  }

  @Test func aWriterKilledBeforeTheRenameLeavesTheLogAsItWasAndItsLockIsReportedStale() throws {
    let directory = try repository()
    let crashed = try record(
      ["--kr", "O1/KR1", "--value", "41"], in: directory, environment: ["OKR_FAULT_INJECTION": "crash-before-rename"])
    #expect(crashed.status == 137)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    let lock = directory.path + "/checkins/2026-Q1/growth.yaml.lock"
    #expect(FileManager.default.fileExists(atPath: lock))
    let next = try record(["--kr", "O1/KR1", "--value", "42"], in: directory)
    #expect(next.status == 1)
    #expect(next.standardError.contains("which is no longer running (killed while recording?)"))
    #expect(next.standardError.contains("rm '\(lock)'"))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    try FileManager.default.removeItem(atPath: lock)
    #expect(try record(["--kr", "O1/KR1", "--value", "42"], in: directory).status == 0)
  }

  @Test func aBrokenLogIsNotAppendedTo() throws {
    let broken = Self.existingLog + "---\nteam: growth\nkey_results: {O1/KR1: {value: [unclosed\n"
    let directory = try repository(log: broken)
    let result = try record(["--kr", "O1/KR1", "--value", "41"], in: directory)
    #expect(result.status == 1)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == broken)
  }

  @Test func interactiveRecordingOnATerminal() throws {
    let directory = try repository()
    // `script` gives okr a pseudo-terminal; the answers arrive on it line by line.
    let command = [
      PackagePaths.okrBinary, "checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "ana",
    ]
    .map { "'\($0)'" }.joined(separator: " ")
    let answers = "abc\n43\n\nsteady\n\n\ny\n4\nreview slipped\ndesign\n"
    let result = try OKRCommand.run(
      ["-qec", command, "/dev/null"], in: directory.path, input: answers, executable: "/usr/bin/script")
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("a number, please"))
    #expect(result.standardOutput.contains("value (last 36%)"))
    #expect(result.standardOutput.contains("Enter keeps 6"))
    let last = try #require(try documents(directory).last)
    #expect(last["by"]?.scalarText == "ana")
    let keyResults = try #require(last["key_results"])
    #expect(keyResults["O1/KR1"]?["value"]?.resolvedScalar == .int(43))
    #expect(keyResults["O1/KR1"]?["confidence"]?.resolvedScalar == .int(6))
    #expect(keyResults["O1/KR1"]?["note"]?.scalarText == "steady")
    #expect(keyResults["O1/KR2"] == nil)
    #expect(
      keyResults["O1/KR3"]?["milestones_done"]?.items?.compactMap(\.scalarText) == ["Design approved", "Tooltips live"])
    #expect(keyResults["O1/KR3"]?["blockers"]?.items?.compactMap(\.scalarText) == ["design"])
  }
}
