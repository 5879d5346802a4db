import Testing

@testable import OKRCore

/// A milestones key result: Design (weight 1, done in the file), Build (weight 2), Launch (weight 1).
@Suite struct MilestonesMeasureTests {
  private let measure = MilestonesMeasure([
    Milestone(title: "Design", weight: 1, done: true), Milestone(title: "Build", weight: 2),
    Milestone(title: "Launch", weight: 1),
  ])
  private var keyResult: KeyResult { KindFixture.keyResult(.milestones(measure)) }

  @Test func scoresTheWeightedShareDone() {
    #expect(measure.score(done: []) == 0.25)
    #expect(measure.score(done: ["Build"]) == 0.75)
    #expect(measure.score(done: ["Build", "Launch"]) == 1)
    let scored = KindFixture.scored(keyResult, [KindFixture.week("2026-02-06", milestones: ["Build"])])
    #expect(scored.milestonesDone == ["Design", "Build"])
    #expect((scored.source, scored.computedScore) == (.checkin, 0.75))
    #expect(scored.actualText == "2/3 done")
    #expect(KindFixture.scored(keyResult).source == .quarterFile)
  }

  @Test func aGapOfExactlyAQuarterIsAtRiskNotOffTrack() {
    // Half the quarter: 0.5 expected. Design alone is 1/4 done: a gap of exactly 0.25.
    #expect(KindFixture.progress(keyResult).expectedFraction == 0.5)
    #expect(KindFixture.progress(keyResult).verdict == .atRisk)
    // Design and Launch: 2/4, no gap.
    #expect(
      KindFixture.progress(keyResult, [KindFixture.week("2026-02-13", milestones: ["Launch"])]).verdict == .onTrack)
  }

  @Test func plansTheMilestonesInOrderOverTheSprints() {
    // Milestone i of 3 in sprint ceil(i × 6 / 3): 2, 4, 6.
    let due = KindFixture.targets(keyResult).map { $0.milestones.map(\.title) }
    #expect(due == [[], ["Design"], [], ["Build"], [], ["Launch"]])
    #expect(KindFixture.targets(keyResult)[1].milestones.map(\.done) == [true])
  }

  @Test func carriesTheOpenMilestonesWithTheirWeights() {
    let carried = measure.carriedOver(KindFixture.scored(keyResult))
    #expect(
      carried
        == .carry(.milestones(MilestonesMeasure([Milestone(title: "Build", weight: 2), Milestone(title: "Launch")]))))
    let allDone = KindFixture.scored(keyResult, [KindFixture.week("2026-03-27", milestones: ["Build", "Launch"])])
    #expect(measure.carriedOver(allDone) == .leave(because: "has every milestone done"))
  }

  @Test func checkinsNameItsMilestones() {
    #expect(Measure.milestones(measure).checkinInput == .milestoneTitles(measure.milestones))
    #expect(measure.goalText(unit: nil) == "all done")
    #expect(Measure.milestones(measure).definitionFields.isEmpty)
  }
}
