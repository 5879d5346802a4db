/// Which side of a bound a threshold key result must stay on.
public enum ThresholdSide: String, Sendable, Hashable, CaseIterable, Codable {
  case below, above
}

/// A threshold key result: a number kept on one side of a bound.
///
/// It scores 1 while the actual value is on the `keep` side of the bound (the
/// bound itself included), else 0, and 0 without any value. It has no halfway
/// mark: with no data it is at risk, on the wrong side off track.
public struct ThresholdMeasure: KeyResultMeasure {
  /// The side to stay on.
  public var keep: ThresholdSide
  /// The bound, itself on the right side.
  public var bound: Double

  /// Creates a threshold measure.
  public init(keep: ThresholdSide, bound: Double) {
    self.keep = keep
    self.bound = bound
  }

  public static let kind = KeyResultKind.threshold

  public static let parameters = [
    MeasureParameter(
      "keep", .word(ThresholdSide.allCases.map(\.rawValue)), isRequired: true, isDefinition: true,
      summary: "Threshold: the side of the bound to stay on"),
    MeasureParameter(
      "bound", .number, isRequired: true, isDefinition: true, summary: "Threshold: the bound, itself on the right side"),
  ]

  public static let hasValues = true

  public static func make(_ values: MeasureParameterValues) -> Result<Measure, MeasureProblem> {
    guard let keep = values.word("keep").flatMap(ThresholdSide.init(rawValue:)), let bound = values.number("bound")
    else {
      return .failure(MeasureProblem(key: "keep", message: "a threshold key result needs 'keep' and 'bound'"))
    }
    return .success(.threshold(ThresholdMeasure(keep: keep, bound: bound)))
  }

  public var parameterValues: [(key: String, value: MeasureParameterValue)] {
    [("keep", .word(keep.rawValue)), ("bound", .number(bound))]
  }

  public var scale: ValueScale? { .bound(keep: keep, bound: bound) }

  public var checkinInput: CheckinInput { .value }

  public var scoresInBetween: Bool { false }

  /// 1 when `actual` is on the `keep` side of the bound (the bound itself included), else 0.
  public func score(of actual: Double) -> Double {
    switch keep {
    case .below: return actual <= bound ? 1 : 0
    case .above: return actual >= bound ? 1 : 0
    }
  }

  public func measured(_ keyResult: KeyResult, weeks: [WeeklyCheckin]) -> Measurement {
    let (actual, source) = keyResult.actual(from: weeks)
    return Measurement(actual: actual, source: source, score: actual.map(score(of:)) ?? 0)
  }

  public func verdict(_ progress: KeyResultProgress) -> Verdict {
    if progress.scored.source == .none { return .atRisk }
    if progress.scored.computedScore < 1 { return .offTrack }
    return progress.scored.confidence?.level.band == .red ? .atRisk : .onTrack
  }

  public func gapSign(_ progress: KeyResultProgress, expectedFraction: Double, minus threshold: Double) -> Int? { nil }

  public func gap(_ progress: KeyResultProgress, expectedFraction: Double) -> Double? { nil }

  public func expectedFraction(on day: CalendarDate, of expected: ExpectedProgress) -> Double? { nil }

  public func plan(
    _ target: inout SprintTarget, in sprint: Sprint, of sprints: [Sprint], goal: SprintGoal?,
    expected: ExpectedProgress
  ) {}

  public func carriedOver(_ scored: KeyResultScore) -> CarryOverDecision { .carry(.threshold(self)) }

  public func goalText(unit: String?) -> String {
    (keep == .above ? "≥" : "≤") + Format.quantity(bound, unit: unit)
  }

  public func actualText(_ scored: KeyResultScore) -> String { scored.valueText }
}

extension Measure {
  /// A threshold measure: stay on the `keep` side of `bound`.
  public static func threshold(keep: ThresholdSide, bound: Double) -> Measure {
    .threshold(ThresholdMeasure(keep: keep, bound: bound))
  }
}
