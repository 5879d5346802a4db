/// The behaviour of one kind of key result, all in one place.
///
/// Each kind (numeric, boolean, milestones, threshold) is one type conforming
/// to this protocol, in its own file, and ``Measure`` carries a value of it.
/// Everything else in the code asks the kind through ``Measure/behaviour``
/// rather than switching on the cases, so what a kind means is said once.
/// ``KeyResultKind`` lists the kinds and registers their types.
public protocol KeyResultMeasure: Sendable, Equatable {
  /// The kind this type implements.
  static var kind: KeyResultKind { get }

  /// The keys the kind reads from a key result, in the order they are read.
  static var parameters: [MeasureParameter] { get }

  /// Whether the kind measures a number that moves along a scale: its
  /// check-ins record a `value`, the quarter file may give `current:`, and a
  /// chart can show it.
  static var hasValues: Bool { get }

  /// Builds the measure from the parameters the decoder read.
  ///
  /// Only called when every required parameter has a value.
  ///
  /// - Parameter values: The parameters' values, by key.
  /// - Returns: The measure, or the problem that makes it invalid, named by key.
  static func make(_ values: MeasureParameterValues) -> Result<Measure, MeasureProblem>

  /// The parameters' values, in the order of ``parameters``: what a quarter file holds.
  var parameterValues: [(key: String, value: MeasureParameterValue)] { get }

  /// The scale a value moves along, for expected progress, projections and
  /// charts; `nil` for kinds without values.
  var scale: ValueScale? { get }

  /// What a check-in records for a key result of this kind.
  var checkinInput: CheckinInput { get }

  /// Whether the key result can score strictly between 0 and 1, so that a
  /// 1.0 says something about how high it aimed (sandbagging asks only these).
  var scoresInBetween: Bool { get }

  /// The actual value from the check-ins up to a day, and the score it gives.
  ///
  /// - Parameters:
  ///   - keyResult: The key result, for its `current:` value.
  ///   - weeks: Its weekly check-ins up to the day, oldest first.
  /// - Returns: What was measured, where it comes from, and the computed score.
  func measured(_ keyResult: KeyResult, weeks: [WeeklyCheckin]) -> Measurement

  /// Where the key result stands while its period runs: on track, at risk or off track.
  ///
  /// - Parameter progress: Its progress as of a day before the period's end.
  /// - Returns: The verdict.
  func verdict(_ progress: KeyResultProgress) -> Verdict

  /// The sign of `gap - threshold`, computed exactly, where the gap is how far
  /// the progress trails the `expectedFraction` of the way; `nil` for kinds
  /// without a halfway mark.
  func gapSign(_ progress: KeyResultProgress, expectedFraction: Double, minus threshold: Double) -> Int?

  /// How far the progress trails the `expectedFraction` of the way (positive
  /// when behind), as the double nearest its exact value; `nil` for kinds
  /// without a halfway mark.
  func gap(_ progress: KeyResultProgress, expectedFraction: Double) -> Double?

  /// The share of the way expected by the end of a day, 0...1; `nil` for kinds without a halfway mark.
  func expectedFraction(on day: CalendarDate, of expected: ExpectedProgress) -> Double?

  /// Fills in what the kind expects of one sprint of the plan.
  ///
  /// - Parameters:
  ///   - target: The sprint's target, with the key result and the written goal's text.
  ///   - sprint: The sprint.
  ///   - sprints: Every sprint of the cycle, in order.
  ///   - goal: The sprint goal written for the key result in this sprint, if any.
  ///   - expected: The key result's expected progress.
  func plan(
    _ target: inout SprintTarget, in sprint: Sprint, of sprints: [Sprint], goal: SprintGoal?,
    expected: ExpectedProgress)

  /// What carries into the next quarter, given the score on the last day.
  func carriedOver(_ scored: KeyResultScore) -> CarryOverDecision

  /// What the key result aims for, compactly: `35→65%`, `≤300 ms`, `done`, `all done`.
  func goalText(unit: String?) -> String

  /// The actual value as people read it: `58%`, `240 ms`, `done`, `2/3 done`, `no data`.
  func actualText(_ scored: KeyResultScore) -> String
}

/// One key a kind reads from a key result.
public struct MeasureParameter: Sendable, Equatable {
  /// The shapes a parameter's value takes in a quarter file.
  public enum Shape: Sendable, Equatable {
    /// A number.
    case number
    /// `true` or `false`.
    case flag
    /// One of these words.
    case word([String])
    /// A non-empty list of milestones, each with a title, a weight and done.
    case milestoneList
  }

  /// The key, as written in files.
  public var key: String
  /// Its value's shape.
  public var shape: Shape
  /// Whether a key result of the kind must give it.
  public var isRequired: Bool
  /// Whether it is part of the key result's definition: a change after the
  /// planning day moves a goal post unless a change note explains it.
  public var isDefinition: Bool
  /// What it means, for people reading the schema: `Numeric: where the key result starts`.
  public var summary: String

  /// Creates a parameter.
  public init(_ key: String, _ shape: Shape, isRequired: Bool, isDefinition: Bool, summary: String) {
    self.key = key
    self.shape = shape
    self.isRequired = isRequired
    self.isDefinition = isDefinition
    self.summary = summary
  }
}

/// A parameter's value.
public enum MeasureParameterValue: Sendable, Equatable {
  case number(Double)
  case flag(Bool)
  case word(String)
  case milestoneList([Milestone])

  /// The value in a definition diff: numbers stay numbers, the rest is text.
  var changeValue: ChangeValue {
    switch self {
    case .number(let value): return .number(value)
    case .flag(let flag): return .text(flag ? "true" : "false")
    case .word(let word): return .text(word)
    case .milestoneList(let milestones): return .text(milestones.map(\.title).joined(separator: "; "))
    }
  }
}

/// The parameters a decoder read for a kind, by key.
public struct MeasureParameterValues: Sendable {
  private var values: [String: MeasureParameterValue]

  /// Values by key; a key without a valid value is absent.
  public init(_ values: [String: MeasureParameterValue]) {
    self.values = values
  }

  /// The number given for `key`.
  public func number(_ key: String) -> Double? {
    if case .number(let value)? = values[key] { return value }
    return nil
  }

  /// The flag given for `key`.
  public func boolean(_ key: String) -> Bool? {
    if case .flag(let flag)? = values[key] { return flag }
    return nil
  }

  /// The word given for `key`.
  public func word(_ key: String) -> String? {
    if case .word(let word)? = values[key] { return word }
    return nil
  }

  /// The milestones given for `key`.
  public func milestones(_ key: String) -> [Milestone]? {
    if case .milestoneList(let milestones)? = values[key] { return milestones }
    return nil
  }
}

/// Why a kind's parameters make no measure: a message about one key.
public struct MeasureProblem: Error, Sendable, Equatable {
  /// The key the problem is reported at.
  public var key: String
  /// Lower-case, values in single quotes.
  public var message: String

  /// Creates a problem.
  public init(key: String, message: String) {
    self.key = key
    self.message = message
  }
}

/// The scale a key result's value moves along.
public enum ValueScale: Sendable, Equatable {
  /// Progress runs from `baseline` (score 0) to `target` (score 1); down when `target < baseline`.
  case span(baseline: Double, target: Double)
  /// The value must stay on the `keep` side of `bound`.
  case bound(keep: ThresholdSide, bound: Double)

  /// A span's start: the value measured before any check-in.
  public var baseline: Double? {
    if case .span(let baseline, _) = self { return baseline }
    return nil
  }

  /// A span's end.
  public var target: Double? {
    if case .span(_, let target) = self { return target }
    return nil
  }

  /// A bound's side to stay on.
  public var keep: ThresholdSide? {
    if case .bound(let keep, _) = self { return keep }
    return nil
  }

  /// A bound's value.
  public var bound: Double? {
    if case .bound(_, let bound) = self { return bound }
    return nil
  }
}

/// What a check-in records for a key result.
public enum CheckinInput: Sendable, Equatable {
  /// A number, in `value`.
  case value
  /// `done: true` or `done: false`.
  case doneFlag
  /// The titles of the milestones done so far, out of these.
  case milestoneTitles([Milestone])
}

/// What was measured for a key result as of a day, and its computed score.
public struct Measurement: Sendable, Equatable {
  /// The measured value (kinds with values).
  public var actual: Double?
  /// Whether it is done (kinds recorded as done or not).
  public var done: Bool?
  /// The titles of milestones done, in the key result's order (milestones).
  public var milestonesDone: [String]?
  /// Where the measurement comes from.
  public var source: ActualSource
  /// The score the rules give, 0...1.
  public var score: Double

  /// Creates a measurement.
  public init(
    actual: Double? = nil, done: Bool? = nil, milestonesDone: [String]? = nil, source: ActualSource, score: Double
  ) {
    self.actual = actual
    self.done = done
    self.milestonesDone = milestonesDone
    self.source = source
    self.score = score
  }
}

/// Whether a key result carries into the next quarter.
public enum CarryOverDecision: Sendable, Equatable {
  /// It carries, measured so.
  case carry(Measure)
  /// It stays behind; the reason completes "O1/KR1 …: not carried" (`is done`).
  case leave(because: String)
}
