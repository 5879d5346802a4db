import Foundation
import TestSupport
import Testing

/// `okr status`, `okr alerts` and `okr checkin` on examples/acme, mid-quarter.
@Suite struct StatusCommandTests {
  private let midQuarter = ["--repo", "examples/acme", "--as-of", "2026-08-07"]

  @Test(arguments: ["text", "markdown", "json"])
  func statusAcme(_ format: String) throws {
    let result = InProcess.run(["status", "--format", format] + midQuarter)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "statusAcme-\(format)") == nil)
  }

  @Test(arguments: ["text", "markdown"])
  func checkinPromptsAcme(_ format: String) throws {
    let result = InProcess.run(["checkin", "--format", format, "--team", "growth"] + midQuarter)
    #expect(result.status == 0)
    #expect(Snapshot.mismatch(result.standardOutput, named: "checkinAcme-\(format)") == nil)
    for question in ["What changed since the last check-in?", "How confident are we now", "What is in the way?"] {
      #expect(result.standardOutput.contains(question))
    }
  }

  /// The day before the last, acme has behind_pace alerts; on the last day there is no sprint left
  /// to re-plan, so neither behind_pace nor missed_checkpoint fires, and the other rules still do.
  @Test func onTheLastDayNoAlertAsksToReplan() throws {
    func rules(_ day: String) throws -> [String] {
      let json = InProcess.run(["alerts", "--format", "json", "--repo", "examples/acme", "--as-of", day])
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
      return try #require(report["alerts"] as? [[String: Any]]).compactMap { $0["rule"] as? String }
    }
    #expect(try rules("2026-09-29").contains("behind_pace"))
    let lastDay = try rules("2026-09-30")
    #expect(!lastDay.contains("behind_pace") && !lastDay.contains("missed_checkpoint"))
    #expect(try rules("2026-10-15").filter { $0 == "behind_pace" || $0 == "missed_checkpoint" }.isEmpty)
  }

  /// On the period's last day every verdict is final, the projection is the score, and a committed
  /// key result below 1.0 is called missed once, not "missed · at risk".
  @Test func onTheLastDayVerdictsAreFinal() throws {
    let lastDay = ["--repo", "examples/acme", "--as-of", "2026-09-30"]
    let json = InProcess.run(["status", "--format", "json"] + lastDay)
    #expect(json.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    var verdicts: Set<String> = []
    for team in try #require(report["teams"] as? [[String: Any]]) {
      for objective in try #require(team["objectives"] as? [[String: Any]]) {
        for keyResult in try #require(objective["key_results"] as? [[String: Any]]) {
          verdicts.insert(try #require(keyResult["verdict"] as? String))
          if let projected = keyResult["projected_score"] as? Double {
            #expect(projected == keyResult["score"] as? Double, "\(keyResult["id"] ?? "")")
          }
        }
      }
    }
    // Aspirational key results below 1.0 have ended, not missed.
    #expect(verdicts == ["achieved", "missed", "ended"])
    let html = InProcess.run(["score", "--format", "html"] + lastDay)
    #expect(html.status == 0)
    for stale in ["at risk", "on track", "off track", "missed · missed", "below 1.0"] {
      #expect(!html.standardOutput.contains(stale), "\(stale)")
    }
    #expect(html.standardOutput.contains("committed · missed"))
  }

  /// The prompts as data say what status says: the same expected values, the same last values.
  @Test func checkinPromptsAsJSONMatchStatus() throws {
    let prompts = InProcess.run(["checkin", "--format", "json"] + midQuarter)
    #expect(prompts.status == 0)
    let data = try #require(try JSONSerialization.jsonObject(with: Data(prompts.standardOutput.utf8)) as? [String: Any])
    #expect(data["week"] as? String == "2026-W32")
    #expect((data["questions"] as? [String])?.count == 3)
    let status = InProcess.run(["status", "--format", "json"] + midQuarter)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any])
    var expected: [String: Double] = [:]
    for team in report["teams"] as? [[String: Any]] ?? [] {
      for objective in team["objectives"] as? [[String: Any]] ?? [] {
        for keyResult in objective["key_results"] as? [[String: Any]] ?? [] {
          if let value = keyResult["expected"] as? Double {
            expected["\(team["team"]!)/\(objective["id"]!)/\(keyResult["id"]!)"] = value
          }
        }
      }
    }
    var compared = 0
    for team in data["teams"] as? [[String: Any]] ?? [] {
      for keyResult in team["key_results"] as? [[String: Any]] ?? [] {
        let key = "\(team["team"]!)/\(keyResult["kr"]!)"
        #expect(keyResult["expected"] as? Double == expected[key], "\(key)")
        if expected[key] != nil { compared += 1 }
      }
    }
    #expect(compared > 10)
  }

  /// On a terminal the text fits its width, titles shortened first and numbers whole; piped, it
  /// keeps its full layout (the golden above).
  @Test(
    .enabled(if: CheckinRecordTests.utilLinuxScript != nil, "needs util-linux's script for a pseudo-terminal"),
    arguments: [40, 60, 80, 120])
  func statusFitsTheTerminal(_ columns: Int) throws {
    let command =
      "stty cols \(columns) rows 60; '\(PackagePaths.okrBinary)' status --color never "
      + midQuarter.map { "'\($0)'" }.joined(separator: " ")
    let result = try OKRCommand.run(["-qec", command, "/dev/null"], executable: CheckinRecordTests.utilLinuxScript!)
    #expect(result.status == 0)
    let lines = result.standardOutput.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
    #expect(lines.count > 40)
    for line in lines { #expect(line.count <= columns, "\(line)") }
    // Every number still shows: the growth O1/KR1 line's actual, expected and score.
    let text = lines.joined(separator: "\n")
    #expect(text.contains("13.4%") && text.contains("exp 13.06%") && text.contains("0.2→0.6"))
    #expect(text.contains("on track") && text.contains("off track"))
  }

  /// Piped, the binary's standard output is no terminal: the text keeps its full layout and, with
  /// `--color auto`, no colour. (In process, a kept stream is a file by construction; only the
  /// binary asks the real descriptor.)
  @Test func pipedStatusKeepsItsFullLayoutWithoutColour() throws {
    let piped = try OKRCommand.run(["status"] + midQuarter)
    #expect(piped.status == 0)
    #expect(piped.standardOutput.split(separator: "\n").contains { $0.count > 120 })
    #expect(!piped.standardOutput.contains("\u{1B}["))
    #expect(Snapshot.mismatch(piped.standardOutput, named: "statusAcme-text") == nil)
  }

  @Test func alertsExitOneAndNameTheResponse() throws {
    let result = InProcess.run(["alerts"] + midQuarter)
    #expect(result.status == 1)
    #expect(Snapshot.mismatch(result.standardOutput, named: "alertsAcme-text") == nil)
    let json = InProcess.run(["alerts", "--format", "json"] + midQuarter)
    #expect(json.status == 1)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let alerts = try #require(report["alerts"] as? [[String: Any]])
    let drop = try #require(
      alerts.first { $0["rule"] as? String == "confidence_drop" && $0["team"] as? String == "growth" })
    #expect(drop["kr"] as? String == "O2/KR1")
    #expect(drop["evidence"] as? String == "confidence fell from 6 (2026-W31) to 3 (2026-W32)")
    #expect(drop["measured"] as? Double == 3)
    #expect(drop["threshold"] as? Double == 2)
    #expect((drop["action"] as? String)?.isEmpty == false)
    #expect(
      Set(alerts.compactMap { $0["rule"] as? String }).isSuperset(of: [
        "confidence_drop", "behind_pace", "stale_checkin", "orphan_effort",
      ]))
  }

  @Test func noAlertsExitZero() throws {
    let result = InProcess.run(
      ["alerts", "--repo", "Tests/Fixtures/scoreAgileGuideExample", "--as-of", "2026-01-02"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "No alerts for 2026-Q1 as of 2026-01-02.\n")
  }
}
