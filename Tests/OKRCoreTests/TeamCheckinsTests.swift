import Testing

@testable import OKRCore

/// The one answer to "did the team check in": a person's check-in counts, values pulled from sources do not.
@Suite struct TeamCheckinsTests {
  private static func week(_ week: String, pulled: Bool) -> WeeklyCheckin {
    let isoWeek = ISOWeek(week)!
    return WeeklyCheckin(
      week: isoWeek, date: isoWeek.day(.friday), by: pulled ? KeyResultSource.recordedBy : "maria", blockers: [],
      isPulledOnly: pulled)
  }

  @Test func aWeekOfOnlyPulledValuesIsNotTheTeamCheckingIn() {
    // KR1: maria in week 3, pulls in weeks 4 and 5 (Fridays 23 and 30 January 2026); KR2: pulled in week 5 only.
    let team = TeamCheckins([
      [Self.week("2026-W03", pulled: false), Self.week("2026-W04", pulled: true), Self.week("2026-W05", pulled: true)],
      [Self.week("2026-W05", pulled: true)],
    ])
    #expect(team.last?.week.description == "2026-W03")
    #expect(team.last?.date.description == "2026-01-16")
    #expect(team.pulledSince?.week.description == "2026-W05")
    #expect(!team.checkedIn(in: ISOWeek("2026-W05")!))
    #expect(team.checkedIn(in: ISOWeek("2026-W03")!))
  }

  @Test func aPersonOnAnyKeyResultThatWeekIsTheTeamCheckingIn() {
    // A mixed week (a pull, then maria's confidence) is a person's: CheckinHistory clears isPulledOnly.
    let team = TeamCheckins([
      [Self.week("2026-W04", pulled: true), Self.week("2026-W05", pulled: true)],
      [Self.week("2026-W05", pulled: false)],
    ])
    #expect(team.last?.week.description == "2026-W05")
    #expect(team.pulledSince == nil)
    #expect(team.checkedIn(in: ISOWeek("2026-W05")!))
  }

  @Test func aTeamWithOnlyPulledValuesNeverCheckedIn() {
    let team = TeamCheckins([[Self.week("2026-W02", pulled: true)]])
    #expect(team.last == nil)
    #expect(team.pulledSince?.week.description == "2026-W02")
    #expect(!team.checkedIn(in: ISOWeek("2026-W02")!))
    #expect(TeamCheckins().last == nil)
  }
}
