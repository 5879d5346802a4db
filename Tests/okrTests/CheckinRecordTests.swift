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

  /// Records in process: the writer is the library's either way; races between processes start the binary.
  private func record(_ arguments: [String], in directory: TemporaryDirectory) throws -> CommandResult {
    InProcess.run(
      ["checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "maria"] + arguments,
      in: directory.path)
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
    let lint = InProcess.run(["lint", "--strict"], in: directory.path)
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

  /// A check-in that would push the log past --max-file-size is refused: every command would refuse the log after.
  @Test func aCheckinThatWouldPushTheLogOverTheSizeLimitIsRefused() throws {
    let padded =
      Self.existingLog + "\n# " + String(repeating: "p", count: (1 << 20) - Self.existingLog.utf8.count - 200) + "\n"
    let directory = try repository(log: padded)
    let result = try record(
      ["--max-file-size", "1", "--kr", "O1/KR1", "--value", "41", "--note", String(repeating: "n", count: 300)],
      in: directory)
    #expect(
      result.standardError
        == "error: 'checkins/2026-Q1/growth.yaml' would grow to 1.1 MiB, larger than the limit of 1 MiB on the files okr reads; raise it with --max-file-size\n"
    )
    #expect(result.status == 1)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == padded)
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

  /// Standard input belongs to the process: the binary's, a file here, never the test runner's.
  @Test func withoutATerminalAndWithoutKeyResultsItIsAUsageError() throws {
    let directory = try repository()
    let result = try OKRCommand.run(
      ["checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "maria"], in: directory.path)
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

  /// A lock file that names a live process which holds no lock (a reused PID) is no lock.
  @Test func aLockFileNamingALiveProcessThatHoldsNoLockIsNoLock() throws {
    let directory = try repository()
    try directory.write("checkins/2026-Q1/growth.yaml.lock", "1\n")
    let next = try record(["--kr", "O1/KR1", "--value", "42"], in: directory)
    #expect(next.status == 0, "\(next.standardError)")
  }

  /// A lock held by a live writer is waited for, not broken.
  @Test(.enabled(if: Tool.find("flock") != nil, "needs util-linux's flock(1) to hold the lock"))
  func aHeldLockIsWaitedFor() throws {
    let directory = try repository()
    let lock = directory.path + "/checkins/2026-Q1/growth.yaml.lock"
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: try #require(Tool.find("flock")))
    holder.arguments = [lock, "sleep", "1"]
    try holder.run()
    usleep(200_000)
    let next = try record(["--kr", "O1/KR1", "--value", "42"], in: directory)
    holder.waitUntilExit()
    #expect(next.status == 0, "\(next.standardError)")
  }

  /// Two people recording different milestones at once both land: "done so far" is counted under
  /// the lock, from the log as the second writer finds it.
  @Test func concurrentMilestonesAreNeverLost() throws {
    let quarter = """
      quarter: 2026-Q1
      team: growth
      objectives:
        - id: O1
          title: T
          key_results:
            - {id: KR1, title: K, type: milestones, milestones: [{title: A}, {title: B}, {title: C}]}

      """
    for trial in 0..<10 {
      let directory = try TemporaryDirectory()
      try directory.write("okrs/2026-Q1/growth.yaml", quarter)
      let writers = try ["A", "B"].map { milestone in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.okrBinary)
        process.arguments = [
          "checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--kr", "O1/KR1", "--done", milestone,
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
      }
      for writer in writers { writer.waitUntilExit() }
      #expect(writers.map(\.terminationStatus) == [0, 0])
      let last = try #require(try documents(directory).last)
      let done = last["key_results"]?["O1/KR1"]?["milestones_done"]?.items?.compactMap(\.scalarText)
      #expect(done == ["A", "B"], "trial \(trial)")
    }
  }

  /// Every option belongs to a key result; anything else is refused and nothing is written.
  @Test(arguments: [
    (["--confidence", "2", "--kr", "O1/KR1", "--value", "44"], "'--confidence' comes before any --kr"),
    (["--kr", "O1/KR1", "--value", "44", "--vlaue", "45"], "unknown option '--vlaue'; did you mean '--value'?"),
    (["--kr", "O1/KR1", "--value", "44", "--value", "45"], "'--value' is given twice for 'O1/KR1'"),
    (["--kr", "O1/KR1", "--value"], "missing value for '--value'"),
    (["--kr", "O1/KR1", "44"], "unexpected argument '44'"),
  ])
  func inputIsNeverDropped(_ arguments: [String], _ message: String) throws {
    let directory = try repository()
    let result = try record(arguments, in: directory)
    #expect(result.status == 64)
    #expect(result.standardError.contains(message), "\(result.standardError)")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }

  /// A boolean's done given twice is refused, not decided by the last one.
  @Test func doneTwiceForABooleanIsRefused() throws {
    let directory = try repository()
    let result = try record(["--kr", "O1/KR2", "--done", "true", "--done", "false"], in: directory)
    #expect(result.status == 1)
    #expect(result.standardError.contains("done for 'O1/KR2' is given 2 times; give it once, true or false"))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }

  /// Negative numbers need no `=`: net change, margins and deltas go below zero.
  @Test(arguments: [["--value", "-1"], ["--value=-1"], ["--value", "-0.5"]])
  func negativeValues(_ value: [String]) throws {
    let directory = try repository()
    let result = try record(
      ["--kr", "O1/KR1"] + value + ["--confidence", "5", "--note", "-dashes- in a note"], in: directory)
    #expect(result.status == 0, "\(result.standardError)")
    let entry = try #require(try documents(directory).last?["key_results"]?["O1/KR1"])
    #expect(entry["value"]?.scalarText == value.last!.replacingOccurrences(of: "--value=", with: ""))
    #expect(entry["note"]?.scalarText == "-dashes- in a note")
  }

  /// Emoji and other characters beyond the Basic Multilingual Plane are stored as written, so a
  /// pull-request diff shows them; a backslash-U the person typed stays text.
  @Test func notesKeepEmojiAsWritten() throws {
    let directory = try repository()
    let note = #"Launch 🚀 done 👩🏽‍💻; path C:\U0001F680 stays"#
    #expect(try record(["--kr", "O1/KR1", "--value", "44", "--note", note], in: directory).status == 0)
    let log = try directory.read("checkins/2026-Q1/growth.yaml")
    #expect(log.contains("🚀 done 👩🏽‍💻"))
    #expect(!log.contains(#"\U0001F469"#))
    #expect(try documents(directory).last?["key_results"]?["O1/KR1"]?["note"]?.scalarText == note)
  }

  /// A lock "file" planted as a link to someone's file is refused; the file is never truncated.
  @Test func aPlantedLockLinkNeverWritesThroughIt() throws {
    let directory = try repository()
    let victim = try TemporaryDirectory()
    try victim.write("precious.txt", "precious\n")
    #expect(symlink(victim.path + "/precious.txt", directory.path + "/checkins/2026-Q1/growth.yaml.lock") == 0)
    let result = try record(["--kr", "O1/KR1", "--value", "44"], in: directory)
    #expect(result.status == 74)
    #expect(result.standardError.contains("the lock file is a symbolic link; remove it"))
    #expect(try victim.read("precious.txt") == "precious\n")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    // A hard link to it is refused the same way.
    try FileManager.default.removeItem(atPath: directory.path + "/checkins/2026-Q1/growth.yaml.lock")
    #expect(link(victim.path + "/precious.txt", directory.path + "/checkins/2026-Q1/growth.yaml.lock") == 0)
    #expect(try record(["--kr", "O1/KR1", "--value", "44"], in: directory).status == 74)
    #expect(try victim.read("precious.txt") == "precious\n")
  }

  /// A log linked to a file outside the repository is not written: a link anyone can commit must
  /// not make okr write elsewhere on the machine.
  @Test func aLogLinkedOutsideTheRepositoryIsRefused() throws {
    let directory = try repository(log: nil)
    let outside = try TemporaryDirectory()
    try outside.write("log.yaml", Self.existingLog)
    try FileManager.default.createDirectory(
      atPath: directory.path + "/checkins/2026-Q1", withIntermediateDirectories: true)
    #expect(symlink(outside.path + "/log.yaml", directory.path + "/checkins/2026-Q1/growth.yaml") == 0)
    let result = try record(["--kr", "O1/KR1", "--value", "44"], in: directory)
    #expect(result.status == 74)
    #expect(result.standardError.contains("outside the repository"))
    #expect(try outside.read("log.yaml") == Self.existingLog)
  }

  /// A log that is a symbolic link is updated where it points, and keeps its permissions.
  @Test func aSymlinkedLogIsWrittenThroughAndKeepsItsMode() throws {
    let directory = try repository(log: nil)
    try directory.write("shared/growth.yaml", Self.existingLog)
    let target = directory.path + "/shared/growth.yaml"
    chmod(target, 0o600)
    try FileManager.default.createDirectory(
      atPath: directory.path + "/checkins/2026-Q1", withIntermediateDirectories: true)
    let link = directory.path + "/checkins/2026-Q1/growth.yaml"
    #expect(symlink("../../shared/growth.yaml", link) == 0)
    #expect(try record(["--kr", "O1/KR1", "--value", "44"], in: directory).status == 0)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../../shared/growth.yaml")
    let written = try directory.read("shared/growth.yaml")
    #expect(written.hasPrefix(Self.existingLog))
    #expect(written.contains("value: 44"))
    var info = stat()
    #expect(stat(target, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)
  }

  /// A check-in lands in the cycle the reports show for its day: the calendar quarter before a
  /// custom cycle that also contains the day.
  @Test func aCheckinLandsInTheCycleTheReportsShow() throws {
    let directory = try repository(log: nil)
    try directory.write(
      "okrs/2026-H1/growth.yaml",
      Self.quarterFile.replacingOccurrences(
        of: "quarter: 2026-Q1", with: "period: {start: 2026-01-01, end: 2026-06-30}"))
    #expect(try record(["--kr", "O1/KR1", "--value", "44"], in: directory).status == 0)
    #expect(FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q1/growth.yaml"))
    let status = InProcess.run(["status", "--as-of", "2026-01-16", "--format", "json"], in: directory.path)
    #expect(status.standardOutput.contains("\"quarter\" : \"2026-Q1\""))
    #expect(status.standardOutput.contains("\"actual\" : 44"))
  }

  @Test func aBrokenLogIsNotAppendedTo() throws {
    let broken = Self.existingLog + "---\nteam: growth\nkey_results: {O1/KR1: {value: [unclosed\n"
    let directory = try repository(log: broken)
    let result = try record(["--kr", "O1/KR1", "--value", "41"], in: directory)
    #expect(result.status == 1)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == broken)
  }

  /// util-linux's `script` (macOS's takes other arguments) gives okr a pseudo-terminal.
  static let utilLinuxScript: String? = {
    guard let script = Tool.find("script"),
      (try? OKRCommand.run(["--version"], executable: script))?.standardOutput
        .contains("util-linux") == true
    else { return nil }
    return script
  }()

  @Test(.enabled(if: utilLinuxScript != nil, "needs util-linux's script for a pseudo-terminal"))
  func interactiveRecordingOnATerminal() throws {
    let directory = try repository()
    // `script` gives okr a pseudo-terminal; the answers arrive on it line by line.
    let command = [
      PackagePaths.okrBinary, "checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "ana",
    ]
    .map { "'\($0)'" }.joined(separator: " ")
    let answers = "abc\n43\n\nsteady\n\n\ny\n4\nreview slipped\ndesign\n"
    let result = try OKRCommand.run(
      ["-qec", command, "/dev/null"], in: directory.path, input: answers, executable: Self.utilLinuxScript!)
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
