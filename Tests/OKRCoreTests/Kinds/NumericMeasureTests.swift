import Testing

@testable import OKRCore

/// A numeric key result, decreasing: response time from 400 ms down to 200 ms.
@Suite struct NumericMeasureTests {
  private let decreasing = KindFixture.keyResult(.numeric(baseline: 400, target: 200), unit: "ms")

  @Test func scoresTheShareOfTheWayDownAndClampsPastTheTarget() {
    // (300 - 400) / (200 - 400) = 0.5; past the target it stays 1; above the baseline 0.
    #expect(KindFixture.scored(decreasing, [KindFixture.week("2026-02-06", value: 300)]).computedScore == 0.5)
    #expect(KindFixture.scored(decreasing, [KindFixture.week("2026-02-06", value: 150)]).computedScore == 1)
    #expect(KindFixture.scored(decreasing, [KindFixture.week("2026-02-06", value: 450)]).computedScore == 0)
  }

  @Test func withoutDataTheActualIsTheBaseline() {
    let scored = KindFixture.scored(decreasing)
    #expect(scored.actual == 400)
    #expect(scored.source == .baseline)
    #expect(scored.computedScore == 0)
    #expect(scored.actualText == "400 ms")
    // The quarter file's current value counts before any check-in.
    let current = KindFixture.scored(KindFixture.keyResult(.numeric(baseline: 400, target: 200), current: 350))
    #expect((current.actual, current.source, current.computedScore) == (350, .quarterFile, 0.25))
  }

  @Test func judgesTheGapAlongItsDirection() {
    // Half the quarter: 300 ms expected. 310 ms is 0.45 of the way (gap 0.05), 340 ms 0.3 (gap 0.2),
    // 360 ms 0.2 (gap 0.3).
    func verdict(_ value: Double) -> Verdict {
      KindFixture.progress(decreasing, [KindFixture.week("2026-02-13", value: value)]).verdict
    }
    #expect(KindFixture.progress(decreasing).expectedValue == 300)
    #expect(verdict(310) == .onTrack)
    #expect(verdict(340) == .atRisk)
    #expect(verdict(360) == .offTrack)
  }

  @Test func plansTheExpectedValueSprintBySprint() {
    // Sprint 1 runs 2026-01-05 to 2026-01-18 (days 5 to 18): 400 - 200 × 4/90 = 391.1 to 400 - 200 × 18/90 = 360.
    let first = KindFixture.targets(decreasing)[0]
    #expect((first.from, first.to, first.isCheckpointWritten) == (391.1, 360, false))
  }

  @Test func carriesOnFromTheLastActualUntilTheTargetIsReached() {
    let halfway = KindFixture.scored(decreasing, [KindFixture.week("2026-03-27", value: 300)])
    #expect(
      NumericMeasure(baseline: 400, target: 200).carriedOver(halfway) == .carry(.numeric(baseline: 300, target: 200)))
    let reached = KindFixture.scored(decreasing, [KindFixture.week("2026-03-27", value: 190)])
    #expect(
      NumericMeasure(baseline: 400, target: 200).carriedOver(reached) == .leave(because: "reached its target (200)"))
  }

  @Test func describesItsGoalAndDefinition() {
    #expect(NumericMeasure(baseline: 410, target: 650).goalText(unit: "€k") == "410→650 €k")
    let fields = Measure.numeric(baseline: 400, target: 200).definitionFields
    #expect(fields.map(\.field.rawValue) == ["baseline", "target"])
    #expect(fields.map(\.value) == [.number(400), .number(200)])
  }

  @Test func mustMove() {
    let values = MeasureParameterValues(["baseline": .number(5), "target": .number(5)])
    #expect(
      Measure.make(.numeric, values)
        == .failure(
          MeasureProblem(key: "target", message: "'target' equals 'baseline' (5): a numeric key result must move")))
    #expect(
      Measure.make(.numeric, MeasureParameterValues(["baseline": .number(5), "target": .number(6)]))
        == .success(.numeric(baseline: 5, target: 6)))
  }
}
