import OKRCore
import Testing

/// The one definition of expected progress, checked against hand arithmetic.
@Suite struct ExpectedProgressTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)
  /// 2026-Q1: 90 days; two-week sprints from Monday 2026-01-05, ending on days 18, 32, 46, 60, 74 and 90.
  private static let calendar = SprintCalendar(
    period: Cycle(quarter: Quarter("2026-Q1")!).period, sprintLength: DayCount(days: 14)!, firstSprint: nil)

  private func expected(
    _ measure: Measure, pace: Pace = .linear, checkpoints: [(sprint: Int, value: Double)] = []
  ) -> ExpectedProgress {
    let goals = checkpoints.map {
      SprintGoal(sprint: Located($0.sprint, at: Self.here), checkpoint: $0.value, location: Self.here)
    }
    let keyResult = KeyResult(
      id: Located("KR1", at: Self.here), title: "K", measure: measure, pace: pace, sprintGoals: goals,
      location: Self.here)
    return ExpectedProgress(keyResult: keyResult, calendar: Self.calendar)
  }

  @Test func withoutCheckpointsTheValueFollowsThePaceFromBaselineToTarget() {
    let linear = expected(.numeric(baseline: 0, target: 90))
    // The end of day n of 90 is n.
    #expect(linear.value(on: CalendarDate("2026-01-01")!) == 1)
    #expect(linear.value(on: CalendarDate("2026-02-15")!) == 46)
    #expect(linear.value(on: CalendarDate("2026-03-31")!) == 90)
    // Before the period: the baseline; after it: the target.
    #expect(linear.value(on: CalendarDate("2025-12-31")!) == 0)
    #expect(linear.value(on: CalendarDate("2026-04-10")!) == 90)
    // Front: 1 - (1 - 45/90)² = 0.75 of 0 → 100, stated to one decimal.
    #expect(expected(.numeric(baseline: 0, target: 100), pace: .front).value(on: CalendarDate("2026-02-14")!) == 75)
    // 35 → 65 on day 20: 35 + 30 × 20/90 = 41.666…, stated as 41.7.
    #expect(expected(.numeric(baseline: 35, target: 65)).value(on: CalendarDate("2026-01-20")!) == 41.7)
  }

  @Test func aHandWrittenCheckpointIsTheValueAtItsSprintsEndAndThePaceRunsBetween() {
    // Sprint 2 ends on 2026-02-01, day 32: checkpoint 50 there (the pace alone would say 35.6).
    let progress = expected(.numeric(baseline: 0, target: 100), checkpoints: [(2, 50)])
    #expect(progress.value(on: CalendarDate("2026-02-01")!) == 50)
    // Halfway to day 32 (day 16): 25. Halfway from day 32 to 90 (day 61): 75.
    #expect(progress.value(on: CalendarDate("2026-01-16")!) == 25)
    #expect(progress.value(on: CalendarDate("2026-03-02")!) == 75)
    #expect(progress.value(on: CalendarDate("2026-03-31")!) == 100)
    #expect(progress.fraction(on: CalendarDate("2026-02-01")!) == 0.5)
  }

  @Test func aCheckpointOnTheLastDayIsWhatIsExpectedThen() {
    let progress = expected(.numeric(baseline: 0, target: 100), checkpoints: [(6, 80)])
    #expect(progress.value(on: CalendarDate("2026-03-31")!) == 80)
  }

  @Test func milestonesExpectAShareAndBooleansNothing() {
    #expect(
      expected(.milestones(MilestonesMeasure([Milestone(title: "A")]))).fraction(on: CalendarDate("2026-02-15")!)
        == 0.5111)
    #expect(expected(.boolean(done: false)).fraction(on: CalendarDate("2026-02-15")!) == nil)
    #expect(expected(.boolean(done: false)).value(on: CalendarDate("2026-02-15")!) == nil)
  }

  @Test func theWeeklyCurveRunsFromBaselineToTarget() {
    let curve = expected(.numeric(baseline: 0, target: 90)).weeklyCurve()
    #expect(curve.first?.value == 0)
    #expect(curve.first?.date == CalendarDate("2026-01-01"))
    // The first Sunday, 2026-01-04, is day 4.
    #expect(curve.dropFirst().first?.value == 4)
    #expect(curve.last?.value == 90)
    #expect(curve.last?.date == CalendarDate("2026-03-31"))
  }
}

/// Projections and verdicts at the period's end.
@Suite struct ProgressAtTheEndTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

  private func progress(_ values: [(String, Double)], asOf: String, commitment: Commitment = .aspirational) throws
    -> KeyResultProgress
  {
    let keyResult = KeyResult(
      id: Located("KR1", at: Self.here), title: "K", measure: .numeric(baseline: 0, target: 100),
      commitment: commitment, location: Self.here)
    let team = TeamQuarter(
      cycle: Cycle(quarter: Quarter("2026-Q1")!), team: Located("a", at: Self.here),
      objectives: [
        Objective(id: Located("O1", at: Self.here), title: "O", keyResults: [keyResult], location: Self.here)
      ],
      location: Self.here)
    let log = CheckinLog(
      path: "c.yaml",
      checkins: values.map { week, value in
        Checkin(
          team: Located("a", at: Self.here), cycle: Located("2026-Q1", at: Self.here),
          week: Located(ISOWeek(week)!, at: Self.here),
          entries: [
            CheckinEntry(
              keyResult: Located(KeyResultReference("O1/KR1")!, at: Self.here), value: Located(value, at: Self.here),
              location: Self.here)
          ], location: Self.here)
      })
    let repository = Repository(teamQuarters: [team], checkinLogs: [log])
    let day = CalendarDate(asOf)!
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: day))
    let history = CheckinHistory(repository)
    let scored = card.teams[0].objectives[0].keyResults[0]
    return KeyResultProgress(
      scored: scored,
      weeks: history.weeks(of: KeyResultReference("O1/KR1")!, team: "a", cycle: "2026-Q1", asOf: day),
      expected: card.teams[0].expectedProgress(of: keyResult), day: day)
  }

  @Test func aProjectionNeverRunsPastTheEnd() throws {
    // 10 in week 2, 30 in week 4, nothing since.
    let checkins = [("2026-W02", 10.0), ("2026-W04", 30.0)]
    // Mid-quarter: 20 in 14 days, carried on for the 66 days to 2026-03-31 → 124.3: capped at 1.
    #expect(try progress(checkins, asOf: "2026-02-15").projectedScore == 1)
    // On the last day and after it, the projection is the score.
    #expect(try progress(checkins, asOf: "2026-03-31").projectedScore == 0.3)
    #expect(try progress(checkins, asOf: "2026-05-01").projectedScore == 0.3)
  }

  @Test func verdictsAreFinalOnceThePeriodIsOver() throws {
    #expect(try progress([("2026-W13", 60)], asOf: "2026-03-30").verdict == .offTrack)
    // An aspirational key result at 0.6 is not missed: its period ended below 1.0.
    #expect(try progress([("2026-W13", 60)], asOf: "2026-03-31").verdict == .ended)
    #expect(try progress([("2026-W13", 100)], asOf: "2026-03-31").verdict == .achieved)
    #expect(try progress([("2026-W13", 95)], asOf: "2026-03-31", commitment: .committed).verdict == .missed)
  }
}
