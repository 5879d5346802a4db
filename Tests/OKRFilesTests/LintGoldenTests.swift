import OKRCore
import OKRFiles
import TestSupport
import Testing

/// The full diagnostic output for fixtures with many mistakes at once, compared
/// byte for byte with Tests/Snapshots/<test name>.txt.
@Suite struct LintGoldenTests {
  /// Lints a fixture repository and renders its diagnostics the way `okr lint` prints them.
  private func lintOutput(_ fixture: String) -> (text: String, diagnostics: [Diagnostic]) {
    let result = Linter().lint(
      paths: [PackagePaths.fixture(fixture)], repository: nil, workingDirectory: PackagePaths.root)
    let diagnostics = result.diagnostics.sortedByLocation()
    let text = diagnostics.map { diagnostic in
      let path = String(diagnostic.location.path.dropFirst(PackagePaths.root.count + 1))
      return
        "\(path):\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule.rawValue)]\n"
    }.joined()
    return (text, diagnostics)
  }

  @Test func lintTenMistakes() {
    let (text, diagnostics) = lintOutput("lintTenMistakes")
    #expect(Snapshot.mismatch(text, named: "lintTenMistakes") == nil)
    // Ten different mistakes, ten errors, each on its own line, and nothing else.
    #expect(diagnostics.count == 10)
    #expect(diagnostics.allSatisfy { $0.severity == .error })
    #expect(Set(diagnostics.map(\.location.line)).count == 10)
  }

  @Test func lintCheckinMistakes() {
    let (text, diagnostics) = lintOutput("lintCheckinMistakes")
    #expect(Snapshot.mismatch(text, named: "lintCheckinMistakes") == nil)
    #expect(diagnostics.allSatisfy { $0.location.path.hasSuffix("checkins/2026-Q1/growth.yaml") })
  }

  @Test func lintYAMLProblems() {
    let (text, diagnostics) = lintOutput("lintYAMLProblems")
    #expect(Snapshot.mismatch(text, named: "lintYAMLProblems") == nil)
    // Every file gets its own problems, though three of them stop libyaml early.
    #expect(Set(diagnostics.map(\.location.path)).count == 5)
  }

  @Test func lintWarnings() {
    let (text, diagnostics) = lintOutput("lintWarnings")
    #expect(Snapshot.mismatch(text, named: "lintWarnings") == nil)
    #expect(diagnostics.allSatisfy { $0.severity == .warning })
    #expect(
      Set(diagnostics.map(\.rule)) == [
        .focus, .emptyObjective, .unknownSprint, .smartOwner, .smartDue, .smartDoneWhen, .smartEstimate,
      ])
  }

  @Test func lintConfigMistakes() {
    let (text, _) = lintOutput("lintConfigMistakes")
    #expect(Snapshot.mismatch(text, named: "lintConfigMistakes") == nil)
  }

  @Test func namingOneFileChecksItAgainstItsRepositoryButReportsOnlyIt() {
    let file = PackagePaths.fixture("lintTenMistakes/okrs/2026-Q1/growth.yaml")
    let root = PackagePaths.fixture("lintTenMistakes")
    let result = Linter().lint(paths: [file], repository: root, workingDirectory: PackagePaths.root)
    #expect(result.fileCount == 1)
    #expect(result.diagnostics.count == 10)
    // The aligns_to check saw company.yaml: it suggests company's objective O1.
    #expect(result.diagnostics.contains { $0.message.contains("did you mean 'O1'?") })
  }

  @Test func aMissingPathIsAnIOProblem() {
    let result = Linter().lint(paths: ["no/such/file.yaml"], repository: nil, workingDirectory: PackagePaths.root)
    #expect(result.diagnostics.map(\.rule) == [.io])
    #expect(result.diagnostics.first?.message == "no such file or directory")
    #expect(result.diagnostics.first?.location.path == PackagePaths.root + "/no/such/file.yaml")
  }
}
