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
    #expect(lines.contains { $0.hasPrefix("week.csv:4:5: error: value for 'O1/KR1' must be a number, not 'forty'") })
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
}
