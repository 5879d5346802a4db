import OKRCore

/// What changed in the OKRs between two versions: the value behind `okr diff`.
///
/// Objectives and key results added, removed and retitled; definition fields
/// changed (with whether a `change_note` documents them, and whether they move
/// a goal post); check-ins added per team; and every affected score before and
/// after, as of one day.
public struct DiffReport: Encodable, Sendable {
  /// The JSON's version: 1.
  public var schemaVersion = ReportHeader.version
  /// The older version: an abbreviated commit name.
  public var from: String
  /// The newer version: an abbreviated commit name, or `working tree`.
  public var to: String
  /// The day scores are computed as of.
  public var asOf: String
  /// Every change, by cycle, team and file order.
  public var changes: [Change]
  /// Every score that differs as of ``asOf``, by cycle and team: key results, then the team's roll-up.
  public var scores: [ScoreChange]
  /// The newer version's grade bands, which decide how a score is printed (not encoded).
  public var grading: Grading

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

    enum CodingKeys: String, CodingKey {
      case cycle, team, kr, kind, field, from, to, documented, note, count, commit, date, author
      case movedGoalpost = "moved_goalpost"
    }

    /// A dated change as every report shows it: `okr diff`, and the week's changes in `okr digest`.
    public init(_ dated: DatedChange) {
      let change = dated.change
      (cycle, team, kr, kind, field, from, to) = (
        change.cycle, change.team, change.reference, change.kind, change.field, change.from, change.to
      )
      (documented, note, count) = (change.documented, change.note, change.count)
      (commit, date, author) = (dated.commit ?? "working tree", dated.date.description, dated.author)
      movedGoalpost = change.kind == .changed ? dated.isMovedGoalpost : nil
    }
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
  ///   - cycles: The cycles whose scores are compared; `nil` for every cycle.
  ///   - onlyTeams: The teams whose scores are compared; empty for every team.
  public init(
    changes: [DatedChange], old: Repository, new: Repository, from: String, to: String, asOf: CalendarDate,
    cycles: Set<String>? = nil, onlyTeams: Set<String> = []
  ) {
    self.from = from
    self.to = to
    self.asOf = asOf.description
    grading = new.config.grading
    self.changes = changes.map(Change.init)
    // Every score that differs, whatever made it differ (a definition, a
    // check-in, an override): every team of every cycle in either version.
    let wanted = Set(changes.map(\.change.cycle))
    var teamsByCycle: [String: Set<String>] = [:]
    for teamQuarter in old.teamQuarters + new.teamQuarters
    where cycles.map({ $0.contains(teamQuarter.cycle.label) }) ?? true {
      teamsByCycle[teamQuarter.cycle.label, default: []].insert(teamQuarter.slug)
    }
    for cycle in wanted where teamsByCycle[cycle] == nil { teamsByCycle[cycle] = [] }
    var scores: [ScoreChange] = []
    for cycle in teamsByCycle.keys.sorted() {
      let teams = teamsByCycle[cycle]!.filter { onlyTeams.isEmpty || onlyTeams.contains($0) }.sorted()
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

/// `okr diff` as text for a terminal: per cycle and team, one line per change, then the scores.
public struct DiffTextRenderer: ReportRenderer {
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(width: Int? = nil) {
    self.width = width
  }

  /// Renders the report; on a terminal each change is wrapped under its text, words and numbers whole.
  public func render(_ report: DiffReport) -> String {
    let layout = TerminalLayout(width: width, rows: [])
    var out: TerminalText = "\(layout.wrap("\(report.from) → \(report.to) · \(DiffSummary(report).line)"))\n"
    for (cycle, team, changes, scores) in DiffSummary.groups(report) {
      out += "\n\(layout.wrap("\(team) · \(cycle)"))\n"
      for change in changes {
        let line: TerminalText = "\(DiffSummary.mark(change))  \(DiffSummary.describe(change))"
        out += "  \(layout.wrap(line, first: 2, indent: 5))\n"
      }
      for score in scores {
        let line: TerminalText =
          "score  \(score.kr ?? "team") \(DiffSummary.scores(score.before, score.after, report.grading))"
        out += "  \(layout.wrap(line, first: 2, indent: 9))\n"
      }
    }
    return out.description
  }
}

/// `okr diff` as Markdown to paste as a pull-request comment: a summary line, then a table per team.
public struct DiffMarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// Renders the report.
  public func render(_ report: DiffReport) -> String {
    var out: MarkdownText = "**OKR changes** \(MarkdownText.code(report.from)) → \(MarkdownText.code(report.to)): "
    out += "\(DiffSummary(report).line)\n"
    for (cycle, team, changes, scores) in DiffSummary.groups(report) {
      out += "\n### \(team) · \(cycle)\n\n| | Change | Score |\n| --- | --- | --- |\n"
      var shownScores = Set<String>()
      for change in changes {
        let score = scores.first { $0.kr != nil && $0.kr == change.kr }
        if let kr = score?.kr { shownScores.insert(kr) }
        let scoreText = MarkdownText(
          text: score.map {
            DiffSummary.scores($0.before, $0.after, report.grading)
          } ?? "")
        out += MarkdownText.row([
          DiffSummary.word(change), MarkdownText(text: DiffSummary.describe(change)), scoreText,
        ])
      }
      for score in scores where !shownScores.contains(score.kr ?? "") {
        out += MarkdownText.row([
          "", MarkdownText(text: score.kr ?? "team score"),
          MarkdownText(
            text:
              "\(DiffSummary.scores(score.before, score.after, report.grading))"),
        ])
      }
    }
    return out.description
  }
}

/// What the text and Markdown renderings of a diff share: the summary, the grouping, each change's words.
struct DiffSummary {
  static func groups(_ report: DiffReport) -> [(String, String, [DiffReport.Change], [DiffReport.ScoreChange])] {
    var keys: [String] = []
    var changes: [String: [DiffReport.Change]] = [:]
    var scores: [String: [DiffReport.ScoreChange]] = [:]
    func key(_ cycle: String, _ team: String) -> String {
      let key = cycle + "\u{0}" + team
      if changes[key] == nil, scores[key] == nil { keys.append(key) }
      return key
    }
    for change in report.changes { changes[key(change.cycle, change.team), default: []].append(change) }
    for score in report.scores { scores[key(score.cycle, score.team), default: []].append(score) }
    return keys.map { key in
      let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
      return (parts[0], parts[1], changes[key] ?? [], scores[key] ?? [])
    }
  }

  let line: String

  init(_ report: DiffReport) {
    let teams = Set(report.changes.map { $0.cycle + "/" + $0.team }).count
    let definitions = report.changes.filter { $0.kind != .checkinsAdded }.count
    let checkins = report.changes.compactMap(\.count).reduce(0, +)
    var parts = [Format.count(definitions, "change"), Format.count(checkins, "new check-in")]
    parts.append("in " + Format.count(teams, "team"))
    let moved = report.movedGoalpostCount
    if moved > 0 { parts.append(Format.count(moved, "moved goal post")) }
    line = report.changes.isEmpty ? "no changes to the OKRs" : parts.joined(separator: ", ")
  }

  /// A one-character mark: `+` added, `-` removed, `~` redefined, `!` a moved goal post, `✎` retitled,
  /// `=` a score override, `✓` check-ins.
  static func mark(_ change: DiffReport.Change) -> String {
    switch change.kind {
    case .added: return "+"
    case .removed: return "-"
    case .changed: return change.movedGoalpost == true ? "!" : "~"
    case .retitled: return "✎"
    case .overridden: return "="
    case .checkinsAdded: return "✓"
    case .dropped: return "×"
    }
  }

  /// The kind of change in a word, for a table: a moved goal post stands out in bold.
  static func word(_ change: DiffReport.Change) -> MarkdownText {
    switch change.kind {
    case .added: return "added"
    case .removed: return "removed"
    case .changed: return change.movedGoalpost == true ? "**moved goal post**" : "redefined"
    case .retitled: return "retitled"
    case .overridden: return "score override"
    case .checkinsAdded: return "check-ins"
    case .dropped: return "dropped"
    }
  }

  /// The change in words, with the values as written.
  static func describe(_ change: DiffReport.Change) -> String {
    let what = change.kr ?? ""
    let kind = what.contains("/") ? "key result" : "objective"
    switch change.kind {
    case .added: return "\(kind) \(what) added: \(change.to?.description ?? "")"
    case .removed: return "\(kind) \(what) removed: \(change.from?.description ?? "")"
    case .retitled:
      return "\(what) title: \(change.from?.description ?? "") → \(change.to?.description ?? "")"
    case .checkinsAdded: return Format.count(change.count ?? 0, "check-in") + " added"
    case .dropped:
      return "key result \(what) dropped from \(change.to?.description ?? "")" + (change.note.map { ": \($0)" } ?? "")
    case .overridden:
      return "\(what) score override: \(change.from?.description ?? "none") → \(change.to?.description ?? "none")"
    case .changed:
      var text =
        "\(what) \(change.field ?? ""): \(change.from?.description ?? "none") → \(change.to?.description ?? "none")"
      if change.documented == true {
        text += " (documented: \(change.note ?? ""))"
      } else if change.movedGoalpost == true {
        text += " (moved goal post: after the planning day, no change_note)"
      }
      return text
    }
  }

  /// `before → after`, each as printed, with enough decimals that a change shows (``Grading/printed(_:_:)``).
  static func scores(_ before: Double?, _ after: Double?, _ grading: Grading) -> String {
    guard let before, let after else {
      return "\(before.map(grading.printed) ?? "none") → \(after.map(grading.printed) ?? "none")"
    }
    let printed = grading.printed(before, after)
    return "\(printed.before) → \(printed.after)"
  }
}
