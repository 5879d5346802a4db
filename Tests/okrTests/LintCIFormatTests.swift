import Foundation
import TestSupport
import Testing

/// `okr lint --format github` and `--format sarif`: the same problems, for CI.
@Suite struct LintCIFormatTests {
  @Test func githubAnnotationsGolden() throws {
    let result = InProcess.run(["lint", "--format", "github", "Tests/Fixtures/lintTenMistakes"])
    #expect(result.status == 1)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "lintTenMistakes-github") == nil)
    // The same positions as the text format, one command per problem.
    let text = InProcess.run(["lint", "Tests/Fixtures/lintTenMistakes"])
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 10)
    #expect(lines.allSatisfy { $0.hasPrefix("::error file=Tests/Fixtures/lintTenMistakes/") })
    #expect(text.standardError.contains("growth.yaml:13:9: error: unknown key 'tittle'"))
    let annotation = "growth.yaml,line=13,col=9,title=okr lint [unknown-key]::unknown key 'tittle'"
    #expect(result.standardOutput.contains(annotation))
  }

  /// Messages and properties escape what the runner would read as syntax.
  @Test func githubEscapesPercentNewlinesColonsAndCommas() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/a,b:c%.yaml", "quarter: 2026-Q1\nteam: a\nobjectives: []\n")
    let result = InProcess.run(["lint", "--format", "github"], in: directory.path)
    #expect(result.standardOutput.contains("file=okrs/a%2Cb%3Ac%25.yaml,line="))
  }

  @Test func sarifGoldenWithItsRequiredFields() throws {
    let result = InProcess.run(["lint", "--format", "sarif", "Tests/Fixtures/lintTenMistakes"])
    #expect(result.status == 1)
    #expect(Snapshot.mismatch(result.standardOutput, named: "lintTenMistakes-sarif") == nil)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "okr")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 10)
    for item in results {
      let message = try #require(item["message"] as? [String: Any])
      #expect((message["text"] as? String)?.isEmpty == false)
      let index = try #require(item["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == item["ruleId"] as? String)
      #expect(["error", "warning"].contains(item["level"] as? String))
      let location = try #require((item["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      let region = try #require(location["region"] as? [String: Any])
      #expect((region["startLine"] as? Int ?? 0) >= 1)
      #expect((region["startColumn"] as? Int ?? 0) >= 1)
    }
  }
}
