import Foundation
import TestSupport
import Testing

/// Key results dropped mid-quarter: marked `dropped:`, or deleted with check-ins left behind.
@Suite struct DroppedKeyResultTests {
  /// A repository with one key result marked dropped and one deleted.
  ///
  /// growth's O1 in 2026-Q1: KR1 0 → 100, KR2 0 → 10 dropped on Monday 16 February, KR3 a boolean
  /// done. O1/KR4 was deleted from the file; two check-ins for it remain.
  ///
  /// Check-ins: week 3 (Friday 16 January) KR1 20, KR2 5, KR4 1; week 5 (30 January) KR2 8, KR4 2;
  /// week 7 (13 February) KR2 9; week 9 (27 February) KR1 40, KR2 10.
  static func repository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\n")
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      """
      quarter: 2026-Q1
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: Conversion, baseline: 0, target: 100}
            - id: KR2
              title: Referrals
              baseline: 0
              target: 10
              commitment: committed
              dropped: {on: 2026-02-16, note: No longer a priority}
            - {id: KR3, title: Launch, type: boolean, done: true}

      """)
    func checkin(_ week: String, _ entries: String) -> String {
      "---\nteam: growth\nquarter: 2026-Q1\nweek: \(week)\nkey_results:\n\(entries)"
    }
    try directory.write(
      "checkins/2026-Q1/growth.yaml",
      checkin("2026-W03", "  O1/KR1: {value: 20}\n  O1/KR2: {value: 5}\n  O1/KR4: {value: 1}\n")
        + checkin("2026-W05", "  O1/KR2: {value: 8}\n  O1/KR4: {value: 2}\n")
        + checkin("2026-W07", "  O1/KR2: {value: 9}\n")
        + checkin("2026-W09", "  O1/KR1: {value: 40}\n  O1/KR2: {value: 10}\n"))
    return directory
  }

  /// The deleted KR4's check-ins are history: one warning each, exit 0, and every report runs.
  @Test func aDeletedKeyResultsCheckinsAreWarningsOnly() throws {
    let directory = try Self.repository()
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 0)
    let lines = lint.standardError.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") }
    #expect(lines.count == 2)
    let expected: String =
      "checkins/2026-Q1/growth.yaml:8:3: warning: team 'growth' has no key result 'O1/KR4' in 2026-Q1; the "
      + "check-in stays as history (reports list the key result as dropped with its last score when git has its "
      + "last definition, or when it is kept with 'dropped: {on: YYYY-MM-DD}'); did you mean 'O1/KR1'? "
      + "[checkin-missing-kr]"
    #expect(lines.first == expected)
    #expect(!lint.standardError.contains(": error: "))
    for command in [["score"], ["status"], ["alerts"], ["history"], ["checkin"], ["plan"]] {
      let result = InProcess.run(command + ["--as-of", "2026-03-31"], in: directory.path)
      #expect(result.status == 0 || command == ["alerts"], "\(command)")
      #expect(!result.standardError.contains("fix these errors first"), "\(command)")
    }
  }

  /// A dropped key result is out of the mean and listed with its last score.
  ///
  /// As of 31 March: KR1 is 40 / 100 = 0.4, KR3 1.0, so O1 = (0.4 + 1.0) / 2 = 0.7 without KR2 (with
  /// it, 0.8). KR2 is listed as dropped with its score of Sunday 15 February, the day before the drop:
  /// 9 / 10 = 0.9 (week 9's 10 came after). Though committed and below 1.0, it is not missed.
  @Test func aDroppedKeyResultLeavesTheMeanAndKeepsItsLastScore() throws {
    let directory = try Self.repository()
    let json = InProcess.run(["score", "--format", "json", "--as-of", "2026-03-31"], in: directory.path)
    #expect(json.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    let objective = try #require((team["objectives"] as? [[String: Any]])?.first)
    #expect(objective["score"] as? Double == 0.7)
    let keyResults = try #require(objective["key_results"] as? [[String: Any]])
    #expect(keyResults.map { $0["id"] as? String } == ["KR1", "KR3", "KR2"])
    let kr2 = try #require(keyResults.last)
    #expect(kr2["score"] as? Double == 0.9)
    #expect(kr2["missed"] as? Bool == false)
    let dropped = try #require(kr2["dropped"] as? [String: Any])
    #expect(dropped["on"] as? String == "2026-02-16")
    #expect(dropped["note"] as? String == "No longer a priority")
    #expect(keyResults.dropLast().allSatisfy { $0["dropped"] == nil })

    let text = InProcess.run(["score", "--as-of", "2026-03-31"], in: directory.path)
    let kr2Line = try #require(text.standardOutput.split(separator: "\n").first { $0.contains("KR2  Referrals") })
    #expect(kr2Line.hasSuffix("0.9 █████████░  green     dropped 2026-02-16, last score, committed"))
    #expect(!text.standardOutput.contains("missed"))

    let csv = InProcess.run(["score", "--format", "csv", "--as-of", "2026-03-31"], in: directory.path)
    #expect(csv.standardOutput.contains("\ndropped_kr,2026-Q1,2026-03-31,false,growth,O1,KR2,Referrals,numeric,"))
  }

  /// Before its drop day KR2 counts like any other: as of 10 February, KR1 0.2 (week 3's 20), KR2 0.8
  /// (week 5's 8), KR3 1.0: O1 = 2.0 / 3 = 0.667.
  @Test func beforeItsDropDayAKeyResultCounts() throws {
    let directory = try Self.repository()
    let json = InProcess.run(["score", "--format", "json", "--as-of", "2026-02-10"], in: directory.path)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    let objective = try #require((team["objectives"] as? [[String: Any]])?.first)
    let score = try #require(objective["score"] as? Double)
    #expect(abs(score - 2.0 / 3) < 1e-12)
    let keyResults = try #require(objective["key_results"] as? [[String: Any]])
    #expect(keyResults.map { $0["id"] as? String } == ["KR1", "KR2", "KR3"])
    #expect(keyResults.allSatisfy { $0["dropped"] == nil })
  }

  /// The same repository in git, where KR4 and a whole objective were deleted by a commit.
  ///
  /// Committed on Friday 2 January: KR4 (Signups, 0 → 4) and O2 (Retain: KR1 Churn, 10 → 5), with a
  /// week-3 check-in of 8 for O2/KR1. Committed on Monday 2 February: the quarter file as above,
  /// without KR4 and O2.
  static func gitRepository() throws -> TemporaryDirectory {
    let directory = try repository()
    let now = try String(contentsOfFile: directory.path + "/okrs/2026-Q1/growth.yaml", encoding: .utf8)
    let planned =
      now.replacingOccurrences(
        of: "      - {id: KR3, title: Launch, type: boolean, done: true}\n",
        with: "      - {id: KR3, title: Launch, type: boolean, done: true}\n"
          + "      - {id: KR4, title: Signups, baseline: 0, target: 4}\n")
      + "  - id: O2\n    title: Retain\n    key_results:\n      - {id: KR1, title: Churn, baseline: 10, target: 5}\n"
    try directory.write("okrs/2026-Q1/growth.yaml", planned)
    let log = try String(contentsOfFile: directory.path + "/checkins/2026-Q1/growth.yaml", encoding: .utf8)
    try directory.write(
      "checkins/2026-Q1/growth.yaml",
      log + "---\nteam: growth\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results:\n  O2/KR1: {value: 8}\n")
    try FixedGit.run(["init", "-q", "-b", "main"], in: directory.path, on: "2026-01-02")
    try FixedGit.run(["add", "-A"], in: directory.path, on: "2026-01-02")
    try FixedGit.run(["commit", "-q", "-m", "Plan the quarter"], in: directory.path, on: "2026-01-02")
    try directory.write("okrs/2026-Q1/growth.yaml", now)
    try FixedGit.run(
      ["commit", "-q", "-am", "Stop counting signups and retention"], in: directory.path, on: "2026-02-02")
    return directory
  }

  /// A key result deleted from its file is listed as dropped, with its last committed definition.
  ///
  /// As of 31 March, O1 is still (0.4 + 1.0) / 2 = 0.7. KR4 went on 2 February; its last score is
  /// that of 1 February: week 5's 2 of 0 → 4, 0.5. O2 came back holding only its dropped KR1, whose
  /// last score is week 3's 8 on 10 → 5: (10 − 8) / 5 = 0.4; it has no score of its own, so the
  /// team's score is O1's, 0.7.
  @Test(.enabled(if: FixedGit.executable != nil, "needs git"))
  func aDeletedKeyResultIsListedAsDroppedFromGit() throws {
    let directory = try Self.gitRepository()
    let head = try FixedGit.run(["rev-parse", "--short=7", "HEAD"], in: directory.path, on: "2026-02-02")
    let commit = head.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    let json = InProcess.run(["score", "--format", "json", "--as-of", "2026-03-31"], in: directory.path)
    #expect(json.status == 0, "\(json.standardError)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    #expect(team["score"] as? Double == 0.7)
    let objectives = try #require(team["objectives"] as? [[String: Any]])
    #expect(objectives.map { $0["id"] as? String } == ["O1", "O2"])
    #expect(objectives[0]["score"] as? Double == 0.7)
    #expect(objectives[1]["score"] == nil)
    let keyResults = try #require(objectives[0]["key_results"] as? [[String: Any]])
    #expect(keyResults.map { $0["id"] as? String } == ["KR1", "KR3", "KR2", "KR4"])
    let kr4 = try #require(keyResults.last)
    #expect(kr4["score"] as? Double == 0.5)
    #expect(kr4["title"] as? String == "Signups")
    let dropped = try #require(kr4["dropped"] as? [String: Any])
    #expect(dropped["on"] as? String == "2026-02-02")
    #expect(dropped["deleted"] as? Bool == true)
    #expect(dropped["commit"] as? String == commit)
    let churn = try #require((objectives[1]["key_results"] as? [[String: Any]])?.first)
    #expect(churn["score"] as? Double == 0.4)
    #expect((churn["dropped"] as? [String: Any])?["on"] as? String == "2026-02-02")

    let text = InProcess.run(["score", "--as-of", "2026-03-31"], in: directory.path)
    let line = try #require(text.standardOutput.split(separator: "\n").first { $0.contains("KR4  Signups") })
    #expect(line.hasSuffix("deleted 2026-02-02 in \(commit), last score"), "\(line)")
  }

  /// Before the commit that deleted it, the key result counts: as of 20 January, KR1 0.2, KR2 0.5,
  /// KR3 1.0 and KR4 1 / 4 = 0.25, so O1 = 1.95 / 4 = 0.4875; O2 is week 3's 0.4.
  @Test(.enabled(if: FixedGit.executable != nil, "needs git"))
  func beforeItWasDeletedAKeyResultCounts() throws {
    let directory = try Self.gitRepository()
    let json = InProcess.run(["score", "--format", "json", "--as-of", "2026-01-20"], in: directory.path)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    let objectives = try #require(team["objectives"] as? [[String: Any]])
    let score = try #require(objectives.first?["score"] as? Double)
    #expect(abs(score - 0.4875) < 1e-12)
    #expect(objectives.last?["score"] as? Double == 0.4)
    let keyResults = try #require(objectives.first?["key_results"] as? [[String: Any]])
    #expect(keyResults.map { $0["id"] as? String } == ["KR1", "KR2", "KR3", "KR4"])
    #expect(keyResults.allSatisfy { $0["dropped"] == nil })
  }

  /// Every report runs on the deleted key results, and history says when each went.
  @Test(.enabled(if: FixedGit.executable != nil, "needs git"))
  func everyReportRunsWithDeletedKeyResults() throws {
    let directory = try Self.gitRepository()
    for command in [["status"], ["alerts"], ["history"], ["checkin"], ["plan"], ["tree"]] {
      let result = InProcess.run(command + ["--as-of", "2026-03-31"], in: directory.path)
      #expect(result.status == 0 || command == ["alerts"], "\(command): \(result.standardError)")
      #expect(!result.standardError.contains("error"), "\(command): \(result.standardError)")
    }
    let history = InProcess.run(["history", "--kr", "O1/KR4", "--as-of", "2026-03-31"], in: directory.path)
    #expect(history.status == 0, "\(history.standardError)")
    #expect(
      history.standardOutput.contains("2026-02-02  deleted from the quarter file ("), "\(history.standardOutput)")
  }

  /// `--team` on a parent team covers its children's deleted key results, as it covers their scores.
  @Test(.enabled(if: FixedGit.executable != nil, "needs git"))
  func aParentTeamsReportListsItsChildrensDeletedKeyResults() throws {
    let directory = try Self.gitRepository()
    try directory.write(
      "okrs/2026-Q1/company.yaml",
      "quarter: 2026-Q1\nteam: company\nobjectives:\n  - id: O1\n    title: Lead\n    key_results:\n"
        + "      - {id: KR1, title: Revenue, baseline: 0, target: 10}\n")
    let growth = try directory.read("okrs/2026-Q1/growth.yaml")
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      growth.replacingOccurrences(of: "team: growth\n", with: "team: growth\nparent: company\n"))
    let json = InProcess.run(
      ["score", "--team", "company", "--format", "json", "--as-of", "2026-03-31"], in: directory.path)
    #expect(json.status == 0, "\(json.standardError)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let teams = try #require(report["teams"] as? [[String: Any]])
    #expect(teams.map { $0["team"] as? String } == ["company", "growth"])
    let objectives = try #require(teams.last?["objectives"] as? [[String: Any]])
    let ids = (objectives.first?["key_results"] as? [[String: Any]])?.map { $0["id"] as? String }
    #expect(ids == ["KR1", "KR3", "KR2", "KR4"])
  }

  /// The plan has no goal for a dropped key result in the sprints from its drop day on.
  ///
  /// Sprints are two weeks from Monday 5 January: KR4, deleted on 2 February, has goals in sprints 1 and 2; KR2,
  /// dropped on 16 February, in sprints 1 to 3. KR1 has a goal in all six.
  @Test(.enabled(if: FixedGit.executable != nil, "needs git"))
  func thePlanLeavesOutDroppedKeyResultsFromTheirDropDay() throws {
    let directory = try Self.gitRepository()
    let plan = InProcess.run(["plan", "--as-of", "2026-03-31"], in: directory.path)
    #expect(plan.status == 0, "\(plan.standardError)")
    var sprint = 0
    var goals: [String: [Int]] = [:]
    for line in plan.standardOutput.split(separator: "\n") {
      if line.hasPrefix("Sprint ") { sprint = Int(line.split(separator: " ")[1]) ?? 0 }
      for kr in ["O1/KR1", "O1/KR2", "O1/KR4"] where line.hasPrefix("    \(kr): ") {
        goals[kr, default: []].append(sprint)
      }
    }
    #expect(goals["O1/KR1"] == [1, 2, 3, 4, 5, 6])
    #expect(goals["O1/KR2"] == [1, 2, 3])
    #expect(goals["O1/KR4"] == [1, 2])
  }

  /// The HTML report lists each dropped key result under its objective, with its last score and how it went,
  /// its title escaped: KR2 (marked, 0.9) and KR4 (deleted, 0.5).
  @Test(.enabled(if: FixedGit.executable != nil, "needs git"))
  func theHTMLReportListsDroppedKeyResults() throws {
    let directory = try Self.gitRepository()
    let quarter = try directory.read("okrs/2026-Q1/growth.yaml")
    try directory.write(
      "okrs/2026-Q1/growth.yaml", quarter.replacingOccurrences(of: "title: Referrals", with: "title: <b>Referrals</b>"))
    let html = InProcess.run(["score", "--format", "html", "--as-of", "2026-03-31"], in: directory.path)
    #expect(html.status == 0, "\(html.standardError)")
    let page = html.standardOutput
    #expect(
      page.contains(
        "<li>KR2 · &lt;b&gt;Referrals&lt;/b&gt;: last score <span class=\"pill grade-green\">0.9 green</span>, dropped 2026-02-16</li>"
      ))
    let head = try FixedGit.run(["rev-parse", "--short=7", "HEAD"], in: directory.path, on: "2026-02-02")
    let commit = head.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(
      page.contains(
        "<li>KR4 · Signups: last score <span class=\"pill grade-yellow\">0.5 yellow</span>, deleted 2026-02-02 in \(commit)</li>"
      ))
    #expect(!page.contains("<b>Referrals"))
  }
}
