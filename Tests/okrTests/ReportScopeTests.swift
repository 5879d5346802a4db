import Foundation
import TestSupport
import Testing

/// Reports decode only the cycle they report on: a broken file of another
/// quarter does not stop them, a file whose quarter cannot be told does, and
/// `okr lint` still finds everything.
@Suite struct ReportScopeTests {
  private static func quarterFile(_ quarter: String, extra: String = "") -> String {
    """
    quarter: \(quarter)
    team: growth
    \(extra)objectives:
      - id: O1
        title: Customers get started without support
        key_results:
          - {id: KR1, title: Onboarding rate, baseline: 35, target: 65, current: 50}

    """
  }

  private func repository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    try directory.write("okrs/2026-Q3/growth.yaml", Self.quarterFile("2026-Q3"))
    try directory.write("okrs/2026-Q2/growth.yaml", Self.quarterFile("2026-Q2"))
    return directory
  }

  @Test func anotherQuartersMistakesDoNotStopAReport() throws {
    let directory = try repository()
    // A misspelt key and a check-in against a key result that does not exist, both in Q2.
    try directory.write("okrs/2026-Q2/growth.yaml", Self.quarterFile("2026-Q2", extra: "ownr: maria\n"))
    try directory.write(
      "checkins/2026-Q2/growth.yaml",
      "team: growth\nquarter: 2026-Q2\nweek: 2026-W20\nkey_results:\n  O9/KR9: {value: 1}\n")
    let score = InProcess.run(["score", "--repo", directory.path, "--as-of", "2026-08-14"])
    #expect(score.status == 0)
    #expect(score.standardError == "")
    #expect(score.standardOutput.contains("2026-Q3"))
    let lint = InProcess.run(["lint", "--repo", directory.path])
    #expect(lint.status == 1)
    #expect(lint.standardError.contains("unknown key 'ownr'"))
    #expect(lint.standardError.contains("O9/KR9"))
    // Reporting on Q2 itself meets its mistakes.
    let q2 = InProcess.run(["score", "--repo", directory.path, "--quarter", "2026-Q2", "--as-of", "2026-08-14"])
    #expect(q2.status == 1)
    #expect(q2.standardError.contains("unknown key 'ownr'"))
  }

  @Test func aFileThatDoesNotParseStopsEveryReport() throws {
    let directory = try repository()
    try directory.write("okrs/2026-Q2/growth.yaml", "quarter: 2026-Q2\nteam: [growth\n")
    let score = InProcess.run(["score", "--repo", directory.path, "--as-of", "2026-08-14"])
    #expect(score.status == 1)
    #expect(score.standardError.contains("okrs/2026-Q2/growth.yaml:"))
  }

  @Test func theDefaultCycleStillSeesEveryQuarter() throws {
    let directory = try repository()
    // A day in Q2 reports on Q2; a day after every quarter on the newest, Q3,
    // and the quarters the repository has are listed from every file.
    let inQ2 = InProcess.run(["score", "--format", "json", "--repo", directory.path, "--as-of", "2026-05-01"])
    #expect(inQ2.status == 0)
    #expect(inQ2.standardOutput.contains("\"quarter\" : \"2026-Q2\""))
    let later = InProcess.run(["score", "--format", "json", "--repo", directory.path, "--as-of", "2027-03-01"])
    #expect(later.status == 0)
    #expect(later.standardOutput.contains("\"quarter\" : \"2026-Q3\""))
    let unknown = InProcess.run(["score", "--repo", directory.path, "--quarter", "2026-Q1"])
    #expect(unknown.status == 64)
    #expect(unknown.standardError.contains("(quarters: 2026-Q2, 2026-Q3)"))
  }
}
