/// A boolean key result: done or not.
///
/// It scores 1 when done, else 0. It has no halfway mark: until it is done,
/// the team's confidence is the only signal of how it goes, and the plan has
/// it due in the last sprint with a written goal for it, else the last sprint.
public struct BooleanMeasure: KeyResultMeasure {
  /// Whether it is done, as of the quarter file.
  public var done: Bool

  /// Creates a boolean measure.
  public init(done: Bool = false) {
    self.done = done
  }

  public static let kind = KeyResultKind.boolean

  public static let parameters = [
    MeasureParameter(
      "done", .flag, isRequired: false, isDefinition: false, summary: "Boolean: whether it is done (default false)")
  ]

  public static let hasValues = false

  public static func make(_ values: MeasureParameterValues) -> Result<Measure, MeasureProblem> {
    .success(.boolean(BooleanMeasure(done: values.boolean("done") ?? false)))
  }

  public var parameterValues: [(key: String, value: MeasureParameterValue)] { [("done", .flag(done))] }

  public var scale: ValueScale? { nil }

  public var checkinInput: CheckinInput { .doneFlag }

  public var scoresInBetween: Bool { false }

  public func measured(_ keyResult: KeyResult, weeks: [WeeklyCheckin]) -> Measurement {
    // Done in the file stays done, whatever a check-in says.
    if let checked = weeks.last(where: { $0.done != nil })?.done {
      let isDone = checked || done
      return Measurement(done: isDone, source: .checkin, score: isDone ? 1 : 0)
    }
    return Measurement(done: done, source: .quarterFile, score: done ? 1 : 0)
  }

  public func verdict(_ progress: KeyResultProgress) -> Verdict {
    // Done is done; until then the team's confidence is the only signal.
    if progress.scored.computedScore >= 1 { return .onTrack }
    let band = progress.scored.confidence?.level.band
    if band == .red { return .offTrack }
    return band == .yellow ? .atRisk : .onTrack
  }

  public func gapSign(_ progress: KeyResultProgress, expectedFraction: Double, minus threshold: Double) -> Int? { nil }

  public func gap(_ progress: KeyResultProgress, expectedFraction: Double) -> Double? { nil }

  public func expectedFraction(on day: CalendarDate, of expected: ExpectedProgress) -> Double? { nil }

  public func plan(
    _ target: inout SprintTarget, in sprint: Sprint, of sprints: [Sprint], goal: SprintGoal?,
    expected: ExpectedProgress
  ) {
    let due = target.keyResult.sprintGoals.map(\.sprint.value).filter { $0 <= sprints.count }.max() ?? sprints.count
    target.isDue = sprint.number == due
  }

  public func carriedOver(_ scored: KeyResultScore) -> CarryOverDecision {
    scored.done == true ? .leave(because: "is done") : .carry(.boolean(BooleanMeasure(done: false)))
  }

  public func goalText(unit: String?) -> String { "done" }

  public func actualText(_ scored: KeyResultScore) -> String { scored.done == true ? "done" : "not done" }
}

extension Measure {
  /// A boolean measure.
  public static func boolean(done: Bool) -> Measure { .boolean(BooleanMeasure(done: done)) }
}
