import Foundation
import TestSupport
import Testing
import YAMLKit

/// `okr checkin import`: a week of numbers from a spreadsheet in one command.
@Suite struct CheckinImportTests {
  private func repository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", CheckinRecordTests.quarterFile)
    try directory.write(
      "okrs/2026-Q1/web.yaml",
      CheckinRecordTests.quarterFile.replacingOccurrences(of: "team: growth", with: "team: web"))
    try directory.write("checkins/2026-Q1/growth.yaml", CheckinRecordTests.existingLog)
    return directory
  }

  private func entries(_ directory: TemporaryDirectory, _ team: String) throws -> [Node] {
    let stream = YAMLParser.parse(try directory.read("checkins/2026-Q1/\(team).yaml"))
    #expect(stream.errors.isEmpty)
    return stream.documents.map(\.root)
  }

  @Test func quotedCommasLineBreaksAndQuotesInNotesArriveIntact() throws {
    let directory = try repository()
    try directory.write(
      "week.csv",
      "note,kr,team,value,confidence,date,done\r\n"
        + "\"Trials up, pricing live\nsecond line \"\"quoted\"\"\",O1/KR1,growth,41,7,2026-01-16,\r\n"
        + ",O1/KR2,growth,,green,2026-01-16,true\r\n"
        + "\"\",O1/KR3,web,,5,2026-01-16,Tooltips live\r\n")
    let result = InProcess.run(["checkin", "import", "week.csv", "--by", "sheet"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml").hasPrefix(CheckinRecordTests.existingLog))
    let growth = try #require(try entries(directory, "growth").last)
    #expect(growth["by"]?.scalarText == "sheet")
    #expect(growth["key_results"]?["O1/KR1"]?["note"]?.scalarText == "Trials up, pricing live\nsecond line \"quoted\"")
    #expect(growth["key_results"]?["O1/KR1"]?["value"]?.scalarText == "41")
    #expect(growth["key_results"]?["O1/KR2"]?["done"]?.resolvedScalar == .bool(true))
    let web = try #require(try entries(directory, "web").last)
    #expect(
      web["key_results"]?["O1/KR3"]?["milestones_done"]?.items?.compactMap(\.scalarText) == [
        "Design approved", "Tooltips live",
      ])
  }

  /// One wrong row stops the whole import, and every problem points at its cell.
  @Test func aWrongRowAmongRightOnesWritesNothing() throws {
    let directory = try repository()
    try directory.write(
      "week.csv",
      "team,kr,value,confidence\ngrowth,O1/KR1,41,7\ngrowth,O1/KR9,42,7\nweb,O1/KR1,forty,7\nweb,O1/KR1,1,12\n")
    let result = InProcess.run(["checkin", "import", "week.csv", "--as-of", "2026-01-16"], in: directory.path)
    #expect(result.status == 1)
    let lines = result.standardError.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("week.csv:3:8: error: team 'growth' has no key result 'O1/KR9'") })
    #expect(lines.contains { $0.hasPrefix("week.csv:4:12: error: value for 'O1/KR1' must be a number, not 'forty'") })
    #expect(lines.contains { $0.hasPrefix("week.csv:5:5: error: key result 'O1/KR1' has two rows") })
    #expect(lines.last == "nothing was recorded")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == CheckinRecordTests.existingLog)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q1/web.yaml"))
  }

  /// A file named relative to the working directory is read from there; an empty name names no
  /// file, not the working directory.
  @Test func aFileIsNamedFromTheWorkingDirectory() throws {
    let directory = try TemporaryDirectory()
    try directory.write("in/week.csv", "team,kr,value\n")
    let missing = InProcess.run(["checkin", "import", "in/nothing.csv"], in: directory.path)
    #expect(missing.status == 74)
    #expect(missing.standardError == "error: cannot read 'in/nothing.csv': no such file or directory\n")
    let empty = InProcess.run(["checkin", "import", ""], in: directory.path)
    #expect(empty.status == 74)
    #expect(empty.standardError == "error: cannot read '': no such file or directory\n")
  }

  /// Rows out of date order are written oldest first, so milestones done earlier count later.
  @Test func rowsAreWrittenOldestFirst() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/web.yaml",
      "quarter: 2026-Q1\nteam: web\nobjectives:\n  - id: O1\n    title: T\n    key_results:\n"
        + "      - {id: KR1, title: K, type: milestones, milestones: [{title: Alpha}, {title: Beta}, {title: Gamma}]}\n"
    )
    try directory.write("week.csv", "team,kr,done,date\nweb,O1/KR1,Beta,2026-01-23\nweb,O1/KR1,Alpha,2026-01-16\n")
    let result = InProcess.run(["checkin", "import", "week.csv"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    let documents = try entries(directory, "web")
    #expect(documents.map { $0["date"]?.scalarText } == ["2026-01-16", "2026-01-23"])
    #expect(
      documents.last?["key_results"]?["O1/KR1"]?["milestones_done"]?.items?.compactMap(\.scalarText) == [
        "Alpha", "Beta",
      ])
  }

  @Test func twoImportsAtOnceBothLand() throws {
    let directory = try repository()
    for index in 0..<2 {
      try directory.write(
        "week\(index).csv",
        "team,kr,value,date\ngrowth,O1/KR1,\(50 + index),2026-01-16\nweb,O1/KR1,\(60 + index),2026-01-16\n")
    }
    let processes = try (0..<2).map { index in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: PackagePaths.okrBinary)
      process.arguments = ["checkin", "import", "week\(index).csv", "--by", "import\(index)"]
      process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    for process in processes { process.waitUntilExit() }
    #expect(processes.map(\.terminationStatus) == [0, 0])
    for team in ["growth", "web"] {
      let writers = try entries(directory, team).compactMap { $0["by"]?.scalarText }
      #expect(Set(writers.filter { $0.hasPrefix("import") }) == ["import0", "import1"])
    }
  }

  // MARK: - All or nothing, and once (issue 25)

  /// A failure on the second team's log, after the first team's was ready, leaves nothing written.
  @Test func aFailureOnTheSecondTeamLeavesNothingWritten() throws {
    let directory = try repository()
    try directory.write("elsewhere", "")
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/checkins/2026-Q1/web.yaml.lock", withDestinationPath: directory.path + "/elsewhere")
    try directory.write("week.csv", "team,kr,value\ngrowth,O1/KR1,41\nweb,O1/KR1,42\n")
    let result = InProcess.run(["checkin", "import", "week.csv", "--as-of", "2026-01-16"], in: directory.path)
    #expect(
      result.standardError == """
        error: cannot write 'checkins/2026-Q1/web.yaml.lock': the lock file is a symbolic link; remove it
        nothing was recorded

        """)
    #expect(result.status == 74)
    #expect(result.standardOutput == "")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == CheckinRecordTests.existingLog)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q1/web.yaml"))
  }

  /// Three teams, two dates each: the file `kill -9` interrupts in the stage tests.
  private static let threeTeams = """
    team,kr,value,done,date
    growth,O1/KR1,40,,2026-01-09
    growth,O1/KR1,41,,2026-01-16
    web,O1/KR3,,Tooltips live,2026-01-09
    web,O1/KR1,50,,2026-01-16
    data,O1/KR2,,true,2026-01-16

    """

  private func threeTeamRepository() throws -> TemporaryDirectory {
    let directory = try repository()
    try directory.write(
      "okrs/2026-Q1/data.yaml",
      CheckinRecordTests.quarterFile.replacingOccurrences(of: "team: growth", with: "team: data"))
    try directory.write("week.csv", Self.threeTeams)
    return directory
  }

  /// Each team's documents of this import, by date.
  private func importedDates(_ directory: TemporaryDirectory, _ team: String) throws -> [String] {
    let path = directory.path + "/checkins/2026-Q1/\(team).yaml"
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    return try entries(directory, team).filter { $0["import"] != nil }.compactMap { $0["date"]?.scalarText }
  }

  /// An import killed with SIGKILL at every stage (before the locks, holding them, with every
  /// temporary file written, between two renames, after the last) and then run again: each
  /// check-in is in its log exactly once, and nothing is left behind.
  @Test(arguments: [
    ("before-locks", 1), ("lock-held", 1), ("before-rename", 1), ("after-rename", 1), ("after-rename", 2),
    ("after-rename", 3),
  ])
  func anImportKilledAtAnyStageAndRunAgainRecordsEachCheckinOnce(stage: String, count: Int) throws {
    let directory = try threeTeamRepository()
    let killed = try OKRCommand.run(
      ["import", directory.path, directory.path + "/week.csv", "2026-01-16", stage, String(count)],
      executable: PackagePaths.builtExecutable("okr-stopped-writer"))
    #expect(killed.status == SIGKILL, "\(killed.standardOutput)")
    // Logs renamed before the kill are complete; the others are as they were.
    let renamed = stage == "after-rename" ? count : 0
    for (index, team) in ["data", "growth", "web"].enumerated() {
      let expected = index < renamed ? (team == "data" ? ["2026-01-16"] : ["2026-01-09", "2026-01-16"]) : []
      #expect(try importedDates(directory, team) == expected, "\(team) after the kill")
    }
    let again = try OKRCommand.run(["checkin", "import", "week.csv", "--by", "again"], in: directory.path)
    #expect(again.status == 0, "\(again.standardError)")
    #expect(try importedDates(directory, "growth") == ["2026-01-09", "2026-01-16"])
    #expect(try importedDates(directory, "web") == ["2026-01-09", "2026-01-16"])
    #expect(try importedDates(directory, "data") == ["2026-01-16"])
    #expect(try directory.read("checkins/2026-Q1/growth.yaml").hasPrefix(CheckinRecordTests.existingLog))
    let milestones = try entries(directory, "web").compactMap { $0["key_results"]?["O1/KR3"] }
    #expect(
      milestones.last?["milestones_done"]?.items?.compactMap(\.scalarText) == [
        "Design approved", "Tooltips live",
      ])
    let skipped = again.standardOutput.split(separator: "\n").filter { $0.hasPrefix("already recorded: ") }
    #expect(skipped.count == [0, 1, 3, 5][renamed], "\(again.standardOutput)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path + "/checkins/2026-Q1").sorted() == [
        "data.yaml", "growth.yaml", "web.yaml",
      ])
    // And a third run records nothing at all.
    let third = try OKRCommand.run(["checkin", "import", "week.csv"], in: directory.path)
    #expect(
      third.standardOutput == """
        already recorded: growth on 2026-01-09 is in checkins/2026-Q1/growth.yaml from an earlier import of this file
        already recorded: web on 2026-01-09 is in checkins/2026-Q1/web.yaml from an earlier import of this file
        already recorded: data on 2026-01-16 is in checkins/2026-Q1/data.yaml from an earlier import of this file
        already recorded: growth on 2026-01-16 is in checkins/2026-Q1/growth.yaml from an earlier import of this file
        already recorded: web on 2026-01-16 is in checkins/2026-Q1/web.yaml from an earlier import of this file

        """)
    #expect(try OKRCommand.run(["lint"], in: directory.path).status == 0)
  }

  /// The import id is a key of the check-in log that lint accepts, through either decoder.
  @Test func lintAcceptsTheImportKey() throws {
    let directory = try repository()
    try directory.write(
      "checkins/2026-Q1/web.yaml",
      "---\nteam: web\nquarter: 2026-Q1\nweek: 2026-W03\ndate: 2026-01-16\n"
        + "import: sha256:d527ad1eb50558bf17d5ca8c6541c32a4c8b05f39125cfa1eb29c5a7c34e54be\n"
        + "key_results:\n  O1/KR1: {value: 50}\n")
    let result = InProcess.run(["lint"], in: directory.path)
    #expect(result.standardError == "")
    #expect(result.status == 0)
  }

  /// An import that would push a log past --max-file-size is refused, naming the log, and writes no log at all.
  @Test func anImportThatWouldPushALogOverTheSizeLimitIsRefused() throws {
    let directory = try repository()
    let note = String(repeating: "n", count: 600_000)
    try directory.write("first.csv", "team,kr,value,note\ngrowth,O1/KR1,41,\(note)\n")
    try directory.write("second.csv", "team,kr,value,note\nweb,O1/KR1,1,\ngrowth,O1/KR1,42,\(note)\n")
    let arguments = ["--max-file-size", "1", "--as-of", "2026-01-16"]
    let first = InProcess.run(["checkin", "import", "first.csv"] + arguments, in: directory.path)
    #expect(first.status == 0, "\(first.standardError)")
    let log = try directory.read("checkins/2026-Q1/growth.yaml")
    let second = InProcess.run(["checkin", "import", "second.csv"] + arguments, in: directory.path)
    #expect(
      second.standardError == """
        error: 'checkins/2026-Q1/growth.yaml' would grow to 1.2 MiB, larger than the limit of 1 MiB on the files okr reads; raise it with --max-file-size
        nothing was recorded

        """)
    #expect(second.status == 1)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == log)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q1/web.yaml"))
    #expect(InProcess.run(["lint", "--max-file-size", "1"], in: directory.path).status == 0)
  }

  /// 200,000 wrong rows make a hundred messages and one summary, as lint lists a file's problems.
  @Test func aFloodOfWrongRowsIsListedAsLintListsIt() throws {
    let directory = try repository()
    var csv = "team,kr,value\n"
    for row in 0..<200_000 { csv += "growth,O1/KR1,x\(row)\n" }
    try directory.write("week.csv", csv)
    let result = InProcess.run(["checkin", "import", "week.csv", "--as-of", "2026-01-16"], in: directory.path)
    #expect(result.status == 1)
    let lines = result.standardError.split(separator: "\n").map(String.init)
    #expect(lines.count == 103)
    #expect(lines.first == "week.csv:2:15: error: value for 'O1/KR1' must be a number, not 'x0' [invalid-value]")
    #expect(
      lines.suffix(3) == [
        "week.csv:102:8: error: and 199900 more 'invalid-value' problems in this file; only the first 100 are listed [invalid-value]",
        "101 errors and 0 warnings",
        "nothing was recorded",
      ])
  }

  /// Every problem at its own cell: a value at the value, a milestone or flag at done, a confidence
  /// at confidence, a date at the date (issue 24).
  @Test func everyProblemIsAtItsOwnCell() throws {
    let directory = try repository()
    try directory.write(
      "week.csv",
      "team,kr,value,done,confidence,date\n"
        + "growth,O1/KR1,forty,,7,2026-01-16\n"
        + "growth,O1/KR2,3,maybe,7,2026-01-16\n"
        + "growth,O1/KR3,,Tooltips dead,eleven,2026-01-16\n"
        + "growth,O1/KR9,1,,,2026-01-16\n"
        + "growth,O1/KR1,1234567890.1234567,,,2026-01-23\n"
        + "web,O1/KR1,1,,,2026-09-16\n"
        + "web,O1/KR1,1,true,,2026-01-16\n")
    let result = InProcess.run(["checkin", "import", "week.csv", "--quarter", "2026-Q1"], in: directory.path)
    #expect(
      result.standardError == """
        week.csv:2:15: error: value for 'O1/KR1' must be a number, not 'forty' [invalid-value]
        week.csv:3:15: error: 'O1/KR2' is a boolean key result: record done true or false, not a value [invalid-value]
        week.csv:3:17: error: done for 'O1/KR2' must be true or false, not 'maybe' [invalid-value]
        week.csv:4:16: error: 'O1/KR3' has no milestone 'Tooltips dead'; did you mean 'Tooltips live'? [invalid-value]
        week.csv:4:30: error: confidence for 'O1/KR3' must be 0 to 10 or green, yellow, red, not 'eleven' [invalid-value]
        week.csv:5:8: error: team 'growth' has no key result 'O1/KR9' in 2026-Q1; did you mean 'O1/KR1'? [invalid-value]
        week.csv:6:15: error: value '1234567890.1234567' for 'O1/KR1' cannot be kept exactly; okr keeps numbers up to 15 significant digits, so round it; nothing was recorded [invalid-value]
        week.csv:7:16: error: 2026-09-16 is outside 2026-Q1, the cycle of team 'web' [invalid-value]
        week.csv:8:14: error: 'O1/KR1' is a numeric key result: record a value, not done [invalid-value]
        9 errors and 0 warnings
        nothing was recorded

        """)
    #expect(result.status == 1)
  }
}

extension CheckinImportTests {
  /// A mistyped column is one problem among all of them: the rows are still checked against the columns that are
  /// known, so a sheet is fixed in one pass, and nothing is written.
  @Test func anUnknownColumnAndAWrongRowAreBothReported() throws {
    let directory = try repository()
    try directory.write(
      "week.csv",
      "team,kr,value,confidnce\n"
        + "growth,O1/KR1,forty,7\n")
    let result = InProcess.run(["checkin", "import", "week.csv", "--as-of", "2026-01-16"], in: directory.path)
    #expect(
      result.standardError == """
        week.csv:1:15: error: unknown column 'confidnce'; did you mean 'confidence'? (columns: team, kr, value, done, confidence, note, date) [invalid-value]
        week.csv:2:15: error: value for 'O1/KR1' must be a number, not 'forty' [invalid-value]
        2 errors and 0 warnings
        nothing was recorded

        """)
    #expect(result.status == 1)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == CheckinRecordTests.existingLog)
  }
}
