import OKRCore

/// `okr score` as an aligned table: a bar per score, grade colours when allowed.
public struct ScoreTextRenderer: Sendable {
  /// Whether to colour grades with ANSI escapes.
  public var colors: Bool
  /// The widest a title may be before it is cut with `…`.
  public var maxTitleWidth: Int

  /// Creates a renderer.
  public init(colors: Bool, maxTitleWidth: Int = 40) {
    self.colors = colors
    self.maxTitleWidth = maxTitleWidth
  }

  private struct Row {
    var label: String
    var actual = ""
    var goal = ""
    var score: Double?
    var grade: Grade?
    var confidence = ""
    var flags = ""
    var isHeading = false
  }

  /// The report as text.
  public func render(_ report: ScoreReport) -> String {
    var out = header(report)
    var rows: [Row] = []
    for team in report.teams {
      let indent = String(repeating: "  ", count: team.depth)
      let name = team.name.map { " · \(Format.safe($0))" } ?? ""
      rows.append(Row(label: indent + team.team + name, score: team.score, grade: team.grade, isHeading: true))
      for objective in team.objectives {
        rows.append(
          Row(
            label: indent + "  " + objective.id + "  " + cut(objective.title), score: objective.score,
            grade: objective.grade))
        for keyResult in objective.keyResults {
          rows.append(
            Row(
              label: indent + "      " + keyResult.id + "  " + cut(keyResult.title), actual: keyResult.actualText,
              goal: keyResult.goalText, score: keyResult.score, grade: keyResult.grade,
              confidence: keyResult.confidence.map { "conf \($0)" } ?? "",
              flags: keyResult.flags(provisional: report.provisional).joined(separator: ", ")
            ))
        }
      }
      rows.append(Row(label: indent + "  " + summary(team, provisional: report.provisional), isHeading: true))
    }
    let labelWidth = rows.filter { $0.score != nil }.map(\.label.count).max() ?? 0
    let actualWidth = rows.map(\.actual.count).max() ?? 0
    let goalWidth = rows.map(\.goal.count).max() ?? 0
    let confidenceWidth = rows.map(\.confidence.count).max() ?? 0
    for row in rows {
      guard let score = row.score else {
        // Summary lines run free of the columns.
        out += row.label + "\n"
        if row.isHeading { out += "\n" }
        continue
      }
      var line = pad(row.label, labelWidth)
      line += "  " + pad(row.actual, actualWidth) + "  " + pad(row.goal, goalWidth)
      line += "  " + paint(Scoring.oneDecimal(score) + " " + bar(score), row.grade)
      line += "  " + paint(pad(row.grade?.rawValue ?? "", 6), row.grade)
      line += "  " + pad(row.confidence, confidenceWidth) + "  " + row.flags
      out += trimTrailing(line) + "\n"
    }
    out += overall(report)
    return out
  }

  private func header(_ report: ScoreReport) -> String {
    var text =
      "\(report.organization.map { "\(Format.safe($0)) · " } ?? "")\(report.quarter)"
      + (report.quarter.contains("..") ? "" : " (\(report.periodStart) to \(report.periodEnd))")
      + " · as of \(report.asOf)\n"
    if report.provisional {
      text += "Provisional: \(Format.percent(report.elapsed)) of the quarter has elapsed; scores will still move.\n"
    }
    return text + "\n"
  }

  private func summary(_ team: ScoreReport.Team, provisional: Bool) -> String {
    let keyResults = team.objectives.flatMap(\.keyResults)
    var parts = ["\(team.team): \(team.score.map(Scoring.oneDecimal) ?? "-") \(team.grade?.rawValue ?? "")"]
    if team.score != team.objectivesScore, let own = team.objectivesScore {
      parts.append("own objectives \(Scoring.oneDecimal(own))")
    }
    parts.append(count(team.objectives.count, "objective") + ", " + count(keyResults.count, "key result"))
    let missed = keyResults.filter(\.missed).count
    if missed > 0 { parts.append("\(missed) committed \(provisional ? "below 1.0" : "missed")") }
    if team.possiblySandbagging { parts.append("possibly sandbagging: every aspirational key result scores 1.0") }
    return parts.joined(separator: " · ")
  }

  private func overall(_ report: ScoreReport) -> String {
    let keyResults = report.teams.flatMap(\.objectives).flatMap(\.keyResults)
    let score = report.score.map { "\(Scoring.oneDecimal($0)) \(bar($0)) \(report.grade?.rawValue ?? "")" } ?? "-"
    var parts = [
      "Overall \(score)", count(report.teams.count, "team"),
      count(report.teams.flatMap(\.objectives).count, "objective"), count(keyResults.count, "key result"),
    ]
    let missed = keyResults.filter(\.missed).count
    if missed > 0 { parts.append("\(missed) committed \(report.provisional ? "below 1.0" : "missed")") }
    let overridden = keyResults.filter(\.overridden).count
    if overridden > 0 { parts.append("\(overridden) overridden") }
    return (report.provisional ? "Provisional. " : "") + parts.joined(separator: " · ") + "\n"
  }

  /// Ten cells, filled to the score's first decimal.
  func bar(_ score: Double) -> String {
    let tenths = Int(Scoring.oneDecimal(score).replacing(".", with: "")) ?? 0
    let filled = min(10, max(0, tenths))
    return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
  }

  private func paint(_ text: String, _ grade: Grade?) -> String {
    ANSIColor.paint(text, grade.map(ANSIColor.init), enabled: colors)
  }

  private func cut(_ title: String) -> String {
    let title = Format.safe(title)
    return title.count <= maxTitleWidth ? title : String(title.prefix(maxTitleWidth - 1)) + "…"
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  private func trimTrailing(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
  }
}

func count(_ number: Int, _ noun: String) -> String { Format.count(number, noun) }

/// The three colours reports use, as ANSI escapes, only when colour is allowed.
enum ANSIColor: String {
  case red = "31"
  case yellow = "33"
  case green = "32"

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
    case .atRisk: self = .yellow
    case .offTrack, .missed: self = .red
    }
  }

  static func paint(_ text: String, _ color: ANSIColor?, enabled: Bool) -> String {
    guard enabled, let color else { return text }
    return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
  }
}

/// `okr score` as Markdown: a summary table, then a section per team, ready
/// for a pull request or a wiki page.
public struct ScoreMarkdownRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The report as Markdown.
  public func render(_ report: ScoreReport) -> String {
    var out = "# \(report.organization.map { "\(Format.safe($0)) " } ?? "")OKR scores: \(report.quarter)\n\n"
    out += "Scored as of \(report.asOf) for \(report.periodStart) to \(report.periodEnd)."
    if report.provisional {
      out += " **Provisional:** \(Format.percent(report.elapsed)) of the quarter has elapsed."
    }
    out += "\n\n"
    out += "**Overall: \(report.score.map(Scoring.oneDecimal) ?? "-")** (\(report.grade?.rawValue ?? "no grade"))\n\n"
    out += "| Team | Parent | Score | Grade | Objectives | Key results | Notes |\n"
    out += "| --- | --- | ---: | --- | ---: | ---: | --- |\n"
    for team in report.teams {
      let keyResults = team.objectives.flatMap(\.keyResults)
      var notes: [String] = []
      let missed = keyResults.filter(\.missed).count
      if missed > 0 { notes.append("\(missed) committed \(report.provisional ? "below 1.0" : "missed")") }
      if team.possiblySandbagging { notes.append("possibly sandbagging") }
      out += row([
        String(repeating: "↳ ", count: team.depth) + (team.name.map { "\($0) (`\(team.team)`)" } ?? "`\(team.team)`"),
        team.parent.map { "`\($0)`" } ?? "", team.score.map(Scoring.oneDecimal) ?? "-", team.grade?.rawValue ?? "",
        "\(team.objectives.count)", "\(keyResults.count)", notes.joined(separator: ", "),
      ])
    }
    for team in report.teams {
      out += "\n## \(escape(team.name ?? team.team)) (`\(team.team)`): \(team.score.map(Scoring.oneDecimal) ?? "-")\n\n"
      var facts = ["Grade: \(team.grade?.rawValue ?? "none")"]
      if let parent = team.parent { facts.append("parent: `\(parent)`") }
      if team.score != team.objectivesScore, let own = team.objectivesScore {
        facts.append("own objectives: \(Scoring.oneDecimal(own))")
      }
      if team.possiblySandbagging {
        facts.append("**possibly sandbagging**: every aspirational key result scores 1.0")
      }
      out += facts.joined(separator: " · ") + "\n"
      for objective in team.objectives {
        out +=
          "\n### \(objective.id): \(escape(objective.title)) (\(objective.score.map(Scoring.oneDecimal) ?? "-"), \(objective.grade?.rawValue ?? "no grade"))\n\n"
        if let alignsTo = objective.alignsTo { out += "Aligns to `\(alignsTo)`.\n\n" }
        out += "| KR | Key result | Goal | Actual | Score | Grade | Confidence | Notes |\n"
        out += "| --- | --- | --- | --- | ---: | --- | --- | --- |\n"
        for keyResult in objective.keyResults {
          var notes = keyResult.flags(provisional: report.provisional)
          if let note = keyResult.scoreNote { notes.append("override: \(note)") }
          let confidence = keyResult.confidence.map { level in
            "\(level) (\(keyResult.confidenceBand?.rawValue ?? ""))"
          }
          out += row([
            keyResult.id, keyResult.title, keyResult.goalText, keyResult.actualText,
            Scoring.oneDecimal(keyResult.score), keyResult.grade.rawValue, confidence ?? "",
            notes.joined(separator: "; "),
          ])
        }
      }
    }
    return out
  }

  private func row(_ cells: [String]) -> String {
    "| " + cells.map(escape).joined(separator: " | ") + " |\n"
  }

  /// Keeps a cell in its column: pipes escaped, line breaks folded, control characters shown.
  private func escape(_ text: String) -> String {
    markdownCell(text)
  }
}

/// `okr score` as JSON: the ``ScoreReport`` value itself.
public struct ScoreJSONRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The report as pretty-printed JSON with sorted keys.
  public func render(_ report: ScoreReport) -> String { JSONOutput.encode(report) }
}

/// `okr score` as CSV: one row per key result, RFC 4180 quoting, exact scores.
public struct ScoreCSVRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The columns, in order.
  public static let columns = [
    "quarter", "team", "objective", "kr", "title", "type", "commitment", "weight", "baseline", "target", "actual",
    "score", "grade", "confidence", "overridden",
  ]

  /// The report as CSV, header first.
  public func render(_ report: ScoreReport) -> String {
    var out = Self.columns.joined(separator: ",") + "\n"
    for team in report.teams {
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          let actual: String
          switch keyResult.type {
          case "boolean": actual = keyResult.done == true ? "true" : "false"
          case "milestones": actual = (keyResult.milestonesDone ?? []).joined(separator: "; ")
          default: actual = keyResult.actual.map(Format.number) ?? ""
          }
          let target = keyResult.type == "threshold" ? keyResult.bound : keyResult.target
          let cells = [
            report.quarter, team.team, objective.id, keyResult.id, keyResult.title, keyResult.type,
            keyResult.commitment.rawValue, Format.number(keyResult.weight), keyResult.baseline.map(Format.number) ?? "",
            target.map(Format.number) ?? "", actual, "\(keyResult.score)", keyResult.grade.rawValue,
            keyResult.confidence.map(String.init) ?? "", keyResult.overridden ? "true" : "false",
          ]
          out += cells.map(quote).joined(separator: ",") + "\n"
        }
      }
    }
    return out
  }

  private func quote(_ cell: String) -> String {
    // Scalars, not characters: "\r\n" and a `,` with a combining mark are single characters.
    guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return cell
    }
    return "\"" + Format.replacing("\"", with: "\"\"", in: cell) + "\""
  }
}
