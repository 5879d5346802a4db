import Foundation
import OKRCore
import OKRFiles
import TestSupport
import Testing

/// Every lint rule's registered examples, written to disk and linted with the
/// real loader and validator: they are the rules' documentation and their test.
@Suite struct LintRuleExampleTests {
  /// A diagnostic as the examples state it: rule, path from the repository's
  /// root (`.` for the root itself), line and column, and message.
  struct Found: CustomStringConvertible {
    var rule: Rule
    var path: String
    var line: Int
    var column: Int
    var message: String

    var description: String { "\(path):\(line):\(column): \(message) [\(rule.rawValue)]" }
  }

  /// Writes the example's files to a fresh folder and lints it, or the paths it names.
  static func lint(_ example: LintExample) throws -> [Found] {
    let folder = try TemporaryDirectory()
    for file in example.files { try folder.write(file.path, file.text) }
    let result = Linter().lint(paths: example.lintedPaths, repository: folder.path, workingDirectory: folder.path)
    return result.diagnostics.sortedByLocation().map { diagnostic in
      let path = diagnostic.location.path
      let relative = path == folder.path ? "." : String(path.dropFirst(folder.path.count + 1))
      return Found(
        rule: diagnostic.rule, path: relative, line: diagnostic.location.line, column: diagnostic.location.column,
        message: diagnostic.message)
    }
  }

  static var triggering: [(Rule, Int)] {
    LintRules.all.flatMap { rule in rule.triggeringExamples.indices.map { (rule.id, $0) } }
  }

  static var nonTriggering: [(Rule, Int)] {
    LintRules.all.flatMap { rule in rule.nonTriggeringExamples.indices.map { (rule.id, $0) } }
  }

  @Test(arguments: triggering)
  func theExampleGivesExactlyItsDiagnostic(_ id: Rule, _ index: Int) throws {
    let rule = try #require(LintRules.rule(id))
    let example = rule.triggeringExamples[index]
    let expected = try #require(example.expectation)
    let found = try Self.lint(example)
    #expect(found.count == 1, "\(id.rawValue): \(example.summary): \(found)")
    let first = try #require(found.first)
    #expect(first.rule == id, "\(example.summary): \(first)")
    #expect(
      (first.path, first.line, first.column) == (expected.path, expected.line, expected.column),
      "\(id.rawValue): \(example.summary): \(first)")
    #expect(first.message.contains(expected.message), "\(id.rawValue): \(example.summary): \(first)")
  }

  @Test(arguments: nonTriggering)
  func theNearMissGivesNothing(_ id: Rule, _ index: Int) throws {
    let rule = try #require(LintRules.rule(id))
    let example = rule.nonTriggeringExamples[index]
    #expect(example.expectation == nil)
    let found = try Self.lint(example)
    #expect(found.isEmpty, "\(id.rawValue): \(example.summary): \(found)")
  }
}
