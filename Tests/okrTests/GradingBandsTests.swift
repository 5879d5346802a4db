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

  /// The printed score never contradicts the grade beside it, in every format that prints one.
  ///
  /// KR1 0 → 1000 at 368 scores 0.368 (red, default bands), KR2 0 → 1000 at 658 scores 0.658
  /// (yellow), KR3, committed, 0 → 100 at 96 scores 0.96 (green, missed on the last day: 0.96,
  /// never 1.0). Each is its objective's only KR; the team is (0.368 + 0.658 + 0.96) / 3 = 0.662,
  /// yellow, so 0.66 rather than 0.7. Under okr.yaml's bands yellow from 0.35 and green from 0.65,
  /// 0.368 is yellow, 0.658 and 0.662 green, so one decimal (0.4, 0.7, 0.7) agrees and is printed.
  @Test(arguments: [
    ("", ["0.37", "0.66", "0.96", "0.66"]),
    ("scoring: {yellow_from: 0.35, green_from: 0.65}\n", ["0.4", "0.7", "0.96", "0.7"]),
  ])
  func aPrintedScoreNeverContradictsItsGrade(_ scoring: String, _ shown: [String]) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\n" + scoring)
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      objectives:
        - id: O1
          title: T
          key_results:
            - {id: KR1, title: K, baseline: 0, target: 1000, current: 368}
        - id: O2
          title: U
          key_results:
            - {id: KR2, title: L, baseline: 0, target: 1000, current: 658}
        - id: O3
          title: V
          key_results:
            - {id: KR3, title: M, baseline: 0, target: 100, current: 96, commitment: committed}

      """)
    for format in ["text", "markdown", "html"] {
      let result = InProcess.run(["score", "--format", format, "--as-of", "2026-03-31"], in: directory.path)
      #expect(result.status == 0)
      let grades = scoring.isEmpty ? ["red", "yellow", "green", "yellow"] : ["yellow", "green", "green", "green"]
      for (score, grade) in zip(shown, grades) {
        let together =
          format == "markdown" ? "| \(score) | \(grade) |" : format == "html" ? "\(score) \(grade)</span>" : "\(score) "
        #expect(result.standardOutput.contains(together), "\(format): \(score) \(grade)")
      }
      #expect(!result.standardOutput.contains(format == "html" ? ">1.0 " : "1.0"), "\(format)")
    }
  }
}
