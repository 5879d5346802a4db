import Foundation
import OKRCore
import OKRFiles
import TestSupport
import Testing

/// Odd but possible repositories: each ends in a precise diagnostic or a right score.
@Suite struct LoaderEdgeCaseTests {
  private func lint(_ files: [String: String]) throws -> [String] {
    let directory = try TemporaryDirectory()
    for (path, text) in files { try directory.write(path, text) }
    let result = Linter().lint(paths: [], repository: directory.path, workingDirectory: directory.path)
    return result.diagnostics.sortedByLocation().map {
      "\($0.location.path.dropFirst(directory.path.count + 1)):\($0.location.line):\($0.location.column): \($0.message) [\($0.rule.rawValue)]"
    }
  }

  private static func quarterFile(_ extra: String = "", keyResult: String = "{id: KR1, title: K, type: boolean}")
    -> String
  {
    "quarter: 2026-Q1\nteam: a\n\(extra)objectives:\n  - id: O1\n    title: T\n    key_results:\n      - \(keyResult)\n"
  }

  /// Each value that must follow a pattern says which, at the value, with what was written.
  @Test func valuesThatMissTheirPatternSayWhatTheyMustBe() throws {
    let messages = try lint([
      "okrs/2026-Q1/a.yaml": """
      quarter: 2026-Q1
      team: a
      cadence: {sprint_length: 3x, first_sprint: 2026-02-30}
      objectives:
        - id: O1
          title: T
          aligns_to: nope
          key_results:
            - {id: KR1, title: K, type: boolean}
      micro_goals:
        - {title: M, owner: x, due: 2026-01-20, estimate: 3 days, done_when: y, kr: bad}

      """,
      "checkins/2026-Q1/a.yaml": "team: a\nquarter: 2026-Q1\nweek: 2026-W99\nkey_results:\n  O1/KR1: {done: true}\n",
    ])
    #expect(
      messages.filter { $0.contains("[invalid-value]") } == [
        "checkins/2026-Q1/a.yaml:3:7: 'week' must be an ISO week written YYYY-Www (like 2026-W03) that exists, not '2026-W99' [invalid-value]",
        "okrs/2026-Q1/a.yaml:3:26: 'sprint_length' must be written Nd or Nw (like 2w or 10d), not '3x' [invalid-value]",
        "okrs/2026-Q1/a.yaml:3:44: 'first_sprint' must be a date written YYYY-MM-DD that exists, not '2026-02-30' [invalid-value]",
        "okrs/2026-Q1/a.yaml:7:16: 'aligns_to' must name an objective as team/objective (like company/O1), not 'nope' [invalid-value]",
        "okrs/2026-Q1/a.yaml:11:53: 'estimate' must be a duration like 90m, 1.5h or 2h, not '3 days' [invalid-value]",
        "okrs/2026-Q1/a.yaml:11:79: 'kr' must name a key result as objective/key-result (like O1/KR2), not 'bad' [invalid-value]",
      ])
  }

  /// A confidence in quotes is a number written as a string: the message says so.
  @Test func aQuotedConfidenceSaysTheQuotesAreTheProblem() throws {
    let messages = try lint([
      "okrs/2026-Q1/a.yaml": Self.quarterFile(),
      "checkins/2026-Q1/a.yaml":
        "team: a\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results:\n  O1/KR1: {done: true, confidence: \"7\"}\n  O1/KR2: {confidence: '12'}\n",
    ])
    #expect(
      messages.contains(
        "checkins/2026-Q1/a.yaml:5:36: 'confidence' must be a number, not the string '7'; remove the quotes [wrong-type]"
      ))
    #expect(
      messages.contains(
        "checkins/2026-Q1/a.yaml:6:24: 'confidence' must be a number, not the string '12'; remove the quotes (and use 0 to 10) [wrong-type]"
      ))
  }

  @Test func anExplicitNullIsAMissingValue() throws {
    let messages = try lint([
      "okrs/2026-Q1/a.yaml": Self.quarterFile(keyResult: "{id: KR1, title: K, type: threshold, keep: ~, bound: 3}"),
      "okr.yaml": "alerts:\n  - rule:\n    threshold: 2\n",
    ])
    #expect(
      messages == [
        "okr.yaml:2:5: 'rule' in alert rule needs a value [missing-key]",
        "okrs/2026-Q1/a.yaml:7:46: 'keep' in key result needs a value [missing-key]",
      ])
  }

  @Test func oneQuarterLabelMustMeanOnePeriod() throws {
    let messages = try lint([
      "okrs/2026-Q1/a.yaml": Self.quarterFile(),
      "okrs/2026-Q1/b.yaml": Self.quarterFile("period: {start: 2026-02-01, end: 2026-04-30}\n")
        .replacingOccurrences(of: "team: a", with: "team: b"),
    ])
    #expect(
      messages == [
        "okrs/2026-Q1/b.yaml:1:1: 2026-Q1 is 2026-02-01..2026-04-30 here but 2026-01-01..2026-03-31 for team 'a'; one quarter must mean one period [invalid-value]"
      ])
  }

  @Test(arguments: [
    ("2027-01-04", "'first_sprint' 2027-01-04 is outside 2026-Q1 (2026-01-01 to 2026-03-31)"),
    ("2025-12-18", "'first_sprint' 2025-12-18 is outside 2026-Q1 (2026-01-01 to 2026-03-31)"),
  ])
  func theFirstSprintMustStartInItsQuarter(_ date: String, _ message: String) throws {
    let messages = try lint(["okrs/2026-Q1/a.yaml": Self.quarterFile("cadence: {first_sprint: \(date)}\n")])
    #expect(messages == ["okrs/2026-Q1/a.yaml:3:25: \(message) [invalid-value]"])
  }

  @Test func aFirstSprintJustBeforeTheQuarterIsFine() throws {
    #expect(try lint(["okrs/2026-Q1/a.yaml": Self.quarterFile("cadence: {first_sprint: 2025-12-29}\n")]) == [])
  }

  @Test(arguments: ["0x10h", "1e1h", "0.4m", "inf", ".h", "1..5h"])
  func estimatesAreDigitsOnly(_ estimate: String) throws {
    let microGoal = "micro_goals:\n  - {title: x, owner: a, due: 2026-01-06, done_when: y, estimate: '\(estimate)'}\n"
    let messages = try lint(["okrs/2026-Q1/a.yaml": Self.quarterFile() + microGoal])
    #expect(messages.count == 1)
    #expect(messages.first?.contains("'estimate' must be a duration like 90m, 1.5h or 2h, not '\(estimate)'") == true)
  }

  @Test func numbersADoubleCannotKeepExactlyAreErrorsWithPositions() throws {
    // Two different 41-digit numbers are one double: this was "'target' equals 'baseline' (1.2345678901234568e+40)".
    let messages = try lint([
      "okrs/2026-Q1/a.yaml": Self.quarterFile(
        keyResult:
          "{id: KR1, title: K, baseline: 12345678901234567890123456789012345678901, target: 12345678901234567890123456789012345678902}"
      )
    ])
    #expect(
      messages == [
        "okrs/2026-Q1/a.yaml:7:39: 'baseline' '12345678901234567890123456789012345678901' has 41 significant digits; okr keeps numbers exactly up to 15, so round it [invalid-value]",
        "okrs/2026-Q1/a.yaml:7:90: 'target' '12345678901234567890123456789012345678902' has 41 significant digits; okr keeps numbers exactly up to 15, so round it [invalid-value]",
      ])
  }

  @Test(arguments: [
    ("123456789012345", true), ("1234567890123456", false), ("0.000000000000000000001", true),
    ("1.23456789012345e300", true), ("-1e308", true), ("100000000000000000000000", true),
    ("9007199254740993", false), ("0x20000000000001", false), ("0xFF", true), ("1.000000000000000", true),
    ("0.1234567890123456", false), ("1e-320", false), ("0", true), ("-0.0", true),
  ])
  func aNumberMayHaveFifteenSignificantDigits(_ written: String, _ isKept: Bool) throws {
    let messages = try lint([
      "okrs/2026-Q1/a.yaml": Self.quarterFile(keyResult: "{id: KR1, title: K, baseline: \(written), target: 7}")
    ])
    #expect(messages.isEmpty == isKept, "\(messages)")
  }

  @Test func aFIFOOrABrokenSymlinkInTheRepositoryIsReportedNotWaitedOn() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/a.yaml", Self.quarterFile())
    #expect(mkfifo(directory.path + "/okrs/2026-Q1/pipe.yaml", 0o644) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/okrs/2026-Q1/gone.yaml", withDestinationPath: "/nonexistent/file.yaml")
    let result = Linter().lint(paths: [], repository: directory.path, workingDirectory: directory.path)
    #expect(
      result.diagnostics.sortedByLocation().map { "\($0.location.path.split(separator: "/").last!): \($0.message)" }
        == [
          "gone.yaml: no such file or directory",
          "pipe.yaml: not a regular file (a pipe or a device); okr reads regular files only",
        ])
    #expect(result.diagnostics.allSatisfy { $0.rule == .io })
  }

  @Test func theLastWeekOfAQuarterCountsInIt() throws {
    // 2026-W14's Friday is 2026-04-03, after Q1 ends: without a date, the check-in counts from 2026-03-31.
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml", Self.quarterFile(keyResult: "{id: KR1, title: K, baseline: 0, target: 10}"))
    try directory.write(
      "checkins/2026-Q1/a.yaml", "team: a\nquarter: 2026-Q1\nweek: 2026-W14\nkey_results: {O1/KR1: {value: 4}}\n")
    let loaded = RepositoryLoader().load(root: directory.path)
    #expect(loaded.diagnostics.isEmpty)
    let card = try #require(
      ScoreCard(repository: loaded.repository, cycle: "2026-Q1", asOf: CalendarDate("2026-03-31")!))
    #expect(card.teams[0].objectives[0].keyResults[0].actual == 4)
    #expect(!card.isProvisional)
  }

  @Test func aMistypedRepositoryIsAnError() {
    let result = Linter().lint(paths: [], repository: "/nonexistent/repo", workingDirectory: "/")
    #expect(result.diagnostics.map(\.rule) == [.io])
  }
}

/// A file's cycle is read from its head; a file whose cycle key comes late is read whole, and lands where it belongs.
@Suite struct LateCycleKeyTests {
  private static let quarterFileBody =
    "team: a\nobjectives:\n  - id: O1\n    title: T\n    key_results:\n      - {id: KR1, title: K, type: boolean}\n"

  private func repository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/a.yaml", "quarter: 2026-Q1\n" + Self.quarterFileBody)
    try directory.write("okrs/2026-Q2/a.yaml", Self.quarterFileBody + "quarter: 2026-Q2\n")
    try directory.write(
      "checkins/2026-Q2/a.yaml",
      "team: a\nweek: 2026-W15\nkey_results:\n  O1/KR1: {done: true, confidence: 8}\nquarter: 2026-Q2\n")
    try directory.write(
      "checkins/2026-Q1/a.yaml", "team: a\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results:\n  O1/KR1: {done: false}\n")
    return directory
  }

  @Test func aLateQuarterKeyStillPutsTheFileInItsCycle() throws {
    let directory = try repository()
    let q2 = RepositoryLoader().load(root: directory.path, onlyCycle: "2026-Q2")
    #expect(q2.diagnostics.map(\.message) == [])
    #expect(q2.repository.teamQuarters.map(\.cycle.label) == ["2026-Q2"])
    #expect(q2.repository.checkinLogs.flatMap(\.checkins).map(\.cycle.value) == ["2026-Q2"])
    #expect(q2.repository.otherCycles.map(\.label) == ["2026-Q1"])

    let q1 = RepositoryLoader().load(root: directory.path, onlyCycle: "2026-Q1")
    #expect(q1.repository.teamQuarters.map(\.cycle.label) == ["2026-Q1"])
    #expect(q1.repository.checkinLogs.flatMap(\.checkins).map(\.cycle.value) == ["2026-Q1"])
    #expect(q1.repository.otherCycles.map(\.label) == ["2026-Q2"])
    #expect(q1.repository.cycleLabels == ["2026-Q1", "2026-Q2"])
  }

  /// A log whose first check-in is of another cycle is read on when a later one names the reported cycle.
  @Test func aLogThatMixesCyclesKeepsTheReportedOnesCheckins() throws {
    let directory = try repository()
    try directory.write(
      "checkins/2026-Q1/a.yaml",
      "team: a\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results:\n  O1/KR1: {done: false}\n---\n"
        + "team: a\nquarter: 2026-Q2\nweek: 2026-W16\nkey_results:\n  O1/KR1: {done: true}\n")
    let q2 = RepositoryLoader().load(root: directory.path, onlyCycle: "2026-Q2")
    #expect(
      q2.repository.checkinLogs.flatMap(\.checkins).map(\.week.value.description).sorted() == ["2026-W15", "2026-W16"])
  }

  /// A `period:` after the objectives still sets the dates of a quarter read for another report.
  @Test func aLatePeriodStillSetsTheCyclesDates() throws {
    let directory = try repository()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      "quarter: 2026-Q1\n" + Self.quarterFileBody + "period: {start: 2026-02-01, end: 2026-04-30}\n")
    let q2 = RepositoryLoader().load(root: directory.path, onlyCycle: "2026-Q2")
    #expect(q2.repository.otherCycles.map(\.period.description) == ["2026-02-01..2026-04-30"])
  }
}
