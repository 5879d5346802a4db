import OKRCore
import Testing

/// A scope problem's message names what there is, but not hundreds of names.
@Suite struct ScopeErrorTests {
  /// Five teams are listed whole; two hundred are the first twelve and a count, with the hint still found.
  @Test func aLongListOfTeamsIsCut() {
    let few = ScopeError.unknownTeam("grwoth", cycle: "2026-Q3", known: ["company", "growth", "support"])
    #expect(
      few.description
        == "no team 'grwoth' has a quarter file for 2026-Q3; did you mean 'growth'? (teams: company, growth, support)")
    let many = (1...200).map { "team-\($0)" }
    let problem = ScopeError.unknownTeam("team-2001", cycle: "2026-Q3", known: many)
    #expect(
      problem.description.hasSuffix(
        "(teams: team-1, team-2, team-3, team-4, team-5, team-6, team-7, team-8, "
          + "team-9, team-10, team-11, team-12 and 188 more)"))
    #expect(problem.description.contains("did you mean 'team-200'?"))
  }
}
