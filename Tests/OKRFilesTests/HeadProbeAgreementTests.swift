import Foundation
import OKRCore
import OKRFiles
import OKRReports
import TestSupport
import Testing

/// A report that stops reading other cycles' files at their heads shows what a
/// report from every file read whole shows, however a head is spelled.
///
/// Each case is one way of writing a 2026-Q1 file (quoting, tags, anchors,
/// flow style, comments, directives, a byte-order mark, CRLF, late or extra
/// cycle keys, logs mixing cycles) beside a 2026-Q2 team; the 2026-Q2 reports
/// (score as JSON, status as text, the cycles listed) must be the same byte
/// for byte from a stopped load and a full one.
@Suite struct HeadProbeAgreementTests {
  static let objectives =
    "objectives:\n  - id: O1\n    title: Ship\n    key_results:\n      - {id: KR1, title: Launch, type: boolean}\n"
  static let flowObjectives =
    "objectives: [{id: O1, title: Ship, key_results: [{id: KR1, title: Launch, type: boolean}]}]"
  static let entries = "key_results:\n  O1/KR1: {done: false, confidence: 6}\n"
  /// A later check-in of the reported quarter, which the reports must show.
  static let laterEntries = "week: 2026-W16\nkey_results:\n  O1/KR1: {done: true, confidence: 9}\n"

  /// Other-cycle quarter files: (name, text).
  static let quarterFiles: [(String, String)] = [
    ("plain", "quarter: 2026-Q1\nteam: b\n" + objectives),
    ("team first, quoted value", "team: b\nquarter: \"2026-Q1\"\n" + objectives),
    ("quoted key", "'quarter': 2026-Q1\nteam: b\n" + objectives),
    ("tagged value", "quarter: !!str 2026-Q1\nteam: b\n" + objectives),
    ("anchored value", "quarter: &q 2026-Q1\nteam: b\n" + objectives),
    (
      "comment naming period in the head",
      "# the period is the calendar quarter\nquarter: 2026-Q1\nteam: b\n" + objectives
    ),
    ("comment naming period in the rest", "quarter: 2026-Q1\nteam: b\n" + objectives + "# period: later\n"),
    ("flow mapping", "{quarter: 2026-Q1, team: b, " + flowObjectives + "}\n"),
    ("period in the head", "quarter: 2026-Q1\nperiod: {start: 2026-01-05, end: 2026-04-03}\nteam: b\n" + objectives),
    (
      "period after the objectives",
      "quarter: 2026-Q1\nteam: b\n" + objectives + "period: {start: 2026-01-05, end: 2026-04-03}\n"
    ),
    ("quarter after the objectives", "team: b\n" + objectives + "quarter: 2026-Q1\n"),
    ("directive and document start", "%YAML 1.1\n---\nquarter: 2026-Q1\nteam: b\n" + objectives),
    ("byte-order mark", "\u{FEFF}quarter: 2026-Q1\nteam: b\n" + objectives),
    ("CRLF line ends", ("quarter: 2026-Q1\nteam: b\n" + objectives).replacingOccurrences(of: "\n", with: "\r\n")),
    ("explicit key", "? quarter\n: 2026-Q1\nteam: b\n" + objectives),
    (
      "escape in the rest",
      "quarter: 2026-Q1\nteam: b\n" + objectives.replacingOccurrences(of: "Ship", with: "\"Sh\\x69p\"")
    ),
    ("the reported quarter, late", "team: b\n" + objectives + "quarter: 2026-Q2\n"),
    ("the reported quarter, quoted key", "\"quarter\": 2026-Q2\nteam: b\n" + objectives),
  ]

  /// Other-cycle check-in logs: (name, text).
  static let logs: [(String, String)] = [
    ("plain", "team: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries),
    (
      "two documents",
      "team: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries + "---\nteam: b\nquarter: 2026-Q1\nweek: 2026-W04\n"
        + entries
    ),
    (
      "a later document of the reported quarter",
      "team: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries + "---\nteam: a\nquarter: 2026-Q2\n" + laterEntries
    ),
    (
      "a later document of the reported quarter, single-quoted",
      "team: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries + "---\nteam: a\nquarter: '2026-Q2'\n" + laterEntries
    ),
    (
      "a later document of the reported quarter, escaped",
      "team: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries + "---\nteam: a\nquarter: \"2026-\\x512\"\n"
        + laterEntries
    ),
    (
      "a later document of the reported quarter, block scalar",
      "team: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries + "---\nteam: a\nquarter: |-\n  2026-Q2\n" + laterEntries
    ),
    ("flow mapping", "{team: b, quarter: 2026-Q1, week: 2026-W03, key_results: {O1/KR1: {done: true}}}\n"),
    ("quarter after the entries", "team: b\nweek: 2026-W03\n" + entries + "quarter: 2026-Q1\n"),
    ("empty first document", "---\n---\nteam: b\nquarter: 2026-Q1\nweek: 2026-W03\n" + entries),
  ]

  private func repository(quarterFile: String, log: String) -> [(path: String, bytes: [UInt8])] {
    [
      ("/r/okr.yaml", Array("organization: Test\n".utf8)),
      ("/r/okrs/2026-Q2/a.yaml", Array(("quarter: 2026-Q2\nteam: a\n" + Self.objectives).utf8)),
      ("/r/checkins/2026-Q2/a.yaml", Array(("team: a\nquarter: 2026-Q2\nweek: 2026-W15\n" + Self.entries).utf8)),
      ("/r/okrs/2026-Q1/b.yaml", Array(quarterFile.utf8)),
      ("/r/checkins/2026-Q1/b.yaml", Array(log.utf8)),
    ]
  }

  /// What a reader of the 2026-Q2 reports sees.
  private func reports(_ loaded: LoadedRepository) throws -> String {
    let repository = loaded.repository
    let scope = try repository.scope(quarter: "2026-Q2", teams: [], day: #require(CalendarDate("2026-05-15"))).get()
    let history = CheckinHistory(repository, cycle: scope.cycle)
    let card = try #require(ScoreCard(repository: repository, cycle: scope.cycle, asOf: scope.day, history: history))
    let alerts = AlertEvaluator(config: repository.config).evaluate(
      repository: repository, card: card, history: history)
    let status = StatusReport(card: card, history: history, alerts: alerts, organization: "Test", changes: nil)
    let periods = repository.cycleLabels.map { label in
      (repository.teamQuarters.map(\.cycle) + repository.otherCycles).filter { $0.label == label }.map(
        \.period.description
      ).joined(separator: ",")
    }
    let cycles = repository.cycleLabels.joined(separator: ",") + "\n" + periods.joined(separator: ";") + "\n"
    return cycles + JSONOutput.encode(ScoreReport(card, organization: "Test"))
      + StatusTextRenderer(colors: false, width: 100).render(status)
  }

  private func errors(_ loaded: LoadedRepository) -> [String] {
    (loaded.diagnostics + Validator(loaded.repository).validate()).filter { $0.severity == .error }.map {
      "\($0.location.path):\($0.location.line): \($0.message)"
    }
  }

  @Test(arguments: quarterFiles.indices)
  func aQuarterFileOfAnotherCycle(_ index: Int) throws {
    let (name, text) = Self.quarterFiles[index]
    // A quarter file that turns out to be of the reported quarter gets a log of it too.
    let log = text.contains("2026-Q2") ? "team: b\nquarter: 2026-Q2\nweek: 2026-W16\n" + Self.entries : Self.logs[0].1
    try agree(repository(quarterFile: text, log: log), name)
  }

  @Test(arguments: logs.indices)
  func aCheckinLogOfAnotherCycle(_ index: Int) throws {
    let (name, text) = Self.logs[index]
    try agree(repository(quarterFile: Self.quarterFiles[0].1, log: text), name)
  }

  private func agree(_ files: [(path: String, bytes: [UInt8])], _ name: String) throws {
    let whole = RepositoryLoader().load(root: "/r", contents: files)
    try #require(errors(whole) == [], "\(name): the case itself must be a valid repository")
    let stopped = RepositoryLoader().load(root: "/r", contents: files, onlyCycle: "2026-Q2")
    #expect(errors(stopped) == [], "\(name)")
    #expect(try reports(stopped) == reports(whole), "\(name)")
  }
}
