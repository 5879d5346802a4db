import Foundation
import TestSupport
import Testing
import YAMLKit

/// A fiscal quarter (`quarter:` with its own `period:`) has its files' dates in every command:
/// the report, the `--quarters` trend and `init --from` (format.md, "History in git").
@Suite struct FiscalCycleTests {
  /// growth's 2026-Q1 runs 2026-02-01 to 2026-04-30; KR1 goes from 0 to 10 and
  /// is checked in at 2 on 2026-03-13 and at 8 on 2026-04-10, after the calendar quarter's end.
  private func fiscalRepository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      """
      quarter: 2026-Q1
      period: {start: 2026-02-01, end: 2026-04-30}
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - id: KR1
              title: Raise activation from 0 to 10
              baseline: 0
              target: 10

      """)
    try directory.write(
      "checkins/2026-Q1/growth.yaml",
      """
      ---
      team: growth
      quarter: 2026-Q1
      week: 2026-W11
      date: 2026-03-13
      key_results:
        O1/KR1: {value: 2, confidence: 7}
      ---
      team: growth
      quarter: 2026-Q1
      week: 2026-W15
      date: 2026-04-10
      key_results:
        O1/KR1: {value: 8, confidence: 8}

      """)
    return directory
  }

  private func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  /// As of 2026-04-15 the newest value is 8: (8 - 0) / (10 - 0) = 0.8, in the report and in the
  /// trend alike; the trend used to stop at the calendar quarter's 03-31 and say 2 / 10 = 0.2.
  @Test func theTrendScoresAFiscalQuarterToItsOwnEnd() throws {
    let directory = try fiscalRepository()
    let score = InProcess.run(["score", "--as-of", "2026-04-15", "--format", "json"], in: directory.path)
    #expect(score.status == 0, "\(score.standardError)")
    #expect(try json(score)["score"] as? Double == 0.8)
    let trend = InProcess.run(
      ["score", "--quarters", "2026-Q1..2026-Q1", "--as-of", "2026-04-15", "--format", "json"], in: directory.path)
    #expect(trend.status == 0, "\(trend.standardError)")
    let report = try json(trend)
    #expect(report["overall"] as? [Double] == [0.8])
    #expect(report["provisional"] as? [Bool] == [true])
    // On 2026-05-10 the fiscal quarter is over: final, as of its last day (still 8 of 10).
    let after = try json(
      InProcess.run(
        ["score", "--quarters", "2026-Q1..2026-Q1", "--as-of", "2026-05-10", "--format", "json"], in: directory.path))
    #expect(after["overall"] as? [Double] == [0.8])
    #expect(after["provisional"] as? [Bool] == [false])
  }

  /// `init --from` scores the last cycle on its own last day (2026-04-30: the value 8, not the
  /// 2 of 03-31) and writes the next fiscal quarter: from 2026-05-01, three months like
  /// 02-01 to 05-01, so to 2026-07-31, never overlapping the old one.
  @Test func initFromAFiscalQuarterCarriesTheLastValueIntoTheNextFiscalQuarter() throws {
    let directory = try fiscalRepository()
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q2", "--from", "2026-Q1", "--as-of", "2026-04-15"],
      in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    let stream = YAMLParser.parse(try directory.read("okrs/2026-Q2/growth.yaml"))
    let root = try #require(stream.documents.first?.root)
    #expect(root["quarter"]?.scalarText == "2026-Q2")
    #expect(root["period"]?["start"]?.scalarText == "2026-05-01")
    #expect(root["period"]?["end"]?.scalarText == "2026-07-31")
    let kr1 = try #require(root["objectives"]?.items?.first?["key_results"]?.items?.first)
    #expect(kr1["baseline"]?.scalarText == "8")
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 0, "\(lint.standardError)")
    // The new file reads back as the next cycle: as of 2026-05-04 the report is about it.
    let score = try json(InProcess.run(["score", "--as-of", "2026-05-04", "--format", "json"], in: directory.path))
    #expect(score["quarter"] as? String == "2026-Q2")
    #expect(score["period_start"] as? String == "2026-05-01")
  }

  /// A quarter other teams already planned keeps their dates: one quarter, one period.
  @Test func initFromTakesTheNewQuartersDatesFromFilesThatHaveThem() throws {
    let directory = try fiscalRepository()
    try directory.write(
      "okrs/2026-Q2/ops.yaml",
      """
      quarter: 2026-Q2
      period: {start: 2026-05-04, end: 2026-08-02}
      team: ops
      objectives:
        - id: O1
          title: Run
          key_results:
            - {id: KR1, title: Raise uptime from 90 to 99, baseline: 90, target: 99}

      """)
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q2", "--from", "2026-Q1"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    let root = try #require(YAMLParser.parse(try directory.read("okrs/2026-Q2/growth.yaml")).documents.first?.root)
    #expect(root["period"]?["start"]?.scalarText == "2026-05-04")
    #expect(root["period"]?["end"]?.scalarText == "2026-08-02")
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 0, "\(lint.standardError)")
  }

  /// A quarter that has not started on the as-of day is said to be not started, not "still running".
  @Test func aQuarterNotStartedIsSaidToBeNotStarted() throws {
    let directory = try fiscalRepository()
    _ = InProcess.run(["init", "--team", "growth", "--quarter", "2026-Q2", "--from", "2026-Q1"], in: directory.path)
    let text = InProcess.run(["score", "--quarters", "2026-Q1..2026-Q2", "--as-of", "2026-04-15"], in: directory.path)
    #expect(text.status == 0, "\(text.standardError)")
    #expect(text.standardOutput.contains("2026-Q1*  2026-Q2^"))
    #expect(
      text.standardOutput.hasSuffix(
        "* still running on 2026-04-15: provisional\n^ not started on 2026-04-15: provisional\n"))
    let report = try json(
      InProcess.run(
        ["score", "--quarters", "2026-Q1..2026-Q2", "--as-of", "2026-04-15", "--format", "json"], in: directory.path))
    #expect(report["started"] as? [Bool] == [true, false])
  }

  /// The next cycle of a period counts its length in whole months from the first day to the day after the last.
  @Test(arguments: [
    ("2026-02-01", "2026-04-30", "2026-05-01", "2026-07-31"),
    ("2026-07-01", "2026-09-30", "2026-10-01", "2026-12-31"),
    ("2026-02-15", "2026-05-14", "2026-05-15", "2026-08-14"),
    ("2025-12-01", "2026-01-31", "2026-02-01", "2026-03-31"),
  ])
  func theNextPeriodStartsTheDayAfterAndKeepsItsMonths(_ dates: (String, String, String, String)) throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      """
      quarter: 2026-Q1
      period: {start: \(dates.0), end: \(dates.1)}
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: Raise activation from 0 to 10, baseline: 0, target: 10}

      """)
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q2", "--from", "2026-Q1"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    let root = try #require(YAMLParser.parse(try directory.read("okrs/2026-Q2/growth.yaml")).documents.first?.root)
    let start = root["period"]?["start"]?.scalarText
    let end = root["period"]?["end"]?.scalarText
    #expect(start == dates.2)
    #expect(end == dates.3)
  }
}
