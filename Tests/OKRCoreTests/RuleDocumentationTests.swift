import Foundation
import OKRCore
import TestSupport
import Testing

/// The registry of lint rules is whole, and docs/format.md lists it as the code has it.
@Suite struct RuleDocumentationTests {
  @Test func everyRuleIsRegisteredOnceInTheOrderOfTheRules() {
    #expect(LintRules.all.map(\.id) == Rule.allCases)
  }

  @Test func everyRuleHasAnExampleThatFiresAndANearMiss() {
    for rule in LintRules.all {
      #expect(!rule.triggeringExamples.isEmpty, "\(rule.id.rawValue) has no example that fires")
      #expect(!rule.nonTriggeringExamples.isEmpty, "\(rule.id.rawValue) has no near miss")
      #expect(rule.triggeringExamples.allSatisfy { $0.expectation != nil }, "\(rule.id.rawValue)")
      #expect(rule.nonTriggeringExamples.allSatisfy { $0.expectation == nil }, "\(rule.id.rawValue)")
    }
  }

  /// The practices and a check-in for a key result the file no longer has warn, everything else
  /// is an error: spelt out here, since `Rule.severity` reads the registry and comparing the two
  /// would only compare the registry with itself.
  @Test func onlyThePracticesWarn() {
    let warnings: [Rule] = [
      .focus, .emptyObjective, .unknownSprint, .smartOwner, .smartDue, .smartDoneWhen, .smartEstimate,
      .checkinMissingKR,
    ]
    #expect(LintRules.all.filter { $0.severity == .warning }.map(\.id) == warnings)
    for rule in Rule.allCases {
      #expect(rule.severity == (warnings.contains(rule) ? .warning : .error), "\(rule.rawValue)")
    }
  }

  /// The table of rules and the list of their examples, as docs/format.md shows them.
  static func section() -> String {
    var lines = [
      "<!-- lint rules: generated from LintRules.all; a test keeps them equal (RECORD_SNAPSHOTS=1 rewrites them) -->",
      "| rule | severity | triggered by |",
      "| --- | --- | --- |",
    ]
    lines += LintRules.all.map { "| `\($0.id.rawValue)` | \($0.severity.rawValue) | \($0.description) |" }
    lines += [
      "",
      "Each rule's examples (Sources/OKRCore/LintRules; mostly team `growth`'s quarter file",
      "for 2026-Q1). A test writes each example's files and lints them: one that fires",
      "gives exactly one diagnostic, at the line and column shown, with those words in",
      "its message; a near miss gives none.",
      "",
    ]
    for rule in LintRules.all {
      let fires = rule.triggeringExamples.map { example -> String in
        let expected = example.expectation.map { " (`\($0.line):\($0.column): \($0.message)`)" } ?? ""
        return "fires: \(example.summary)\(expected)"
      }
      let quiet = rule.nonTriggeringExamples.map { "quiet: \($0.summary)" }
      lines.append("- `\(rule.id.rawValue)`: " + (fires + quiet).joined(separator: "; "))
    }
    lines.append("<!-- end of lint rules -->")
    return lines.joined(separator: "\n")
  }

  @Test func theDocsListTheRulesAndTheirExamples() throws {
    let path = PackagePaths.path("docs/format.md")
    let doc = try String(contentsOfFile: path, encoding: .utf8)
    let start = try #require(doc.range(of: "<!-- lint rules: "))
    let end = try #require(doc.range(of: "<!-- end of lint rules -->", range: start.upperBound..<doc.endIndex))
    let generated = Self.section()
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      var updated = doc
      updated.replaceSubrange(start.lowerBound..<end.upperBound, with: generated)
      try updated.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      String(doc[start.lowerBound..<end.upperBound]) == generated,
      "docs/format.md's lint rules differ from LintRules.all; RECORD_SNAPSHOTS=1 swift test --filter RuleDocumentationTests rewrites them"
    )
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
