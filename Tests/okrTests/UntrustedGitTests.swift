import Foundation
import TestSupport
import Testing

/// okr reading a repository it must not trust: hostile and ordinary git settings, forged names,
/// renames, broken objects and partial clones, each built for real with git.
///
/// Every case checks two things: that no program the repository names ran (a marker file a
/// planted script would write stays absent), and that exactly the moved goal post the history
/// holds comes out, with its right day and author.
@Suite struct UntrustedGitTests {
  typealias Repo = GitHistoryTests.Repo
  static let git = GitHistoryTests.git
  static let sshKeygen = Tool.find("ssh-keygen")

  /// A repository whose target moved on 2026-08-03 (after planning on 2026-07-06), plus a
  /// script that leaves a marker when anything runs it.
  final class Planted {
    let repo: Repo
    let scripts: TemporaryDirectory
    var marker: String { scripts.path + "/ran" }
    var evil: String { scripts.path + "/evil.sh" }
    var commit = ""

    init(signed: Bool = false) throws {
      repo = try Repo()
      scripts = try TemporaryDirectory()
      // It reads nothing, so a program that waits on it (an upload-pack) fails at once rather than hangs.
      try scripts.write("evil.sh", "#!/bin/sh\necho \"$0 $*\" >> '\(scripts.path)/ran'\nexit 1\n")
      chmod(evil, 0o755)
      if signed, let keygen = UntrustedGitTests.sshKeygen {
        _ = try OKRCommand.run(
          ["-q", "-t", "ed25519", "-N", "", "-f", scripts.path + "/key"], executable: keygen)
        try repo.git("config", "gpg.format", "ssh")
        try repo.git("config", "user.signingkey", scripts.path + "/key.pub")
        try repo.git("config", "commit.gpgsign", "true")
      }
      try repo.write(target: 18)
      try repo.commit("Lower the bar", on: "2026-08-03")
      commit = try repo.git("rev-parse", "--short=7", "HEAD").standardOutput.trimmingCharacters(
        in: .whitespacesAndNewlines)
    }

    /// Sets `pairs` in the repository's own config, after the last commit the test's git makes.
    func configure(_ pairs: [(String, String)]) throws {
      for (key, value) in pairs { try repo.git("config", "--add", key, value) }
    }

    /// Every read-only command that reads history, in process; each must leave no marker.
    func expectTheMoveAndNothingRan(_ label: String) throws {
      let alerts = try repo.alertsJSON()
      #expect(alerts.count == 1, "\(label): \(alerts)")
      #expect(alerts.first?["date"] as? String == "2026-08-03", "\(label)")
      #expect(alerts.first?["author"] as? String == "Dana", "\(label)")
      #expect(alerts.first?["commit"] as? String == commit, "\(label)")
      #expect(alerts.first?["to"] as? Double == 18, "\(label)")
      for arguments in [["status"], ["history"], ["checkin"], ["score", "--format", "html"]] {
        let result = try repo.okr(arguments)
        #expect(result.status == 0, "\(label) \(arguments): \(result.standardError)")
      }
      let diff = try repo.okr(["diff", "HEAD~1", "HEAD", "--fail-on-moved-goalposts"])
      #expect(diff.status == 1, "\(label): \(diff.standardError)")
      #expect(diff.standardOutput.contains("O1/KR1 target: 20 → 18 (moved goal post"), "\(label)")
      #expect(!FileManager.default.fileExists(atPath: marker), "\(label): \((try? scripts.read("ran")) ?? "")")
    }
  }

  /// Settings a checkout's config can carry that once ran a program or reshaped what okr read.
  static func hostileSettings(evil: String) -> [(String, [(String, String)])] {
    [
      (
        "signatures",
        [
          ("log.showSignature", "true"), ("gpg.program", evil), ("gpg.ssh.program", evil),
          ("gpg.x509.program", evil),
        ]
      ),
      (
        "pagers and colours",
        [
          ("core.pager", evil), ("pager.log", evil), ("pager.diff", evil), ("pager.cat-file", evil),
          ("color.ui", "always"), ("color.diff", "always"),
        ]
      ),
      ("fsmonitor and hooks", [("core.fsmonitor", evil), ("core.hooksPath", "/nonexistent")]),
      (
        "diff drivers and filters",
        [
          ("diff.external", evil), ("diff.renames", "copies"), ("diff.evil.textconv", evil),
          ("diff.evil.command", evil), ("filter.evil.smudge", evil), ("filter.evil.clean", evil),
          ("filter.evil.process", evil),
        ]
      ),
      (
        "output shape",
        [
          ("log.showRoot", "false"), ("i18n.logOutputEncoding", "UTF-16"), ("core.quotePath", "true"),
          ("log.decorate", "full"), ("format.pretty", "oneline"), ("log.abbrevCommit", "true"),
          ("diff.relative", "true"), ("diff.noprefix", "true"), ("log.date", "relative"), ("log.follow", "true"),
        ]
      ),
    ]
  }

  @Test(.enabled(if: git != nil, "needs git"), arguments: 0..<5)
  func aCheckoutsConfigRunsNothingAndHidesNothing(_ index: Int) throws {
    let planted = try Planted(signed: true)
    let (label, settings) = Self.hostileSettings(evil: planted.evil)[index]
    try planted.repo.directory.write(".gitattributes", "*.yaml diff=evil filter=evil\n")
    try planted.configure(settings)
    try planted.expectTheMoveAndNothingRan(label)
  }

  /// The same settings through an `[include]` of a file the repository commits.
  @Test(.enabled(if: git != nil, "needs git"))
  func settingsIncludedFromACommittedFileRunNothing() throws {
    let planted = try Planted(signed: true)
    let lines = Self.hostileSettings(evil: planted.evil).flatMap(\.1).map { key, value in
      let parts = key.split(separator: ".", maxSplits: 1)
      let section = parts[0]
      let rest = parts[1]
      if let dot = rest.lastIndex(of: ".") {
        return "[\(section) \"\(rest[..<dot])\"]\n\t\(rest[rest.index(after: dot)...]) = \(value)"
      }
      return "[\(section)]\n\t\(rest) = \(value)"
    }
    try planted.repo.directory.write("okrs/settings.conf", lines.joined(separator: "\n") + "\n")
    try planted.configure([("include.path", "../okrs/settings.conf")])
    try planted.expectTheMoveAndNothingRan("include")
  }

  /// People who sign their commits set log.showSignature in their own config: okr reads the same.
  @Test(.enabled(if: git != nil && sshKeygen != nil, "needs git and ssh-keygen"))
  func theUsersOwnSigningSettingsChangeNothing() throws {
    let planted = try Planted(signed: true)
    let home = try TemporaryDirectory()
    try home.write(
      ".gitconfig", "[log]\n\tshowSignature = true\n\tshowRoot = false\n[i18n]\n\tlogOutputEncoding = UTF-16\n")
    let result = try OKRCommand.run(
      ["alerts", "--format", "json", "--as-of", "2026-08-10"], in: planted.repo.path,
      environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.path])
    #expect(result.status == 1, "\(result.standardError)")
    let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let report = try #require(json as? [String: Any])
    let alerts = report["alerts"] as? [[String: Any]] ?? []
    #expect(alerts.map { $0["date"] as? String } == ["2026-08-03"])
    #expect(alerts.first?["author"] as? String == "Dana")
  }

  /// U+001E and U+001F, once okr's field separators, in a file name and an author name.
  @Test(.enabled(if: git != nil, "needs git"))
  func namesCannotForgeHistory() throws {
    let repo = try Repo()
    // An author whose name holds a unit separator changes a title (allowed), a day before the move.
    try repo.write(target: 20, churnTitle: "Monthly churn")
    try repo.git("add", "-A", on: "2026-08-02")
    let eve = try OKRCommand.run(
      ["commit", "-q", "-m", "Title", "--author", "Eve\u{1f}Mallory <eve@example.com>"], in: repo.path,
      environment: [
        "GIT_COMMITTER_NAME": "Dana", "GIT_COMMITTER_EMAIL": "dana@example.com",
        "GIT_AUTHOR_DATE": "2026-08-02T12:00:00Z", "GIT_COMMITTER_DATE": "2026-08-02T12:00:00Z",
        "GIT_CONFIG_GLOBAL": "/dev/null",
      ], executable: Self.git!)
    #expect(eve.status == 0, "\(eve.standardError)")
    // The move comes with an empty file whose name imitates a forged record.
    try repo.directory.write("okrs/a\u{1e}HEAD\u{1f}X\u{1f}2026-01-01", "")
    try repo.directory.write("okrs/2026-Q3/evil\n\u{1f}.yaml", "")
    try repo.write(target: 18, churnTitle: "Monthly churn")
    try repo.commit("Lower the bar", on: "2026-08-03")
    let alerts = try repo.alertsJSON()
    #expect(alerts.count == 1)
    #expect(alerts.first?["date"] as? String == "2026-08-03")
    #expect(alerts.first?["author"] as? String == "Dana")
    let history = try repo.okr(["history", "--kr", "O1/KR2", "--format", "json"])
    #expect(history.standardOutput.contains("Eve\\u001fMallory"), "\(history.standardOutput)")
  }

  /// A file name with a newline, once a way to make `cat-file --batch` read one file as another.
  @Test(.enabled(if: git != nil, "needs git"))
  func aFileNameWithANewlineIsReadAsItself() throws {
    let repo = try Repo()
    let payments = Repo.quarter(target: 50).replacingOccurrences(of: "team: growth", with: "team: payments")
    try repo.directory.write("okrs/2026-Q3/pay\nments.yaml", payments)
    try repo.commit("Payments plans", on: "2026-07-01")
    try repo.directory.write(
      "okrs/2026-Q3/pay\nments.yaml", payments.replacingOccurrences(of: "target: 50", with: "target: 45"))
    try repo.write(target: 18)
    try repo.commit("Both lower the bar", on: "2026-08-03")
    let alerts = try repo.alertsJSON().map { "\($0["team"] as? String ?? "") \($0["from"] ?? "") → \($0["to"] ?? "")" }
    #expect(alerts.sorted() == ["growth 20 → 18", "payments 50 → 45"])
  }

  /// A renamed quarter file continues its history: nothing looks uncommitted, the move is dated right.
  @Test(.enabled(if: git != nil, "needs git"))
  func aRenamedQuarterFileContinuesItsHistory() throws {
    let repo = try Repo()
    try repo.git("mv", "okrs/2026-Q3/growth.yaml", "okrs/2026-Q3/team-growth.yaml", on: "2026-07-20")
    try repo.commit("Rename", on: "2026-07-20")
    try repo.directory.write("okrs/2026-Q3/team-growth.yaml", Repo.quarter(target: 18))
    try repo.commit("Lower the bar", on: "2026-08-03")
    let alerts = try repo.alertsJSON()
    #expect(alerts.count == 1)
    #expect(alerts.first?["date"] as? String == "2026-08-03")
    let diff = try repo.okr(["diff"])
    #expect(diff.standardOutput.contains("no changes to the OKRs"), "\(diff.standardOutput)")
    let history = try repo.okr(["history", "--kr", "O1/KR1"])
    #expect(!history.standardOutput.contains("working tree"), "\(history.standardOutput)")
    #expect(history.standardOutput.components(separatedBy: "target changed").count == 2)
  }

  /// The loose object of a committed version: deleted, or overwritten with garbage.
  @Test(.enabled(if: git != nil, "needs git"), arguments: [false, true])
  func aMissingOrCorruptObjectIsAnIOErrorNeverSilence(corrupt: Bool) throws {
    let repo = try Repo()
    try repo.write(target: 18)
    try repo.commit("Lower the bar", on: "2026-08-03")
    try repo.write(target: 18, churnTitle: "Monthly churn")
    try repo.commit("Title", on: "2026-08-05")
    let blob = try repo.git("rev-parse", "HEAD~1:okrs/2026-Q3/growth.yaml").standardOutput.trimmingCharacters(
      in: .whitespacesAndNewlines)
    let short = try repo.git("rev-parse", "--short=7", "HEAD~1").standardOutput.trimmingCharacters(
      in: .whitespacesAndNewlines)
    let object = "\(repo.path)/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
    if corrupt {
      chmod(object, 0o644)
      try Data("not a zlib stream".utf8).write(to: URL(fileURLWithPath: object))
    } else {
      try FileManager.default.removeItem(atPath: object)
    }
    let result = try repo.okr(["alerts", "--format", "json"])
    #expect(result.status == 74, "\(result.standardError)")
    #expect(
      result.standardError.contains(
        "okrs/2026-Q3/growth.yaml: error: cannot read 'okrs/2026-Q3/growth.yaml' at commit \(short) from git: object \(blob.prefix(7))"
      ), "\(result.standardError)")
    #expect(result.standardError.contains("[io]"))
    let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let report = try #require(json as? [String: Any])
    let unchecked = try #require(report["unchecked"] as? [[String: Any]])
    #expect(unchecked.first?["rule"] as? String == "moved_goalposts")
    let text = try repo.okr(["alerts"])
    #expect(text.standardOutput.contains("moved_goalposts could not be checked: cannot read"))
  }

  /// A partial clone fetches nothing, runs no configured upload-pack, and says how to get the blobs.
  @Test(.enabled(if: git != nil, "needs git"))
  func aPartialCloneFetchesNothingAndSaysSo() throws {
    let planted = try Planted()
    try planted.repo.git("config", "uploadpack.allowFilter", "true")
    let clones = try TemporaryDirectory()
    let clone = clones.path + "/c"
    try planted.repo.git("clone", "-q", "--filter=blob:none", "file://" + planted.repo.path, clone)
    let configured = try OKRCommand.run(
      ["-C", clone, "config", "remote.origin.uploadpack", planted.evil], executable: Self.git!)
    #expect(configured.status == 0)
    let result = InProcess.run(["alerts", "--as-of", "2026-08-10"], in: clone)
    #expect(result.status == 74, "\(result.standardError)")
    #expect(result.standardError.contains("this is a partial clone, and okr fetches nothing"))
    #expect(result.standardError.contains("git fetch --refetch"))
    #expect(!FileManager.default.fileExists(atPath: planted.marker))
  }

  /// A work tree that does not parse is never compared: its errors, exit 1, even with the flag.
  @Test(.enabled(if: git != nil, "needs git"))
  func diffRefusesASideThatDoesNotLoad() throws {
    let repo = try Repo()
    try repo.directory.write("okrs/2026-Q3/growth.yaml", "quarter: 2026-Q3\nteam: growth\nobjectives: [\n")
    let result = try repo.okr(["diff", "--fail-on-moved-goalposts"])
    #expect(result.status == 1)
    #expect(result.standardOutput.isEmpty)
    #expect(
      result.standardError.contains("error: the OKRs in working tree do not load, so there is nothing to compare"))
    #expect(result.standardError.contains("okrs/2026-Q3/growth.yaml:4:1: error:"), "\(result.standardError)")
  }

  /// `okr diff A B` dates a change by the commit that made it, as alerts and history do: a target set on
  /// the planning day and a title changed later is no moved goal post.
  @Test(.enabled(if: git != nil, "needs git"))
  func diffDatesEachChangeByTheCommitThatMadeIt() throws {
    let repo = try Repo()
    try repo.write(target: 18)
    try repo.commit("Settle the target on planning day", on: "2026-07-06")
    try repo.write(target: 18, churnTitle: "Monthly churn")
    try repo.commit("Clearer title", on: "2026-08-03")
    let diff = try repo.okr(["diff", "HEAD~2", "HEAD", "--format", "json", "--fail-on-moved-goalposts"])
    #expect(diff.status == 0, "\(diff.standardOutput)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any])
    let changes = report["changes"] as? [[String: Any]] ?? []
    let target = try #require(changes.first { $0["field"] as? String == "target" })
    #expect(target["date"] as? String == "2026-07-06")
    #expect(target["moved_goalpost"] as? Bool == false)
    let title = try #require(changes.first { $0["kind"] as? String == "retitled" })
    #expect(title["date"] as? String == "2026-08-03")
    #expect(try repo.alertsJSON().isEmpty)
  }

  /// A score override changes the KR's score and every roll-up above it: the diff shows both.
  @Test(.enabled(if: git != nil, "needs git"))
  func diffShowsAScoreOverrideAndEveryScoreItMoves() throws {
    let repo = try Repo()
    try repo.directory.write(
      "okrs/2026-Q3/growth.yaml",
      Repo.quarter(target: 20).replacingOccurrences(
        of: "baseline: 5, target: 3}", with: "baseline: 5, target: 3, score: 0.5, score_note: Partly}"))
    try repo.commit("Score churn by hand", on: "2026-08-03")
    let diff = try repo.okr(["diff", "HEAD~1", "HEAD"])
    #expect(!diff.standardOutput.contains("no changes to the OKRs"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("O1/KR2 score override: none → 0.5"))
    #expect(diff.standardOutput.contains("score  O1/KR2 0.0 → 0.5"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("score  team 0.0 → 0.3"), "\(diff.standardOutput)")
  }
}
