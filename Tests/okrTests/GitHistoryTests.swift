import Foundation
import TestSupport
import Testing

/// okr reading its repository's git history: real repositories built in temporary folders, with
/// fixed authors and dates so commits (and their names) are the same on every run.
@Suite struct GitHistoryTests {
  static let git = Tool.find("git")

  /// A git repository with okr.yaml (moved_goalposts on) and growth's 2026-Q3 quarter file.
  ///
  /// 2026-Q3's planning day is Monday 2026-07-06, the first day of sprint 1.
  final class Repo {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init(config: String = "organization: T\nalerts:\n  - rule: moved_goalposts\n") throws {
      directory = try TemporaryDirectory()
      try directory.write("okr.yaml", config)
      try directory.write("okrs/2026-Q3/growth.yaml", Self.quarter(target: 20))
      try git("init", "-q", "-b", "main")
      try commit("Plan the quarter", on: "2026-07-01")
    }

    static func quarter(target: Double, churnTitle: String = "Churn", changeNote: String? = nil, extra: String = "")
      -> String
    {
      """
      quarter: 2026-Q3
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: Conversion, baseline: 10, target: \(Int(target)), unit: "%"\(changeNote.map { ", change_note: \"\($0)\"" } ?? "")}
            - {id: KR2, title: \(churnTitle), baseline: 5, target: 3}
      \(extra)
      """
    }

    func write(target: Double, churnTitle: String = "Churn", changeNote: String? = nil, extra: String = "") throws {
      try directory.write(
        "okrs/2026-Q3/growth.yaml",
        Self.quarter(target: target, churnTitle: churnTitle, changeNote: changeNote, extra: extra))
    }

    @discardableResult
    func git(_ arguments: String..., on day: String = "2026-07-01") throws -> CommandResult {
      try FixedGit.run(arguments, in: path, on: day)
    }

    func commit(_ message: String, on day: String) throws {
      try git("add", "-A", on: day)
      try git("commit", "-q", "-m", message, on: day)
    }

    func okr(_ arguments: [String], asOf: String = "2026-08-10") throws -> CommandResult {
      InProcess.run(arguments + ["--as-of", asOf], in: path)
    }

    func alertsJSON(asOf: String = "2026-08-10") throws -> [[String: Any]] {
      let result = try okr(["alerts", "--format", "json"], asOf: asOf)
      let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
      return report?["alerts"] as? [[String: Any]] ?? []
    }
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func aTargetChangedBeforePlanningIsNoAlert() throws {
    let repo = try Repo()
    try repo.write(target: 18)
    try repo.commit("Adjust before planning", on: "2026-07-03")
    #expect(try repo.alertsJSON().isEmpty)
    let history = try repo.okr(["history", "--kr", "O1/KR1"])
    #expect(history.standardOutput.contains("target changed 20 → 18"))
    #expect(!history.standardOutput.contains("moved goal post"))
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func aTargetChangedAfterPlanningWithoutANoteIsAMovedGoalPost() throws {
    let repo = try Repo()
    try repo.write(target: 18)
    try repo.commit("Lower the bar", on: "2026-08-03")
    let alerts = try repo.alertsJSON()
    #expect(alerts.count == 1)
    let alert = try #require(alerts.first)
    #expect(alert["rule"] as? String == "moved_goalposts")
    #expect(alert["team"] as? String == "growth")
    #expect(alert["kr"] as? String == "O1/KR1")
    #expect(alert["field"] as? String == "target")
    #expect(alert["from"] as? Double == 20)
    #expect(alert["to"] as? Double == 18)
    #expect(alert["date"] as? String == "2026-08-03")
    #expect(alert["author"] as? String == "Dana")
    let commit = try repo.git("rev-parse", "--short=7", "HEAD").standardOutput.trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(alert["commit"] as? String == commit)
    // Before the change was committed, nothing had moved.
    #expect(try repo.alertsJSON(asOf: "2026-08-01").isEmpty)
    // The burn-up marks the day the goal post moved.
    let page = try repo.okr(["score", "--format", "html"])
    #expect(page.standardOutput.contains("<line class=\"change moved\""))
    #expect(page.standardOutput.contains("<title>2026-08-03: target 20 → 18 (\(commit), moved goal post)</title>"))
    // A reader without the picture, or without the pointer to hover it, is told too: in the chart's
    // description and in the legend that says what each line is.
    #expect(
      page.standardOutput.contains(
        "; definition change 2026-08-03: target 20 → 18 (\(commit), moved goal post)</desc>"))
    #expect(
      page.standardOutput.contains(
        "a finely dotted upright line is a change of a key result's definition in git, red where it moved a goal post"))
    // The goal post's line is one more stroke the labels keep clear of, as Chromium draws them.
    if HTMLChartTests.chromium != nil {
      #expect(try HTMLChartTests.measured(page.standardOutput) == "ok")
    }
    // The pull request that moved it fails its check; the text says what moved.
    let diff = try repo.okr(["diff", "HEAD~1", "HEAD", "--fail-on-moved-goalposts"])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("O1/KR1 target: 20 → 18 (moved goal post"))
  }

  /// A commit that breaks the file says nothing about the definition: the fix after it is compared
  /// with the last good version, so a target changed in the fix is still seen.
  @Test(.enabled(if: git != nil, "needs git"))
  func aBrokenCommitDoesNotHideAMovedGoalPost() throws {
    let repo = try Repo()
    try repo.directory.write("okrs/2026-Q3/growth.yaml", "quarter: 2026-Q3\nteam: growth\nobjectives: [\n")
    try repo.commit("Oops", on: "2026-07-20")
    try repo.write(target: 15)
    try repo.commit("Fix, and lower the bar", on: "2026-07-21")
    let alerts = try repo.alertsJSON()
    #expect(alerts.map { $0["to"] as? Double } == [15])
    #expect(alerts.first?["from"] as? Double == 20)
  }

  /// A moved goal post is settled by a change_note added afterwards, or by putting the value back.
  @Test(.enabled(if: git != nil, "needs git"))
  func aMovedGoalPostCanBeSettled() throws {
    let repo = try Repo()
    try repo.write(target: 18)
    try repo.commit("Lower the bar", on: "2026-08-03")
    #expect(try repo.alertsJSON().count == 1)
    try repo.write(target: 18, changeNote: "The pricing change halved the funnel")
    try repo.commit("Say why", on: "2026-08-04")
    #expect(try repo.alertsJSON().isEmpty)

    let other = try Repo()
    try other.write(target: 18)
    try other.commit("Lower the bar", on: "2026-08-03")
    try other.write(target: 20)
    try other.commit("Put it back", on: "2026-08-05")
    #expect(try other.alertsJSON().isEmpty)
    // History still shows both changes, neither as a moved goal post.
    let history = try other.okr(["history", "--kr", "O1/KR1"])
    #expect(history.standardOutput.contains("target changed 20 → 18"))
    #expect(history.standardOutput.contains("target changed 18 → 20"))
    #expect(!history.standardOutput.contains("moved goal post"))
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func aChangeWithANoteIsDocumentedAndNoAlert() throws {
    let repo = try Repo()
    try repo.write(target: 18, changeNote: "Pricing change halved the funnel")
    try repo.commit("Lower the bar, with the reason", on: "2026-08-03")
    #expect(try repo.alertsJSON().isEmpty)
    let diff = try repo.okr(["diff", "HEAD~1", "HEAD", "--format", "json", "--fail-on-moved-goalposts"])
    #expect(diff.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any])
    let change = try #require((report["changes"] as? [[String: Any]])?.first { $0["field"] as? String == "target" })
    #expect(change["documented"] as? Bool == true)
    #expect(change["moved_goalpost"] as? Bool == false)
    #expect(change["note"] as? String == "Pricing change halved the funnel")
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func titlesChangeFreelyAndKeyResultsAddedOrRemovedMidQuarterAreShown() throws {
    let repo = try Repo()
    try repo.write(target: 20, churnTitle: "Monthly churn")
    try repo.commit("Clearer title", on: "2026-08-03")
    #expect(try repo.alertsJSON().isEmpty)
    try repo.directory.write(
      "okrs/2026-Q3/growth.yaml",
      """
      quarter: 2026-Q3
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: Conversion, baseline: 10, target: 20, unit: "%"}
            - {id: KR3, title: Activation, baseline: 30, target: 40}

      """)
    try repo.commit("Swap churn for activation", on: "2026-08-05")
    let diff = try repo.okr(["diff", "HEAD~2", "HEAD"])
    #expect(diff.standardOutput.contains("key result O1/KR3 added: Activation"))
    #expect(diff.standardOutput.contains("key result O1/KR2 removed: Churn"))
    #expect(try repo.okr(["diff", "HEAD~2", "HEAD~1"]).standardOutput.contains("O1/KR2 title: Churn → Monthly churn"))
    let history = try repo.okr(["history", "--format", "json", "--kr", "O1/KR3"])
    #expect(history.standardOutput.contains("\"kind\" : \"added\""))
    #expect(history.standardOutput.contains("\"date\" : \"2026-08-05\""))
    #expect(try repo.alertsJSON().isEmpty)
  }

  /// On the first-parent history a branch's change is dated by the merge that brought it in.
  @Test(.enabled(if: git != nil, "needs git"))
  func aMergeFromABranchIsDatedByTheMerge() throws {
    let repo = try Repo()
    try repo.git("checkout", "-q", "-b", "idea", on: "2026-07-02")
    try repo.write(target: 25)
    try repo.commit("Raise the bar on a branch", on: "2026-07-02")
    try repo.git("checkout", "-q", "main", on: "2026-08-04")
    try repo.git("merge", "-q", "--no-ff", "-m", "Merge idea", "idea", on: "2026-08-04")
    let alerts = try repo.alertsJSON()
    #expect(alerts.map { $0["date"] as? String } == ["2026-08-04"])
    #expect(alerts.first?["to"] as? Double == 25)
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func uncommittedChangesCountAsOfToday() throws {
    let repo = try Repo()
    try repo.write(target: 15)
    let alerts = try repo.alertsJSON()
    #expect(alerts.first?["commit"] as? String == "working tree")
    #expect(alerts.first?["date"] as? String == "2026-08-10")
    let diff = try repo.okr(["diff"])
    #expect(diff.status == 0)
    #expect(diff.standardOutput.contains("→ working tree"))
    #expect(diff.standardOutput.contains("O1/KR1 target: 20 → 15"))
  }

  /// A shallow clone says how to get the history and skips the rule, never silently.
  @Test(.enabled(if: git != nil, "needs git"))
  func aShallowCloneSaysHowToFetchTheHistory() throws {
    let repo = try Repo()
    try repo.write(target: 18)
    try repo.commit("Lower the bar", on: "2026-08-03")
    let clone = try TemporaryDirectory()
    try repo.git("clone", "-q", "--depth", "1", "file://" + repo.path, clone.path + "/c")
    let result = InProcess.run(["alerts", "--as-of", "2026-08-10"], in: clone.path + "/c")
    #expect(result.status == 0)
    #expect(result.standardError.contains("warning: moved_goalposts is skipped: this clone is shallow"))
    #expect(result.standardError.contains("git fetch --unshallow"))
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func aFolderThatIsNotAGitRepositoryHasNoHistory() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\nalerts:\n  - rule: moved_goalposts\n")
    try directory.write("okrs/2026-Q3/growth.yaml", Repo.quarter(target: 20))
    let alerts = InProcess.run(["alerts", "--as-of", "2026-08-10"], in: directory.path)
    #expect(alerts.status == 0)
    #expect(alerts.standardError.contains("warning: moved_goalposts is skipped:"))
    #expect(alerts.standardError.contains("is not in a git repository"))
    let diff = InProcess.run(["diff"], in: directory.path)
    #expect(diff.status == 64)
    #expect(diff.standardError.contains("is not in a git repository"))
  }

  @Test(.enabled(if: git != nil, "needs git"))
  func aRevisionThatDoesNotExistIsAUsageError() throws {
    let repo = try Repo()
    let result = try repo.okr(["diff", "no-such-branch"])
    #expect(result.status == 64)
    #expect(result.standardError == "error: there is no revision 'no-such-branch' in this repository\n")
  }

  /// The Markdown a pull request gets, byte for byte: a moved goal post, a documented change, a
  /// retitled key result and new check-ins.
  @Test(.enabled(if: git != nil, "needs git"))
  func diffMarkdownGolden() throws {
    let repo = try Repo()
    try repo.write(target: 18, churnTitle: "Monthly churn")
    try repo.directory.write(
      "checkins/2026-Q3/growth.yaml",
      "---\nteam: growth\nquarter: 2026-Q3\nweek: 2026-W32\nkey_results: {O1/KR1: {value: 14, confidence: 6}}\n")
    let result = try repo.okr(["diff", "--format", "markdown"])
    #expect(result.status == 0)
    #expect(Snapshot.mismatch(result.standardOutput, named: "diffMarkdownGolden") == nil)
  }

  /// Each week of `okr history` is scored against the definition in force that week.
  ///
  /// 2026-Q3 plans on Monday 6 July with O1/KR1 10 → 20 %. Check-ins: 14 in week 29 (Friday 17
  /// July), 16 in week 31 (Friday 31 July). O1/KR3 (0 → 10) is added on Wednesday 29 July, week 31,
  /// the quarter's fifth week; on Wednesday 5 August (week 32) KR1's target moves to 18 with a
  /// change_note. Weeks end on Sunday: week 29 (19 July) is (14 - 10) / 10 = 0.4, week 31 (2 August)
  /// (16 - 10) / 10 = 0.6 against the old target, though today's 10 → 18 would say 6 / 8 = 0.75;
  /// week 32 (9 August) is 0.75, the step, with its note. KR3's weeks start at week 31.
  @Test(.enabled(if: git != nil, "needs git"))
  func historyScoresEachWeekAgainstTheDefinitionInForce() throws {
    let repo = try Repo()
    func write(target: Int, note: String?, addKR3: Bool) throws {
      try repo.directory.write(
        "okrs/2026-Q3/growth.yaml",
        """
        quarter: 2026-Q3
        team: growth
        objectives:
          - id: O1
            title: Grow
            key_results:
              - {id: KR1, title: Conversion, baseline: 10, target: \(target), unit: "%"\(note.map { ", change_note: \"\($0)\"" } ?? "")}
              - {id: KR2, title: Churn, baseline: 5, target: 3}
        \(addKR3 ? "      - {id: KR3, title: Activation, baseline: 0, target: 10}" : "")

        """)
    }
    try repo.directory.write(
      "checkins/2026-Q3/growth.yaml",
      "---\nteam: growth\nquarter: 2026-Q3\nweek: 2026-W29\nkey_results: {O1/KR1: {value: 14, confidence: 6}}\n"
        + "---\nteam: growth\nquarter: 2026-Q3\nweek: 2026-W31\nkey_results: {O1/KR1: {value: 16, confidence: 6}}\n")
    try write(target: 20, note: nil, addKR3: true)
    try repo.commit("Add activation", on: "2026-07-29")
    try write(target: 18, note: "Budget cut", addKR3: true)
    try repo.commit("Lower the target, with a reason", on: "2026-08-05")

    let json = try repo.okr(["history", "--format", "json"])
    #expect(json.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let keyResults = try #require(report["key_results"] as? [[String: Any]])
    func weeks(_ kr: String) throws -> [String: [String: Any]] {
      let history = try #require(keyResults.first { $0["kr"] as? String == kr })
      let weeks = try #require(history["weeks"] as? [[String: Any]])
      return Dictionary(uniqueKeysWithValues: weeks.map { ($0["week"] as! String, $0) })
    }
    let kr1 = try weeks("O1/KR1")
    #expect(kr1["2026-W29"]?["score"] as? Double == 0.4)
    #expect(kr1["2026-W31"]?["score"] as? Double == 0.6)
    #expect(kr1["2026-W31"]?["todays_definition_score"] as? Double == 0.75)
    #expect(kr1["2026-W31"]?["step"] == nil)
    #expect(kr1["2026-W32"]?["score"] as? Double == 0.75)
    #expect(kr1["2026-W32"]?["step"] as? String == "target 20 → 18 (change_note: “Budget cut”)")
    #expect(kr1["2026-W32"]?["todays_definition_score"] == nil)
    let kr3 = try weeks("O1/KR3")
    #expect(kr3.keys.sorted() == ["2026-W31", "2026-W32", "2026-W33"])
    // KR3's expected line starts at its baseline the day it was added: the end of 28 July is 28 of
    // 92 days; Sunday 9 August is 40, so 0 + 10 × (40 - 28) / (92 - 28) = 1.875, stated 1.9 (from
    // the period's start it would be 10 × 40 / 92 = 4.3).
    #expect(kr3["2026-W32"]?["expected"] as? Double == 1.9)
    // The status board agrees: on 10 August, 10 × 13 / 64 = 2.03, stated 2.0 (from the start, 4.5).
    let status = try repo.okr(["status", "--format", "json"])
    let board = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any])
    let team = try #require((board["teams"] as? [[String: Any]])?.first)
    let objective = try #require((team["objectives"] as? [[String: Any]])?.first)
    let statusKR3 = try #require((objective["key_results"] as? [[String: Any]])?.first { $0["id"] as? String == "KR3" })
    #expect(statusKR3["expected"] as? Double == 2)

    let text = try repo.okr(["history", "--kr", "O1/KR1"])
    #expect(text.standardOutput.contains("target changed 20 → 18 ("))
    #expect(text.standardOutput.contains(", documented: “Budget cut”)"))
    // 0.75 prints as 0.8: both green.
    #expect(text.standardOutput.contains("  2026-W31  13.6%     16%     0.6\n"))
    #expect(
      text.standardOutput.contains("  2026-W32  13.5%     16%     0.8  ← target 20 → 18 (change_note: “Budget cut”)\n"))
  }

  /// A key result marked dropped shows when it went, in diff and history, and moves no goal post.
  @Test(.enabled(if: git != nil, "needs git"))
  func aDroppedKeyResultShowsWhenItWent() throws {
    let repo = try Repo()
    try repo.directory.write(
      "okrs/2026-Q3/growth.yaml",
      """
      quarter: 2026-Q3
      team: growth
      objectives:
        - id: O1
          title: Grow
          key_results:
            - {id: KR1, title: Conversion, baseline: 10, target: 20, unit: "%"}
            - {id: KR2, title: Churn, baseline: 5, target: 3, dropped: {on: 2026-08-03, note: Pricing changed}}

      """)
    try repo.commit("Drop churn", on: "2026-08-03")
    let diff = try repo.okr(["diff", "HEAD~1", "HEAD"])
    #expect(diff.standardOutput.contains("×  key result O1/KR2 dropped from 2026-08-03: Pricing changed\n"))
    let history = try repo.okr(["history", "--kr", "O1/KR2"])
    #expect(history.standardOutput.contains("  2026-08-03  dropped from 2026-08-03: “Pricing changed” ("))
    #expect(try repo.alertsJSON().isEmpty)
  }
}
