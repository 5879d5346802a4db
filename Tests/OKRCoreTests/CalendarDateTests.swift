import OKRCore
import Testing

@Suite struct CalendarDateTests {
  @Test(arguments: [
    "2024-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-01", "2026/01/01", "",
    "2026-01-01x",
  ])
  func rejectsDaysThatDoNotExist(_ text: String) {
    #expect(CalendarDate(text) == nil)
  }

  @Test func acceptsLeapDays() {
    #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
    #expect(CalendarDate("2000-02-29") != nil)
    #expect(CalendarDate("1900-02-29") == nil)
  }

  @Test func arithmeticCrossesMonthsYearsAndLeapDays() {
    let date = CalendarDate("2024-02-28")!
    #expect(date.adding(days: 1).description == "2024-02-29")
    #expect(date.adding(days: 2).description == "2024-03-01")
    #expect(CalendarDate("2026-12-31")!.adding(days: 1).description == "2027-01-01")
    #expect(CalendarDate("1970-01-01")!.daysSinceEpoch == 0)
    #expect(CalendarDate("2026-01-05")!.days(to: CalendarDate("2026-03-31")!) == 85)
  }

  @Test func weekdays() {
    #expect(CalendarDate("2026-01-01")!.weekday == .thursday)
    #expect(CalendarDate("2026-07-03")!.weekday == .friday)
    #expect(CalendarDate("2026-01-01")!.next(.monday).description == "2026-01-05")
    #expect(CalendarDate("2026-01-05")!.next(.monday).description == "2026-01-05")
  }

  @Test(arguments: [
    ("2026-01-01", "2026-W01"), ("2025-12-29", "2026-W01"), ("2027-01-01", "2026-W53"),
    ("2026-12-31", "2026-W53"), ("2021-01-03", "2020-W53"), ("2026-07-03", "2026-W27"), ("2024-12-30", "2025-W01"),
  ])
  func isoWeeksAroundNewYear(_ date: String, _ week: String) {
    #expect(CalendarDate(date)!.isoWeek.description == week)
  }

  @Test func isoWeek53ExistsOnlyInLongYears() {
    #expect(ISOWeek.weeks(in: 2026) == 53)
    #expect(ISOWeek.weeks(in: 2025) == 52)
    #expect(ISOWeek("2026-W53") != nil)
    #expect(ISOWeek("2025-W53") == nil)
    #expect(ISOWeek("2026-W00") == nil)
    #expect(ISOWeek("2026-3") == nil)
    #expect(ISOWeek("2026-W53")!.monday.description == "2026-12-28")
    #expect(ISOWeek("2026-W03")!.day(.friday).description == "2026-01-16")
    #expect(ISOWeek("2026-W01")!.contains(CalendarDate("2025-12-29")!))
  }

  @Test func quarters() {
    #expect(Quarter("2026-Q1")?.period.description == "2026-01-01..2026-03-31")
    #expect(Quarter("2024-Q1")?.period.dayCount == 91)
    #expect(Quarter("2026-Q4")?.period.end.description == "2026-12-31")
    #expect(Quarter("2026-Q5") == nil)
    #expect(Quarter("2026-q1") == nil)
    #expect(Quarter(containing: CalendarDate("2026-11-22")!).description == "2026-Q4")
  }

  @Test(arguments: [("2w", 14), ("1w", 7), ("10d", 10), ("3w", 21)])
  func sprintLengths(_ text: String, _ days: Int) {
    #expect(DayCount(text)?.days == days)
  }

  @Test(arguments: ["2 weeks", "0w", "w", "-1d", "2m", ""])
  func badSprintLengths(_ text: String) {
    #expect(DayCount(text) == nil)
  }

  @Test(arguments: [("90m", 90), ("1.5h", 90), ("2h", 120), ("1h30m", 90), ("45m", 45), ("0.25h", 15)])
  func estimates(_ text: String, _ minutes: Int) {
    #expect(Effort(text)?.minutes == minutes)
  }

  @Test(arguments: ["2 hours", "0m", "h", "1.5", "-1h", "1h30", "abc"])
  func badEstimates(_ text: String) {
    #expect(Effort(text) == nil)
  }

  @Test func confidenceBandsAndWords() {
    #expect(Confidence(level: 7)?.band == .green)
    #expect(Confidence(level: 6)?.band == .yellow)
    #expect(Confidence(level: 4)?.band == .yellow)
    #expect(Confidence(level: 3)?.band == .red)
    #expect(Confidence(level: 11) == nil)
    #expect(Confidence(level: -1) == nil)
    #expect(Confidence(.green).level == 8)
    #expect(Confidence(.yellow).level == 5)
    #expect(Confidence(.red).level == 2)
  }
}
