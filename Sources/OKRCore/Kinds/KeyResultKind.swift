/// The kinds of key result, as written in a file's `type:`: the one registry of kinds.
///
/// Each kind is one type conforming to ``KeyResultMeasure``, in its own file,
/// which holds all of the kind's behaviour. Adding a kind takes that file and
/// these lines here, and nothing else:
///
/// - a case of this enum, its raw value the name files use;
/// - its type in ``measureType``;
/// - a case of ``Measure`` carrying the type, and its line in ``Measure/behaviour``.
///
/// The type provides (see ``KeyResultMeasure``): its kind; its parameters
/// (keys, shapes, whether required, whether part of the definition), from
/// which the decoder, the schema, the carry-over writer and definition diffs
/// work; whether it has values; how it is built from decoded parameters; its
/// value scale; what a check-in records for it; its actual value and score;
/// its verdict and gap against expected progress; its expected share of the
/// way; its sprint targets in the plan; what carries into the next quarter;
/// and its goal and actual value as text. Reports carry the kind rather than
/// its name, and renderers read the report's fields, never the kind's name.
public enum KeyResultKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A number moving from a baseline to a target; the default.
  case numeric
  /// Done or not.
  case boolean
  /// A weighted list of steps.
  case milestones
  /// A number kept on one side of a bound.
  case threshold

  /// The kind of a key result that gives no `type:`.
  public static let implicit = KeyResultKind.numeric

  /// The type that implements the kind.
  public var measureType: any KeyResultMeasure.Type {
    switch self {
    case .numeric: return NumericMeasure.self
    case .boolean: return BooleanMeasure.self
    case .milestones: return MilestonesMeasure.self
    case .threshold: return ThresholdMeasure.self
    }
  }
}

/// What a key result measures and how it is scored: its kind and the kind's parameters.
public enum Measure: Sendable, Equatable {
  /// A number moving from a baseline to a target.
  case numeric(NumericMeasure)
  /// Done or not.
  case boolean(BooleanMeasure)
  /// A weighted checklist.
  case milestones(MilestonesMeasure)
  /// A number kept on one side of a bound.
  case threshold(ThresholdMeasure)
  /// The file gives a type or parameters that are wrong. Only ever loaded
  /// together with an error diagnostic, so the file's other checks can run;
  /// no report is made from a repository with errors.
  case invalid

  /// The kind's behaviour; `nil` for a measure the file got wrong.
  public var behaviour: (any KeyResultMeasure)? {
    switch self {
    case .numeric(let measure): return measure
    case .boolean(let measure): return measure
    case .milestones(let measure): return measure
    case .threshold(let measure): return measure
    case .invalid: return nil
    }
  }
}

extension KeyResultKind {
  /// The keys only this kind has in a quarter file; another kind's keys are an error on it.
  public var ownKeys: Set<String> {
    Set(measureType.parameters.map(\.key)).union(measureType.hasValues ? ["current"] : [])
      .union(takesSource ? ["source"] : [])
  }

  /// The keys this kind cannot do without.
  public var requiredKeys: [String] { measureType.parameters.filter(\.isRequired).map(\.key) }

  /// Whether the kind has a value that moves along a scale (a chart can show it).
  public var hasValues: Bool { measureType.hasValues }
}

extension Measure {
  /// The kind; `nil` for a measure the file got wrong.
  public var kind: KeyResultKind? { behaviour.map { type(of: $0).kind } }

  /// The type's name as written in files (`numeric`, `threshold`), or `invalid`.
  public var typeName: String { kind?.rawValue ?? "invalid" }

  /// The scale a value moves along; `nil` for kinds without values and invalid measures.
  public var scale: ValueScale? { behaviour?.scale }

  /// What a check-in records; `nil` for an invalid measure.
  public var checkinInput: CheckinInput? { behaviour?.checkinInput }

  /// Whether the key result can score strictly between 0 and 1 (numeric, two or more milestones).
  public var scoresInBetween: Bool { behaviour?.scoresInBetween ?? false }

  /// Builds a kind's measure from the parameters a decoder read.
  ///
  /// - Parameters:
  ///   - kind: The kind.
  ///   - values: Its parameters' values, every required one present.
  /// - Returns: The measure, or the problem that makes it invalid.
  public static func make(_ kind: KeyResultKind, _ values: MeasureParameterValues) -> Result<Measure, MeasureProblem> {
    kind.measureType.make(values)
  }
}
