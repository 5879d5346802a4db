import Foundation
import TestSupport
import Testing
import YAMLKit

/// `okr init --from`: the next quarter from the last.
@Suite struct CarryOverTests {
  private func acmeCopy() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    for relative in [
      "okr.yaml", "okrs/2026-Q3/company.yaml", "okrs/2026-Q3/growth.yaml", "okrs/2026-Q3/onboarding.yaml",
      "okrs/2026-Q3/platform.yaml", "okrs/2026-Q3/support.yaml", "checkins/2026-Q3/growth.yaml",
      "checkins/2026-Q3/platform.yaml", "checkins/2026-Q3/support.yaml",
    ] {
      try directory.write(
        relative, try String(contentsOfFile: PackagePaths.path("examples/acme/" + relative), encoding: .utf8))
    }
    return directory
  }

  @Test func everyTeamCarriesIntoALintCleanQuarter() throws {
    let directory = try acmeCopy()
    for team in ["company", "growth", "onboarding", "platform", "support"] {
      let result = InProcess.run(
        ["init", "--team", team, "--quarter", "2026-Q4", "--from", "2026-Q3"], in: directory.path)
      #expect(result.status == 0, "\(team): \(result.standardError)")
    }
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 0, "\(lint.standardError)")
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q4"))

    // growth's numbers as the last quarter ended.
    let score = InProcess.run(
      ["score", "--quarter", "2026-Q3", "--as-of", "2026-09-30", "--team", "growth", "--format", "json"],
      in: directory.path)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(score.standardOutput.utf8)) as? [String: Any])
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    let objectives = try #require(team["objectives"] as? [[String: Any]])
    let lastKR1 = try #require((objectives[0]["key_results"] as? [[String: Any]])?.first)
    let lastActual = try #require(lastKR1["actual"] as? Double)

    let stream = YAMLParser.parse(try directory.read("okrs/2026-Q4/growth.yaml"))
    let root = try #require(stream.documents.first?.root)
    #expect(root["quarter"]?.scalarText == "2026-Q4")
    #expect(root["parent"]?.scalarText == "company")
    let kr1 = try #require(root["objectives"]?.items?.first?["key_results"]?.items?.first)
    #expect(kr1["baseline"]?.scalarText.flatMap(Double.init) == lastActual)
    #expect(kr1["target"]?.scalarText == "18")
    for key in ["title", "unit", "commitment", "weight", "owner", "pace"] {
      #expect(kr1[key] != nil, "\(key)")
    }
    for key in ["current", "sprint_goals", "score", "change_note"] {
      #expect(kr1[key] == nil, "\(key)")
    }
    // The annual plans KR (boolean) was done: it stays behind.
    let ids = root["objectives"]?.items?.first?["key_results"]?.items?.compactMap { $0["id"]?.scalarText }
    #expect(ids?.contains("KR2") == false)
  }

  /// A key result's `source:` carries as written, so a team points it at its number once.
  @Test func sourcesCarryIntoTheNextQuarter() throws {
    let directory = try acmeCopy()
    let path = directory.path + "/okrs/2026-Q3/growth.yaml"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    let anchor = try #require(text.range(of: "        baseline: 12\n"))
    text.insert(
      contentsOf: "        source: {command: [python3, scripts/n.py, --year, '2026', '']}\n", at: anchor.upperBound)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--from", "2026-Q3"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    let carried = YAMLParser.parse(try directory.read("okrs/2026-Q4/growth.yaml"))
    let keyResult = try #require(
      carried.documents.first?.root["objectives"]?.items?.first?["key_results"]?.items?.first)
    let command = keyResult["source"]?["command"]?.items.map { Array($0) } ?? []
    #expect(command.map(\.resolvedScalar) == ["python3", "scripts/n.py", "--year", "2026", ""].map { .string($0) })
  }

  /// A team carried before its parent: the parent and the alignment are left out (and said), so the
  /// file still passes lint.
  @Test func aTeamCarriedBeforeItsParentLeavesOutWhatDoesNotExistYet() throws {
    let directory = try acmeCopy()
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--from", "2026-Q3"], in: directory.path)
    #expect(result.status == 0)
    #expect(result.standardError.contains("note: parent team 'company' has no quarter file for 2026-Q4 yet"))
    #expect(result.standardError.contains("'aligns_to' left out"))
    #expect(InProcess.run(["lint"], in: directory.path).status == 0)
  }

  @Test func aQuarterTheTeamDidNotHaveIsAUsageError() throws {
    let directory = try acmeCopy()
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--from", "2026-Q1"], in: directory.path)
    #expect(result.status == 64)
    #expect(result.standardError == "error: team 'growth' has no quarter file for 2026-Q1\n")
  }

  /// `okr score --quarters`: each quarter scored as `okr score --quarter` scores it on its last day.
  @Test func theTrendScoresEachQuarterAsScoreDoes() throws {
    let directory = try acmeCopy()
    for team in ["company", "growth", "onboarding", "platform", "support"] {
      _ = InProcess.run(["init", "--team", team, "--quarter", "2026-Q4", "--from", "2026-Q3"], in: directory.path)
    }
    let trend = InProcess.run(
      ["score", "--quarters", "2026-Q2..2026-Q4", "--as-of", "2026-11-15", "--format", "json"], in: directory.path)
    #expect(trend.status == 0, "\(trend.standardError)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(trend.standardOutput.utf8)) as? [String: Any])
    #expect(report["quarters"] as? [String] == ["2026-Q2", "2026-Q3", "2026-Q4"])
    #expect(report["provisional"] as? [Bool] == [false, false, true])
    let overall = try #require(report["overall"] as? [Any])
    #expect(overall.first is NSNull)
    let q3 = InProcess.run(
      ["score", "--quarter", "2026-Q3", "--as-of", "2026-09-30", "--format", "json"], in: directory.path)
    let q3Report = try #require(try JSONSerialization.jsonObject(with: Data(q3.standardOutput.utf8)) as? [String: Any])
    #expect(overall[1] as? Double == q3Report["score"] as? Double)
    // Nothing measured yet in the new quarter: every carried numeric key result sits at its baseline.
    #expect(overall[2] as? Double == 0)
    let csv = InProcess.run(
      ["score", "--quarters", "2026-Q3,2026-Q4", "--as-of", "2026-11-15", "--format", "csv"], in: directory.path)
    #expect(csv.standardOutput.hasPrefix("level,team,quarter,score,provisional,as_of\noverall,,2026-Q3,"))
    let text = InProcess.run(
      ["score", "--quarters", "2026-Q3..2026-Q4", "--as-of", "2026-11-15"], in: directory.path)
    #expect(text.standardOutput.contains("* still running on 2026-11-15: provisional"))
  }
}
