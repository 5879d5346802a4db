import Foundation
import TestSupport
import Testing

/// Questions okr answers in more than one command get one answer: whether a key result is
/// missed, whether it is stale, and which double an exact figure is written as.
@Suite struct OneAnswerTests {
  private func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  private func keyResults(_ report: [String: Any]) throws -> [[String: Any]] {
    try #require(report["teams"] as? [[String: Any]]).flatMap { team in
      try #require(team["objectives"] as? [[String: Any]]).flatMap { objective in
        try #require(objective["key_results"] as? [[String: Any]])
      }
    }
  }

  // MARK: Missed

  /// 2026-Q1 as of its last day: KR1 aspirational at 7 of 10 (0.7), KR2 committed at 9 of 10 (0.9).
  private func missedRepository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/team.yaml",
      """
      quarter: 2026-Q1
      team: team
      objectives:
        - id: O1
          title: Ship
          key_results:
            - {id: KR1, title: Stretch from 0 to 10, baseline: 0, target: 10, current: 7}
            - {id: KR2, title: Promise from 0 to 10, baseline: 0, target: 10, current: 9, commitment: committed}

      """)
    return directory
  }

  /// Missed is what format.md says, in every command.
  ///
  /// format.md: "a committed KR below 1.0 once its period is over (an aspirational KR below 1.0
  /// is not missed)". The score, the status, the HTML page and the prompts all say so.
  @Test func onlyACommittedKeyResultBelowOneIsMissed() throws {
    let directory = try missedRepository()
    let lastDay = ["--as-of", "2026-03-31"]
    let score = InProcess.run(["score"] + lastDay, in: directory.path)
    #expect(score.standardOutput.contains("1 committed missed"))

    let status = try keyResults(json(InProcess.run(["status", "--format", "json"] + lastDay, in: directory.path)))
    #expect(status.map { $0["verdict"] as? String } == ["ended", "missed"])
    #expect(status.map { $0["missed"] as? Bool } == [false, true])
    let scored = try keyResults(json(InProcess.run(["score", "--format", "json"] + lastDay, in: directory.path)))
    #expect(scored.map { $0["missed"] as? Bool } == [false, true])

    let text = InProcess.run(["status"] + lastDay, in: directory.path).standardOutput
    #expect(text.contains("1 achieved") == false)
    #expect(text.contains("1 missed, 1 ended"))

    let page = InProcess.run(["score", "--format", "html"] + lastDay, in: directory.path).standardOutput
    #expect(page.contains("expected now 10 · aspirational · ended</p>"))
    #expect(page.contains("expected now 10 · committed · missed</p>"))
    #expect(!page.contains("aspirational · missed"))

    let prompts = try json(InProcess.run(["checkin", "--format", "json"] + lastDay, in: directory.path))
    let promptTeams = try #require(prompts["teams"] as? [[String: Any]])
    let promptVerdicts = try #require(promptTeams.first?["key_results"] as? [[String: Any]]).map {
      $0["verdict"] as? String
    }
    #expect(promptVerdicts == ["ended", "missed"])
  }

  /// While the period runs nothing is missed yet: the committed key result is "below 1.0".
  @Test func nothingIsMissedWhileThePeriodRuns() throws {
    let directory = try missedRepository()
    let midQuarter = ["--as-of", "2026-02-15"]
    let scored = try keyResults(json(InProcess.run(["score", "--format", "json"] + midQuarter, in: directory.path)))
    #expect(scored.map { $0["missed"] as? Bool } == [false, false])
    #expect(InProcess.run(["score"] + midQuarter, in: directory.path).standardOutput.contains("committed, below 1.0"))
  }

  // MARK: Stale

  /// A repository whose okr.yaml says a key result is stale after three weeks.
  ///
  /// As of Friday 2026-02-27 (week 9) the
  /// team checked in that week (KR1); KR2 last in week 7 (two weeks: not stale), KR3 last in
  /// week 6 (three weeks: stale).
  private func staleRepository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okr.yaml",
      """
      alerts:
        - rule: stale_checkin
          threshold: 2
        - rule: stale_kr
          threshold: 3

      """)
    try directory.write(
      "okrs/2026-Q1/team.yaml",
      """
      quarter: 2026-Q1
      team: team
      objectives:
        - id: O1
          title: Ship
          key_results:
            - {id: KR1, title: Weekly from 0 to 10, baseline: 0, target: 10}
            - {id: KR2, title: Two weeks quiet from 0 to 10, baseline: 0, target: 10}
            - {id: KR3, title: Three weeks quiet from 0 to 10, baseline: 0, target: 10}

      """)
    func checkin(_ week: Int, _ keyResults: [String]) -> String {
      """
      ---
      team: team
      quarter: 2026-Q1
      week: 2026-W0\(week)
      key_results:
      \(keyResults.map { "  O1/\($0): {value: \(week), confidence: 7}" }.joined(separator: "\n"))

      """
    }
    try directory.write(
      "checkins/2026-Q1/team.yaml",
      checkin(6, ["KR1", "KR2", "KR3"]) + checkin(7, ["KR1", "KR2"]) + checkin(8, ["KR1"]) + checkin(9, ["KR1"]))
    return directory
  }

  /// The HTML page marks what stale_kr fires for, with okr.yaml's threshold: KR3 only.
  @Test func theHTMLPageAndTheAlertsShareTheStaleThreshold() throws {
    let directory = try staleRepository()
    let asOf = ["--as-of", "2026-02-27"]
    let page = InProcess.run(["status", "--format", "html"] + asOf, in: directory.path).standardOutput
    #expect(page.components(separatedBy: "<div class=\"kr stale\">").count - 1 == 1)
    #expect(
      page.contains(
        "<p class=\"stale-note\"><strong>Stale</strong>: last check-in 2026-W06, 3 weeks ago, while the team checks in</p>"
      ))
    #expect(!page.contains("2026-W07, 2 weeks ago"))
    let alerts = try #require(
      try json(InProcess.run(["alerts", "--format", "json"] + asOf, in: directory.path))["alerts"] as? [[String: Any]])
    let stale = alerts.filter { $0["rule"] as? String == "stale_kr" }.map { $0["kr"] as? String }
    #expect(stale == ["O1/KR3"])
  }

  // MARK: JSON numbers

  /// The plan's hours are whole minutes over 60, and its aligned share whole minutes over whole minutes.
  ///
  /// By hand: micro-goals of 6 and 12 minutes, the 6 tied to no key result: 18 / 60 = 0.3 hours
  /// planned (binary 0.2 + 0.1 = 0.30000000000000004) and 12 / 18 = 2/3 aligned.
  @Test func planHoursAreWholeMinutesOverSixty() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/team.yaml",
      """
      quarter: 2026-Q1
      team: team
      objectives:
        - id: O1
          title: Ship
          key_results:
            - id: KR1
              title: Raise A from 0 to 10
              baseline: 0
              target: 10
              sprint_goals:
                - sprint: 1
                  goal: Start
                  micro_goals:
                    - {title: Write the query, owner: bo, due: 2026-01-07, estimate: 12m, done_when: it runs}
      micro_goals:
        - {title: Tidy the board, owner: bo, due: 2026-01-08, estimate: 6m, done_when: it is tidy}

      """)
    let result = InProcess.run(["plan", "--as-of", "2026-01-05", "--format", "json"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("\"planned_hours\" : 0.3,"))
    #expect(result.standardOutput.contains("\"aligned_share\" : 0.6666666666666666,"))
  }

  /// A repository whose key results are each expected at a checkpoint on 2026-02-01.
  ///
  /// Sprints of two weeks from Monday 2026-01-05: sprint 1 ends 01-18, sprint 2 ends 02-01. On
  /// 2026-02-01 each key result is expected at its checkpoint, and checked in once that week.
  private func exactRepository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okr.yaml",
      """
      alerts:
        - rule: behind_pace
          threshold: 0.2
        - rule: missed_checkpoint
          threshold: 0

      """)
    try directory.write(
      "okrs/2026-Q1/team.yaml",
      """
      quarter: 2026-Q1
      team: team
      objectives:
        - id: O1
          title: Ship
          key_results:
            - id: KR1
              title: Raise A from 0 to 10
              baseline: 0
              target: 10
              sprint_goals:
                - {sprint: 2, goal: Reach 7, checkpoint: 7}
            - id: KR2
              title: Raise B from 0 to 25
              baseline: 0
              target: 25
              sprint_goals:
                - {sprint: 2, goal: Reach 20, checkpoint: 20}
            - id: KR3
              title: Raise C from 0 to 0.9
              baseline: 0
              target: 0.9
              sprint_goals:
                - {sprint: 1, goal: Reach 0.9, checkpoint: 0.9}

      """)
    try directory.write(
      "checkins/2026-Q1/team.yaml",
      """
      ---
      team: team
      quarter: 2026-Q1
      week: 2026-W03
      date: 2026-01-16
      key_results:
        O1/KR3: {value: 0.1, confidence: 6}
      ---
      team: team
      quarter: 2026-Q1
      week: 2026-W05
      date: 2026-01-30
      key_results:
        O1/KR1: {value: 4, confidence: 6}
        O1/KR2: {value: 9, confidence: 6}
        O1/KR3: {value: 0.1, confidence: 6}

      """)
    return directory
  }

  /// Each alert's measure is the double nearest the exact figure.
  ///
  /// By hand: behind_pace KR1 (7 - 4) / 10 = 3/10, KR2 (20 - 9) / 25 = 11/25, KR3 (0.9 - 0.1) / 0.9 = 8/9;
  /// missed_checkpoint the same shortfalls against the sprint checkpoints (KR3's sprint 1 ended at 0.1).
  /// Binary arithmetic wrote 0.7 - 0.4 = 0.29999999999999993, 0.8 - 0.36 = 0.44000000000000006 and
  /// 0.8 / 0.9 = 0.888888888888889.
  @Test func alertMeasuresAreTheNearestDoublesOfTheExactFigures() throws {
    let directory = try exactRepository()
    let result = InProcess.run(["alerts", "--as-of", "2026-02-01", "--format", "json"], in: directory.path)
    #expect(result.status == 1, "\(result.standardError)")
    let alerts = try #require(try json(result)["alerts"] as? [[String: Any]])
    // The numbers are read from the text: Foundation's JSON reader on Linux is not correctly rounded.
    let written = result.standardOutput.split(separator: "\n").compactMap { line -> Double? in
      guard let range = line.range(of: "\"measured\" : ") else { return nil }
      return Double(line[range.upperBound...].dropLast())
    }
    try #require(written.count == alerts.count)
    var measured: [String: Double] = [:]
    for (alert, value) in zip(alerts, written) {
      measured["\(alert["rule"] as? String ?? "") \(alert["kr"] as? String ?? "")"] = value
    }
    #expect(measured["behind_pace O1/KR1"] == 3.0 / 10)
    #expect(measured["behind_pace O1/KR2"] == 11.0 / 25)
    #expect(measured["behind_pace O1/KR3"] == 8.0 / 9)
    #expect(measured["missed_checkpoint O1/KR1"] == 3.0 / 10)
    #expect(measured["missed_checkpoint O1/KR2"] == 11.0 / 25)
    #expect(measured["missed_checkpoint O1/KR3"] == 8.0 / 9)
    // Written as the shortest digits that read back as those doubles.
    for text in ["\"measured\" : 0.3,", "\"measured\" : 0.44,", "\"measured\" : 0.8888888888888888,"] {
      #expect(result.standardOutput.contains(text), "\(text)")
    }
  }
}
