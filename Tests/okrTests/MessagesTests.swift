import Foundation
import TestSupport
import Testing

/// Messages that say what to do: a did-you-mean where a name is close, what was not done, and no
/// warning nobody asked for.
@Suite struct MessagesTests {
  static let acme = PackagePaths.path("examples/acme")

  @Test func aMistypedTeamSuggestsTheTeamAndSaysNothingWasRecorded() {
    let result = InProcess.run(
      ["checkin", "record", "--team", "grwoth", "--kr", "O1/KR1", "--value", "3", "--as-of", "2026-08-14"],
      in: Self.acme)
    #expect(result.status == 64)
    #expect(
      result.standardError
        == "error: no team 'grwoth' has a quarter file for 2026-Q3; did you mean 'growth'? "
        + "(teams: company, growth, onboarding, platform, support)\nnothing was recorded\n")
  }

  @Test func aKeyResultWithoutItsObjectiveSuggestsTheFullReferences() {
    let result = InProcess.run(
      ["checkin", "record", "--team", "growth", "--kr", "KR1", "--value", "3", "--as-of", "2026-08-14"],
      in: Self.acme)
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "error: team 'growth' has no key result 'KR1' in 2026-Q3; did you mean one of 'O1/KR1', 'O2/KR1', 'O3/KR1'?"))
  }

  @Test func historyOfAKeyResultThatIsNotThereSuggestsOne() {
    let arguments = ["history", "--team", "growth", "--kr", "O1/KR9", "--as-of", "2026-08-14"]
    let result = InProcess.run(arguments, in: Self.acme)
    #expect(result.status == 64)
    #expect(result.standardError == "error: no key result 'O1/KR9' in 2026-Q3; did you mean 'O1/KR1'?\n")
  }

  /// Outside git, the default rules skip moved_goalposts quietly; named in okr.yaml, it is said.
  @Test(arguments: [false, true])
  func outsideGitTheSkippedRuleIsSaidOnlyWhenAskedFor(listed: Bool) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\n" + (listed ? "alerts:\n  - rule: moved_goalposts\n" : ""))
    try directory.write(
      "okrs/2026-Q3/growth.yaml",
      "quarter: 2026-Q3\nteam: growth\nobjectives:\n  - id: O1\n    title: Grow\n    key_results:\n"
        + "      - {id: KR1, title: Raise conversion from 10% to 20%, baseline: 10, target: 20}\n")
    for command in ["alerts", "status"] {
      let result = InProcess.run([command, "--as-of", "2026-08-10"], in: directory.path)
      let warned = result.standardError.contains("moved_goalposts is skipped")
      #expect(warned == listed, "\(command): \(result.standardError)")
    }
  }

  /// A team looked up in a file that does not parse: that file's own error at its place, not "no such team".
  @Test func aBrokenTeamFileIsReportedAtItsPlaceNotAsAMissingTeam() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\n")
    try directory.write("okrs/2026-Q3/growth.yaml", "quarter: 2026-Q3\nteam: growth\nobjectives: [\n")
    try directory.write("week.csv", "team,kr,value\ngrowth,O1/KR1,3\n")
    let place =
      "okrs/2026-Q3/growth.yaml:4:1: error: did not find expected node content (while parsing a flow node) [yaml-syntax]\n"
    for (arguments, outcome) in [
      (
        ["checkin", "record", "--team", "growth", "--kr", "O1/KR1", "--value", "3"],
        "fix these errors first; nothing was recorded"
      ),
      (["checkin", "import", "week.csv"], "nothing was recorded"),
      (
        ["init", "--team", "growth", "--quarter", "2026-Q4", "--from", "2026-Q3"],
        "fix these errors first; nothing was written"
      ),
    ] {
      let result = InProcess.run(arguments + ["--as-of", "2026-08-14"], in: directory.path)
      #expect(result.status == 1, "\(arguments): \(result.standardError)")
      #expect(result.standardError == place + "1 error and 0 warnings in 2 files\n\(outcome)\n", "\(arguments)")
    }
  }
}
