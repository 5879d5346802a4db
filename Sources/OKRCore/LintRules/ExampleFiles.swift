/// The files the rules' examples are made of: team `growth`'s quarter file for
/// 2026-Q1 (90 days; six two-week sprints from Monday 5 January), its check-in
/// log, and okr.yaml.
extension LintExample.File {
  /// Team growth's quarter file for 2026-Q1.
  static let quarterPath = "okrs/2026-Q1/growth.yaml"
  /// Team growth's check-in log for 2026-Q1.
  static let checkinsPath = "checkins/2026-Q1/growth.yaml"

  /// Team growth's quarter file, with `text`.
  static func quarter(_ text: String) -> Self { Self(quarterPath, text) }

  /// Team growth's check-in log, with `text`.
  static func checkins(_ text: String) -> Self { Self(checkinsPath, text) }

  /// okr.yaml, with `text`.
  static func config(_ text: String) -> Self { Self("okr.yaml", text) }

  /// Team growth's valid quarter file of 10 lines, with lines added.
  ///
  /// `top` goes after `team: growth` (line 2), `objective` in objective O1
  /// after its title, `keyResult` in its numeric key result KR1 (0 to 100)
  /// after its target, and `more` at the end. Without additions, O1 is on
  /// line 4 and KR1 on line 7.
  static func growth(
    top: [String] = [], objective: [String] = [], keyResult: [String] = [], more: String = ""
  ) -> Self {
    team("growth", top: top, objective: objective, keyResult: keyResult, more: more)
  }

  /// The quarter file of ``growth(top:objective:keyResult:more:)`` for another
  /// team, at `okrs/2026-Q1/<slug>.yaml`.
  static func team(
    _ slug: String, top: [String] = [], objective: [String] = [], keyResult: [String] = [], more: String = ""
  ) -> Self {
    let lines =
      ["quarter: 2026-Q1", "team: \(slug)"] + top
      + ["objectives:", "  - id: O1", "    title: Grow"] + objective.map { "    " + $0 }
      + ["    key_results:", "      - id: KR1", "        title: Signups", "        baseline: 0", "        target: 100"]
      + keyResult.map { "        " + $0 }
    return Self("okrs/2026-Q1/\(slug).yaml", lines.joined(separator: "\n") + "\n" + more)
  }

  /// The same file with every `old` in its text written `new`.
  func replacing(_ old: String, with new: String) -> Self {
    Self(path, text.replacing(old, with: new))
  }

  /// A valid quarter file of 17 lines whose O1 has three key results:
  /// KR1 numeric from 0 to 100, KR2 boolean, KR3 milestones (`Design approved`,
  /// `Launched`), for check-ins to name.
  static let growthForCheckins = quarter(
    """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: Grow
        key_results:
          - id: KR1
            title: Signups
            baseline: 0
            target: 100
          - id: KR2
            title: Pricing page live
            type: boolean
          - id: KR3
            title: New onboarding
            type: milestones
            milestones: [{title: Design approved}, {title: Launched}]

    """)

  /// Team growth's check-in log of one check-in, by default in 2026-W03 (12
  /// to 18 January): `team` on line 1, `quarter` 2, `week` 3, then `date` if
  /// any, then `key_results` with `entries`, from line 5 without a date.
  static func checkin(team: String = "growth", week: String = "2026-W03", date: String? = nil, _ entries: String)
    -> Self
  {
    checkins(
      "team: \(team)\nquarter: 2026-Q1\nweek: \(week)\n" + (date.map { "date: \($0)\n" } ?? "")
        + "key_results:\n" + entries)
  }

  /// A quarter file (``growth(top:objective:keyResult:more:)``) with one
  /// top-level micro-goal that has every SMART field, from line 11:
  /// `micro_goals:`, then `title` on 12, `owner` 13, `due` 14 (2026-01-08),
  /// `estimate` 15 (2h) and `done_when` 16; `changes` replaces a field's line
  /// (by its key), removes it (with an empty line) or, for a key it does not
  /// have, adds one after the others.
  static func microGoal(_ changes: [String: String] = [:]) -> Self {
    var fields: [(key: String, line: String)] = [
      ("owner", "owner: bob"), ("due", "due: 2026-01-08"), ("estimate", "estimate: 2h"),
      ("done_when", "done_when: events visible in the dashboard"),
    ]
    for (key, line) in changes.sorted(by: { $0.key < $1.key }) {
      if let index = fields.firstIndex(where: { $0.key == key }) {
        fields[index].line = line
      } else {
        fields.append((key, line))
      }
    }
    let lines =
      ["micro_goals:", "  - title: Emit signup events"] + fields.filter { !$0.line.isEmpty }.map { "    " + $0.line }
    return growth(more: lines.joined(separator: "\n") + "\n")
  }
}
