import OKRCore

/// Scores quarter by quarter: the value behind `okr score --quarters`.
///
/// Each quarter is scored from its own files as of its last day (or the as-of
/// day, for a quarter still running or not started); a quarter without
/// quarter files, or a team without one in a quarter, has no score there. A
/// quarter's days are its files' (``Repository/cycle(named:)``): a fiscal
/// `period:` is scored to its own last day, as `okr score` scores it.
public struct TrendReport: Encodable, Sendable {
  /// The JSON's version: 1.
  public var schemaVersion = ReportHeader.version
  /// The organization from okr.yaml.
  public var organization: String?
  /// The as-of day.
  public var asOf: String
  /// The quarters, oldest first.
  public var quarters: [String]
  /// The repository's score per quarter.
  public var overall: [Double?]
  /// Whether each quarter was still running, or not started, on the as-of day.
  public var provisional: [Bool]
  /// Whether each quarter had started by the as-of day.
  public var started: [Bool]
  /// Each team's roll-up per quarter, teams by slug.
  public var teams: [TeamTrend]
  /// The grade bands, which decide how a score is printed (not encoded).
  public var grading: Grading

  /// One team's scores.
  public struct TeamTrend: Encodable, Sendable {
    public var team: String
    public var scores: [Double?]
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case organization
    case asOf = "as_of"
    case quarters, overall, provisional, started, teams
  }

  /// Scores each quarter.
  ///
  /// - Parameters:
  ///   - repository: Every cycle's files, decoded and free of errors.
  ///   - quarters: The quarters, oldest first.
  ///   - asOf: The as-of day.
  ///   - teams: Only these teams and their descendants (all when empty).
  public init(repository: Repository, quarters: [Quarter], asOf: CalendarDate, teams selected: [String]) {
    organization = repository.config.organization
    grading = repository.config.grading
    self.asOf = asOf.description
    self.quarters = quarters.map(\.description)
    var overall: [Double?] = []
    var provisional: [Bool] = []
    var started: [Bool] = []
    var byTeam: [String: [Int: Double?]] = [:]
    for (index, quarter) in quarters.enumerated() {
      let period = (repository.cycle(named: quarter.description) ?? Cycle(quarter: quarter)).period
      let day = min(asOf, period.end)
      provisional.append(asOf < period.end)
      started.append(asOf >= period.start)
      guard
        let card = ScoreCard(repository: repository, cycle: quarter.description, asOf: day, teams: selected)
      else {
        overall.append(nil)
        continue
      }
      overall.append(card.score)
      for team in card.teams { byTeam[team.teamQuarter.slug, default: [:]][index] = team.rollup }
    }
    self.overall = overall
    self.provisional = provisional
    self.started = started
    teams = byTeam.keys.sorted().map { slug in
      TeamTrend(team: slug, scores: quarters.indices.map { byTeam[slug]?[$0] ?? nil })
    }
  }

  /// A score sparkline: `▅▆▅` for 0.6, 0.7, 0.6; a space for a quarter without a score.
  public static func sparkline(_ scores: [Double?]) -> String {
    Sparkline.confidence(scores.map { $0.map { Int(($0 * 10).rounded()) } })
  }
}

/// `okr score --quarters` as text: one row per team, a column per quarter, and a sparkline.
public struct TrendTextRenderer: ReportRenderer {
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(width: Int? = nil) {
    self.width = width
  }

  /// Renders the report.
  ///
  /// On a terminal too narrow for every quarter beside the team, each team's
  /// scores go under its name, in as many runs of quarters as it takes.
  public func render(_ report: TrendReport) -> String {
    let name = TerminalText(text: report.organization.map { $0 + " · " } ?? "")
    let heading: TerminalText =
      "\(name)scores \(report.quarters.first ?? "")..\(report.quarters.last ?? "") · as of \(report.asOf)"
    var out: TerminalText = "\(TerminalLayout.wrap(heading, width: width))\n\n"
    let rows = [("overall", report.overall)] + report.teams.map { ($0.team, $0.scores) }
    let width = max(12, rows.map { TerminalText(text: $0.0).width }.max() ?? 0)
    let marks = report.quarters.indices.map { report.started[$0] ? (report.provisional[$0] ? "*" : "") : "^" }
    // Every cell eight wide, as the quarters' names are, so the columns line up on every terminal.
    let header = TerminalLayout.Row(
      lead: TerminalText(text: "").padded(to: width), title: "",
      cells: zip(report.quarters, marks).map { TerminalText(text: $0 + $1).padded(to: 8) } + ["trend"])
    let table =
      [header]
      + rows.map { label, scores in
        TerminalLayout.Row(
          lead: TerminalText(text: label).padded(to: width), title: "",
          cells: scores.map { TerminalText(text: $0.map(report.grading.printed) ?? "-").padded(to: 8) }
            + [TerminalText(text: TrendReport.sparkline(scores))])
      }
    let layout = TerminalLayout(width: self.width, rows: table, shortestTitle: 0)
    for row in table { out += layout.lines(row) }
    // One blank line before the notes. (An interpolated "\n" is escaped, like any value, to a space.)
    if marks.contains("*") || marks.contains("^") { out += "\n" }
    if marks.contains("*") {
      out += "\(TerminalLayout.wrap("* still running on \(report.asOf): provisional", width: self.width, indent: 2))\n"
    }
    if marks.contains("^") {
      out += "\(TerminalLayout.wrap("^ not started on \(report.asOf): provisional", width: self.width, indent: 2))\n"
    }
    return out.trimmingTrailingSpaces().description
  }
}

/// `okr score --quarters` as Markdown: a table with a column per quarter.
public struct TrendMarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// Renders the report.
  public func render(_ report: TrendReport) -> String {
    var out: MarkdownText = "# Scores by quarter · as of \(report.asOf)\n\n"
    out += MarkdownText.row(["Team"] + report.quarters.map { MarkdownText(text: $0) } + ["Trend"])
    out += MarkdownText.row(Array(repeating: "---", count: report.quarters.count + 2))
    let rows =
      [("**overall**" as MarkdownText, report.overall)] + report.teams.map { (MarkdownText(text: $0.team), $0.scores) }
    for (label, scores) in rows {
      out += MarkdownText.row(
        [label] + scores.map { MarkdownText(text: $0.map(report.grading.printed) ?? "–") }
          + [MarkdownText(text: TrendReport.sparkline(scores))])
    }
    return out.description
  }
}

/// `okr score --quarters` as CSV: one row per team (and `overall`) and quarter.
public struct TrendCSVRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// Renders the report, header first.
  public func render(_ report: TrendReport) -> String {
    var out = CSVCell.record(["level", "team", "quarter", "score", "provisional", "as_of"].map { CSVCell.text($0) })
    let rows = [("overall", "", report.overall)] + report.teams.map { ("team", $0.team, $0.scores) }
    for (level, team, scores) in rows {
      for (index, score) in scores.enumerated() {
        out += CSVCell.record([
          .text(level), .text(team), .text(report.quarters[index]), score.map(CSVCell.exact) ?? .empty,
          .text(report.provisional[index] ? "true" : "false"), .text(report.asOf),
        ])
      }
    }
    return out
  }
}
