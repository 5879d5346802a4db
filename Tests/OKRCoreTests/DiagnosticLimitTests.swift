import OKRCore
import Testing

/// A file lists at most 100 diagnostics of a rule, then one summary.
@Suite struct DiagnosticLimitTests {
  private static func at(_ line: Int) -> OKRCore.SourceLocation {
    OKRCore.SourceLocation(path: "a.yaml", line: line, column: 1)
  }

  @Test func theFirstHundredOfARuleAreListedThenOneSummary() {
    let unknown = (1...250).map {
      Diagnostic.error("unknown key 'k\($0)' in quarter file", rule: .unknownKey, at: Self.at($0))
    }
    let owners = (1...3).map {
      Diagnostic.warning("micro-goal 'm\($0)' has no owner", rule: .smartOwner, at: Self.at($0))
    }
    let limited = DiagnosticLimit.applied(to: unknown + owners)
    #expect(limited.count == 100 + 3 + 1)
    #expect(Array(limited.prefix(100)) == Array(unknown.prefix(100)))
    #expect(Array(limited[100..<103]) == owners)
    #expect(
      limited.last
        == .error(
          "and 150 more unknown keys in this file; only the first 100 are listed", rule: .unknownKey, at: Self.at(101)))
  }

  @Test func otherRulesAreSummarisedByName() {
    let warnings = (1...101).map { Diagnostic.warning("micro-goal has no owner", rule: .smartOwner, at: Self.at($0)) }
    #expect(
      DiagnosticLimit.applied(to: warnings).last
        == .warning(
          "and 1 more 'smart-owner' problems in this file; only the first 100 are listed", rule: .smartOwner,
          at: Self.at(101)))
    #expect(DiagnosticLimit.applied(to: Array(warnings.prefix(100))) == Array(warnings.prefix(100)))
  }
}
