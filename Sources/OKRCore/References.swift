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
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
    self.init(team: String(parts[0]), objective: String(parts[1]))
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
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
    self.init(objective: String(parts[0]), keyResult: String(parts[1]))
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
