import OKRCore
import Testing

/// Checks over teams (parent chains, alignment) stay linear in the number of teams.
///
/// No timings: a chain of 20,000 teams took minutes with the old quadratic
/// walk per team, so these would not finish; the counts asserted here are the
/// messages' sizes, which must not grow with the square of the chain.
@Suite struct TeamGraphTests {
  private static let cycle = Cycle(quarter: Quarter("2026-Q1")!)

  private static func team(_ slug: String, parent: String?, line: Int = 1) -> TeamQuarter {
    let path = "okrs/2026-Q1/\(slug).yaml"
    return TeamQuarter(
      cycle: cycle, team: Located(slug, at: SourceLocation(path: path, line: 2, column: 7)),
      parent: parent.map { Located($0, at: SourceLocation(path: path, line: 3, column: 9)) },
      objectives: [], location: SourceLocation(path: path, line: 1, column: 1))
  }

  private static func cycleMessages(_ teams: [TeamQuarter]) -> [String] {
    Validator(Repository(teamQuarters: teams)).validate().filter { $0.rule == .parentCycle }
      .sortedByLocation().map { "\($0.location): \($0.message)" }
  }

  @Test func eachTeamOfALoopIsReportedWithItsOwnChain() {
    let messages = Self.cycleMessages([
      Self.team("a", parent: "b"), Self.team("b", parent: "c"), Self.team("c", parent: "a"),
      // A tail leading into the loop is not part of it.
      Self.team("d", parent: "a"),
      Self.team("e", parent: "e"),
      Self.team("f", parent: nil), Self.team("g", parent: "f"),
    ])
    #expect(
      messages == [
        "okrs/2026-Q1/a.yaml:3:9: team 'a' is its own ancestor: a -> b -> c -> a",
        "okrs/2026-Q1/b.yaml:3:9: team 'b' is its own ancestor: b -> c -> a -> b",
        "okrs/2026-Q1/c.yaml:3:9: team 'c' is its own ancestor: c -> a -> b -> c",
        "okrs/2026-Q1/e.yaml:3:9: team 'e' is its own ancestor: e -> e",
      ])
  }

  @Test func aChainOfTwentyThousandTeamsHasNoLoop() {
    let teams = (0..<20_000).map { Self.team("t\($0)", parent: $0 == 0 ? nil : "t\($0 - 1)") }
    #expect(Self.cycleMessages(teams) == [])
  }

  @Test func aLoopOfTwentyThousandTeamsGivesShortMessages() {
    let count = 20_000
    let teams = (0..<count).map { Self.team("t\($0)", parent: "t\(($0 + 1) % count)") }
    let messages = Self.cycleMessages(teams)
    #expect(messages.count == count)
    // Every member is reported, each message bounded whatever the loop's length.
    #expect(messages.allSatisfy { $0.utf8.count < 200 })
    #expect(
      messages.contains(
        "okrs/2026-Q1/t5.yaml:3:9: team 't5' is its own ancestor: t5 -> t6 -> t7 -> t8 -> … (20000 teams in the loop) -> t5"
      ))
  }
}

extension TeamGraphTests {
  private static func depthMessages(_ teams: [TeamQuarter]) -> [String] {
    Validator(Repository(teamQuarters: teams)).validate().filter { $0.rule == .parentDepth }
      .sortedByLocation().map { "\($0.location): \($0.message)" }
  }

  @Test func aChainMayBeThirtyTwoLevelsDeep() {
    let teams = (0...32).map { Self.team("t\($0)", parent: $0 == 0 ? nil : "t\($0 - 1)") }
    #expect(Self.depthMessages(teams) == [])
  }

  @Test func onlyTheFirstTeamTooDeepOnEachBranchIsReported() {
    // Listed bottom up, so walks stop at teams already measured.
    var teams = (0..<20_000).reversed().map { Self.team("t\($0)", parent: $0 == 0 ? nil : "t\($0 - 1)") }
    teams.append(Self.team("side", parent: "t40"))
    teams.append(Self.team("other", parent: "t32"))
    // `other` is the first too deep on its own branch; `side` hangs under t40, already reported at t33.
    #expect(
      Self.depthMessages(teams) == [
        "okrs/2026-Q1/other.yaml:3:9: team 'other' has 33 levels of parent teams above it, up to 't0'; at most 32 are allowed",
        "okrs/2026-Q1/t33.yaml:3:9: team 't33' has 33 levels of parent teams above it, up to 't0'; at most 32 are allowed",
      ])
    #expect(Self.cycleMessages(teams) == [])
  }

  @Test func teamsUnderALoopHaveNoDepth() {
    let teams =
      [Self.team("a", parent: "b"), Self.team("b", parent: "a")]
      + (0..<40).map { Self.team("t\($0)", parent: $0 == 0 ? "a" : "t\($0 - 1)") }
    #expect(Self.depthMessages(teams) == [])
    #expect(Self.cycleMessages(teams).count == 2)
  }

  @Test func aMissingParentMakesATopTeam() {
    let teams = (0...33).map { Self.team("t\($0)", parent: $0 == 0 ? "nobody" : "t\($0 - 1)") }
    #expect(
      Self.depthMessages(teams) == [
        "okrs/2026-Q1/t33.yaml:3:9: team 't33' has 33 levels of parent teams above it, up to 't0'; at most 32 are allowed"
      ])
  }
}

extension TeamGraphTests {
  @Test func didYouMeanSearchesShareOneBudget() {
    // 5,000 teams, each naming a missing parent one letter off its own slug:
    // each search compares 5,000 candidates, so the budget pays for 40 of them.
    let count = 5_000
    let teams = (0..<count).map { Self.team("t\($0)", parent: "t\($0)x") }
    let messages = Validator(Repository(teamQuarters: teams)).validate().filter { $0.rule == .unresolvedReference }
      .map(\.message)
    #expect(messages.count == count)
    let hinted = messages.filter { $0.contains("; did you mean") }
    #expect(hinted.count == Validator.hintComparisons / count)
    #expect(messages.first == "parent team 't0x' has no quarter file for 2026-Q1; did you mean 't0'?")
    #expect(messages.last == "parent team 't4999x' has no quarter file for 2026-Q1")
  }
}
