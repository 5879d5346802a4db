import OKRCore
import OKRFiles
import TestSupport
import Testing

/// Every file in examples/ and templates/ loads with zero diagnostics, so the
/// README and the docs cannot rot.
@Suite struct ShippedFilesTests {
  @Test func theExampleRepositoryIsClean() throws {
    let root = PackagePaths.path("examples/acme")
    let loaded = RepositoryLoader().load(root: root)
    let diagnostics = loaded.diagnostics + Validator(loaded.repository).validate()
    #expect(diagnostics.map { "\($0.location): \($0.message)" } == [])
    #expect(loaded.files.count >= 9)
  }

  @Test func theExampleCoversWhatItPromises() throws {
    let repository = RepositoryLoader().load(root: PackagePaths.path("examples/acme")).repository
    #expect(repository.config.organization == "Acme")
    // Every rule but moved_goalposts: acme's git history is this project's, not a team's, so
    // the git tests build repositories of their own instead.
    #expect(Set(repository.config.alerts.map(\.kind)) == Set(AlertKind.allCases).subtracting([.movedGoalposts]))
    let teams = repository.teamQuarters
    #expect(teams.count >= 4)
    #expect(teams.filter { $0.parent?.value == "company" }.count >= 3)
    let keyResults = teams.flatMap(\.objectives).flatMap(\.keyResults)
    let types = Set(keyResults.map(\.measure.typeName))
    #expect(types == ["numeric", "boolean", "milestones", "threshold"])
    #expect(
      keyResults.contains {
        if case .numeric(let m) = $0.measure { return m.target > m.baseline } else { return false }
      })
    #expect(
      keyResults.contains {
        if case .numeric(let m) = $0.measure { return m.target < m.baseline } else { return false }
      })
    #expect(Set(keyResults.map(\.commitment)) == [.committed, .aspirational])
    #expect(keyResults.contains { $0.scoreOverride != nil })
    #expect(keyResults.contains { $0.weight != 1 })
    #expect(keyResults.contains { !$0.sprintGoals.isEmpty })
    #expect(teams.contains { !$0.microGoals.isEmpty })
    // A full quarter of weekly check-ins for at least two teams.
    let fullLogs = repository.checkinLogs.filter { Set($0.checkins.map(\.week.value)).count >= 13 }
    #expect(fullLogs.count >= 2)
  }

  @Test(arguments: QuarterTemplate.builtInNames)
  func everyTemplateIsCleanAsShipped(_ name: String) {
    let path = PackagePaths.path("templates/\(name).yaml")
    let result = Linter().lint(
      paths: [path], repository: PackagePaths.path("templates"), workingDirectory: PackagePaths.root)
    #expect(result.diagnostics.map { "\($0.location): \($0.message)" } == [])
  }

  @Test func theBuiltInTemplatesAreTheFilesInTemplates() throws {
    let files = RepositoryLoader.yamlFiles(under: PackagePaths.path("templates")).files
    #expect(files.map { String($0.split(separator: "/").last!.dropLast(5)) } == QuarterTemplate.builtInNames)
    for file in files {
      let name = String(file.split(separator: "/").last!.dropLast(5))
      let text = try String(contentsOfFile: file, encoding: .utf8)
      #expect(
        QuarterTemplate.builtIn(named: name)?.text == text,
        "templates/\(name).yaml changed: run Scripts/generate-templates.sh")
    }
  }
}
