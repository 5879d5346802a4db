/// Keeps the diagnostics of one file to a readable number: the first
/// ``perRule`` of each rule, then one summary saying how many more there are.
///
/// An 11 MB file of a million unknown keys made a million messages, each with
/// a "did you mean" search: lint took 8.8 s and 655 MB to print 100 MB nobody
/// reads. Callers ask ``admits(_:)`` before they build a costly message, so the
/// work past the limit is a count.
public struct DiagnosticLimit: Sendable {
  /// The most diagnostics of one rule listed for one file.
  public static let perRule = 100

  private var counts: [Rule: Int] = [:]
  /// Where the first diagnostic left out of each rule is, and its severity.
  private var firstLeftOut: [Rule: (location: SourceLocation, severity: Diagnostic.Severity)] = [:]

  /// Creates an empty limit, for one file.
  public init() {}

  /// Whether another diagnostic of `rule` is listed, before it is built.
  public func admits(_ rule: Rule) -> Bool {
    counts[rule, default: 0] < Self.perRule
  }

  /// Counts a diagnostic of `rule` at `location`.
  ///
  /// - Returns: Whether it is listed; when not, it is only counted for the summary.
  public mutating func count(
    _ rule: Rule, at location: SourceLocation, severity: Diagnostic.Severity? = nil
  ) -> Bool {
    let count = counts[rule, default: 0]
    counts[rule] = count + 1
    if count == Self.perRule {
      firstLeftOut[rule] = (location, severity ?? rule.severity)
    }
    return count < Self.perRule
  }

  /// Counts `diagnostic`, and returns whether it is listed.
  public mutating func admit(_ diagnostic: Diagnostic) -> Bool {
    count(diagnostic.rule, at: diagnostic.location, severity: diagnostic.severity)
  }

  /// One diagnostic per rule over the limit, at the first one left out,
  /// saying how many were left out; in rule order.
  public var summaries: [Diagnostic] {
    Rule.allCases.compactMap { rule in
      guard let (location, severity) = firstLeftOut[rule], let count = counts[rule] else { return nil }
      let what = rule == .unknownKey ? "unknown keys" : "'\(rule.rawValue)' problems"
      return Diagnostic(
        severity,
        "and \(count - Self.perRule) more \(what) in this file; only the first \(Self.perRule) are listed",
        rule: rule, at: location)
    }
  }

  /// The diagnostics of one file, at most ``perRule`` of each rule, in their
  /// order, followed by the summaries.
  ///
  /// - Parameter diagnostics: Every diagnostic of one file.
  /// - Returns: The listed ones and the summaries.
  public static func applied(to diagnostics: [Diagnostic]) -> [Diagnostic] {
    var limit = DiagnosticLimit()
    let listed = diagnostics.filter { limit.admit($0) }
    return listed + limit.summaries
  }
}
