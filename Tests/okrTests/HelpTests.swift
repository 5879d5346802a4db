import Foundation
import TestSupport
import Testing

/// Help people copy from: the alerts example pastes into okr.yaml and lints clean, at the widths
/// a terminal and a pipe give, and lists every rule.
@Suite struct HelpTests {
  @Test(arguments: ["60", "80", "120"])
  func theAlertsExamplePastesIntoOKRYamlAndLintsClean(columns: String) throws {
    let help = try OKRCommand.run(["alerts", "--help"], environment: ["COLUMNS": columns])
    #expect(help.status == 0)
    let lines = help.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex { $0 == "  alerts:" })
    let block = lines[start...].prefix { !$0.isEmpty }.map { String($0.dropFirst(2)) }
    #expect(block.allSatisfy { $0.hasPrefix("alerts:") || $0.hasPrefix("  ") }, "a line wrapped at \(columns)")
    for rule in [
      "confidence_drop", "behind_pace", "stale_checkin", "orphan_effort", "missed_checkpoint", "stale_kr",
      "moved_goalposts",
    ] {
      #expect(block.contains("  - rule: \(rule)"), "\(rule) at \(columns)")
    }
    let repo = try TemporaryDirectory()
    try repo.write("okr.yaml", "organization: T\n" + block.joined(separator: "\n") + "\n")
    try repo.write(
      "okrs/2026-Q3/growth.yaml",
      """
      quarter: 2026-Q3
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: Raise conversion from 10% to 20%, baseline: 10, target: 20, unit: "%"}

      """)
    let lint = try OKRCommand.run(["lint", "--strict"], in: repo.path)
    #expect(lint.status == 0, "\(lint.standardError)")
  }

  /// The limits stay out of the everyday help and show with --help-hidden.
  @Test func limitOptionsShowOnlyWithHelpHidden() throws {
    let everyday = try OKRCommand.run(["score", "--help"])
    #expect(!everyday.standardOutput.contains("--max-file-size"))
    let hidden = try OKRCommand.run(["score", "--help-hidden"])
    for option in ["--max-file-size", "--max-depth", "--max-alias-nodes", "--max-alias-bytes", "--max-files"] {
      #expect(hidden.standardOutput.contains(option), "\(option)")
    }
  }
}
