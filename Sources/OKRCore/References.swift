/// A reference to an objective in another team's file: `company/O2`.
public struct ObjectiveReference: Hashable, Sendable, CustomStringConvertible {
  /// The team's slug.
  public let team: String
  /// The objective's id in that team's file.
  public let objective: String

  /// Creates a reference.
  public init(team: String, objective: String) {
    self.team = team
    self.objective = objective
  }

  /// Parses `team/objective`; `nil` unless both parts are present.
  public init?(_ text: String) {
    guard let (team, objective) = splitReference(text) else { return nil }
    self.init(team: team, objective: objective)
  }

  /// `team/objective`.
  public var description: String { "\(team)/\(objective)" }
}

/// A reference to a key result within one team's file: `O1/KR1`.
public struct KeyResultReference: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The objective's id.
  public let objective: String
  /// The key result's id within the objective.
  public let keyResult: String

  /// Creates a reference.
  public init(objective: String, keyResult: String) {
    self.objective = objective
    self.keyResult = keyResult
  }

  /// Parses `objective/key-result`; `nil` unless both parts are present.
  public init?(_ text: String) {
    guard let (objective, keyResult) = splitReference(text) else { return nil }
    self.init(objective: objective, keyResult: keyResult)
  }

  public static func < (lhs: KeyResultReference, rhs: KeyResultReference) -> Bool {
    (lhs.objective, lhs.keyResult) < (rhs.objective, rhs.keyResult)
  }

  /// `objective/key-result`.
  public var description: String { "\(objective)/\(keyResult)" }
}

/// Team slugs: `[a-z0-9-]+`.
public enum Slug {
  /// Whether `text` is a valid team slug.
  public static func isValid(_ text: String) -> Bool {
    !text.isEmpty
      && text.utf8.allSatisfy {
        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
          || $0 == UInt8(ascii: "-")
      }
  }
}

/// Objective and key-result ids: ASCII letters, digits, `.`, `_` and `-`.
///
/// An id is shown in every report, is part of references (`team/O1`,
/// `O1/KR1`) and of HTML anchors, and is typed on the command line
/// (`--kr O1/KR1`), so it is held to a pattern that needs no quoting or
/// escaping anywhere. Reports escape ids all the same, in case a file with
/// errors is ever rendered.
public enum Identifier {
  /// Whether `text` matches `[A-Za-z0-9._-]+`.
  public static func isValid(_ text: String) -> Bool {
    !text.isEmpty
      && text.utf8.allSatisfy {
        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
          || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
          || $0 == UInt8(ascii: ".")
      }
  }
}

/// Splits `first/second` at its one slash.
///
/// `nil` unless there is exactly one slash with text on both sides. Check-in
/// logs name a key result per entry, so this runs for every entry of every
/// week: it scans the bytes once.
private func splitReference(_ text: String) -> (String, String)? {
  let utf8 = text.utf8
  guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")), slash != utf8.startIndex else { return nil }
  let after = utf8.index(after: slash)
  guard after != utf8.endIndex, !utf8[after...].contains(UInt8(ascii: "/")) else { return nil }
  return (String(text[..<slash]), String(text[after...]))
}
