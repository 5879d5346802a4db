import Foundation
import TestSupport
import Testing

/// `okr digest`: the week in one message, on examples/acme and on hostile strings for Slack.
@Suite struct DigestCommandTests {
  static let formats = ["text", "markdown", "slack", "json"]
  static let git = Tool.find("git")

  /// examples/acme in a git repository of its own, with a target moved on 2026-08-03 (week 32),
  /// at a Friday with every team but the two without check-ins in, at the Monday after (what
  /// docs/ci.md's cron posts: the seven days before), and at a Friday when support has gone quiet.
  @Test(
    .enabled(if: git != nil, "needs git"),
    arguments: ["2026-08-07", "2026-08-10", "2026-09-04"])
  func digestAcme(_ day: String) throws {
    let acme = try OutputSchemaTests.acmeWithHistory()
    for format in Self.formats {
      let result = InProcess.run(["digest", "--format", format, "--as-of", day], in: acme.path)
      #expect(result.status == 0, "\(format): \(result.standardError)")
      #expect(result.standardError == "", "\(format)")
      #expect(Snapshot.mismatch(result.standardOutput, named: "digestAcme-\(day)-\(format)") == nil)
    }
  }

  static func json(_ arguments: [String], in directory: String = PackagePaths.root) throws -> [String: Any] {
    let result = InProcess.run(["digest", "--format", "json"] + arguments, in: directory)
    #expect(result.status == 0, "\(result.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  static func teams(_ digest: [String: Any]) throws -> [String: [String: Any]] {
    let teams = try #require(digest["teams"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: teams.map { ($0["team"] as? String ?? "", $0) })
  }

  /// The numbers, worked out by hand from support's quarter file and check-ins.
  ///
  /// As of Friday 2026-08-14 (week 33): O1 is KR1 (9→3, at 5: 2/3), KR2 (140→20, weight 2, at
  /// 50: 3/4) and KR3 (keep above 70, at 74: 1), so (2/3 + 3/2 + 1)/4 = 19/24; O2 is KR1 (a
  /// person's score, 0.6), KR2 (not done: 0) and KR3 (22→35, weight 2, at 29: 7/13), so
  /// (3/5 + 14/13)/4 = 109/260; the team scores (19/24 + 109/260)/2. A week earlier KR2 was at
  /// 58 (41/60) and O2/KR3 at 25 (3/13): (91/120 + 69/260)/2.
  @Test func scoresThisWeekAndLastWeekAreWhatTheCheckinsGive() throws {
    let digest = try Self.json(["--repo", "examples/acme", "--as-of", "2026-08-14"])
    #expect(digest["week"] as? String == "2026-W33")
    #expect(digest["previous_as_of"] as? String == "2026-08-07")
    let support = try #require(try Self.teams(digest)["support"])
    let now = (19.0 / 24 + 109.0 / 260) / 2
    let before = (91.0 / 120 + 69.0 / 260) / 2
    #expect(abs(try #require(support["score"] as? Double) - now) < 1e-9)
    #expect(abs(try #require(support["previous_score"] as? Double) - before) < 1e-9)
    #expect(support["checked_in"] as? Bool == true)
    let text = InProcess.run(["digest", "--repo", "examples/acme", "--as-of", "2026-08-14"]).standardOutput
    // 0.6054… and 0.5118… printed by the one rule: one decimal.
    let line = try #require(text.split(separator: "\n").first { $0.contains("support · Customer support") })
    #expect(line.contains(" 0.6, up from 0.5 ") && line.hasSuffix("checked in"), "\(line)")
  }

  /// A change the first decimal hides is printed with the decimals it takes, as every change is
  /// (`Grading.printed(_:_:)`): support went from 0.4668… to 0.5118… by 7 August, 0.47 → 0.51.
  @Test func aSmallChangeIsShownWithTheDecimalsItTakes() throws {
    let digest = try Self.json(["--repo", "examples/acme", "--as-of", "2026-08-07"])
    let support = try #require(try Self.teams(digest)["support"])
    let now = (91.0 / 120 + 69.0 / 260) / 2
    #expect(abs(try #require(support["score"] as? Double) - now) < 1e-9)
    let before = try #require(support["previous_score"] as? Double)
    #expect((before * 10).rounded() == 5 && (now * 10).rounded() == 5 && (before * 100).rounded() == 47)
    let text = InProcess.run(["digest", "--repo", "examples/acme", "--as-of", "2026-08-07"]).standardOutput
    let line = try #require(text.split(separator: "\n").first { $0.contains("support · Customer support") })
    #expect(line.contains(" 0.51, up from 0.47 "), "\(line)")
  }

  /// What moved is the value as of the day against the value seven days earlier; a same-week correction wins.
  @Test func movesAreFromTheValueSevenDaysEarlier() throws {
    let digest = try Self.json(["--repo", "examples/acme", "--as-of", "2026-08-14"])
    let moved = try #require(digest["moved"] as? [[String: Any]])
    func move(_ team: String, _ kr: String, _ field: String) -> [String: Any]? {
      moved.first { $0["team"] as? String == team && $0["kr"] as? String == kr && $0["field"] as? String == field }
    }
    // growth wrote 13.4 in week 32 (2026-08-07, the day before the window), then 13.9 in week 33,
    // corrected the same week to 13.6.
    #expect(move("growth", "O1/KR1", "value")?["from"] as? Double == 13.4)
    #expect(move("growth", "O1/KR1", "value")?["to"] as? Double == 13.6)
    // Its confidence stayed 7: nothing to say.
    #expect(move("growth", "O1/KR1", "confidence") == nil)
    // growth's O2/KR1 confidence went from 3 to red (2).
    #expect(move("growth", "O2/KR1", "confidence")?["from"] as? Double == 3)
    #expect(move("growth", "O2/KR1", "confidence")?["to"] as? Double == 2)
    // support's O2/KR3: 25 (week 31) to 29.
    #expect(move("support", "O2/KR3", "value")?["to"] as? Double == 29)
    #expect(moved.allSatisfy { ["growth", "platform", "support"].contains($0["team"] as? String ?? "") })
  }

  /// company and onboarding never check in; support's last check-in is in week 34.
  @Test func teamsWithoutACheckinThisWeekAreNamedWithTheirOwner() throws {
    func absent(_ day: String, _ extra: [String] = []) throws -> [String] {
      let digest = try Self.json(["--repo", "examples/acme", "--as-of", day] + extra)
      return try #require(digest["not_checked_in"] as? [[String: Any]]).map {
        "\($0["team"] as? String ?? "")/\($0["owner"] as? String ?? "-")"
      }
    }
    #expect(try absent("2026-08-14") == ["company/nadia", "onboarding/lena"])
    #expect(try absent("2026-09-04") == ["company/nadia", "onboarding/lena", "support/amara"])
    // --team scopes every section: growth and its child team only.
    #expect(try absent("2026-09-04", ["--team", "growth"]) == ["onboarding/lena"])
    let growth = try Self.json(["--repo", "examples/acme", "--as-of", "2026-09-04", "--team", "growth"])
    #expect(try Self.teams(growth).keys.sorted() == ["growth", "onboarding"])
    let moved = try #require(growth["moved"] as? [[String: Any]])
    #expect(!moved.isEmpty && moved.allSatisfy { $0["team"] as? String == "growth" })
    let alerts = try #require(growth["alerts"] as? [[String: Any]])
    #expect(!alerts.isEmpty && alerts.allSatisfy { ["growth", "onboarding"].contains($0["team"] as? String ?? "") })
    let text = InProcess.run(["digest", "--repo", "examples/acme", "--as-of", "2026-09-04", "--team", "growth"])
    #expect(text.standardOutput.contains("onboarding (owner: lena)"))
    #expect(!text.standardOutput.contains("support"))
  }

  /// One answer per question: the scores are `okr status`'s on the day and seven days earlier
  /// (examples/acme's definitions never changed during the quarter, so those in force then are
  /// today's), and "checked in" is its `checked_in_this_week`.
  @Test(arguments: ["2026-07-06", "2026-08-14", "2026-09-30"])
  func scoresAndCheckinsAreThoseOfOKRStatus(_ day: String) throws {
    func status(_ day: String) throws -> [String: [String: Any]] {
      let result = InProcess.run(["status", "--format", "json", "--repo", "examples/acme", "--as-of", day])
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
      return try Self.teams(report)
    }
    let digest = try Self.json(["--repo", "examples/acme", "--as-of", day])
    let previousDay = try #require(digest["previous_as_of"] as? String)
    let now = try status(day)
    // The quarter starts 2026-07-01: a week before 2026-07-06 there is no score to compare with.
    let before = previousDay < "2026-07-01" ? [:] : try status(previousDay)
    let teams = try Self.teams(digest)
    #expect(teams.keys.sorted() == now.keys.sorted())
    for (slug, team) in teams {
      #expect(team["score"] as? Double == now[slug]?["score"] as? Double, "\(slug)")
      #expect(team["previous_score"] as? Double == before[slug]?["score"] as? Double, "\(slug)")
      #expect(team["checked_in"] as? Bool == now[slug]?["checked_in_this_week"] as? Bool, "\(slug)")
    }
  }

  /// The alerts are `okr alerts`'s, object for object.
  @Test func theAlertsAreThoseOfOKRAlerts() throws {
    let arguments = ["--repo", "examples/acme", "--as-of", "2026-09-04", "--format", "json"]
    let alerts = InProcess.run(["alerts"] + arguments)
    let expected = try #require(
      try JSONSerialization.jsonObject(with: Data(alerts.standardOutput.utf8)) as? [String: Any])
    let digest = try Self.json(Array(arguments.dropLast(2)))
    let mine = try #require(digest["alerts"] as? [[String: Any]])
    let theirs = try #require(expected["alerts"] as? [[String: Any]])
    #expect(mine.count == theirs.count && !mine.isEmpty)
    #expect((mine as NSArray).isEqual(to: theirs))
  }

  /// Outside git the digest still comes, says it could not show changes, and warns why.
  @Test func outsideGitTheDigestSaysSo() throws {
    let copy = try OutputSchemaTests.acmeCopy()
    let result = InProcess.run(["digest", "--as-of", "2026-08-07"], in: copy.path)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Not shown: no git history to read"))
    #expect(result.standardError.contains("warning: definition changes are not shown"))
    let digest = try Self.json(["--as-of", "2026-08-07"], in: copy.path)
    #expect(digest["has_git_history"] as? Bool == false)
  }

  /// With git, the week's changes are okr diff's, with the moved goal post flagged.
  @Test(.enabled(if: git != nil, "needs git"))
  func theWeeksChangesAreDiffsChanges() throws {
    let acme = try OutputSchemaTests.acmeWithHistory()
    let digest = try Self.json(["--as-of", "2026-08-07"], in: acme.path)
    let changes = try #require(digest["changes"] as? [[String: Any]])
    #expect(changes.count == 1)
    #expect(changes.first?["field"] as? String == "target")
    #expect(changes.first?["from"] as? Double == 650 && changes.first?["to"] as? Double == 600)
    #expect(changes.first?["moved_goalpost"] as? Bool == true)
    #expect(changes.first?["author"] as? String == "Dana")
    // The next week it is no longer news.
    let later = try Self.json(["--as-of", "2026-08-14"], in: acme.path)
    #expect((later["changes"] as? [[String: Any]])?.isEmpty == true)
  }
}
