import Foundation
import OKRCore
import TestSupport
import Testing

/// Every alert rule's registered examples, run: they are the rules' documentation and their test.
@Suite struct AlertExampleTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

  static var cases: [(AlertKind, Int)] {
    AlertKind.allCases.flatMap { kind in kind.examples.indices.map { (kind, $0) } }
  }

  @Test(arguments: cases)
  func theExampleFiresExactlyWhenItSays(_ kind: AlertKind, _ index: Int) throws {
    let example = kind.examples[index]
    let here = Self.here
    let goals = example.checkpoints.map {
      SprintGoal(sprint: Located($0.sprint, at: here), checkpoint: $0.value, location: here)
    }
    let kr1 = KeyResult(
      id: Located("KR1", at: here), title: "KR1",
      measure: example.isBoolean ? .boolean(done: false) : .numeric(baseline: 0, target: 100), sprintGoals: goals,
      location: here)
    let kr2 = KeyResult(
      id: Located("KR2", at: here), title: "KR2", measure: .numeric(baseline: 0, target: 10), location: here)
    var microGoals: [MicroGoal] = []
    if example.effort.tied > 0 {
      microGoals.append(
        MicroGoal(
          title: "tied", keyResult: Located(KeyResultReference("O1/KR1")!, at: here),
          estimate: Located(Effort(minutes: example.effort.tied), at: here), location: here))
    }
    if example.effort.orphan > 0 {
      microGoals.append(
        MicroGoal(title: "chore", estimate: Located(Effort(minutes: example.effort.orphan), at: here), location: here))
    }
    let team = TeamQuarter(
      cycle: Cycle(quarter: Quarter("2026-Q1")!), team: Located("growth", at: here),
      objectives: [
        Objective(
          id: Located("O1", at: here), title: "O", keyResults: example.otherWeeks.isEmpty ? [kr1] : [kr1, kr2],
          location: here)
      ],
      microGoals: microGoals, location: here)
    func checkin(
      _ week: String, _ keyResult: String, value: Double?, confidence: Int?, done: Bool = false, pulled: Bool
    ) -> Checkin {
      Checkin(
        team: Located("growth", at: here), cycle: Located("2026-Q1", at: here),
        week: Located(ISOWeek(week)!, at: here), by: pulled ? KeyResultSource.recordedBy : "maria",
        entries: [
          CheckinEntry(
            keyResult: Located(KeyResultReference(keyResult)!, at: here),
            value: done ? nil : value.map { Located($0, at: here) }, done: done ? Located(value == 1, at: here) : nil,
            confidence: confidence.map { Located(Confidence(level: $0)!, at: here) }, location: here)
        ], location: here)
    }
    let log = CheckinLog(
      path: "c.yaml",
      checkins: example.checkins.map {
        checkin(
          $0.week, "O1/KR1", value: $0.value, confidence: $0.confidence, done: example.isBoolean,
          pulled: example.pulledWeeks.contains($0.week))
      }
        + example.otherWeeks.map { checkin($0, "O1/KR2", value: 1, confidence: nil, pulled: example.otherPulled) })
    let repository = Repository(
      config: RepositoryConfig(alerts: [AlertRule(kind: kind, threshold: example.threshold, location: here)]),
      teamQuarters: [team], checkinLogs: [log])
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate(example.asOf)!))
    let fired = AlertEvaluator(config: repository.config).evaluate(
      repository: repository, card: card, history: CheckinHistory(repository))
    #expect(!fired.isEmpty == example.fires, "\(kind.rawValue): \(example.summary)")
  }

  /// Every rule but the one that reads git has an example that fires and one that stays quiet.
  @Test func everyRuleHasBothKindsOfExample() {
    for kind in AlertKind.allCases where kind != .movedGoalposts {
      #expect(kind.examples.contains { $0.fires } && kind.examples.contains { !$0.fires }, "\(kind.rawValue)")
    }
  }
}

/// docs/format.md lists every rule's examples as the code has them.
@Suite struct AlertExampleDocumentationTests {
  static func block() -> String {
    var lines = ["<!-- alert examples: generated from AlertKind.examples; a test keeps them equal -->"]
    for kind in AlertKind.allCases where !kind.examples.isEmpty {
      let shown = kind.examples.map { "\($0.fires ? "fires" : "quiet"): \($0.summary)" }
      lines.append("- `\(kind.rawValue)`: " + shown.joined(separator: "; "))
    }
    lines.append("<!-- end of alert examples -->")
    return lines.joined(separator: "\n")
  }

  @Test func theDocsListTheExamples() throws {
    let doc = try String(contentsOfFile: PackagePaths.path("docs/format.md"), encoding: .utf8)
    #expect(doc.contains(Self.block()), "docs/format.md should hold:\n\(Self.block())")
  }
}
