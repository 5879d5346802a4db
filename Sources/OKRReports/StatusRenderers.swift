import OKRCore

/// `okr status` as text: per key result, progress against its expected mark,
/// the confidence trend, the projection and a verdict; then the alerts.
public struct StatusTextRenderer: ReportRenderer {
  /// Whether to colour verdicts and grades.
  public var colors: Bool
  /// The terminal's width in columns, when writing to one; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(colors: Bool, width: Int? = nil) {
    self.colors = colors
    self.width = width
  }

  /// The longest key-result title shown, and the shortest worth showing beside the numbers.
  static let titleWidth = 34
  static let shortestTitle = 12

  /// The report as text.
  ///
  /// On a terminal narrower than the full layout, titles are shortened first;
  /// where even a short title leaves no room, each key result takes two lines,
  /// its title and then its numbers with a shorter bar and the last weeks of
  /// its confidence. Numbers are never cut.
  public func render(_ report: StatusReport) -> String {
    let heading =
      "\(report.organization.map { "\($0) · " } ?? "")\(report.quarter) status · as of \(report.asOf) (\(report.week))"
      + " · \(Format.percent(report.elapsed)) of the quarter elapsed"
    var out: TerminalText = "\(wrap(heading, width: width, first: 0, indent: 0))\n"
    out +=
      "\(wrap("Bars show progress from baseline to target; │ marks where the key result should be by now.", width: width, first: 0, indent: 0))\n"
    let layout = self.layout(report)
    var table = TerminalText.empty
    for team in report.teams {
      let indent = String(repeating: "  ", count: team.depth)
      let verdicts = team.objectives.flatMap(\.keyResults).map(\.verdict)
      let counts = Verdict.allCases.compactMap { verdict -> String? in
        let count = verdicts.filter { $0 == verdict }.count
        return count == 0 ? nil : "\(count) \(verdict.rawValue)"
      }
      table += "\n"
      let score = "\(team.score.map(report.grading.printed) ?? "-") \(team.grade?.rawValue ?? "")"
      let tail = " · \(counts.joined(separator: ", "))\(team.checkedInThisWeek ? "" : " · no check-in this week")"
      var head = indent + team.team + (team.name.map { " · \($0)" } ?? "")
      if let width, TerminalText(text: head + "  " + score + tail).width > width {
        head = indent + team.team
      }
      table += "\(wrap(head + "  " + score + tail, width: width, first: 0, indent: indent.count + 2))\n"
      for objective in team.objectives {
        let objectiveScore = objective.score.map(report.grading.printed) ?? "-"
        let room =
          width.map { $0 - indent.count - TerminalText(text: objective.id).width - objectiveScore.count - 6 } ?? 60
        table +=
          "\(TerminalText(text: indent))  \(objective.id)  \(cut(objective.title, max(8, min(60, room))))  \(objectiveScore)\n"
        for keyResult in objective.keyResults {
          table += layout.lines(row(keyResult, depth: team.depth, compact: layout.isStacked, grading: report.grading))
          if let override = overrideLine(keyResult, depth: team.depth, grading: report.grading) { table += override }
        }
      }
    }
    out += table
    return out.description + "\n" + AlertsTextRenderer(colors: colors, width: width).render(report)
  }

  /// A key result's row: its indent and id, its title, and its numbers.
  private func row(_ keyResult: StatusReport.KeyResult, depth: Int, compact: Bool, grading: Grading)
    -> TerminalLayout.Row
  {
    TerminalLayout.Row(
      lead: TerminalText(text: String(repeating: "  ", count: depth) + "      \(keyResult.id)  "),
      title: keyResult.title, limit: Self.titleWidth, cells: cells(keyResult, compact: compact, grading: grading))
  }

  /// Under an overridden key result, the score it computes and the person's note, wrapped to the width.
  private func overrideLine(_ keyResult: StatusReport.KeyResult, depth: Int, grading: Grading) -> TerminalText? {
    guard keyResult.overridden else { return nil }
    let indent = depth * 2 + 8 + TerminalText(text: keyResult.id).width
    let text = ScoreTextRenderer.overrideText(
      score: keyResult.score, computed: keyResult.progress, note: keyResult.scoreNote, grading: grading)
    let spaces = TerminalText(text: String(repeating: " ", count: indent))
    return "\(spaces)\(TerminalLayout.wrap(text, width: width, first: indent, indent: indent))\n"
  }

  /// The numbers of a key result's line: actual, expected, bar, score, trend, verdict.
  private func cells(_ keyResult: StatusReport.KeyResult, compact: Bool, grading: Grading) -> [TerminalText] {
    let trend = StatusReport.trend(keyResult)
    return [
      TerminalText(text: keyResult.actualText),
      keyResult.expectedText.map { "exp \($0)" } ?? .empty,
      TerminalText(text: bar(keyResult.progress, expected: keyResult.expectedProgress, width: compact ? 10 : 20)),
      "\(grading.printed(keyResult.score))\(keyResult.projectedScore.map { "→\(grading.printed($0))" } ?? "")",
      TerminalText(text: compact ? String(trend.suffix(4)) : trend),
      paint(keyResult.verdict),
    ]
  }

  /// How key results' lines are laid out: the full numbers beside shortened
  /// titles; where that leaves no room, each title on its line and then its
  /// numbers with a shorter bar and the last weeks of confidence, on as many
  /// lines as they take.
  private func layout(_ report: StatusReport) -> TerminalLayout {
    let keyResults = report.teams.flatMap { team in
      team.objectives.flatMap(\.keyResults).map { (depth: team.depth, keyResult: $0) }
    }
    let full = TerminalLayout(
      width: width,
      rows: keyResults.map { row($0.keyResult, depth: $0.depth, compact: false, grading: report.grading) },
      shortestTitle: Self.shortestTitle)
    guard full.isStacked else { return full }
    return TerminalLayout(
      width: width,
      rows: keyResults.map { row($0.keyResult, depth: $0.depth, compact: true, grading: report.grading) },
      shortestTitle: .max, stackIndent: (width ?? 80) < 60 ? 4 : 8)
  }

  /// Cells filled to the progress made (twenty by default), with `│` at the progress expected by now.
  func bar(_ progress: Double, expected: Double?, width: Int = 20) -> String {
    let filled = Int((min(1, max(0, progress)) * Double(width)).rounded())
    var cells = Array(String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled))
    if let expected {
      let mark = min(width - 1, Int((min(1, max(0, expected)) * Double(width)).rounded()))
      cells[mark] = "│"
    }
    return String(cells)
  }

  private func paint(_ verdict: Verdict) -> TerminalText {
    ANSIColor.paint(TerminalText(text: verdict.rawValue), ANSIColor(verdict), enabled: colors)
  }
}

/// `okr alerts` (and the end of `okr status`) as text.
public struct AlertsTextRenderer: ReportRenderer {
  /// Whether to colour rule names.
  public var colors: Bool
  /// The terminal's width, to wrap evidence and responses at; `nil` for one line each.
  public var width: Int?

  /// Creates a renderer.
  public init(colors: Bool, width: Int? = nil) {
    self.colors = colors
    self.width = width
  }

  /// One block per alert: where, which rule, the evidence, then the agreed response.
  public func render(_ report: StatusReport) -> String {
    var unchecked: TerminalText = .empty
    for rule in report.unchecked ?? [] {
      let line = "\(rule.rule.rawValue) could not be checked: \(rule.reason)"
      unchecked += "\n\(wrapped(line, first: 0, indent: 2))\n"
    }
    guard !report.alerts.isEmpty else {
      let none: TerminalText = "No alerts for \(report.quarter) as of \(report.asOf).\n"
      return (none + unchecked).description
    }
    let count: TerminalText =
      report.alerts.count == 1 ? "1 alert fires" : "\(report.alerts.count) alerts fire"
    var out: TerminalText =
      "\(wrap("\(count.description) for \(report.quarter) as of \(report.asOf):", width: width, first: 0, indent: 0))\n"
    for alert in report.alerts {
      let rule = TerminalText.styled(TerminalText(text: alert.rule.rawValue), sgr: "1;31", enabled: colors)
      let kr: TerminalText = alert.kr.map { " \($0)" } ?? .empty
      let lead = TerminalText(text: "  \(alert.team)\(alert.kr.map { " \($0)" } ?? "")  \(alert.rule.rawValue): ")
      out += "\n  \(alert.team)\(kr)  \(rule): \(wrapped(alert.evidence, first: lead.width, indent: 4))\n"
      out += "    → \(wrapped(alert.action, first: 6, indent: 6))\n"
    }
    return (out + unchecked).description
  }

  /// `text` broken at spaces to fit ``width``, continuation lines indented; as it is without a width.
  func wrapped(_ text: String, first: Int, indent: Int) -> TerminalText {
    wrap(text, width: width, first: first, indent: indent)
  }
}

/// `text` broken at spaces to fit `width`: ``TerminalLayout/wrap(_:width:first:indent:)``.
func wrap(_ text: String, width: Int?, first: Int, indent: Int) -> TerminalText {
  TerminalLayout.wrap(TerminalText(text: text), width: width, first: first, indent: indent)
}

/// `okr alerts --format json`: just the alerts, for bots and CI.
public struct AlertsReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the as-of day: the status report's header.
  public var header: ReportHeader
  /// The alerts that fire.
  public var alerts: [StatusReport.AlertEntry]
  /// The rules that could not be checked; absent when every rule was.
  public var unchecked: [UncheckedRule]?

  enum CodingKeys: String, CodingKey {
    case alerts, unchecked
  }

  /// The header's fields, then the report's own, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(alerts, forKey: .alerts)
    try container.encodeIfPresent(unchecked, forKey: .unchecked)
  }

  /// The alerts of a status report.
  public init(_ report: StatusReport) {
    header = report.header
    alerts = report.alerts
    unchecked = report.unchecked
  }
}

/// `okr status` as Markdown.
public struct StatusMarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The report as Markdown: a table per team, then the alerts.
  public func render(_ report: StatusReport) -> String {
    let organization: MarkdownText = report.organization.map { "\($0) " } ?? .empty
    var out: MarkdownText = "# \(organization)status: \(report.quarter), \(report.week)\n\n"
    out += "As of \(report.asOf), \(Format.percent(report.elapsed)) of the quarter has elapsed.\n"
    for team in report.teams {
      out +=
        "\n## \(team.name ?? team.team) (\(MarkdownText.code(team.team))): \(team.score.map(report.grading.printed) ?? "-")"
      out += team.checkedInThisWeek ? "\n\n" : " · no check-in this week\n\n"
      out += "| KR | Key result | Actual | Expected | Score | Projected | Confidence by week | Verdict |\n"
      out += "| --- | --- | --- | --- | ---: | ---: | --- | --- |\n"
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          let confidences = keyResult.history.compactMap { $0.confidence.map(String.init) }
          let cells: [MarkdownText] =
            [
              "\(objective.id)/\(keyResult.id)", keyResult.title, keyResult.actualText, keyResult.expectedText ?? "",
              report.grading.printed(keyResult.score), keyResult.projectedScore.map(report.grading.printed) ?? "",
              confidences.joined(separator: " "),
            ].map { MarkdownText(text: $0) } + ["**\(keyResult.verdict.rawValue)**"]
          out += MarkdownText.row(cells)
        }
      }
    }
    out += "\n## Alerts\n\n"
    if report.alerts.isEmpty {
      out += "None.\n"
    } else {
      for alert in report.alerts {
        let place = MarkdownText.code("\(alert.team)\(alert.kr.map { " \($0)" } ?? "")")
        out += "- **\(alert.rule.rawValue)**, \(place): \(alert.evidence). "
        out += "Response: \(alert.action).\n"
      }
    }
    return out.description
  }
}

/// `okr checkin`: this week's prompts, per team and key result.
public struct CheckinPromptRenderer: ReportRenderer {
  /// Text or Markdown (for the meeting's notes).
  public var markdown: Bool
  /// A line that closes the text prompts, such as how to record the answers;
  /// the caller's words, as only the caller knows how answers get recorded.
  public var closingLine: String?
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(markdown: Bool, closingLine: String? = nil, width: Int? = nil) {
    self.markdown = markdown
    self.closingLine = closingLine
    self.width = width
  }

  /// The three questions every key result gets.
  public static let questions = [
    "What changed since the last check-in?", "How confident are we now (0-10, or green/yellow/red)?",
    "What is in the way?",
  ]

  /// The prompts.
  public func render(_ report: StatusReport) -> String {
    markdown ? renderMarkdown(report).description : renderText(report).description
  }

  /// The prompts as text; on a terminal, titles are shortened to their line and
  /// facts and questions wrapped under their column, numbers whole.
  private func renderText(_ report: StatusReport) -> TerminalText {
    let layout = TerminalLayout(width: width, rows: [])
    let organization: TerminalText = report.organization.map { "\($0) " } ?? .empty
    var out: TerminalText =
      "\(layout.wrap("Check-in \(report.week) · \(organization)\(report.quarter) · as of \(report.asOf)"))\n"
    for team in report.teams {
      let name: TerminalText = team.name.map { " · \($0)" } ?? .empty
      out += "\n\(layout.wrap("\(team.team)\(name): \(status(team))", indent: 2))\n"
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          let lead: TerminalText = "  \(objective.id)/\(keyResult.id)  "
          let title = width.map { TerminalLayout.cut(keyResult.title, to: max(12, $0 - lead.width)) }
          out += "\(lead)\(title ?? TerminalText(text: keyResult.title))\n"
          for (label, value) in facts(keyResult) {
            let fact: TerminalText = "\(TerminalText(text: label).padded(to: 13))\(value)"
            out += "      \(layout.wrap(fact, first: 6, indent: 19))\n"
          }
          out +=
            "      \(layout.wrap(TerminalText(text: Self.questions.joined(separator: " · ")), first: 6, indent: 6))\n"
        }
      }
    }
    if let closingLine { out += "\n\(layout.wrap(closingLine))\n" }
    return out
  }

  private func renderMarkdown(_ report: StatusReport) -> MarkdownText {
    let organization: MarkdownText = report.organization.map { "\($0) " } ?? .empty
    var out: MarkdownText = "# Check-in \(report.week): \(organization)\(report.quarter)\n\nAs of \(report.asOf).\n"
    for team in report.teams {
      out += "\n## \(team.name ?? team.team) (\(MarkdownText.code(team.team)))\n\n_\(status(team))_\n"
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          out += "\n### \(objective.id)/\(keyResult.id): \(keyResult.title)\n\n"
          for (label, value) in facts(keyResult) {
            out += "- \(label): \(value)\n"
          }
          for question in Self.questions {
            out += "- **\(question)**\n"
          }
        }
      }
    }
    return out
  }

  private func status(_ team: StatusReport.Team) -> String {
    team.checkedInThisWeek ? "already checked in this week" : "not checked in yet this week"
  }

  /// What the prompt shows about a key result, as label and person-readable value (escaped by the caller's type).
  private func facts(_ keyResult: StatusReport.KeyResult) -> [(String, String)] {
    let last =
      keyResult.lastCheckinDate.map { "\(keyResult.actualText) on \($0) (\(keyResult.lastCheckinWeek ?? ""))" }
      ?? "\(keyResult.actualText), no check-in yet"
    var facts = [("last value", last)]
    if let expected = keyResult.expectedText {
      facts.append(("expected now", "\(expected) (\(keyResult.pace.rawValue) pace) · \(keyResult.verdict.rawValue)"))
    }
    let confidences = keyResult.history.compactMap(\.confidence)
    if let latest = confidences.last {
      var trend = "\(latest)"
      if confidences.count >= 2 {
        let change = latest - confidences[confidences.count - 2]
        trend += change == 0 ? ", unchanged" : (change > 0 ? ", up \(change)" : ", down \(-change)")
      }
      trend += "  " + StatusReport.trend(keyResult)
      facts.append(("confidence", trend))
    } else {
      facts.append(("confidence", "none yet"))
    }
    if !keyResult.blockers.isEmpty { facts.append(("blockers", keyResult.blockers.joined(separator: "; "))) }
    return facts
  }
}

func cut(_ title: String, _ width: Int) -> TerminalText {
  TerminalText.cut(title, to: width)
}
