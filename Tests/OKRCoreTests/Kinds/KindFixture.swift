@testable import OKRCore

/// Key results of one kind, scored and judged over 2026-Q1 (90 days; six
/// two-week sprints from Monday 2026-01-05, ending on days 18, 32, 46, 60, 74 and 90).
enum KindFixture {
  static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)
  static let calendar = SprintCalendar(
    period: Cycle(quarter: Quarter("2026-Q1")!).period, sprintLength: DayCount(days: 14)!, firstSprint: nil)

  static func keyResult(
    _ measure: Measure, unit: String? = nil, current: Double? = nil, goalSprints: [Int] = []
  ) -> KeyResult {
    KeyResult(
      id: Located("KR1", at: here), title: "K", measure: measure, unit: unit, current: current,
      sprintGoals: goalSprints.map { SprintGoal(sprint: Located($0, at: here), goal: "g", location: here) },
      location: here)
  }

  /// A week's check-in on `date`.
  static func week(
    _ date: String, value: Double? = nil, done: Bool? = nil, milestones: [String]? = nil, confidence: Int? = nil
  ) -> WeeklyCheckin {
    let day = CalendarDate(date)!
    return WeeklyCheckin(
      week: day.isoWeek, date: day, value: value, done: done, milestonesDone: milestones,
      confidence: confidence.flatMap(Confidence.init(level:)), blockers: [])
  }

  static func scored(_ keyResult: KeyResult, _ weeks: [WeeklyCheckin] = []) -> KeyResultScore {
    ScoreCard.score(keyResult, weeks: weeks, grading: Grading())
  }

  /// The key result's progress at the end of `day` (default 2026-02-14, day 45 of 90: half the quarter).
  static func progress(_ keyResult: KeyResult, _ weeks: [WeeklyCheckin] = [], on day: String = "2026-02-14")
    -> KeyResultProgress
  {
    KeyResultProgress(
      scored: scored(keyResult, weeks), weeks: weeks,
      expected: ExpectedProgress(keyResult: keyResult, calendar: calendar), day: CalendarDate(day)!)
  }

  /// The plan's targets, one per sprint.
  static func targets(_ keyResult: KeyResult) -> [SprintTarget] {
    TeamPlan.targets(for: keyResult, reference: KeyResultReference("O1/KR1")!, calendar: calendar)
  }
}
