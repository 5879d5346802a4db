import Testing

@testable import OKRCore

/// A boolean key result: done or not, with confidence as the only signal until done.
@Suite struct BooleanMeasureTests {
  private let open = KindFixture.keyResult(.boolean(done: false))

  @Test func doneInTheFileStaysDoneWhateverACheckinSays() {
    let scored = KindFixture.scored(
      KindFixture.keyResult(.boolean(done: true)), [KindFixture.week("2026-02-06", done: false)])
    #expect((scored.done, scored.source, scored.computedScore) == (true, .checkin, 1))
    #expect(scored.actualText == "done")
  }

  @Test func aCheckinMarksItDone() {
    #expect(KindFixture.scored(open).computedScore == 0)
    #expect(KindFixture.scored(open).source == .quarterFile)
    #expect(KindFixture.scored(open).actualText == "not done")
    #expect(KindFixture.scored(open, [KindFixture.week("2026-02-06", done: true)]).computedScore == 1)
  }

  @Test func untilDoneConfidenceDecides() {
    func verdict(_ confidence: Int?, done: Bool = false) -> Verdict {
      KindFixture.progress(open, [KindFixture.week("2026-02-13", done: done, confidence: confidence)]).verdict
    }
    #expect(verdict(nil) == .onTrack)
    #expect(verdict(8) == .onTrack)
    #expect(verdict(5) == .atRisk)
    #expect(verdict(2) == .offTrack)
    #expect(verdict(2, done: true) == .onTrack)
    #expect(KindFixture.progress(open).expectedFraction == nil)
  }

  @Test func isDueInTheLastSprintWithAGoalElseTheLastSprint() {
    #expect(KindFixture.targets(open).map(\.isDue) == [false, false, false, false, false, true])
    let withGoals = KindFixture.keyResult(.boolean(done: false), goalSprints: [1, 3])
    #expect(KindFixture.targets(withGoals).map(\.isDue) == [false, false, true, false, false, false])
  }

  @Test func carriesOnlyWhileOpen() {
    let measure = BooleanMeasure(done: false)
    #expect(measure.carriedOver(KindFixture.scored(open)) == .carry(.boolean(done: false)))
    let done = KindFixture.scored(open, [KindFixture.week("2026-03-27", done: true)])
    #expect(measure.carriedOver(done) == .leave(because: "is done"))
    #expect(measure.goalText(unit: "%") == "done")
    #expect(Measure.boolean(done: true).definitionFields.isEmpty)
  }
}
