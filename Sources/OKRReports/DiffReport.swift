import OKRCore

/// What changed in the OKRs between two versions: the value behind `okr diff`.
///
/// Objectives and key results added, removed and retitled; definition fields
/// changed (with whether a `change_note` documents them, and whether they move
/// a goal post); check-ins added per team; and every affected score before and
/// after, as of one day.
public struct DiffReport: Encodable, Sendable {
  /// The JSON's version: 1.
  public var schemaVersion = 1
  /// The older version: an abbreviated commit name.
  public var from: String
  /// The newer version: an abbreviated commit name, or `working tree`.
  public var to: String
  /// The day scores are computed as of.
  public var asOf: String
  /// Every change, by cycle, team and file order.
  public var changes: [Change]
  /// The scores that differ, by cycle and team: key results, then the team's roll-up.
  public var scores: [ScoreChange]

  /// One change.
  public struct Change: Encodable, Sendable {
    public var cycle: String
    public var team: String
    /// `O1/KR1`, or `O1` for an objective; absent for check-ins.
    public var kr: String?
    public var kind: ModelChange.Kind
    public var field: String?
    public var from: ChangeValue?
    public var to: ChangeValue?
    /// For a definition change: whether a new `change_note` documents it.
    public var documented: Bool?
    /// The note that documents it.
    public var note: String?
    /// For new check-ins: how many.
    public var count: Int?
    /// The commit of the newer version, or `working tree`.
    public var commit: String?
    /// That commit's day (today for the working tree).
    public var date: String?
    /// That commit's author.
    public var author: String?
    /// A definition changed after the planning day without a note.
    public var movedGoalpost: Bool?
  }

  /// A score before and after.
  public struct ScoreChange: Encodable, Sendable {
    public var cycle: String
    public var team: String
    /// `O1/KR1`; absent for the team's roll-up.
    public var kr: String?
    public var before: Double?
    public var after: Double?
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case from, to
    case asOf = "as_of"
    case changes, scores
  }

  /// Builds the report.
  ///
  /// - Parameters:
  ///   - changes: The changes, dated by the newer version.
  ///   - old: The older model, for scores before.
  ///   - new: The newer model, for scores after.
  ///   - from: How to name the older version.
  ///   - to: How to name the newer version.
  ///   - asOf: The day scores are computed as of.
  public init(
    changes: [DatedChange], old: Repository, new: Repository, from: String, to: String, asOf: CalendarDate
  ) {
    self.from = from
    self.to = to
    self.asOf = asOf.description
    self.changes = changes.map { dated in
      let change = dated.change
      let isDefinition = change.kind == .changed
      return Change(
        cycle: change.cycle, team: change.team, kr: change.reference, kind: change.kind, field: change.field,
        from: change.from, to: change.to, documented: change.documented, note: change.note, count: change.count,
        commit: dated.commit ?? "working tree", date: dated.date.description, author: dated.author,
        movedGoalpost: isDefinition ? dated.isMovedGoalpost : nil)
    }
    // Scores of every team the diff touches, in both versions.
    var touched: [String: Set<String>] = [:]
    for change in changes.map(\.change) { touched[change.cycle, default: []].insert(change.team) }
    var scores: [ScoreChange] = []
    for cycle in touched.keys.sorted() {
      let teams = touched[cycle]!.sorted()
      let before = Self.scores(old, cycle: cycle, teams: teams, asOf: asOf)
      let after = Self.scores(new, cycle: cycle, teams: teams, asOf: asOf)
      for team in teams {
        let keys = (before[team]?.keys.map { $0 } ?? []) + (after[team]?.keys.map { $0 } ?? [])
        let ordered = Set(keys).sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }
        for key in ordered {
          let was = before[team]?[key] ?? nil
          let now = after[team]?[key] ?? nil
          guard was != now else { continue }
          scores.append(ScoreChange(cycle: cycle, team: team, kr: key.isEmpty ? nil : key, before: was, after: now))
        }
      }
    }
    self.scores = scores
  }

  /// Per team: each key result's score by `O1/KR1`, and the roll-up under "".
  private static func scores(_ repository: Repository, cycle: String, teams: [String], asOf: CalendarDate)
    -> [String: [String: Double?]]
  {
    guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: asOf) else { return [:] }
    var result: [String: [String: Double?]] = [:]
    for team in card.teams where teams.contains(team.teamQuarter.slug) {
      var scores: [String: Double?] = ["": team.rollup]
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          scores["\(objective.objective.id.value)/\(keyResult.keyResult.id.value)"] = keyResult.score
        }
      }
      result[team.teamQuarter.slug] = scores
    }
    return result
  }

  /// How many definition changes move a goal post.
  public var movedGoalpostCount: Int { changes.filter { $0.movedGoalpost == true }.count }
}
