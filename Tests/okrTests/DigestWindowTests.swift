import Foundation
import TestSupport
import Testing

/// The digest's week is one window, the seven days ending on --as-of: the score change, what
/// moved and the definition changes all cover it, and last week's score is against the
/// definitions in force then, as `okr history` scores it.
@Suite struct DigestWindowTests {
  static let git = Tool.find("git")

  /// One team, red, planned on 2026-01-01, with a target changed and a key result added on 2026-02-10.
  ///
  /// O1: KR1 0→10 (weight 1), KR2 0→4 (weight 3); O2: KR1 0→5 with `current: 1`, KR2 keep
  /// above 3 with no `current:`. Checked in on Friday 2026-02-06
  /// (O1 only) and Friday 2026-02-13 (O2 only, for the first time). On Tuesday 2026-02-10 O1/KR1's
  /// target went from 10 to 8 and O1/KR3 (0→2) was added.
  static func repository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Window\n")
    try directory.write("okrs/2026-Q1/red.yaml", quarter(target: 10, added: false))
    try directory.write(
      "checkins/2026-Q1/red.yaml",
      """
      ---
      {team: red, quarter: 2026-Q1, week: 2026-W06, date: 2026-02-06, by: ann,
       key_results: {O1/KR1: {value: 6, confidence: 7}, O1/KR2: {value: 1, confidence: 7}}}
      ---
      {team: red, quarter: 2026-Q1, week: 2026-W07, date: 2026-02-13, by: ann,
       key_results: {O2/KR1: {value: 3, confidence: 5}, O2/KR2: {value: 4, confidence: 6}}}

      """)
    try DigestSlackTests.git(["init", "-q", "-b", "main"], in: directory, on: "2026-01-01")
    try DigestSlackTests.git(["add", "-A"], in: directory, on: "2026-01-01")
    try DigestSlackTests.git(["commit", "-q", "-m", "Plan"], in: directory, on: "2026-01-01")
    try directory.write("okrs/2026-Q1/red.yaml", quarter(target: 8, added: true))
    try DigestSlackTests.git(
      ["commit", "-q", "-am", "Lower the target, add a key result"], in: directory, on: "2026-02-10")
    return directory
  }

  static func quarter(target: Int, added: Bool) -> String {
    """
    quarter: 2026-Q1
    team: red
    owner: ann
    objectives:
      - id: O1
        title: One
        key_results:
          - {id: KR1, title: First, baseline: 0, target: \(target)}
          - {id: KR2, title: Second, baseline: 0, target: 4, weight: 3}
    \(added ? "      - {id: KR3, title: Added, baseline: 0, target: 2}\n" : "")\
      - id: O2
        title: Two
        key_results:
          - {id: KR1, title: Third, baseline: 0, target: 5, current: 1}
          - {id: KR2, title: Fourth, type: threshold, keep: above, bound: 3}

    """
  }

  static func json(_ command: [String], in directory: TemporaryDirectory) throws -> [String: Any] {
    let result = InProcess.run(command + ["--format", "json"], in: directory.path)
    #expect(result.status == 0, "\(command): \(result.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  /// As of Sunday 2026-02-15 the window is 2026-02-09 to 2026-02-15 and last week is Sunday 2026-02-08,
  /// before the target changed and KR3 was added.
  ///
  /// By hand, then: O1 is KR1 at 6 of 10 (0.6, weight 1) and KR2 at 1 of 4 (0.25, weight 3), so
  /// (0.6 + 0.75) / 4 = 0.3375; O2 is KR1 at its `current:` 1 of 5 (0.2) and KR2 with no value
  /// (0), so 0.1; red is (0.3375 + 0.1) / 2 = 0.21875. Against today's definitions it would be
  /// O1 (0.75 + 0.75 + 0) / 5 = 0.3, so 0.2. Now: O1 0.3, O2 (0.6 + 1) / 2 = 0.8, red 0.55.
  @Test(.enabled(if: git != nil, "needs git"))
  func lastWeeksScoreIsHistorysWithTheDefinitionInForce() throws {
    let directory = try Self.repository()
    let digest = try Self.json(["digest", "--as-of", "2026-02-15"], in: directory)
    let red = try #require((digest["teams"] as? [[String: Any]])?.first)
    let previous = try #require(red["previous_score"] as? Double)
    #expect(abs(previous - 0.21875) < 1e-12)
    #expect(abs(try #require(red["score"] as? Double) - 0.55) < 1e-12)
    #expect(digest["previous_as_of"] as? String == "2026-02-08")

    // okr history scores the same day, each key result against the definition in force then;
    // KR3 has no week yet: the same key results.
    let history = try Self.json(["history", "--as-of", "2026-02-15"], in: directory)
    var scores: [String: Double] = [:]
    for keyResult in try #require(history["key_results"] as? [[String: Any]]) {
      let weeks = try #require(keyResult["weeks"] as? [[String: Any]])
      if let week = weeks.first(where: { $0["date"] as? String == "2026-02-08" }) {
        scores[keyResult["kr"] as? String ?? ""] = week["score"] as? Double
      }
    }
    #expect(scores.keys.sorted() == ["O1/KR1", "O1/KR2", "O2/KR1", "O2/KR2"])
    #expect(scores["O1/KR1"] == 0.6)
    let o1 = (try #require(scores["O1/KR1"]) + 3 * (try #require(scores["O1/KR2"]))) / 4
    let o2 = (try #require(scores["O2/KR1"]) + (try #require(scores["O2/KR2"]))) / 2
    #expect(abs((o1 + o2) / 2 - previous) < 1e-12)
  }

  /// What moved is the value or confidence as of the day against seven days earlier: the check-in
  /// on 2026-02-06 is last week's, so O1 did not move; O2's first check-ins move from the quarter
  /// file's `current:` (KR1), or from nothing, `null` (KR2: a threshold without `current:`; and a
  /// first confidence).
  @Test(.enabled(if: git != nil, "needs git"))
  func movesAndChangesAreThoseOfTheWindow() throws {
    let directory = try Self.repository()
    let digest = try Self.json(["digest", "--as-of", "2026-02-15"], in: directory)
    let window = try #require(digest["window"] as? [String: Any])
    #expect(window["from"] as? String == "2026-02-09" && window["to"] as? String == "2026-02-15")
    let moved = try #require(digest["moved"] as? [[String: Any]])
    let described = moved.map { move in
      [move["kr"], move["field"], move["from"], move["to"]].map { value -> String in
        if value is NSNull { return "null" }
        return value.map { "\($0)" } ?? "absent"
      }.joined(separator: " ")
    }
    #expect(
      described == [
        "O2/KR1 value 1 3", "O2/KR1 confidence null 5", "O2/KR2 value null 4", "O2/KR2 confidence null 6",
      ])
    let changes = try #require(digest["changes"] as? [[String: Any]])
    #expect(
      changes.map { "\($0["kind"] ?? "") \($0["kr"] ?? "") \($0["field"] ?? "-")" }.sorted() == [
        "added O1/KR3 -", "changed O1/KR1 target",
      ])
    // A week later both are last week's news, and nothing has moved.
    let later = try Self.json(["digest", "--as-of", "2026-02-22"], in: directory)
    #expect((later["changes"] as? [[String: Any]])?.isEmpty == true)
    #expect((later["moved"] as? [[String: Any]])?.isEmpty == true)
    // On Monday 2026-02-09 the window is 2026-02-03 to 2026-02-09: Friday's check-in is in it.
    let monday = try Self.json(["digest", "--as-of", "2026-02-09"], in: directory)
    let mondayMoves = try #require(monday["moved"] as? [[String: Any]])
    #expect(mondayMoves.contains { $0["kr"] as? String == "O1/KR1" && $0["to"] as? Double == 6 })
    #expect((monday["changes"] as? [[String: Any]])?.isEmpty == true)
  }

  /// A Monday run (docs/ci.md's cron) shows the seven days before it: the score change and what
  /// moved agree, and every definition change is in exactly one Monday's digest.
  @Test(.enabled(if: git != nil, "needs git"))
  func aMondayDigestShowsTheWeekBefore() throws {
    let acme = try OutputSchemaTests.acmeWithHistory()
    let monday = try DigestCommandTests.json(["--as-of", "2026-08-10"], in: acme.path)
    let window = try #require(monday["window"] as? [String: Any])
    #expect(window["from"] as? String == "2026-08-04" && window["to"] as? String == "2026-08-10")
    // Still status's answer: the week of 2026-08-10 has just begun, so no team has checked in.
    #expect(monday["week"] as? String == "2026-W33")
    #expect((monday["not_checked_in"] as? [[String: Any]])?.count == 5)
    // growth's score went up from 0.4 to 0.5, and Friday's check-ins say why.
    let growth = try #require(try DigestCommandTests.teams(monday)["growth"])
    #expect(try #require(growth["score"] as? Double) > (try #require(growth["previous_score"] as? Double)))
    let moved = try #require(monday["moved"] as? [[String: Any]])
    #expect(
      moved.contains {
        $0["team"] as? String == "growth" && $0["kr"] as? String == "O1/KR1" && $0["from"] as? Double == 12.9
          && $0["to"] as? Double == 13.4
      })
    // The target lowered on Monday 2026-08-03 is in that Monday's digest and in no other Monday's.
    var seen: [String] = []
    for day in ["2026-07-27", "2026-08-03", "2026-08-10", "2026-08-17"] {
      let digest = try DigestCommandTests.json(["--as-of", day], in: acme.path)
      if !((digest["changes"] as? [[String: Any]])?.isEmpty ?? true) { seen.append(day) }
    }
    #expect(seen == ["2026-08-03"])
  }

  /// The spec's fields are always there: `previous_score` (and `score`) and `owner` are `null` when unknown.
  @Test func unknownFieldsAreNull() throws {
    let copy = try OutputSchemaTests.acmeCopy()
    let company = copy.path + "/okrs/2026-Q3/company.yaml"
    let text = try String(contentsOfFile: company, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "owner: nadia\n", with: "").utf8).write(
      to: URL(fileURLWithPath: company))
    let result = InProcess.run(["digest", "--format", "json", "--as-of", "2026-07-03"], in: copy.path)
    #expect(result.status == 0, "\(result.standardError)")
    // Raw JSON: a key written as null, not left out.
    #expect(result.standardOutput.contains("\"previous_score\" : null"))
    #expect(result.standardOutput.contains("\"owner\" : null"))
    let digest = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    for team in try #require(digest["teams"] as? [[String: Any]]) {
      #expect(team["previous_score"] is NSNull, "\(team)")
    }
    let absent = try #require(digest["not_checked_in"] as? [[String: Any]])
    #expect(absent.first { $0["team"] as? String == "company" }?["owner"] is NSNull)
  }
}
