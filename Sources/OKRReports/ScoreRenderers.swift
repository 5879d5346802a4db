import OKRCore

/// `okr score` as an aligned table: a bar per score, grade colours when allowed.
public struct ScoreTextRenderer: ReportRenderer {
  /// Whether to colour grades with ANSI escapes.
  public var colors: Bool
  /// The widest a title may be before it is cut with `…`.
  public var maxTitleWidth: Int
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// The shortest title worth showing beside the numbers; with less room each row stacks.
  static let shortestTitle = 16

  /// Creates a renderer.
  public init(colors: Bool, maxTitleWidth: Int = 40, width: Int? = nil) {
    self.colors = colors
    self.maxTitleWidth = maxTitleWidth
    self.width = width
  }

  /// A line of the card: a scored row of the table, or a line of free text.
  private enum Line: Sendable {
    case row(TerminalLayout.Row)
    /// Free text (a summary, a note) starting at column `at`, continued at
    /// `hang`, then a blank line when it closes a heading.
    case free(TerminalText, at: Int, hang: Int, blankAfter: Bool)
  }

  /// The report as text.
  ///
  /// Teams are independent but for the column widths, so each team's rows,
  /// then each team's lines, are made on all cores.
  public func render(_ report: ScoreReport) -> String {
    let teamLines = report.teams.concurrentMap { team in
      lines(of: team, provisional: report.provisional, grading: report.grading)
    }
    let rows = teamLines.joined().compactMap { line -> TerminalLayout.Row? in
      if case .row(let row) = line { return row }
      return nil
    }
    let layout = TerminalLayout(width: width, rows: rows, shortestTitle: Self.shortestTitle)
    let teamText = teamLines.concurrentMap { lines in
      var out = TerminalText.empty
      for line in lines {
        switch line {
        case .row(let row): out += layout.lines(row)
        case .free(let text, let at, let hang, let blankAfter):
          let spaces = TerminalText(text: String(repeating: " ", count: at))
          out += "\(spaces)\(layout.wrap(text, first: at, indent: hang))\n"
          if blankAfter { out += "\n" }
        }
      }
      return out.description
    }
    return header(report).description + teamText.joined() + overall(report).description
  }

  private func lines(of team: ScoreReport.Team, provisional: Bool, grading: Grading) -> [Line] {
    var lines: [Line] = []
    let indent = String(repeating: "  ", count: team.depth)
    lines.append(
      heading(
        TerminalLayout.Row(
          lead: TerminalText(text: indent + team.team + (team.name == nil ? "" : " · ")), title: team.name ?? ""),
        team.score, team.grade, grading, blankAfter: true))
    for objective in team.objectives {
      lines.append(
        heading(
          TerminalLayout.Row(
            lead: TerminalText(text: "\(indent)  \(objective.id)  "), title: objective.title, limit: maxTitleWidth),
          objective.score, objective.grade, grading, blankAfter: false))
      for keyResult in objective.keyResults {
        let lead = TerminalText(text: "\(indent)      \(keyResult.id)  ")
        lines.append(
          .row(
            TerminalLayout.Row(
              lead: lead, title: keyResult.title, limit: maxTitleWidth,
              cells: [TerminalText(text: keyResult.actualText), TerminalText(text: keyResult.goalText)]
                + scoreCells(keyResult.score, keyResult.grade, grading)
                + [
                  keyResult.confidence.map { "conf \($0)" } ?? .empty,
                  TerminalText(text: keyResult.flags(provisional: provisional).joined(separator: ", ")),
                ])))
        if keyResult.overridden {
          let text = Self.overrideText(
            score: keyResult.score, computed: keyResult.computedScore, note: keyResult.scoreNote, grading: grading)
          lines.append(.free(text, at: lead.width, hang: lead.width, blankAfter: false))
        }
      }
    }
    lines.append(
      .free(
        summary(team, provisional: provisional, grading: grading), at: indent.count + 2, hang: indent.count + 4,
        blankAfter: true))
    return lines
  }

  /// A team's or an objective's line: a row of the table with its score, or its label alone without one.
  private func heading(
    _ row: TerminalLayout.Row, _ score: Double?, _ grade: Grade?, _ grading: Grading, blankAfter: Bool
  ) -> Line {
    guard let score else {
      return .free(row.lead + row.fullTitle, at: 0, hang: row.lead.width, blankAfter: blankAfter)
    }
    var row = row
    row.cells = [.empty, .empty] + scoreCells(score, grade, grading)
    return .row(row)
  }

  /// The score, its bar and its grade, in the columns of the table.
  private func scoreCells(_ score: Double, _ grade: Grade?, _ grading: Grading) -> [TerminalText] {
    [
      paint("\(grading.printed(score)) \(bar(score, grading))", grade),
      paint(TerminalText(text: grade?.rawValue ?? "").padded(to: 6), grade),
    ]
  }

  /// An overridden key result's score, the score it computes, and the person's note:
  /// `0.6 (override; computed 0.65) — note`.
  ///
  /// The computed score shows as many decimals as it takes to differ from the override.
  static func overrideText(score: Double, computed: Double, note: String?, grading: Grading) -> TerminalText {
    var shown = grading.printed(computed)
    if shown == grading.printed(score), computed != score { shown = Format.number(computed) }
    let text: TerminalText = "\(grading.printed(score)) (override; computed \(shown))"
    return text + (note.map { " — \($0)" } ?? .empty)
  }

  private func header(_ report: ScoreReport) -> TerminalText {
    let organization: TerminalText = report.organization.map { "\($0) · " } ?? .empty
    let period: TerminalText =
      report.quarter.contains("..") ? .empty : " (\(report.periodStart) to \(report.periodEnd))"
    let layout = TerminalLayout(width: width, rows: [])
    var text: TerminalText = "\(layout.wrap("\(organization)\(report.quarter)\(period) · as of \(report.asOf)"))\n"
    if report.provisional {
      let line: TerminalText =
        "Provisional: \(Format.percent(report.elapsed)) of the quarter has elapsed; scores will still move."
      text += "\(layout.wrap(line))\n"
    }
    return text + "\n"
  }

  private func summary(_ team: ScoreReport.Team, provisional: Bool, grading: Grading) -> TerminalText {
    let keyResults = team.objectives.flatMap(\.keyResults)
    var parts: [TerminalText] = [
      "\(team.team): \(team.score.map(grading.printed) ?? "-") \(team.grade?.rawValue ?? "")"
    ]
    if team.score != team.objectivesScore, let own = team.objectivesScore {
      parts.append("own objectives \(grading.printed(own))")
    }
    parts.append("\(count(team.objectives.count, "objective")), \(count(keyResults.count, "key result"))")
    let missed = keyResults.filter(\.belowCommitment).count
    if missed > 0 { parts.append("\(missed) committed \(provisional ? "below 1.0" : "missed")") }
    if team.possiblySandbagging { parts.append("possibly sandbagging: every aspirational key result scores 1.0") }
    return TerminalText.joined(parts, separator: " · ")
  }

  private func overall(_ report: ScoreReport) -> TerminalText {
    let keyResults = report.teams.flatMap(\.objectives).flatMap(\.keyResults)
    let score: TerminalText =
      report.score.map { "\(report.grading.printed($0)) \(bar($0, report.grading)) \(report.grade?.rawValue ?? "")" }
      ?? "-"
    var parts: [TerminalText] = [
      "Overall \(score)", "\(count(report.teams.count, "team"))",
      "\(count(report.teams.flatMap(\.objectives).count, "objective"))", "\(count(keyResults.count, "key result"))",
    ]
    let missed = keyResults.filter(\.belowCommitment).count
    if missed > 0 { parts.append("\(missed) committed \(report.provisional ? "below 1.0" : "missed")") }
    let overridden = keyResults.filter(\.overridden).count
    if overridden > 0 { parts.append("\(overridden) overridden") }
    let line = (report.provisional ? "Provisional. " : .empty) + TerminalText.joined(parts, separator: " · ")
    return TerminalLayout(width: width, rows: []).wrap(line) + "\n"
  }

  /// Ten cells, filled to the printed score's first decimal.
  ///
  /// A score printed with more decimals (0.37 beside "red") is filled to its
  /// tenths rounded down, so the bar no more crosses a band than the number.
  func bar(_ score: Double, _ grading: Grading) -> String {
    let printed = grading.printed(score)
    // Scores lie in 0...1, so one decimal is three characters ("0.4"); more means a truncated tenth.
    let digits = printed.utf8.prefix(3).filter { $0 != UInt8(ascii: ".") }
    let tenths = Int(String(decoding: digits, as: UTF8.self)) ?? 0
    let filled = min(10, max(0, tenths))
    return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
  }

  private func paint(_ text: TerminalText, _ grade: Grade?) -> TerminalText {
    ANSIColor.paint(text, grade.map(ANSIColor.init), enabled: colors)
  }

}

func count(_ number: Int, _ noun: String) -> String { Format.count(number, noun) }

/// The three colours reports use, as ANSI escapes, only when colour is allowed.
enum ANSIColor {
  case red
  case yellow
  case green

  init(_ grade: Grade) {
    switch grade {
    case .red: self = .red
    case .yellow: self = .yellow
    case .green: self = .green
    }
  }

  init(_ verdict: Verdict) {
    switch verdict {
    case .onTrack, .achieved: self = .green
    case .atRisk, .ended: self = .yellow
    case .offTrack, .missed: self = .red
    }
  }

  static func paint(_ text: TerminalText, _ color: ANSIColor?, enabled: Bool) -> TerminalText {
    switch color {
    case .red?: return TerminalText.styled(text, sgr: "31", enabled: enabled)
    case .yellow?: return TerminalText.styled(text, sgr: "33", enabled: enabled)
    case .green?: return TerminalText.styled(text, sgr: "32", enabled: enabled)
    case nil: return text
    }
  }
}

/// `okr score` as Markdown: a summary table, then a section per team, ready
/// for a pull request or a wiki page.
public struct ScoreMarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The report as Markdown.
  public func render(_ report: ScoreReport) -> String {
    let organization: MarkdownText = report.organization.map { "\($0) " } ?? .empty
    var out: MarkdownText = "# \(organization)OKR scores: \(report.quarter)\n\n"
    out += "Scored as of \(report.asOf) for \(report.periodStart) to \(report.periodEnd)."
    if report.provisional {
      out += " **Provisional:** \(Format.percent(report.elapsed)) of the quarter has elapsed."
    }
    out += "\n\n"
    out +=
      "**Overall: \(report.score.map(report.grading.printed) ?? "-")** (\(report.grade?.rawValue ?? "no grade"))\n\n"
    out += "| Team | Parent | Score | Grade | Objectives | Key results | Notes |\n"
    out += "| --- | --- | ---: | --- | ---: | ---: | --- |\n"
    for team in report.teams {
      let keyResults = team.objectives.flatMap(\.keyResults)
      var notes: [String] = []
      let missed = keyResults.filter(\.belowCommitment).count
      if missed > 0 { notes.append("\(missed) committed \(report.provisional ? "below 1.0" : "missed")") }
      if team.possiblySandbagging { notes.append("possibly sandbagging") }
      let indent = String(repeating: "↳ ", count: team.depth)
      let name: MarkdownText =
        team.name.map { "\(indent)\($0) (\(MarkdownText.code(team.team)))" }
        ?? "\(indent)\(MarkdownText.code(team.team))"
      out += MarkdownText.row([
        name, team.parent.map { MarkdownText.code($0) } ?? .empty,
        MarkdownText(text: team.score.map(report.grading.printed) ?? "-"),
        MarkdownText(text: team.grade?.rawValue ?? ""),
        MarkdownText(text: team.objectives.count), MarkdownText(text: keyResults.count),
        MarkdownText(text: notes.joined(separator: ", ")),
      ])
    }
    for team in report.teams {
      out +=
        "\n## \(team.name ?? team.team) (\(MarkdownText.code(team.team))): \(team.score.map(report.grading.printed) ?? "-")\n\n"
      var facts: [MarkdownText] = ["Grade: \(team.grade?.rawValue ?? "none")"]
      if let parent = team.parent { facts.append("parent: \(MarkdownText.code(parent))") }
      if team.score != team.objectivesScore, let own = team.objectivesScore {
        facts.append("own objectives: \(report.grading.printed(own))")
      }
      if team.possiblySandbagging {
        facts.append("**possibly sandbagging**: every aspirational key result scores 1.0")
      }
      out += MarkdownText.joined(facts, separator: " · ") + "\n"
      for objective in team.objectives {
        out +=
          "\n### \(objective.id): \(objective.title) (\(objective.score.map(report.grading.printed) ?? "-"), \(objective.grade?.rawValue ?? "no grade"))\n\n"
        if let alignsTo = objective.alignsTo { out += "Aligns to \(MarkdownText.code(alignsTo)).\n\n" }
        out += "| KR | Key result | Goal | Actual | Score | Grade | Confidence | Notes |\n"
        out += "| --- | --- | --- | --- | ---: | --- | --- | --- |\n"
        for keyResult in objective.keyResults {
          var notes = keyResult.flags(provisional: report.provisional)
          if let note = keyResult.scoreNote { notes.append("override: \(note)") }
          let confidence = keyResult.confidence.map { level in
            "\(level) (\(keyResult.confidenceBand?.rawValue ?? ""))"
          }
          out += MarkdownText.row(
            [
              keyResult.id, keyResult.title, keyResult.goalText, keyResult.actualText,
              report.grading.printed(keyResult.score), keyResult.grade.rawValue, confidence ?? "",
              notes.joined(separator: "; "),
            ].map { MarkdownText(text: $0) })
        }
      }
    }
    return out.description
  }
}

/// `okr score` as CSV: one row per key result, RFC 4180 quoting, exact scores.
public struct ScoreCSVRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The columns, in order.
  ///
  /// `level` says what a row scores: `kr`, `dropped_kr` (out of its
  /// objective's mean, with its last score), `objective`, `team` (its roll-up)
  /// or `overall`, so one file carries the whole score card. A key result's
  /// `computed_score` is what its check-ins score, which `score` replaces when
  /// `overridden`, and `score_note` says why; new columns go at the end, so a
  /// sheet that reads columns by position keeps working.
  public static let columns = [
    "level", "quarter", "as_of", "provisional", "team", "objective", "kr", "title", "type", "commitment", "weight",
    "baseline", "target", "actual", "score", "grade", "confidence", "overridden", "computed_score", "score_note",
  ]

  /// The columns that hold numbers okr formats: the only cells that may start with `-` or `+`.
  public static let numericColumns: Set<String> = [
    "weight", "baseline", "target", "actual", "score", "confidence", "computed_score",
  ]

  /// The report as CSV, header first: the overall row, then per team its roll-up, its objectives and their key results.
  public func render(_ report: ScoreReport) -> String {
    let context: [CSVCell] = [.text(report.quarter), .text(report.asOf), .text(report.provisional ? "true" : "false")]
    // The columns only a key result fills: confidence, overridden, computed_score and score_note.
    let keyResultOnly = Array(repeating: CSVCell.empty, count: 4)
    func row(_ level: String, _ cells: [CSVCell]) -> String {
      CSVCell.record([.text(level)] + context + cells)
    }
    var out = CSVCell.record(Self.columns.map { CSVCell.text($0) })
    out += row(
      "overall",
      Array(repeating: .empty, count: 10) + [report.score.map(CSVCell.exact) ?? .empty]
        + [report.grade.map { .text($0.rawValue) } ?? .empty] + keyResultOnly)
    for team in report.teams {
      out += row(
        "team",
        [.text(team.team), .empty, .empty, .text(team.name ?? "")] + Array(repeating: .empty, count: 6)
          + [team.score.map(CSVCell.exact) ?? .empty, team.grade.map { .text($0.rawValue) } ?? .empty]
          + keyResultOnly)
      for objective in team.objectives {
        out += row(
          "objective",
          [.text(team.team), .text(objective.id), .empty, .text(objective.title)] + Array(repeating: .empty, count: 6)
            + [objective.score.map(CSVCell.exact) ?? .empty, objective.grade.map { .text($0.rawValue) } ?? .empty]
            + keyResultOnly)
        for keyResult in objective.keyResults {
          // What was measured, in the shape the kind records: a flag, milestone titles or a value.
          let actual: CSVCell
          if let done = keyResult.done {
            actual = .text(done ? "true" : "false")
          } else if let titles = keyResult.milestonesDone {
            actual = .text(titles.joined(separator: "; "))
          } else {
            actual = keyResult.actual.map(CSVCell.number) ?? .empty
          }
          let target = keyResult.target ?? keyResult.bound
          out += row(
            keyResult.dropped == nil ? "kr" : "dropped_kr",
            [
              .text(team.team), .text(objective.id), .text(keyResult.id), .text(keyResult.title),
              .text(keyResult.type), .text(keyResult.commitment.rawValue), .number(keyResult.weight),
              keyResult.baseline.map(CSVCell.number) ?? .empty, target.map(CSVCell.number) ?? .empty, actual,
              .exact(keyResult.score), .text(keyResult.grade.rawValue),
              keyResult.confidence.map(CSVCell.integer) ?? .empty,
              .text(keyResult.overridden ? "true" : "false"), .exact(keyResult.computedScore),
              keyResult.scoreNote.map(CSVCell.text) ?? .empty,
            ])
        }
      }
    }
    return out
  }
}
