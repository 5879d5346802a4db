/// The kinds of key result, as written in a file's `type:`.
///
/// The one list of kinds: the decoder reads a kind's keys from here, the
/// schema is built from it, and reports carry the kind rather than its name,
/// so renderers switch on it and never compare strings. A new kind is a new
/// case here with its keys, a case of ``Measure`` with its parameters, and the
/// behaviour the compiler then asks for in every exhaustive switch (score,
/// actual value, expected progress, check-ins accepted, plan targets, display).
public enum KeyResultKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// A number moving from a baseline to a target; the default.
  case numeric
  /// Done or not.
  case boolean
  /// A weighted list of steps.
  case milestones
  /// A number kept on one side of a bound.
  case threshold

  /// The keys only this kind has in a quarter file; another kind's keys are an error on it.
  public var ownKeys: Set<String> {
    switch self {
    case .numeric: return ["baseline", "target", "current"]
    case .boolean: return ["done"]
    case .milestones: return ["milestones"]
    case .threshold: return ["keep", "bound", "current"]
    }
  }

  /// The keys this kind cannot do without.
  public var requiredKeys: [String] {
    switch self {
    case .numeric: return ["baseline", "target"]
    case .boolean: return []
    case .milestones: return ["milestones"]
    case .threshold: return ["keep", "bound"]
    }
  }

  /// Whether the kind has a value that moves along a scale (a chart can show it).
  public var hasValues: Bool { self == .numeric || self == .threshold }
}

extension Measure {
  /// The kind; `nil` for a measure the file got wrong.
  public var kind: KeyResultKind? {
    switch self {
    case .numeric: return .numeric
    case .boolean: return .boolean
    case .milestones: return .milestones
    case .threshold: return .threshold
    case .invalid: return nil
    }
  }
}
