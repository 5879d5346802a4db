/// A numeric key result: a number moving from a baseline to a target.
///
/// The score is the share of the way made, `(actual - baseline) / (target -
/// baseline)` clamped to 0...1, one formula for increasing and decreasing key
/// results alike. Expected progress runs from the baseline to the target along
/// the key result's pace, through its hand-written checkpoints.
public struct NumericMeasure: KeyResultMeasure {
  /// Where the key result starts.
  public var baseline: Double
  /// Where it should end; below the baseline for a decrease.
  public var target: Double

  /// Creates a numeric measure; `target` must differ from `baseline`.
  public init(baseline: Double, target: Double) {
    self.baseline = baseline
    self.target = target
  }

  public static let kind = KeyResultKind.numeric

  public static let parameters = [
    MeasureParameter(
      "baseline", .number, isRequired: true, isDefinition: true, summary: "Numeric: where the key result starts"),
    MeasureParameter(
      "target", .number, isRequired: true, isDefinition: true,
      summary: "Numeric: where it should end; below the baseline means a decrease"),
  ]

  public static let hasValues = true

  public static func make(_ values: MeasureParameterValues) -> Result<Measure, MeasureProblem> {
    guard let baseline = values.number("baseline"), let target = values.number("target") else {
      return .failure(MeasureProblem(key: "baseline", message: "a numeric key result needs 'baseline' and 'target'"))
    }
    guard baseline != target else {
      return .failure(
        MeasureProblem(
          key: "target",
          message: "'target' equals 'baseline' (\(Format.number(target))): a numeric key result must move"))
    }
    return .success(.numeric(NumericMeasure(baseline: baseline, target: target)))
  }

  public var parameterValues: [(key: String, value: MeasureParameterValue)] {
    [("baseline", .number(baseline)), ("target", .number(target))]
  }

  public var scale: ValueScale? { .span(baseline: baseline, target: target) }

  public var checkinInput: CheckinInput { .value }

  public var scoresInBetween: Bool { true }

  public func measured(_ keyResult: KeyResult, weeks: [WeeklyCheckin]) -> Measurement {
    let (actual, source) = keyResult.actual(from: weeks)
    return Measurement(
      actual: actual, source: source,
      score: Scoring.numeric(actual: actual ?? baseline, baseline: baseline, target: target))
  }

  public func verdict(_ progress: KeyResultProgress) -> Verdict { progress.verdictByGap() }

  public func gapSign(_ progress: KeyResultProgress, expectedFraction: Double, minus threshold: Double) -> Int? {
    progress.gapSignAlongSpan(baseline: baseline, target: target, minus: threshold)
  }

  public func gap(_ progress: KeyResultProgress, expectedFraction: Double) -> Double? {
    progress.gapAlongSpan(baseline: baseline, target: target)
  }

  public func expectedFraction(on day: CalendarDate, of expected: ExpectedProgress) -> Double? {
    expected.shareOfSpan(on: day, baseline: baseline, target: target)
  }

  public func plan(
    _ target: inout SprintTarget, in sprint: Sprint, of sprints: [Sprint], goal: SprintGoal?,
    expected: ExpectedProgress
  ) {
    target.followExpectedValues(in: sprint, goal: goal, expected: expected)
  }

  public func carriedOver(_ scored: KeyResultScore) -> CarryOverDecision {
    if scored.computedScore >= 1 { return .leave(because: "reached its target (\(Format.number(target)))") }
    // The new quarter starts where this one ended.
    return .carry(.numeric(NumericMeasure(baseline: scored.actual ?? target, target: target)))
  }

  public func goalText(unit: String?) -> String {
    Format.quantity(baseline, unit: nil) + "→" + Format.quantity(target, unit: unit)
  }

  public func actualText(_ scored: KeyResultScore) -> String { scored.valueText }
}

extension Measure {
  /// A numeric measure from `baseline` to `target`.
  public static func numeric(baseline: Double, target: Double) -> Measure {
    .numeric(NumericMeasure(baseline: baseline, target: target))
  }
}
