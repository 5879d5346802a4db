import Foundation
import OKRFiles
import TestSupport
import Testing

/// The CSV reader against Python's csv module, which wrote the file.
@Suite struct CSVTableTests {
  static let python = Tool.find("python3")

  @Test(.enabled(if: python != nil, "needs python3 to write the CSV"))
  func readsWhatPythonsCSVWriterWrites() throws {
    let directory = try TemporaryDirectory()
    let rows: [[String]] = [
      ["team", "kr", "note"], ["growth", "O1/KR1", "plain"], ["a,b", "\"quoted\"", "line\nbreak"],
      ["", "trailing space ", "crlf\r\ninside"], ["ünïcødé", "🚀", "=SUM(1)"],
    ]
    let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
    try directory.write("rows.json", json)
    let script =
      "import csv, json, sys\nrows = json.load(open(sys.argv[1]))\ncsv.writer(open(sys.argv[2], 'w', newline='')).writerows(rows)\n"
    try directory.write("write.py", script)
    let result = try OKRCommand.run(
      [directory.path + "/write.py", directory.path + "/rows.json", directory.path + "/rows.csv"],
      executable: Self.python!)
    #expect(result.status == 0, "\(result.standardError)")
    let table = try CSVTable(try directory.read("rows.csv"))
    #expect(table.records.map { $0.map(\.text) } == rows)
  }

  @Test func fieldsKnowWhereTheyStart() throws {
    let table = try CSVTable("a,b\n\"x\ny\",z\n")
    #expect(table.records[1].map(\.line) == [2, 3])
    #expect(table.records[1].map(\.column) == [1, 4])
  }

  @Test func anUnclosedQuoteIsAPositionedProblem() {
    do {
      _ = try CSVTable("a,b\nc,\"open\n")
      Issue.record("an unclosed quote was accepted")
    } catch {
      #expect(error.line == 2)
      #expect(error.column == 3)
      #expect(error.message == "this quoted field is never closed")
    }
  }
}
