import OKRCore
import Testing

/// Each alert rule on a synthetic history, at and around its threshold.
@Suite struct AlertTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

  /// A team with one numeric KR (0 -> 100, linear) in 2026-Q1 and weekly check-ins of (value, confidence).
  private func alerts(
    _ checkins: [(week: String, value: Double?, confidence: Int?)], rule: AlertKind, threshold: Double,
    asOf: String, keyResult: KeyResult? = nil, microGoals: [MicroGoal] = [], extraKeyResult: KeyResult? = nil,
    extraCheckins: [(week: String, keyResult: String)] = []
  ) throws -> [Alert] {
    let kr =
      keyResult
      ?? KeyResult(
        id: Located("KR1", at: Self.here), title: "KR", measure: .numeric(baseline: 0, target: 100), location: Self.here
      )
    let team = TeamQuarter(
      cycle: Cycle(quarter: Quarter("2026-Q1")!), team: Located("growth", at: Self.here),
      objectives: [
        Objective(
          id: Located("O1", at: Self.here), title: "O", keyResults: [kr] + (extraKeyResult.map { [$0] } ?? []),
          location: Self.here)
      ],
      microGoals: microGoals, location: Self.here)
    let log = CheckinLog(
      path: "c.yaml",
      checkins: checkins.map { week, value, confidence in
        Checkin(
          team: Located("growth", at: Self.here), cycle: Located("2026-Q1", at: Self.here),
          week: Located(ISOWeek(week)!, at: Self.here),
          entries: [
            CheckinEntry(
              keyResult: Located(KeyResultReference("O1/KR1")!, at: Self.here),
              value: value.map { Located($0, at: Self.here) },
              confidence: confidence.map { Located(Confidence(level: $0)!, at: Self.here) }, location: Self.here)
          ], location: Self.here)
      }
        + extraCheckins.map { week, keyResult in
          Checkin(
            team: Located("growth", at: Self.here), cycle: Located("2026-Q1", at: Self.here),
            week: Located(ISOWeek(week)!, at: Self.here),
            entries: [
              CheckinEntry(
                keyResult: Located(KeyResultReference(keyResult)!, at: Self.here), value: Located(1, at: Self.here),
                location: Self.here)
            ], location: Self.here)
        })
    let repository = Repository(
      config: RepositoryConfig(alerts: [AlertRule(kind: rule, threshold: threshold, action: "act", location: Self.here)]
      ),
      teamQuarters: [team], checkinLogs: [log])
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate(asOf)!))
    return AlertEvaluator(config: repository.config).evaluate(
      repository: repository, card: card, history: CheckinHistory(repository))
  }

  @Test(arguments: [(2.0, true), (3.0, true), (3.5, false)])
  func confidenceDrop(_ threshold: Double, _ fires: Bool) throws {
    // 7 -> 4: a drop of 3 between the last two readings.
    let fired = try alerts(
      [("2026-W02", 10, 7), ("2026-W03", 12, nil), ("2026-W04", 14, 4)], rule: .confidenceDrop, threshold: threshold,
      asOf: "2026-01-23")
    #expect(fired.count == (fires ? 1 : 0))
    if fires {
      #expect(fired[0].evidence == "confidence fell from 7 (2026-W02) to 4 (2026-W04)")
      #expect(fired[0].measured == 3)
      #expect(fired[0].action == "act")
      #expect(fired[0].keyResult?.description == "O1/KR1")
    }
  }

  @Test func confidenceThatRoseDoesNotFire() throws {
    #expect(
      try alerts([("2026-W02", 10, 3), ("2026-W03", 12, 8)], rule: .confidenceDrop, threshold: 1, asOf: "2026-01-16")
        .isEmpty)
  }

  @Test(arguments: [(0.25, true), (0.3, true), (0.31, false)])
  func behindPace(_ threshold: Double, _ fires: Bool) throws {
    // As of 2026-02-15 (day 46 of 90), 100 × 46/90 = 51.11, stated as 51.1 (one decimal more than 0 and
    // 100), is expected; at 21 the KR is 0.21 of the way: 0.301 behind.
    let fired = try alerts([("2026-W06", 21, 6)], rule: .behindPace, threshold: threshold, asOf: "2026-02-15")
    #expect(fired.count == (fires ? 1 : 0))
    if fires {
      #expect(fired[0].evidence == "expected 51% of the way by now, at 21% (expected 51.1, actual 21)")
      #expect(abs(fired[0].measured - 0.301) < 1e-12)
    }
  }

  /// A gap of exactly the threshold fires: as of 4 March (day 63 of 90, 0.7 expected), 0 → 10 at 5
  /// is 0.2 behind, which binary floating point computes as 0.19999999999999996. (On the last day
  /// the rule is quiet: nothing is left to re-plan.)
  @Test(arguments: [(5.0, 0.2, true), (5.1, 0.2, false), (4.9, 0.2, true), (6.7, 0.03, true), (6.71, 0.03, false)])
  func behindPaceMeetsItsThresholdExactly(_ value: Double, _ threshold: Double, _ fires: Bool) throws {
    let keyResult = KeyResult(
      id: Located("KR1", at: Self.here), title: "KR", measure: .numeric(baseline: 0, target: 10), location: Self.here)
    let fired = try alerts(
      [("2026-W09", value, 6)], rule: .behindPace, threshold: threshold, asOf: "2026-03-04", keyResult: keyResult)
    #expect(fired.count == (fires ? 1 : 0))
  }

  /// The same exactness for a decreasing key result: 6 → 2 at 4 on day 63 of 90 is 0.5 of the way
  /// where 0.7 is expected, 0.2 behind; 3.99 is 0.5025 of the way.
  @Test(arguments: [(4.0, true), (3.99, false)])
  func behindPaceIsExactForDecreasingKeyResults(_ value: Double, _ fires: Bool) throws {
    let keyResult = KeyResult(
      id: Located("KR1", at: Self.here), title: "KR", measure: .numeric(baseline: 6, target: 2), location: Self.here)
    let fired = try alerts(
      [("2026-W09", value, 6)], rule: .behindPace, threshold: 0.2, asOf: "2026-03-04", keyResult: keyResult)
    #expect(fired.count == (fires ? 1 : 0))
  }

  /// A key result with no update for weeks is stale even while its team checks in every week.
  @Test(arguments: [(2.0, true), (9.0, true), (10.0, false)])
  func staleKeyResult(_ threshold: Double, _ fires: Bool) throws {
    let other = KeyResult(
      id: Located("KR2", at: Self.here), title: "Other", measure: .numeric(baseline: 0, target: 10),
      location: Self.here)
    // KR1 last in week 3; KR2 every week to week 12. As of 2026-03-20 (week 12): KR1 is 9 weeks stale.
    let weekly = (3...12).map { week in ("2026-W" + (week < 10 ? "0" : "") + "\(week)", "O1/KR2") }
    let fired = try alerts(
      [("2026-W03", 10, 7)], rule: .staleKeyResult, threshold: threshold, asOf: "2026-03-20", extraKeyResult: other,
      extraCheckins: weekly)
    #expect(fired.map(\.keyResult?.description) == (fires ? ["O1/KR1"] : []))
    if fires {
      #expect(
        fired[0].evidence
          == "no check-in for 9 weeks: the last was 2026-W03 (2026-01-16), while the team checked in 2026-W12 (2026-03-20)"
      )
      #expect(fired[0].measured == 9)
    }
  }

  /// A whole team gone quiet is stale_checkin's business, not one alert per key result.
  @Test func aSilentTeamIsNotReportedKeyResultByKeyResult() throws {
    #expect(try alerts([("2026-W03", 10, 7)], rule: .staleKeyResult, threshold: 2, asOf: "2026-03-20").isEmpty)
  }

  @Test(arguments: [(2.0, true), (3.0, true), (4.0, false)])
  func staleCheckin(_ threshold: Double, _ fires: Bool) throws {
    // Last check-in in week 3; as of a day in week 6: three weeks.
    let fired = try alerts([("2026-W03", 10, 7)], rule: .staleCheckin, threshold: threshold, asOf: "2026-02-04")
    #expect(fired.count == (fires ? 1 : 0))
    if fires {
      #expect(fired[0].evidence == "no check-in for 3 weeks: the last was 2026-W03 (2026-01-16)")
      #expect(fired[0].keyResult == nil)
    }
  }

  @Test func aTeamThatNeverCheckedInIsStaleOnceTheQuarterIsUnderWay() throws {
    #expect(try alerts([], rule: .staleCheckin, threshold: 2, asOf: "2026-01-09").isEmpty)
    let fired = try alerts([], rule: .staleCheckin, threshold: 2, asOf: "2026-01-14")
    #expect(fired.map(\.evidence) == ["no check-in yet, 2 weeks into 2026-Q1"])
  }

  @Test(arguments: [(0.25, true), (0.26, false), (0.2500001, false)])
  func orphanEffort(_ threshold: Double, _ fires: Bool) throws {
    let tied = MicroGoal(
      title: "tied", keyResult: Located(KeyResultReference("O1/KR1")!, at: Self.here),
      estimate: Located(Effort(minutes: 90), at: Self.here), location: Self.here)
    let chore = MicroGoal(title: "chore", estimate: Located(Effort(minutes: 30), at: Self.here), location: Self.here)
    let dropped = MicroGoal(
      title: "dropped", estimate: Located(Effort(minutes: 120), at: Self.here), status: .dropped, location: Self.here)
    let fired = try alerts(
      [], rule: .orphanEffort, threshold: threshold, asOf: "2026-01-05", microGoals: [tied, chore, dropped])
    #expect(fired.count == (fires ? 1 : 0))
    if fires { #expect(fired[0].evidence == "30m of 2h of micro-goal hours (25%) feed no key result") }
  }

  @Test func missedCheckpoint() throws {
    // Sprint 1 (2026-01-05..01-18) expects 20; the last value by its end is 15: 0.05 of the span short.
    let keyResult = KeyResult(
      id: Located("KR1", at: Self.here), title: "KR", measure: .numeric(baseline: 0, target: 100),
      sprintGoals: [
        SprintGoal(sprint: Located(1, at: Self.here), checkpoint: 20, location: Self.here),
        SprintGoal(sprint: Located(2, at: Self.here), checkpoint: 40, location: Self.here),
      ], location: Self.here)
    let history: [(week: String, value: Double?, confidence: Int?)] = [("2026-W03", 15, 6), ("2026-W04", 45, 6)]
    // Before sprint 1 ends nothing can be missed.
    #expect(
      try alerts(history, rule: .missedCheckpoint, threshold: 0, asOf: "2026-01-17", keyResult: keyResult).isEmpty)
    let fired = try alerts(history, rule: .missedCheckpoint, threshold: 0, asOf: "2026-01-20", keyResult: keyResult)
    #expect(fired.map(\.evidence) == ["sprint 1 ended 2026-01-18 at 15, short of its checkpoint 20"])
    #expect(abs((fired.first?.measured ?? 0) - 0.05) < 1e-12)
    // A tolerance of 0.05 of the span lets it pass.
    #expect(
      try alerts(history, rule: .missedCheckpoint, threshold: 0.05, asOf: "2026-01-20", keyResult: keyResult).isEmpty)
    // Sprint 2's checkpoint of 40 was passed (45): the latest finished sprint decides.
    #expect(
      try alerts(history, rule: .missedCheckpoint, threshold: 0, asOf: "2026-02-02", keyResult: keyResult).isEmpty)
  }

  @Test func withoutRulesInOkrYamlEveryRuleRunsWithItsDefaults() {
    let evaluator = AlertEvaluator(config: RepositoryConfig())
    #expect(evaluator.rules.map(\.kind) == AlertKind.allCases)
    #expect(evaluator.rules.map(\.threshold) == [2, 0.2, 2, 0.3, 0, 2, 0])
  }

  @Test(arguments: [
    (Pace.linear, 0.25, 0.25), (.front, 0.5, 0.75), (.back, 0.5, 0.25), (.front, 1.0, 1.0), (.back, 0.0, 0.0),
  ])
  func paces(_ pace: Pace, _ elapsed: Double, _ expected: Double) {
    #expect(pace.expectedFraction(elapsed) == expected)
  }

  @Test func sparklines() {
    #expect(Sparkline.confidence([0, 3, 5, 7, 10, nil, 8]) == "▁▃▄▅█ ▆")
  }
}
