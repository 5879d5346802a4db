import OKRCore

/// `okr status` as text: per key result, progress against its expected mark,
/// the confidence trend, the projection and a verdict; then the alerts.
public struct StatusTextRenderer: Sendable {
  /// Whether to colour verdicts and grades.
  public var colors: Bool

  /// Creates a renderer.
  public init(colors: Bool) {
    self.colors = colors
  }

  /// The report as text.
  public func render(_ report: StatusReport) -> String {
    var out =
      "\(report.organization.map { "\(Format.safe($0)) · " } ?? "")\(report.quarter) status · as of \(report.asOf) (\(report.week))"
    out += " · \(Format.percent(report.elapsed)) of the quarter elapsed\n"
    out += "Bars show progress from baseline to target; │ marks where the key result should be by now.\n"
    var table = TextTable()
    for team in report.teams {
      let indent = String(repeating: "  ", count: team.depth)
      let verdicts = team.objectives.flatMap(\.keyResults).map(\.verdict)
      let counts = Verdict.allCases.compactMap { verdict -> String? in
        let count = verdicts.filter { $0 == verdict }.count
        return count == 0 ? nil : "\(count) \(verdict.rawValue)"
      }
      table.break()
      table.free(
        indent + team.team + (team.name.map { " · \(Format.safe($0))" } ?? "") + "  "
          + "\(team.score.map(Scoring.oneDecimal) ?? "-") \(team.grade?.rawValue ?? "")"
          + " · " + counts.joined(separator: ", ")
          + (team.checkedInThisWeek ? "" : " · no check-in this week"))
      for objective in team.objectives {
        table.free(
          indent + "  \(objective.id)  \(cut(objective.title, 60))  \(objective.score.map(Scoring.oneDecimal) ?? "-")")
        for keyResult in objective.keyResults {
          table.row([
            indent + "      \(keyResult.id)  \(cut(keyResult.title, 34))",
            keyResult.actualText,
            keyResult.expectedText.map { "exp \($0)" } ?? "",
            bar(keyResult.progress, expected: keyResult.expectedProgress),
            "\(Scoring.oneDecimal(keyResult.score))"
              + (keyResult.projectedScore.map { "→\(Scoring.oneDecimal($0))" } ?? ""),
            StatusReport.trend(keyResult),
            paint(keyResult.verdict),
          ])
        }
      }
    }
    out += table.render()
    out += "\n" + AlertsTextRenderer(colors: colors).render(report)
    return out
  }

  /// Twenty cells filled to the progress made, with `│` at the progress expected by now.
  func bar(_ progress: Double, expected: Double?) -> String {
    let width = 20
    let filled = Int((min(1, max(0, progress)) * Double(width)).rounded())
    var cells = Array(String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled))
    if let expected {
      let mark = min(width - 1, Int((min(1, max(0, expected)) * Double(width)).rounded()))
      cells[mark] = "│"
    }
    return String(cells)
  }

  private func paint(_ verdict: Verdict) -> String {
    ANSIColor.paint(verdict.rawValue, ANSIColor(verdict), enabled: colors)
  }
}

/// `okr alerts` (and the end of `okr status`) as text.
public struct AlertsTextRenderer: Sendable {
  /// Whether to colour rule names.
  public var colors: Bool

  /// Creates a renderer.
  public init(colors: Bool) {
    self.colors = colors
  }

  /// One block per alert: where, which rule, the evidence, then the agreed response.
  public func render(_ report: StatusReport) -> String {
    guard !report.alerts.isEmpty else {
      return "No alerts for \(report.quarter) as of \(report.asOf).\n"
    }
    let count = report.alerts.count == 1 ? "1 alert fires" : "\(report.alerts.count) alerts fire"
    var out = "\(count) for \(report.quarter) as of \(report.asOf):\n"
    for alert in report.alerts {
      let rule = colors ? "\u{1B}[1;31m\(alert.rule.rawValue)\u{1B}[0m" : alert.rule.rawValue
      out +=
        "\n  \(alert.team)\(alert.kr.map { " \(Format.safe($0))" } ?? "")  \(rule): \(Format.safe(alert.evidence))\n"
      out += "    → \(Format.safe(alert.action))\n"
    }
    return out
  }
}

/// `okr alerts --format json`: just the alerts, for bots and CI.
public struct AlertsReport: Encodable, Sendable {
  public var schemaVersion = 1
  public var quarter: String
  public var asOf: String
  public var alerts: [StatusReport.AlertEntry]

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case quarter
    case asOf = "as_of"
    case alerts
  }

  /// The alerts of a status report.
  public init(_ report: StatusReport) {
    quarter = report.quarter
    asOf = report.asOf
    alerts = report.alerts
  }
}

/// `okr status` as Markdown.
public struct StatusMarkdownRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The report as Markdown: a table per team, then the alerts.
  public func render(_ report: StatusReport) -> String {
    var out =
      "# \(report.organization.map { "\(Format.safe($0)) " } ?? "")status: \(report.quarter), \(report.week)\n\n"
    out += "As of \(report.asOf), \(Format.percent(report.elapsed)) of the quarter has elapsed.\n"
    for team in report.teams {
      out +=
        "\n## \(markdownCell(team.name ?? team.team)) (`\(team.team)`): \(team.score.map(Scoring.oneDecimal) ?? "-")"
      out += team.checkedInThisWeek ? "\n\n" : " · no check-in this week\n\n"
      out += "| KR | Key result | Actual | Expected | Score | Projected | Confidence by week | Verdict |\n"
      out += "| --- | --- | --- | --- | ---: | ---: | --- | --- |\n"
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          let confidences = keyResult.history.compactMap { $0.confidence.map(String.init) }
          let cells: [String] = [
            "\(objective.id)/\(keyResult.id)", keyResult.title, keyResult.actualText, keyResult.expectedText ?? "",
            Scoring.oneDecimal(keyResult.score), keyResult.projectedScore.map(Scoring.oneDecimal) ?? "",
            confidences.joined(separator: " "), "**\(keyResult.verdict.rawValue)**",
          ]
          out += "| " + cells.map(markdownCell).joined(separator: " | ") + " |\n"
        }
      }
    }
    out += "\n## Alerts\n\n"
    if report.alerts.isEmpty {
      out += "None.\n"
    } else {
      for alert in report.alerts {
        out +=
          "- **\(alert.rule.rawValue)**, `\(alert.team)\(alert.kr.map { " \($0)" } ?? "")`: \(markdownCell(alert.evidence)). "
        out += "Response: \(markdownCell(alert.action)).\n"
      }
    }
    return out
  }
}

/// `okr checkin`: this week's prompts, per team and key result.
public struct CheckinPromptRenderer: Sendable {
  /// Text or Markdown (for the meeting's notes).
  public var markdown: Bool

  /// Creates a renderer.
  public init(markdown: Bool) {
    self.markdown = markdown
  }

  /// The three questions every key result gets.
  public static let questions = [
    "What changed since the last check-in?", "How confident are we now (0-10, or green/yellow/red)?",
    "What is in the way?",
  ]

  /// The prompts.
  public func render(_ report: StatusReport) -> String {
    var out =
      markdown
      ? "# Check-in \(report.week): \(report.organization.map { "\(Format.safe($0)) " } ?? "")\(report.quarter)\n\nAs of \(report.asOf).\n"
      : "Check-in \(report.week) · \(report.organization.map { "\(Format.safe($0)) " } ?? "")\(report.quarter) · as of \(report.asOf)\n"
    for team in report.teams {
      let status = team.checkedInThisWeek ? "already checked in this week" : "not checked in yet this week"
      out +=
        markdown
        ? "\n## \(markdownCell(team.name ?? team.team)) (`\(team.team)`)\n\n_\(status)_\n"
        : "\n\(team.team)\(team.name.map { " · \(Format.safe($0))" } ?? ""): \(status)\n"
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          let reference = "\(objective.id)/\(keyResult.id)"
          let last =
            keyResult.lastCheckinDate.map { "\(keyResult.actualText) on \($0) (\(keyResult.lastCheckinWeek ?? ""))" }
            ?? "\(keyResult.actualText), no check-in yet"
          var facts = [("last value", last)]
          if let expected = keyResult.expectedText {
            facts.append(
              ("expected now", "\(expected) (\(keyResult.pace.rawValue) pace) · \(keyResult.verdict.rawValue)"))
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
          facts = facts.map { ($0.0, markdownCell($0.1)) }
          if markdown {
            out += "\n### \(reference): \(markdownCell(keyResult.title))\n\n"
            out += facts.map { "- \($0.0): \($0.1)\n" }.joined()
            out += Self.questions.map { "- **\($0)**\n" }.joined()
          } else {
            out += "  \(reference)  \(Format.safe(keyResult.title))\n"
            out += facts.map { "      \($0.0.padding(13))\($0.1)\n" }.joined()
            out += "      " + Self.questions.joined(separator: " · ") + "\n"
          }
        }
      }
    }
    if !markdown {
      out += "\nRecord with: okr checkin record --team TEAM --kr O1/KR1 --value V --confidence C --note \"...\"\n"
    }
    return out
  }
}

/// Rows of cells padded into columns, with free lines between them.
struct TextTable {
  private enum Line {
    case cells([String])
    case free(String)
    case blank
  }

  private var lines: [Line] = []

  mutating func row(_ cells: [String]) { lines.append(.cells(cells)) }
  mutating func free(_ text: String) { lines.append(.free(text)) }
  mutating func `break`() { lines.append(.blank) }

  func render() -> String {
    var widths: [Int] = []
    for case .cells(let cells) in lines {
      for (index, cell) in cells.enumerated() {
        if index == widths.count { widths.append(0) }
        widths[index] = max(widths[index], visibleWidth(cell))
      }
    }
    var out = ""
    for line in lines {
      switch line {
      case .blank: out += "\n"
      case .free(let text): out += text + "\n"
      case .cells(let cells):
        var text = ""
        for (index, cell) in cells.enumerated() {
          text += cell
          if index < cells.count - 1 { text += String(repeating: " ", count: widths[index] - visibleWidth(cell) + 2) }
        }
        while text.last == " " { text.removeLast() }
        out += text + "\n"
      }
    }
    return out
  }

  /// Characters on screen, not counting ANSI colour escapes.
  private func visibleWidth(_ text: String) -> Int {
    var count = 0
    var inEscape = false
    for character in text {
      if character == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if character == "m" { inEscape = false }
      } else {
        count += 1
      }
    }
    return count
  }
}

func cut(_ title: String, _ width: Int) -> String {
  let title = Format.safe(title)
  return title.count <= width ? title : String(title.prefix(width - 1)) + "…"
}

/// File text in a Markdown table cell or line: pipes escaped, line breaks folded, control characters shown.
func markdownCell(_ text: String) -> String {
  Format.replacing("|", with: "\\|", in: Format.safe(text.replacing("\r\n", with: " ")))
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
