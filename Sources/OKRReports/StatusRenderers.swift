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
    var table = TextTable()
    for team in report.teams {
      let indent = String(repeating: "  ", count: team.depth)
      let verdicts = team.objectives.flatMap(\.keyResults).map(\.verdict)
      let counts = Verdict.allCases.compactMap { verdict -> String? in
        let count = verdicts.filter { $0 == verdict }.count
        return count == 0 ? nil : "\(count) \(verdict.rawValue)"
      }
      table.break()
      let score = "\(team.score.map(report.grading.printed) ?? "-") \(team.grade?.rawValue ?? "")"
      let tail = " · \(counts.joined(separator: ", "))\(team.checkedInThisWeek ? "" : " · no check-in this week")"
      var head = indent + team.team + (team.name.map { " · \($0)" } ?? "")
      if let width, TerminalText(text: head + "  " + score + tail).width > width {
        head = indent + team.team
      }
      table.free(wrap(head + "  " + score + tail, width: width, first: 0, indent: indent.count + 2))
      for objective in team.objectives {
        let objectiveScore = objective.score.map(report.grading.printed) ?? "-"
        let room =
          width.map { $0 - indent.count - TerminalText(text: objective.id).width - objectiveScore.count - 6 } ?? 60
        table.free(
          "\(TerminalText(text: indent))  \(objective.id)  \(cut(objective.title, max(8, min(60, room))))  \(objectiveScore)"
        )
        for keyResult in objective.keyResults {
          let prefix = "\(indent)      \(keyResult.id)  "
          let titleLine: TerminalText =
            "\(TerminalText(text: prefix))\(cut(keyResult.title, max(8, (width ?? 80) - prefix.count)))"
          switch layout {
          case .oneLine(let titleWidth):
            table.row(
              ["\(TerminalText(text: prefix))\(cut(keyResult.title, titleWidth))"]
                + cells(keyResult, compact: false, grading: report.grading))
          case .twoLines:
            table.free(titleLine)
            table.row(
              [TerminalText(text: String(repeating: " ", count: 8))]
                + cells(keyResult, compact: true, grading: report.grading))
          case .threeLines:
            // Too narrow for the numbers on one line: values, then the bar, score and verdict.
            let numbers = cells(keyResult, compact: true, grading: report.grading)
            table.free(titleLine)
            let values: TerminalText = "    \(numbers[0])  \(numbers[1])"
            table.free(values.trimmingTrailingSpaces())
            table.free("    \(numbers[2])  \(numbers[3])  \(numbers[5])")
          }
        }
      }
    }
    out += table.render()
    return out.description + "\n" + AlertsTextRenderer(colors: colors, width: width).render(report)
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

  /// How a key result's line is laid out on a terminal of ``width`` columns.
  enum Layout: Equatable {
    /// Title (cut to this width) and numbers on one line: the full layout.
    case oneLine(Int)
    /// The title, then the numbers with a shorter bar and the last weeks of confidence.
    case twoLines
    /// The title, the values, then the bar, score and verdict.
    case threeLines
  }

  /// How wide titles may be, or how many lines a key result takes.
  private func layout(_ report: StatusReport) -> Layout {
    guard let width else { return .oneLine(Self.titleWidth) }
    var full = [Int](repeating: 0, count: 6)
    var compact = [Int](repeating: 0, count: 6)
    var prefix = 0
    for team in report.teams {
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          prefix = max(prefix, team.depth * 2 + 6 + keyResult.id.count + 2)
          for (index, cell) in cells(keyResult, compact: false, grading: report.grading).enumerated() {
            full[index] = max(full[index], cell.width)
          }
          for (index, cell) in cells(keyResult, compact: true, grading: report.grading).enumerated() {
            compact[index] = max(compact[index], cell.width)
          }
        }
      }
    }
    // Each column but the last is followed by two spaces.
    let room = width - prefix - full.reduce(0, +) - 2 * full.count
    if room >= Self.shortestTitle { return .oneLine(min(Self.titleWidth, room)) }
    if 10 + compact.reduce(0, +) + 2 * (compact.count - 1) <= width { return .twoLines }
    return .threeLines
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

/// `text` broken at spaces so no line passes `width` (a word longer than a line stays whole),
/// continuation lines indented by `indent`; the first line starts at column `first`.
func wrap(_ text: String, width: Int?, first: Int, indent: Int) -> TerminalText {
  guard let width else { return TerminalText(text: text) }
  var lines: [String] = []
  var line = ""
  var column = first
  for word in text.split(separator: " ") {
    let wordWidth = TerminalText(text: String(word)).width
    if line.isEmpty, lines.isEmpty, first > indent, first + wordWidth > width {
      // Not even the first word fits after what precedes it: start on the next line.
      lines.append("")
      column = indent
    }
    if line.isEmpty {
      line = String(word)
      column += wordWidth
    } else if column + 1 + wordWidth > width {
      lines.append(line)
      line = String(word)
      column = indent + wordWidth
    } else {
      line += " " + word
      column += 1 + wordWidth
    }
  }
  lines.append(line)
  let separator: TerminalText = "\n\(TerminalText(text: String(repeating: " ", count: indent)))"
  return TerminalText.joined(lines.map { TerminalText(text: $0) }, separator: separator)
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

  /// Creates a renderer.
  public init(markdown: Bool, closingLine: String? = nil) {
    self.markdown = markdown
    self.closingLine = closingLine
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

  private func renderText(_ report: StatusReport) -> TerminalText {
    let organization: TerminalText = report.organization.map { "\($0) " } ?? .empty
    var out: TerminalText = "Check-in \(report.week) · \(organization)\(report.quarter) · as of \(report.asOf)\n"
    for team in report.teams {
      let name: TerminalText = team.name.map { " · \($0)" } ?? .empty
      out += "\n\(team.team)\(name): \(status(team))\n"
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          out += "  \(objective.id)/\(keyResult.id)  \(keyResult.title)\n"
          for (label, value) in facts(keyResult) {
            out += "      \(TerminalText(text: label).padded(to: 13))\(value)\n"
          }
          out += "      \(Self.questions.joined(separator: " · "))\n"
        }
      }
    }
    if let closingLine { out += "\n\(closingLine)\n" }
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

/// Rows of cells padded into columns, with free lines between them.
struct TextTable {
  private enum Line {
    case cells([TerminalText])
    case free(TerminalText)
    case blank
  }

  private var lines: [Line] = []

  mutating func row(_ cells: [TerminalText]) { lines.append(.cells(cells)) }
  mutating func free(_ text: TerminalText) { lines.append(.free(text)) }
  mutating func `break`() { lines.append(.blank) }

  func render() -> TerminalText {
    var widths: [Int] = []
    for case .cells(let cells) in lines {
      for (index, cell) in cells.enumerated() {
        if index == widths.count { widths.append(0) }
        widths[index] = max(widths[index], cell.width)
      }
    }
    var out = TerminalText.empty
    for line in lines {
      switch line {
      case .blank: out += "\n"
      case .free(let text): out += "\(text)\n"
      case .cells(let cells):
        var text = TerminalText.empty
        for (index, cell) in cells.enumerated() {
          text += index < cells.count - 1 ? cell.padded(to: widths[index] + 2) : cell
        }
        out += "\(text.trimmingTrailingSpaces())\n"
      }
    }
    return out
  }
}

func cut(_ title: String, _ width: Int) -> TerminalText {
  TerminalText.cut(title, to: width)
}
