import OKRCore
import TestSupport
import Testing
import YAMLKit

@testable import OKRFiles

@Suite struct QuarterTemplateTests {
  @Test(arguments: QuarterTemplate.builtInNames)
  func aFilledTemplateIsACleanQuarterFileForTheNewTeamAndQuarter(_ name: String) throws {
    let directory = try TemporaryDirectory()
    let text = try QuarterTemplate.builtIn(named: name)!.filled(
      team: "growth", quarter: Quarter("2027-Q3")!, displayName: "Growth")
    let path = RepositoryLayout.quarterFile(root: directory.path, quarter: "2027-Q3", team: "growth")
    try directory.write("okrs/2027-Q3/growth.yaml", text)
    let loaded = RepositoryLoader().load(root: directory.path)
    let diagnostics = loaded.diagnostics + Validator(loaded.repository).validate()
    #expect(diagnostics.map { "\($0.location): \($0.message)" } == [])
    let teamQuarter = try #require(loaded.repository.teamQuarters.first)
    #expect(teamQuarter.slug == "growth")
    #expect(teamQuarter.cycle.label == "2027-Q3")
    #expect(teamQuarter.location.path == path)
    // 2027-Q3 starts on Thursday July 1; its first Monday is July 5.
    if let firstSprint = teamQuarter.cadence.firstSprint {
      #expect(firstSprint.value.description == "2027-07-05")
    }
  }

  @Test func datesMoveByWholeWeeksAndKeepTheirWeekday() {
    let text = "a: 2026-01-08 # due Thursday 2026-01-08\nb: '2026-02-30' and 12026-01-08\n"
    let shifted = QuarterTemplate.shiftingDates(in: text, byDays: 7 * 26)
    #expect(shifted == "a: 2026-07-09 # due Thursday 2026-07-09\nb: '2026-02-30' and 12026-01-08\n")
  }

  @Test func valuesThatWouldNotReadBackArePlainlyQuoted() throws {
    let text = try QuarterTemplate.builtIn(named: "product")!.filled(
      team: "ana", quarter: Quarter("2026-Q4")!, displayName: "Ana: \"no\" #1")
    let root = try #require(YAMLParser.parse(text).documents.first?.root)
    #expect(root["name"]?.scalarText == "Ana: \"no\" #1")
    #expect(root["team"]?.scalarText == "ana")
    #expect(root["quarter"]?.scalarText == "2026-Q4")
  }

  @Test func aTemplateWithoutQuarterIsRefused() {
    let template = QuarterTemplate(name: "broken", text: "team: x\nobjectives: []\n")
    #expect(throws: QuarterTemplate.FillError.self) {
      try template.filled(team: "a", quarter: Quarter("2026-Q1")!, displayName: "A")
    }
  }
}
