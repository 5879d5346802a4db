import OKRCore

/// The week in one message for the team channel: the value behind `okr digest`.
///
/// The digest's week is one window: the seven days ending on the as-of day.
/// Per team the score as of the as-of day and as of seven days earlier (the
/// day before the window), that earlier one against the definitions in force
/// then (``DefinitionsInForce``), as `okr history` scores it; the key results
/// whose value or confidence as of the as-of day differs from seven days
/// earlier; and the definition changes dated in the window (as `okr diff`
/// reports them). Whether a team checked in is `okr status`'s answer: a
/// check-in for the ISO week of the as-of day, the week `okr status` and
/// `okr checkin` ask about (a check-in without a `date:` counts from its
/// week's `checkin_day`). And the alerts that fire (those of `okr alerts`).
///
/// Its JSON is `okr digest --format json`: snake_case keys, `schema_version`
/// 1, fields only ever added.
public struct DigestReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the as-of day.
  public var header: ReportHeader
  /// The ISO week of the as-of day: the week a team's check-in is owed for.
  public var week: String
  /// The seven days the digest is about, ending on the as-of day.
  public var window: Window
  /// The day last week's scores are as of: seven days before the as-of day, the day before the window.
  public var previousAsOf: String
  /// The teams, parents before children.
  public var teams: [Team]
  /// The teams with no check-in for ``week``, each with its owner.
  public var notCheckedIn: [Absentee]
  /// What moved in the window, by team and file order: value, then confidence.
  public var moved: [Move]
  /// The alerts that fire, as `okr alerts` gives them.
  public var alerts: [StatusReport.AlertEntry]
  /// Alert rules that could not be checked; absent when every rule was.
  public var unchecked: [UncheckedRule]?
  /// The definition changes dated in the window, as `okr diff` gives them.
  public var changes: [DiffReport.Change]
  /// Whether definition changes were read from git (false: no history to read).
  public var hasGitHistory: Bool
  /// The grade bands, which decide how a score is printed (not encoded).
  public var grading: Grading

  /// The seven days ending on the as-of day: `from` is six days before it, `to` the day itself.
  public struct Window: Encodable, Sendable {
    public var from: String
    public var to: String
  }

  /// One team's week.
  public struct Team: Encodable, Sendable {
    public var team: String
    public var name: String?
    /// How deep under its ancestors the team sits (not encoded).
    public var depth: Int
    /// The team's roll-up as of the as-of day; `null` when it has nothing to score.
    public var score: Double?
    /// The team's roll-up seven days earlier, against the definitions in force then; `null` before the cycle started.
    public var previousScore: Double?
    /// Whether the team has a check-in for the ISO week of the as-of day (`okr status`'s answer).
    public var checkedIn: Bool

    enum CodingKeys: String, CodingKey {
      case team, name, score
      case previousScore = "previous_score"
      case checkedIn = "checked_in"
    }

    /// Every field the spec lists, `null` when unknown; `name` only when the file has one.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(team, forKey: .team)
      try container.encodeIfPresent(name, forKey: .name)
      try container.encode(score, forKey: .score)
      try container.encode(previousScore, forKey: .previousScore)
      try container.encode(checkedIn, forKey: .checkedIn)
    }
  }

  /// A team with no check-in for the ISO week of the as-of day.
  public struct Absentee: Encodable, Sendable {
    public var team: String
    /// The team file's `owner`; `null` when it names none.
    public var owner: String?

    enum CodingKeys: String, CodingKey {
      case team, owner
    }

    /// Both fields, `owner` `null` when the file names none.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(team, forKey: .team)
      try container.encode(owner, forKey: .owner)
    }
  }

  /// A value or confidence that differs between the as-of day and seven days earlier.
  public struct Move: Encodable, Sendable {
    public var team: String
    /// `O1/KR1`.
    public var kr: String
    /// `value`, `done`, `milestones_done` or `confidence`.
    public var field: String
    /// As of seven days earlier: the newest check-in then, else the quarter file's `current:`
    /// (`done:` flags), else the baseline; `null` when there was none of these (a threshold
    /// key result without `current:`, or a first confidence).
    public var from: ChangeValue?
    public var to: ChangeValue?
    /// The key result's title (not encoded).
    public var title: String
    /// `from` and `to` as people read them (`13.4%`, `done`, `2/3 done`; not encoded).
    public var fromText: String
    public var toText: String

    enum CodingKeys: String, CodingKey {
      case team, kr, field, from, to
    }

    /// Every field, `from` `null` when there was no value.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(team, forKey: .team)
      try container.encode(kr, forKey: .kr)
      try container.encode(field, forKey: .field)
      try container.encode(from, forKey: .from)
      try container.encode(to, forKey: .to)
    }
  }

  enum CodingKeys: String, CodingKey {
    case week, window
    case previousAsOf = "previous_as_of"
    case teams
    case notCheckedIn = "not_checked_in"
    case moved, alerts, unchecked, changes
    case hasGitHistory = "has_git_history"
  }

  /// The header's fields, then the report's own, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(week, forKey: .week)
    try container.encode(window, forKey: .window)
    try container.encode(previousAsOf, forKey: .previousAsOf)
    try container.encode(teams, forKey: .teams)
    try container.encode(notCheckedIn, forKey: .notCheckedIn)
    try container.encode(moved, forKey: .moved)
    try container.encode(alerts, forKey: .alerts)
    try container.encodeIfPresent(unchecked, forKey: .unchecked)
    try container.encode(changes, forKey: .changes)
    try container.encode(hasGitHistory, forKey: .hasGitHistory)
  }

  /// Builds the digest.
  ///
  /// - Parameters:
  ///   - status: The status as of the day: each team's score and check-in, and the alerts.
  ///   - card: The score card the status was made from.
  ///   - previous: The same teams scored seven days earlier against the definitions in force
  ///     then; `nil` before the cycle started.
  ///   - history: The cycle's check-ins.
  ///   - changes: The cycle's changes from git; `nil` without history.
  public init(
    status: StatusReport, card: ScoreCard, previous: ScoreCard?, history: CheckinHistory, changes: [DatedChange]?
  ) {
    header = status.header
    week = status.week
    let previousDay = card.asOf.adding(days: -7)
    window = Window(from: previousDay.adding(days: 1).description, to: card.asOf.description)
    previousAsOf = previousDay.description
    grading = status.grading
    let before = Dictionary(
      (previous?.teams ?? []).map { ($0.teamQuarter.slug, $0.rollup) }, uniquingKeysWith: { first, _ in first })
    teams = status.teams.map {
      Team(
        team: $0.team, name: $0.name, depth: $0.depth, score: $0.score, previousScore: before[$0.team] ?? nil,
        checkedIn: $0.checkedInThisWeek)
    }
    let owners = Dictionary(
      card.teams.map { ($0.teamQuarter.slug, $0.teamQuarter.owner) }, uniquingKeysWith: { first, _ in first })
    notCheckedIn = teams.filter { !$0.checkedIn }.map { Absentee(team: $0.team, owner: owners[$0.team] ?? nil) }
    moved = Self.moves(card, since: previousDay, history: history)
    alerts = status.alerts
    unchecked = status.unchecked
    hasGitHistory = changes != nil
    self.changes = Self.changes(changes ?? [], after: previousDay, in: card)
  }

  /// The changes dated after `day` up to the as-of day (the window), about the card's teams.
  private static func changes(_ changes: [DatedChange], after day: CalendarDate, in card: ScoreCard)
    -> [DiffReport.Change]
  {
    let teams = Set(card.teams.map(\.teamQuarter.slug))
    return changes.filter { $0.date > day && $0.date <= card.asOf && teams.contains($0.change.team) }
      .map(DiffReport.Change.init)
  }

  /// Each key result as of the as-of day against itself as of `day`, both from the check-ins
  /// then (``CheckinHistory``) and today's definition, so that only check-ins move it.
  private static func moves(_ card: ScoreCard, since day: CalendarDate, history: CheckinHistory) -> [Move] {
    var moves: [Move] = []
    for team in card.teams {
      for objective in team.objectives {
        for scored in objective.keyResults {
          let reference = KeyResultReference(
            objective: objective.objective.id.value, keyResult: scored.keyResult.id.value)
          let weeks = history.weeks(
            of: reference, team: team.teamQuarter.slug, cycle: team.teamQuarter.cycle.label, asOf: day)
          let before = ScoreCard.score(scored.keyResult, weeks: weeks, grading: card.grading)
          moves += Self.moves(from: before, to: scored, team: team.teamQuarter.slug, kr: reference.description)
        }
      }
    }
    return moves
  }

  /// What differs between a key result's score seven days earlier and now: its value, then its confidence.
  private static func moves(from before: KeyResultScore, to now: KeyResultScore, team: String, kr: String) -> [Move] {
    var moves: [Move] = []
    let title = now.keyResult.title
    let field = Self.valueField(now.keyResult)
    let hasValues = now.keyResult.measure.kind?.hasValues ?? false
    if hasValues ? before.actual != now.actual : before.actualText != now.actualText {
      let value = { (scored: KeyResultScore) -> ChangeValue? in
        hasValues ? scored.actual.map(ChangeValue.number) : .text(scored.actualText)
      }
      moves.append(
        Move(
          team: team, kr: kr, field: field, from: value(before), to: value(now), title: title,
          fromText: before.actualText, toText: now.actualText))
    }
    let was = before.confidence?.level.level
    if let level = now.confidence?.level.level, level != was {
      moves.append(
        Move(
          team: team, kr: kr, field: "confidence", from: was.map { .number(Double($0)) },
          to: .number(Double(level)), title: title, fromText: was.map(String.init) ?? "none", toText: "\(level)"))
    }
    return moves
  }

  /// The check-in key a key result's measurement is written under.
  private static func valueField(_ keyResult: KeyResult) -> String {
    switch keyResult.measure.checkinInput {
    case .doneFlag?: return "done"
    case .milestoneTitles?: return "milestones_done"
    case .value?, nil: return "value"
    }
  }
}
