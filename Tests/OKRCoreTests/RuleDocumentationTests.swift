import Foundation
import OKRCore
import TestSupport
import Testing

/// docs/format.md's table of lint rules and the rules in the code say the same thing.
@Suite struct RuleDocumentationTests {
  @Test func theTableOfRulesIsTheCodes() throws {
    let doc = try String(contentsOfFile: PackagePaths.path("docs/format.md"), encoding: .utf8)
    let start = try #require(doc.range(of: "| rule | severity | triggered by |"))
    let rows = doc[start.upperBound...].split(separator: "\n").dropFirst().prefix { $0.hasPrefix("|") }
    let documented = rows.map(String.init)
    let generated = Rule.allCases.map { "| `\($0.rawValue)` | \($0.severity.rawValue) | \($0.summary) |" }
    #expect(documented == generated)
  }
}

/// docs/format.md's table of alert rules and the rules in the code say the same thing.
@Suite struct AlertRuleDocumentationTests {
  @Test func theTableOfAlertRulesIsTheCodes() throws {
    let doc = try String(contentsOfFile: PackagePaths.path("docs/format.md"), encoding: .utf8)
    let start = try #require(doc.range(of: "| rule | fires when | default threshold | allowed |"))
    let rows = doc[start.upperBound...].split(separator: "\n").dropFirst().prefix { $0.hasPrefix("|") }
    let generated = AlertKind.allCases.map {
      "| `\($0.rawValue)` | \($0.summary) | \($0.defaultThresholdText) | \($0.allowedThresholds) |"
    }
    #expect(rows.map(String.init) == generated)
  }
}
