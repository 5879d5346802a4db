import Testing

@testable import OKRCore

/// A threshold key result: p95 latency kept below 300 ms.
@Suite struct ThresholdMeasureTests {
  private let below = KindFixture.keyResult(.threshold(keep: .below, bound: 300), unit: "ms")

  @Test func theBoundItselfIsKept() {
    #expect(ThresholdMeasure(keep: .below, bound: 300).score(of: 300) == 1)
    #expect(ThresholdMeasure(keep: .below, bound: 300).score(of: 301) == 0)
    #expect(ThresholdMeasure(keep: .above, bound: 70).score(of: 70) == 1)
    #expect(ThresholdMeasure(keep: .above, bound: 70).score(of: 69.9) == 0)
  }

  @Test func keptIsOnTrackBrokenIsOffTrackAndNoDataIsAtRisk() {
    let kept = KindFixture.progress(below, [KindFixture.week("2026-02-13", value: 280)])
    #expect((kept.scored.computedScore, kept.verdict) == (1, .onTrack))
    let broken = KindFixture.progress(below, [KindFixture.week("2026-02-13", value: 320)])
    #expect((broken.scored.computedScore, broken.verdict) == (0, .offTrack))
    let keptWithRedConfidence = KindFixture.progress(
      below, [KindFixture.week("2026-02-13", value: 280, confidence: 3)])
    #expect(keptWithRedConfidence.verdict == .atRisk)
    let noData = KindFixture.progress(below)
    #expect((noData.scored.actual, noData.scored.source, noData.verdict) == (nil, .none, .atRisk))
    #expect(noData.scored.actualText == "no data")
    #expect(noData.expectedFraction == nil)
  }

  @Test func carriesOverUnchanged() {
    let measure = ThresholdMeasure(keep: .below, bound: 300)
    #expect(measure.carriedOver(KindFixture.scored(below)) == .carry(.threshold(keep: .below, bound: 300)))
    #expect(KindFixture.targets(below).allSatisfy { !$0.moves })
  }

  @Test func describesItsGoalAndDefinition() {
    #expect(ThresholdMeasure(keep: .below, bound: 300).goalText(unit: "ms") == "≤300 ms")
    #expect(ThresholdMeasure(keep: .above, bound: 70).goalText(unit: "%") == "≥70%")
    let fields = Measure.threshold(keep: .above, bound: 70).definitionFields
    #expect(fields.map(\.field.rawValue) == ["keep", "bound"])
    #expect(fields.map(\.value) == [.text("above"), .number(70)])
    #expect(Measure.threshold(keep: .above, bound: 70).scale == .bound(keep: .above, bound: 70))
  }
}
