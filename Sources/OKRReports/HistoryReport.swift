import OKRCore

/// Each key result's quarter as a timeline: the value behind `okr history`.
///
/// Every weekly check-in (value, confidence, who, note) and every change to
/// the key result from git (commit, author, day, field, from → to, documented
/// or not) in date order, then the expected value, the actual value and the
/// score week by week.
public struct HistoryReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the as-of day.
  public var header: ReportHeader
  /// Whether definition changes were read from git (false: no history to read).
  public var hasGitHistory: Bool
  /// The key results, by team and file order.
  public var keyResults: [KeyResultHistory]
  /// The grade bands, which decide how a score is printed (not encoded).
  public var grading: Grading

  /// One key result's timeline.
  public struct KeyResultHistory: Encodable, Sendable {
    public var team: String
    /// `O1/KR1`.
    public var kr: String
    public var title: String
    public var type: String
    public var unit: String?
    /// Check-ins and changes, oldest first; on one day, changes before check-ins.
    public var events: [Event]
    /// Week by week to the as-of day.
    public var weeks: [Week]
  }

  /// A check-in or a change.
  public struct Event: Encodable, Sendable {
    public var date: String
    /// `checkin`, or a change's kind (`added`, `removed`, `changed`, `retitled`).
    public var kind: String
    public var week: String?
    public var value: Double?
    public var done: Bool?
    public var milestonesDone: [String]?
    public var confidence: Int?
    public var by: String?
    public var note: String?
    public var field: String?
    public var from: ChangeValue?
    public var to: ChangeValue?
    /// The commit, or `working tree`.
    public var commit: String?
    public var author: String?
    public var documented: Bool?
    public var movedGoalpost: Bool?

    enum CodingKeys: String, CodingKey {
      case date, kind, week, value, done, confidence, by, note, field, from, to, commit, author, documented
      case milestonesDone = "milestones_done"
      case movedGoalpost = "moved_goalpost"
    }
  }

  /// A week of the key result, scored against the definition in force that week.
  public struct Week: Encodable, Sendable {
    public var week: String
    /// The week's last day (or the as-of day, or the period's last day, if earlier).
    public var date: String
    public var expected: Double?
    public var actual: Double?
    public var score: Double
    /// The definition changes that took effect this week, in words, with their `change_note`.
    public var step: String?
    /// The score against today's definition, where that differs from ``score``.
    public var todaysDefinitionScore: Double?

    enum CodingKeys: String, CodingKey {
      case week, date, expected, actual, score, step
      case todaysDefinitionScore = "todays_definition_score"
    }
  }

  enum CodingKeys: String, CodingKey {
    case hasGitHistory = "has_git_history"
    case keyResults = "key_results"
  }

  /// The header's fields, then the report's own, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(hasGitHistory, forKey: .hasGitHistory)
    try container.encode(keyResults, forKey: .keyResults)
  }

  /// Builds the report.
  ///
  /// - Parameters:
  ///   - card: The cycle's scores as of the day, for its teams and their calendars.
  ///   - history: The cycle's check-ins.
  ///   - changes: The cycle's changes from git; `nil` without history.
  ///   - keyResult: Only this key result (`O1/KR1`), when given.
  ///   - organization: okr.yaml's organization.
  public init(
    card: ScoreCard, history: CheckinHistory, changes: [DatedChange]?, keyResult only: String?,
    organization: String?
  ) {
    header = ReportHeader(cycle: card.cycle, asOf: card.asOf, organization: organization)
    grading = card.grading
    hasGitHistory = changes != nil
    var keyResults: [KeyResultHistory] = []
    let definitions = DefinitionsInForce(changes ?? [])
    for team in card.teams {
      let slug = team.teamQuarter.slug
      for objective in team.objectives {
        // A dropped key result keeps its history, to the day it went.
        for scored in objective.keyResults + objective.dropped {
          let keyResult = scored.keyResult
          let reference = KeyResultReference(objective: objective.objective.id.value, keyResult: keyResult.id.value)
          if let only, only != reference.description { continue }
          let weeks = history.weeks(of: reference, team: slug, cycle: card.cycle.label, asOf: card.asOf)
          let key = ModelDiff.KeyResultKey(cycle: card.cycle.label, team: slug, keyResult: reference.description)
          var events: [(order: Int, date: CalendarDate, event: Event)] = []
          for change in definitions.changes(of: key) {
            events.append(
              (
                0, change.date,
                Event(
                  date: change.date.description, kind: change.change.kind.rawValue, note: change.change.note,
                  field: change.change.field, from: change.change.from, to: change.change.to,
                  commit: change.commit ?? "working tree", author: change.author, documented: change.change.documented,
                  movedGoalpost: change.change.kind == .changed ? change.isMovedGoalpost : nil)
              ))
          }
          for week in weeks {
            events.append(
              (
                1, week.date,
                Event(
                  date: week.date.description, kind: "checkin", week: week.week.description, value: week.value,
                  done: week.done, milestonesDone: week.milestonesDone, confidence: week.confidence?.level,
                  by: week.by, note: week.note)
              ))
          }
          events.sort { ($0.date, $0.order) < ($1.date, $1.order) }
          keyResults.append(
            KeyResultHistory(
              team: slug, kr: reference.description, title: keyResult.title, type: keyResult.measure.typeName,
              unit: keyResult.unit, events: events.map(\.event),
              weeks: Self.weeks(
                keyResult, reference: reference, key: key, team: team, history: history, card: card,
                definitions: definitions)))
        }
      }
    }
    self.keyResults = keyResults
  }

  /// The expected value, the actual value and the score at the end of each ISO week, each against
  /// the definition in force that day (``DefinitionsInForce/keyResult(_:at:on:)``); a key
  /// result added mid-quarter has weeks from the week it was added.
  private static func weeks(
    _ keyResult: KeyResult, reference: KeyResultReference, key: ModelDiff.KeyResultKey, team: TeamScore,
    history: CheckinHistory, card: ScoreCard, definitions: DefinitionsInForce
  ) -> [Week] {
    let changes = definitions.changes(of: key)
    let period = card.cycle.period
    let last = keyResult.scoredDay(asOf: min(card.asOf, period.end))
    guard last >= period.start else { return [] }
    let planningDay = team.calendar.sprints.first?.period.start ?? period.start
    var result: [Week] = []
    var day = min(period.start.isoWeek.day(.sunday), last)
    var previousDay: CalendarDate?
    while true {
      if let defined = definitions.keyResult(keyResult, at: key, on: day) {
        let checkins = history.weeks(of: reference, team: team.teamQuarter.slug, cycle: card.cycle.label, asOf: day)
        let scored = ScoreCard.score(defined, weeks: checkins, grading: card.grading)
        let today = ScoreCard.score(keyResult, weeks: checkins, grading: card.grading).score
        let steps = changes.filter { dated in
          dated.change.kind == .changed && dated.date <= day && previousDay.map { dated.date > $0 } ?? true
            && dated.date >= planningDay
        }
        result.append(
          Week(
            week: day.isoWeek.description, date: day.description,
            expected: team.expectedProgress(of: defined).value(on: day), actual: scored.actual, score: scored.score,
            step: steps.isEmpty ? nil : steps.map(HistoryWords.step).joined(separator: "; "),
            todaysDefinitionScore: today == scored.score ? nil : today))
      }
      if day >= last { break }
      previousDay = day
      day = min(day.adding(days: 7), last)
    }
    return result
  }
}

/// `okr history` as text: per key result, the timeline, then the weeks.
public struct HistoryTextRenderer: ReportRenderer {
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(width: Int? = nil) {
    self.width = width
  }

  /// Renders the report.
  ///
  /// On a terminal, a key result's title is shortened to its line, and events
  /// and steps are wrapped under their dates; the weeks' numbers stay whole.
  public func render(_ report: HistoryReport) -> String {
    let layout = TerminalLayout(width: width, rows: [])
    var out: TerminalText =
      "\(layout.wrap("\(report.organization.map { "\($0) · " } ?? "")\(report.quarter) · as of \(report.asOf)"))\n"
    for keyResult in report.keyResults {
      let lead: TerminalText = "\(keyResult.team) \(keyResult.kr)  "
      let title = width.map { TerminalLayout.cut(keyResult.title, to: max(12, $0 - lead.width)) }
      out += "\n\(lead)\(title ?? TerminalText(text: keyResult.title))\n"
      for event in keyResult.events {
        let line: TerminalText = "\(event.date)  \(HistoryWords.describe(event, unit: keyResult.unit))"
        out += "  \(layout.wrap(line, first: 2, indent: 14))\n"
      }
      out += "  week      expected  actual  score\n"
      for week in keyResult.weeks {
        let expected = TerminalText(text: week.expected.map { Format.quantity($0, unit: keyResult.unit) } ?? "")
        let actual = TerminalText(text: week.actual.map { Format.quantity($0, unit: keyResult.unit) } ?? "")
        let line: TerminalText =
          "  \(week.week)  \(expected.padded(to: 8))  \(actual.padded(to: 6))  \(report.grading.printed(week.score))"
          + (week.step.map { "  ← \(TerminalText(text: $0))" } ?? "")
        out += "\(layout.wrap(line, indent: 14))\n"
      }
    }
    return out.description
  }
}

/// `okr history` as Markdown: per key result, a table of events and a table of weeks.
public struct HistoryMarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// Renders the report.
  public func render(_ report: HistoryReport) -> String {
    var out: MarkdownText = "# History · \(report.quarter) · as of \(report.asOf)\n"
    for keyResult in report.keyResults {
      out += "\n## \(keyResult.team) \(keyResult.kr) · \(keyResult.title)\n\n| Date | Event |\n| --- | --- |\n"
      for event in keyResult.events {
        out += MarkdownText.row([
          MarkdownText(text: event.date), MarkdownText(text: HistoryWords.describe(event, unit: keyResult.unit)),
        ])
      }
      out += "\n| Week | Expected | Actual | Score | Definition |\n| --- | --- | --- | --- | --- |\n"
      for week in keyResult.weeks {
        out += MarkdownText.row(
          [
            week.week, week.expected.map { Format.quantity($0, unit: keyResult.unit) } ?? "",
            week.actual.map { Format.quantity($0, unit: keyResult.unit) } ?? "", report.grading.printed(week.score),
            week.step ?? "",
          ].map { MarkdownText(text: $0) })
      }
    }
    return out.description
  }
}

/// One event in words, shared by the text and Markdown renderings.
enum HistoryWords {
  /// A definition change as a step in the weeks: `target 14 → 12 (why: "…")`.
  static func step(_ dated: DatedChange) -> String {
    let change = dated.change
    let words =
      "\(change.field ?? "definition") \(change.from?.description ?? "none") → \(change.to?.description ?? "none")"
    if let note = change.note { return words + " (change_note: “\(note)”)" }
    return words + (dated.isMovedGoalpost ? " (moved goal post)" : "")
  }

  static func describe(_ event: HistoryReport.Event, unit: String?) -> String {
    guard event.kind == "checkin" else {
      let origin = event.commit == "working tree" ? "uncommitted" : "\(event.commit ?? "") by \(event.author ?? "")"
      switch event.kind {
      case "changed":
        var text =
          "\(event.field ?? "") changed \(event.from?.description ?? "none") → \(event.to?.description ?? "none") (\(origin)"
        if event.documented == true {
          text += ", documented" + (event.note.map { ": “\($0)”" } ?? "")
        } else if event.movedGoalpost == true {
          text += ", moved goal post: no change_note after the planning day"
        }
        return text + ")"
      case "retitled":
        return "title changed to \(event.to?.description ?? "") (\(origin))"
      case "removed":
        return "deleted from the quarter file (\(origin))"
      case "dropped":
        return "dropped from \(event.to?.description ?? "")\(event.note.map { ": “\($0)”" } ?? "") (\(origin))"
      default:
        return "\(event.kind) (\(origin))"
      }
    }
    var parts = ["check-in"]
    if let value = event.value { parts.append(Format.quantity(value, unit: unit)) }
    if let done = event.done { parts.append(done ? "done" : "not done") }
    if let milestones = event.milestonesDone { parts.append("done: " + milestones.joined(separator: ", ")) }
    if let confidence = event.confidence { parts.append("confidence \(confidence)") }
    if let by = event.by { parts.append("by \(by)") }
    if let note = event.note { parts.append("“\(note)”") }
    return parts.joined(separator: " · ")
  }
}
