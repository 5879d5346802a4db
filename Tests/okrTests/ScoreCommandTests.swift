import Foundation
import SwiftCSV
import TestSupport
import Testing

/// `okr score` and `okr tree` on the shipped example and on hand-computed fixtures.
@Suite struct ScoreCommandTests {
  private let acme = ["--repo", "examples/acme", "--as-of", "2026-09-30"]

  @Test(arguments: ["text", "markdown", "json", "csv"])
  func scoreAcme(_ format: String) throws {
    let result = InProcess.run(["score", "--format", format] + acme)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "scoreAcme-\(format)") == nil)
  }

  @Test func scoreAcmeMidQuarterIsProvisional() throws {
    let result = InProcess.run(["score", "--repo", "examples/acme", "--as-of", "2026-08-14"])
    #expect(result.status == 0)
    #expect(Snapshot.mismatch(result.standardOutput, named: "scoreAcmeMidQuarter") == nil)
    #expect(result.standardOutput.contains("Provisional: 49% of the quarter has elapsed"))
    let markdown = InProcess.run([
      "score", "--format", "markdown", "--repo", "examples/acme", "--as-of", "2026-08-14",
    ])
    #expect(markdown.standardOutput.contains("**Provisional:** 49% of the quarter has elapsed."))
    let json = InProcess.run(["score", "--format", "json", "--repo", "examples/acme", "--as-of", "2026-08-14"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    #expect(object["provisional"] as? Bool == true)
    #expect(abs((object["elapsed"] as? Double ?? 0) - 45.0 / 92.0) < 1e-12)
  }

  @Test func theAgileGuideExampleMatchesByHand() throws {
    let result = InProcess.run(
      ["score", "--format", "json", "--repo", "Tests/Fixtures/scoreAgileGuideExample", "--as-of", "2026-03-31"])
    #expect(result.status == 0)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(report["schema_version"] as? Int == 1)
    #expect(report["quarter"] as? String == "2026-Q1")
    #expect(report["as_of"] as? String == "2026-03-31")
    #expect(report["provisional"] as? Bool == false)
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    #expect(team["team"] as? String == "support")
    let objective = try #require((team["objectives"] as? [[String: Any]])?.first)
    let keyResults = try #require(objective["key_results"] as? [[String: Any]])
    let scores = keyResults.compactMap { $0["score"] as? Double }
    #expect(scores.map { ($0 * 1000).rounded() / 1000 } == [0.767, 0.778, 0.875])
    #expect(((objective["score"] as? Double ?? 0) * 1000).rounded() / 1000 == 0.806)
    #expect(((objective["score"] as? Double ?? 0) * 100).rounded() / 100 == 0.81)
    #expect(keyResults.map { $0["actual"] as? Double } == [58, 2.1, 2.5])
    #expect(keyResults.map { $0["baseline"] as? Double } == [35, 4.2, 6])
    #expect(keyResults.map { $0["grade"] as? String } == ["green", "green", "green"])
    #expect(keyResults.map { $0["source"] as? String } == ["quarter_file", "quarter_file", "quarter_file"])
    #expect(report["score"] as? Double == objective["score"] as? Double)
  }

  @Test func csvQuotesTitlesWithCommasAndQuotes() throws {
    let result = InProcess.run(
      ["score", "--format", "csv", "--repo", "Tests/Fixtures/scoreAgileGuideExample", "--as-of", "2026-03-31"])
    let csv = try CSV<Named>(string: result.standardOutput, delimiter: .comma)
    #expect(
      csv.header == [
        "level", "quarter", "as_of", "provisional", "team", "objective", "kr", "title", "type", "commitment", "weight",
        "baseline", "target", "actual", "score", "grade", "confidence", "overridden", "computed_score", "score_note",
      ])
    // One file carries the whole card: overall, the team's roll-up, the objective, then its key results.
    #expect(csv.rows.map { $0["level"] } == ["overall", "team", "objective", "kr", "kr", "kr"])
    #expect(csv.rows.allSatisfy { $0["as_of"] == "2026-03-31" && $0["provisional"] == "false" })
    // The agile guide's example: the mean of 0.767, 0.778 and 0.875 is 0.806, for the objective,
    // the team and the overall score alike.
    #expect(csv.rows.prefix(3).map { $0["score"] } == Array(repeating: "0.8064814814814815", count: 3))
    let keyResultRows = csv.rows.filter { $0["level"] == "kr" }
    #expect(
      keyResultRows.map { $0["title"] } == [
        "Raise self-service resolution from 35% to 65%", "Cut tickets per customer, from 4.2 to 1.5",
        "Cut \"time to first answer\" from 6 to 2 days",
      ])
    #expect(keyResultRows.map { $0["score"] } == ["0.7666666666666667", "0.7777777777777778", "0.875"])
    #expect(keyResultRows.map { $0["target"] } == ["65", "1.5", "2"])
  }

  @Test func csvQuotesLineBreaksAndSeparatorsInsideLargerCharacters() throws {
    // "\r\n" and a comma or quote followed by a combining mark are single Characters.
    let title = "Grow,\u{301} \"reach\"\u{301}\r\nfast"
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      """
      quarter: 2026-Q1
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: "Grow,\\u0301 \\"reach\\"\\u0301\\r\\nfast", baseline: 0, target: 10, current: 5}

      """)
    let result = InProcess.run(["score", "--format", "csv", "--repo", directory.path, "--as-of", "2026-03-31"])
    #expect(result.status == 0)
    // Compared scalar by scalar: CSV readers that split on Characters (SwiftCSV
    // among them) cannot read this back, but RFC 4180 readers can.
    let quoted = "\"" + title.unicodeScalars.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
    let row =
      "kr,2026-Q1,2026-03-31,false,growth,O1,KR1," + quoted + ",numeric,aspirational,1,0,10,5,0.5,yellow,,false,0.5,\n"
    #expect(result.standardOutput.unicodeScalars.reversed().starts(with: row.unicodeScalars.reversed()))
  }

  /// An overridden key result carries both scores and the note: the override in `score`, what the check-ins
  /// score in `computed_score`, and `score_note` as a cell a spreadsheet cannot run.
  @Test func csvCarriesAnOverridesComputedScoreAndNote() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      """
      quarter: 2026-Q1
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - id: KR1
              title: Reach 10
              baseline: 0
              target: 10
              current: 4
              score: 0.9
              score_note: '=HYPERLINK("x"), the launch slipped, not the work'
            - {id: KR2, title: Reach 20, baseline: 0, target: 20, current: 5}

      """)
    let result = InProcess.run(["score", "--format", "csv", "--repo", directory.path, "--as-of", "2026-03-31"])
    #expect(result.status == 0, "\(result.standardError)")
    let csv = try CSV<Named>(string: result.standardOutput, delimiter: .comma)
    #expect(csv.header.suffix(3) == ["overridden", "computed_score", "score_note"])
    let rows = csv.rows.filter { $0["level"] == "kr" }
    #expect(rows.map { $0["score"] } == ["0.9", "0.25"])
    #expect(rows.map { $0["overridden"] } == ["true", "false"])
    #expect(rows.map { $0["computed_score"] } == ["0.4", "0.25"])
    #expect(rows.map { $0["score_note"] } == ["'=HYPERLINK(\"x\"), the launch slipped, not the work", ""])
    // Rows that are not key results leave the key-result columns empty.
    #expect(csv.rows.filter { $0["level"] != "kr" }.allSatisfy { $0["computed_score"] == "" && $0["score_note"] == "" })
  }

  @Test func acmeJSONFieldByField() throws {
    let result = InProcess.run(["score", "--format", "json"] + acme)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let teams = try #require(report["teams"] as? [[String: Any]])
    #expect(teams.map { $0["team"] as? String } == ["company", "growth", "onboarding", "platform", "support"])
    #expect(teams.map { $0["depth"] as? Int } == [0, 1, 2, 1, 1])
    let keyResults = teams.flatMap { ($0["objectives"] as? [[String: Any]] ?? []) }
      .flatMap { $0["key_results"] as? [[String: Any]] ?? [] }
    #expect(keyResults.count == 29)
    for keyResult in keyResults {
      let score = try #require(keyResult["score"] as? Double)
      #expect((0...1).contains(score))
      #expect(["red", "yellow", "green"].contains(keyResult["grade"] as? String))
    }
    let overridden = keyResults.filter { $0["overridden"] as? Bool == true }
    #expect(overridden.count == 1)
    #expect(overridden.first?["score"] as? Double == 0.6)
    #expect(overridden.first?["score_note"] as? String != nil)
    // growth's O1/KR1 as of the quarter's end: the newest check-in, 16.9% of 12% -> 18%.
    let growth = try #require(teams.first { $0["team"] as? String == "growth" })
    let growthKR1 = try #require(
      ((growth["objectives"] as? [[String: Any]])?.first?["key_results"] as? [[String: Any]])?.first)
    #expect(growthKR1["actual"] as? Double == 16.9)
    #expect(growthKR1["source"] as? String == "checkin")
    #expect(growthKR1["confidence"] as? Int == 8)
  }

  @Test func filtersByTeamAndQuarter() throws {
    let growth = InProcess.run(["score", "--team", "growth", "--format", "csv"] + acme)
    #expect(growth.status == 0)
    let teams = Set(
      try CSV<Named>(string: growth.standardOutput, delimiter: .comma).rows.filter { $0["level"] != "overall" }
        .compactMap { $0["team"] })
    #expect(teams == ["growth", "onboarding"])
    let unknownTeam = InProcess.run(["score", "--team", "grwoth"] + acme)
    #expect(unknownTeam.status == 64)
    #expect(
      unknownTeam.standardError
        == "error: no team 'grwoth' has a quarter file for 2026-Q3; did you mean 'growth'? (teams: company, growth, onboarding, platform, support)\n"
    )
    let unknownQuarter = InProcess.run(["score", "--quarter", "2026-Q4"] + acme)
    #expect(unknownQuarter.status == 64)
    #expect(
      unknownQuarter.standardError
        == "error: no quarter files for '2026-Q4'; did you mean '2026-Q3'? (quarters: 2026-Q3)\n")
    let badDate = InProcess.run(["score", "--repo", "examples/acme", "--as-of", "2026-02-30"])
    #expect(badDate.status == 64)
  }

  @Test func aRepositoryWithErrorsIsNotScored() throws {
    let result = try OKRCommand.run(["score", "--repo", "Tests/Fixtures/lintTenMistakes", "--as-of", "2026-03-31"])
    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(result.standardError.hasSuffix("fix these errors first; 'okr lint' shows every problem\n"))
    #expect(result.standardError.contains("[unknown-key]"))
  }

  @Test(arguments: ["text", "json"])
  func treeAcme(_ format: String) throws {
    let result = InProcess.run(["tree", "--format", format] + acme)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "treeAcme-\(format)") == nil)
  }

  @Test func treeJSONNestsTeamsAndLinksObjectives() throws {
    let result = InProcess.run(["tree", "--format", "json"] + acme)
    let tree = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let roots = try #require(tree["teams"] as? [[String: Any]])
    #expect(roots.map { $0["team"] as? String } == ["company"])
    let children = try #require(roots[0]["children"] as? [[String: Any]])
    #expect(children.map { $0["team"] as? String } == ["growth", "platform", "support"])
    let supported = (roots[0]["objectives"] as? [[String: Any]] ?? []).flatMap { $0["supported_by"] as? [String] ?? [] }
    #expect(supported.contains("growth/O1"))
  }
}

@Suite struct ReportEscapingTests {
  @Test func controlCharactersInTitlesNeverReachTheTerminal() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      "quarter: 2026-Q1\nteam: a\nname: \"Evil\\e[31m\"\nobjectives:\n  - id: O1\n    title: \"ok \\e]0;pwned\\a\"\n    key_results:\n      - {id: KR1, title: \"K\\rX\", type: boolean}\n"
    )
    for command in [["score"], ["tree"], ["status"], ["checkin"], ["score", "--format", "markdown"]] {
      let result = InProcess.run(command + ["--repo", directory.path, "--as-of", "2026-03-31"])
      #expect(result.status == 0)
      #expect(
        !result.standardOutput.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D })
      #expect(result.standardOutput.contains("\\u{1B}"))
    }
    // JSON keeps the exact text, escaped by JSON itself.
    let json = InProcess.run(["score", "--format", "json", "--repo", directory.path, "--as-of", "2026-03-31"])
    #expect(json.standardOutput.contains("\"name\" : \"Evil\\u001b[31m\""))
  }
}
