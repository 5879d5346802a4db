#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

extension Pace {
  /// The share of the way from baseline to target expected after `elapsed`
  /// (0...1) of the cycle: linear; front-loaded `1 - (1 - e)²`; back-loaded `e²`.
  public func expectedFraction(_ elapsed: Double) -> Double {
    let e = min(1, max(0, elapsed))
    switch self {
    case .linear: return e
    case .front: return 1 - (1 - e) * (1 - e)
    case .back: return e * e
    }
  }
}

/// Where a key result stands against where it should be by now.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
  /// At most 0.1 behind the expected progress, and confidence not red; a
  /// boolean key result done, or open with green confidence.
  case onTrack = "on track"
  /// More than 0.1 and at most 0.25 behind; a threshold key result with no
  /// data or red confidence; a boolean key result open with yellow confidence.
  case atRisk = "at risk"
  /// More than 0.25 behind the expected progress, or the last confidence is red
  /// (0-3); a threshold key result on the wrong side of its bound.
  case offTrack = "off track"
  /// The period is over and the key result scored 1.0.
  case achieved
  /// The period is over and a committed key result scored below 1.0
  /// (``KeyResultScore/isMissed(periodOver:)``).
  case missed
  /// The period is over and an aspirational key result scored below 1.0:
  /// not missed, since a stretch is not a promise; its score and grade say how it went.
  case ended

  /// Whether the verdict is final: the period is over.
  public var isFinal: Bool { self == .achieved || self == .missed || self == .ended }
}

/// A key result's progress as of a day: its score, the progress expected by
/// now (``ExpectedProgress``), a projection and a verdict.
public struct KeyResultProgress: Sendable {
  /// The score as of the day (actual value, confidence, grade).
  public var scored: KeyResultScore
  /// The weekly check-ins up to the day, oldest first.
  public var weeks: [WeeklyCheckin]
  /// Where the key result should stand, day by day.
  public var expected: ExpectedProgress
  /// The day measured.
  public var day: CalendarDate
  /// The share of the way expected by now, 0...1; `nil` for kinds without a halfway mark (threshold, boolean).
  public var expectedFraction: Double?
  /// The value expected by now (key results with a span, such as numeric).
  public var expectedValue: Double?
  /// The score at the period's end if progress since the first check-in goes
  /// on at the same rate (key results with a span and two check-ins); the score
  /// itself from the period's last day on.
  public var projectedScore: Double?
  /// On track, at risk or off track; achieved, missed or ended once the period is over.
  public var verdict: Verdict

  /// The cycle.
  public var period: Period { expected.period }

  /// How far actual progress trails expected progress (positive when behind), for display.
  public var gap: Double? {
    expectedFraction.flatMap { scored.keyResult.measure.behaviour?.gap(self, expectedFraction: $0) }
  }

  /// Measures a key result's progress.
  ///
  /// - Parameters:
  ///   - scored: Its score as of `day`.
  ///   - weeks: Its weekly check-ins as of `day`.
  ///   - expected: Its expected progress.
  ///   - day: The as-of day.
  public init(scored: KeyResultScore, weeks: [WeeklyCheckin], expected: ExpectedProgress, day: CalendarDate) {
    self.scored = scored
    self.weeks = weeks
    self.expected = expected
    self.day = day
    let period = expected.period
    expectedFraction = expected.fraction(on: day)
    expectedValue = expected.value(on: day)
    if case .span(let baseline, let target)? = scored.keyResult.measure.scale {
      // A projection never runs past the period's end: from its last day on, it is the score.
      projectedScore =
        day >= period.end
        ? scored.score : Self.projection(weeks, baseline: baseline, target: target, end: period.end)
    }
    verdict = .onTrack
    verdict = judge()
  }

  private func judge() -> Verdict {
    // Final verdicts follow the score that counts (an override included), as "missed" does everywhere.
    if day >= period.end {
      if scored.score >= 1 { return .achieved }
      return scored.isMissed(periodOver: true) ? .missed : .ended
    }
    return scored.keyResult.measure.behaviour?.verdict(self) ?? verdictByGap()
  }

  /// The verdict of a key result with a halfway mark: off track when more
  /// than 0.25 behind the expected progress or the last confidence is red, at
  /// risk when more than 0.1 behind, else on track.
  public func verdictByGap() -> Verdict {
    if scored.confidence?.level.band == .red || isBehind(byMoreThan: 0.25) { return .offTrack }
    return isBehind(byMoreThan: 0.1) ? .atRisk : .onTrack
  }

  /// Whether progress trails the expected progress by at least `threshold`
  /// (a share of the way from baseline to target), compared exactly on the
  /// decimal values: a gap of exactly 0.2 meets a threshold of 0.2.
  public func isBehind(byAtLeast threshold: Double) -> Bool {
    compareGap(with: threshold).map { $0 >= 0 } ?? false
  }

  /// Whether progress trails the expected progress by more than `threshold`, exactly.
  public func isBehind(byMoreThan threshold: Double) -> Bool {
    compareGap(with: threshold).map { $0 > 0 } ?? false
  }

  /// The sign of `gap - threshold`, computed exactly (``Exact``); `nil`
  /// without an expected mark.
  func compareGap(with threshold: Double) -> Int? {
    guard let expectedFraction else { return nil }
    return scored.keyResult.measure.behaviour?.gapSign(self, expectedFraction: expectedFraction, minus: threshold)
  }

  /// ``compareGap(with:)`` for a value moving from `baseline` to `target`:
  /// the shortfall of the actual value against the expected one, as a share
  /// of the span, exactly.
  func gapSignAlongSpan(baseline: Double, target: Double, minus threshold: Double) -> Int? {
    guard let expectedValue, let actual = scored.actual else { return nil }
    // Scores are clamped to 0...1, so the values are clamped to the span before comparing.
    let low = min(baseline, target)
    let high = max(baseline, target)
    return Exact.shortfall(
      of: min(high, max(low, actual)), against: min(high, max(low, expectedValue)), baseline: baseline,
      target: target, minus: threshold)
  }

  /// How far the actual value trails the expected one along the span, as a
  /// share of it, exactly (``Exact/shortfallShare(of:against:baseline:target:)``);
  /// both clamped to the span, as scores are.
  func gapAlongSpan(baseline: Double, target: Double) -> Double? {
    guard let expectedValue else { return nil }
    let low = min(baseline, target)
    let high = max(baseline, target)
    // Without a measured value the score stands at the baseline.
    let actual = min(high, max(low, scored.actual ?? baseline))
    return Exact.shortfallShare(
      of: actual, against: min(high, max(low, expectedValue)), baseline: baseline, target: target)
  }

  /// The score at `end` if the value keeps moving at its rate since the first check-in.
  static func projection(_ weeks: [WeeklyCheckin], baseline: Double, target: Double, end: CalendarDate) -> Double? {
    let measured = weeks.filter { $0.value != nil }
    guard let first = measured.first, let last = measured.last, first.date < last.date,
      let from = first.value, let to = last.value
    else { return nil }
    return Exact.projectedScore(
      from: from, to: to, overDays: first.date.days(to: last.date), moreDays: max(0, last.date.days(to: end)),
      baseline: baseline, target: target)
  }
}

/// Eight levels of a bar chart, for a week-by-week confidence trend in one line.
public enum Sparkline {
  /// `▃▅▆▆▂` for confidences 2, 5, 6, 6, 1; a space for a week without one.
  public static func confidence(_ levels: [Int?]) -> String {
    let blocks = Array("▁▂▃▄▅▆▇█")
    return String(
      levels.map { level in
        guard let level else { return " " }
        return blocks[min(7, max(0, level * 7 / 10))]
      })
  }
}
