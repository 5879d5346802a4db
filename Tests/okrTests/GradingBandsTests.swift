import Foundation
import TestSupport
import Testing

/// okr.yaml's grade bands reach every legend, not only the grades.
@Suite struct GradingBandsTests {
  @Test func theHTMLFooterFollowsOkrYamlsBands() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\nscoring: {yellow_from: 0.3, green_from: 0.5}\n")
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      objectives:
        - id: O1
          title: T
          key_results:
            - {id: KR1, title: K, baseline: 0, target: 10, current: 6}

      """)
    let result = InProcess.run(["score", "--format", "html", "--as-of", "2026-03-31"], in: directory.path)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("red below 0.3, yellow below 0.5, green from 0.5."))
    #expect(!result.standardOutput.contains("below 0.7"))
    // 0.6 is green under these bands.
    #expect(result.standardOutput.contains("grade-green\">0.6 green"))
  }
}
