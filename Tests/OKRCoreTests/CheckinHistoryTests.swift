import OKRCore
import Testing

/// The weekly view of the check-in logs: corrections applied field by field,
/// logs read in path order whatever order they were loaded in, weeks oldest
/// first however they were written.
@Suite struct CheckinHistoryTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)
  private static let reference = KeyResultReference("O1/KR1")!

  private func checkin(_ week: String, value: Double? = nil, confidence: Confidence.Band? = nil) -> Checkin {
    Checkin(
      team: Located("a", at: Self.here), cycle: Located("2026-Q1", at: Self.here),
      week: Located(ISOWeek(week)!, at: Self.here),
      entries: [
        CheckinEntry(
          keyResult: Located(Self.reference, at: Self.here), value: value.map { Located($0, at: Self.here) },
          confidence: confidence.map { Located(Confidence($0), at: Self.here) }, location: Self.here)
      ], location: Self.here)
  }

  private func weeks(_ logs: [CheckinLog], asOf: String = "2026-03-31") -> [WeeklyCheckin] {
    CheckinHistory(Repository(teamQuarters: [], checkinLogs: logs), cycle: "2026-Q1")
      .weeks(of: Self.reference, team: "a", cycle: "2026-Q1", asOf: CalendarDate(asOf)!)
  }

  @Test func weeksWrittenOutOfOrderComeOutOldestFirstWithCorrectionsApplied() {
    let log = CheckinLog(
      path: "a.yaml",
      checkins: [
        checkin("2026-W03", value: 3, confidence: .green), checkin("2026-W01", value: 1),
        checkin("2026-W03", confidence: .red), checkin("2026-W02", value: 2), checkin("2026-W01", value: 1.5),
      ])
    let weeks = weeks([log])
    #expect(weeks.map(\.week.description) == ["2026-W01", "2026-W02", "2026-W03"])
    #expect(weeks.map(\.value) == [1.5, 2, 3])
    #expect(weeks.map(\.confidence?.level) == [nil, nil, 2])
  }

  @Test func aLaterPathCorrectsAnEarlierOneWhateverTheLoadOrder() {
    let first = CheckinLog(path: "a.yaml", checkins: [checkin("2026-W01", value: 5, confidence: .yellow)])
    let second = CheckinLog(path: "b.yaml", checkins: [checkin("2026-W01", value: 10)])
    for logs in [[first, second], [second, first]] {
      let weeks = weeks(logs)
      #expect(weeks.map(\.value) == [10])
      #expect(weeks.map(\.confidence?.level) == [5])
    }
  }

  @Test func checkInsCountingFromLaterDaysDoNotExistYet() {
    // Without a date, a check-in counts from its week's Friday: 2026-W02 is 2026-01-09.
    let log = CheckinLog(path: "a.yaml", checkins: [checkin("2026-W01", value: 1), checkin("2026-W02", value: 2)])
    #expect(weeks([log], asOf: "2026-01-08").map(\.value) == [1])
    #expect(weeks([log], asOf: "2026-01-09").map(\.value) == [1, 2])
  }
}
