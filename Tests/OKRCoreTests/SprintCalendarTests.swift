import OKRCore
import Testing

@Suite struct SprintCalendarTests {
  private func calendar(_ start: String, _ end: String, length: String = "2w", first: String? = nil) -> [String] {
    let period = Period(start: CalendarDate(start)!, end: CalendarDate(end)!)!
    return SprintCalendar(
      period: period, sprintLength: DayCount(length)!, firstSprint: first.flatMap(CalendarDate.init)
    )
    .sprints.map { "\($0.number): \($0.period)" }
  }

  @Test func quarterStartingMidWeekStartsOnTheFirstMondayAndAShortRemainderJoinsTheLastSprint() {
    // 2026-Q1 starts on a Thursday; Mar 30-31 (2 days, under half a sprint) join sprint 6.
    #expect(
      calendar("2026-01-01", "2026-03-31") == [
        "1: 2026-01-05..2026-01-18", "2: 2026-01-19..2026-02-01", "3: 2026-02-02..2026-02-15",
        "4: 2026-02-16..2026-03-01", "5: 2026-03-02..2026-03-15", "6: 2026-03-16..2026-03-31",
      ])
  }

  @Test func aRemainderOfHalfASprintOrMoreBecomesAShortLastSprint() {
    // 2026-Q2 starts Wednesday Apr 1; first Monday Apr 6. Six sprints end Jun 28; Jun 29-30 join.
    #expect(calendar("2026-04-01", "2026-06-30").last == "6: 2026-06-15..2026-06-30")
    // A custom period leaving exactly 7 of 14 days: a short sprint of its own.
    #expect(calendar("2026-01-05", "2026-01-25") == ["1: 2026-01-05..2026-01-18", "2: 2026-01-19..2026-01-25"])
    // 6 days left of 14: they join sprint 1.
    #expect(calendar("2026-01-05", "2026-01-24") == ["1: 2026-01-05..2026-01-24"])
  }

  @Test func oneAndThreeWeekSprints() {
    let weekly = calendar("2026-01-01", "2026-03-31", length: "1w")
    #expect(weekly.count == 12)
    #expect(weekly.first == "1: 2026-01-05..2026-01-11")
    // Mar 30-31 are 2 days: under half of 7, they join sprint 12.
    #expect(weekly.last == "12: 2026-03-23..2026-03-31")
    let threeWeekly = calendar("2026-01-01", "2026-03-31", length: "3w")
    #expect(
      threeWeekly == [
        "1: 2026-01-05..2026-01-25", "2: 2026-01-26..2026-02-15", "3: 2026-02-16..2026-03-08",
        "4: 2026-03-09..2026-03-31",
      ])
  }

  @Test func explicitFirstSprintAndLeapYear() {
    let sprints = calendar("2024-01-01", "2024-03-31", first: "2024-01-01")
    #expect(sprints.first == "1: 2024-01-01..2024-01-14")
    #expect(sprints.contains("5: 2024-02-26..2024-03-10"))
    #expect(sprints.last == "7: 2024-03-25..2024-03-31")
  }

  @Test func aQuarterWithISOWeek53() {
    let sprints = calendar("2026-10-01", "2026-12-31")
    #expect(sprints.first == "1: 2026-10-05..2026-10-18")
    #expect(sprints.last == "6: 2026-12-14..2026-12-31")
  }

  @Test func lookups() {
    let period = Quarter("2026-Q1")!.period
    let calendar = SprintCalendar(period: period, sprintLength: DayCount(days: 14)!, firstSprint: nil)
    #expect(calendar.sprint(containing: CalendarDate("2026-01-19")!)?.number == 2)
    #expect(calendar.sprint(containing: CalendarDate("2026-01-02")!) == nil)
    #expect(calendar.sprint(7) == nil)
    #expect(calendar.sprint(1)?.period.start.description == "2026-01-05")
  }
}
