import OKRCore

/// The words every rendering of a digest shares: okr's own, about scores and moves.
///
/// They hold scores printed by the grade bands' one rule (``Grading/printed(_:)``)
/// and okr's words; each renderer escapes them, and the person's strings beside
/// them, through its own output type.
enum DigestWords {
  /// The heading: organization, cycle and the seven days, `2026-08-04 to 2026-08-10`.
  static func heading(_ report: DigestReport) -> String {
    "\(report.organization.map { "\($0) · " } ?? "")\(report.quarter) digest · \(report.window.from) to \(report.window.to)"
  }

  /// The scores' title: the change is since the day before the window.
  static func scoresTitle(_ report: DigestReport) -> String { "Scores (change since \(report.previousAsOf))" }

  /// The title of the teams that owe a check-in: for the ISO week of the as-of day, as `okr status` asks.
  static func absenteesTitle(_ report: DigestReport) -> String { "Not checked in for \(report.week)" }

  /// The title of what moved: as of the as-of day against the day before the window.
  static func movedTitle(_ report: DigestReport) -> String { "Moved since \(report.previousAsOf)" }

  /// The title of the definition changes dated in the window.
  static func changesTitle(_ report: DigestReport) -> String { "Definition changes since \(report.previousAsOf)" }

  /// A team's score and how it changed since last week: `0.5, up from 0.4`.
  ///
  /// A change is printed as ``Grading/printed(_:_:)`` prints every change, with
  /// as many decimals as it takes to be seen: `0.54, up from 0.53`.
  static func score(_ team: DigestReport.Team, _ grading: Grading) -> String {
    guard let score = team.score else { return "no score" }
    guard let previous = team.previousScore else { return grading.printed(score) }
    if previous == score { return "\(grading.printed(score)), unchanged" }
    let printed = grading.printed(previous, score)
    return "\(printed.after), \(score > previous ? "up" : "down") from \(printed.before)"
  }

  /// Whether a team has checked in for the ISO week of the as-of day, in words.
  static func checkin(_ team: DigestReport.Team) -> String {
    team.checkedIn ? "checked in" : "no check-in yet"
  }

  /// A move in words: `value 13.4% → 13.6%`.
  static func move(_ move: DigestReport.Move) -> String {
    "\(Format.replacing("_", with: " ", in: move.field)) \(move.fromText) → \(move.toText)"
  }

  /// A team with no check-in, with its owner.
  static func absentee(_ absentee: DigestReport.Absentee) -> String {
    absentee.owner.map { "\(absentee.team) (owner: \($0))" } ?? "\(absentee.team) (no owner in its file)"
  }

  /// A definition change in words, with its commit: `O1/KR1 target: 650 → 600 … · 9f8e7d6, Dana, 2026-08-03`.
  static func change(_ change: DiffReport.Change) -> String {
    let by = [change.commit, change.author, change.date].compactMap { $0 }.joined(separator: ", ")
    return "\(change.team) \(DiffSummary.describe(change)) · \(by)"
  }

  /// What the changes section says when there is nothing to list.
  static func noChanges(_ report: DigestReport) -> String {
    report.hasGitHistory ? "None." : "Not shown: no git history to read (see the warning)."
  }

  /// A rule that could not be checked, and why.
  static func unchecked(_ rule: UncheckedRule) -> String {
    "\(rule.rule.rawValue) could not be checked: \(rule.reason)"
  }
}

/// `okr digest` as text, for a terminal or a plain chat.
///
/// On a terminal every line fits its width (``TerminalLayout``): team names
/// and key result titles are shortened first, scores never cut, and long
/// lines wrap with an indent. Without a width (a pipe, a file, a chat) the
/// full layout.
public struct DigestTextRenderer: ReportRenderer {
  /// The terminal's width in columns; `nil` for the full layout.
  public var width: Int?

  /// Creates a renderer.
  public init(width: Int? = nil) {
    self.width = width
  }

  /// The digest: scores, who has not checked in, what moved, alerts, changes.
  public func render(_ report: DigestReport) -> String {
    var out: TerminalText = "\(line(DigestWords.heading(report), indent: 2))\n"
    out += "\n\(line(DigestWords.scoresTitle(report), indent: 2))\n"
    let rows = report.teams.map { team in
      TerminalLayout.Row(
        lead: TerminalText(text: String(repeating: "  ", count: team.depth + 1) + team.team),
        title: team.name.map { " · \($0)" } ?? "",
        cells: ["\(DigestWords.score(team, report.grading))", "\(DigestWords.checkin(team))"])
    }
    let layout = TerminalLayout(width: width, rows: rows, shortestTitle: 8)
    for row in rows { out += layout.lines(row) }
    out += section(
      DigestWords.absenteesTitle(report), report.notCheckedIn.map { line("  \(DigestWords.absentee($0))") })
    out += section(
      DigestWords.movedTitle(report),
      report.moved.map { line("  \($0.team) \($0.kr)  \($0.title): \(DigestWords.move($0))") })
    out += section("Alerts", alerts(report))
    out += section(
      DigestWords.changesTitle(report), report.changes.map { line("  \(DigestWords.change($0))") },
      none: DigestWords.noChanges(report))
    return out.description
  }

  private func alerts(_ report: DigestReport) -> [TerminalText] {
    report.alerts.map { alert in
      let place = "\(alert.team)\(alert.kr.map { " \($0)" } ?? "")"
      return line("  \(place)  \(alert.rule.rawValue): \(alert.evidence)", indent: 4) + "\n"
        + line("    → \(alert.action)", indent: 6)
    } + (report.unchecked ?? []).map { line("  \(DigestWords.unchecked($0))") }
  }

  /// One line of the digest, wrapped to the width with continuation lines indented.
  private func line(_ text: String, indent: Int = 4) -> TerminalText {
    wrap(text, width: width, first: 0, indent: indent)
  }

  /// A titled list, or the title and `none`; the title and `none` wrap to the width too.
  private func section(_ title: String, _ lines: [TerminalText], none: String = "None.") -> TerminalText {
    let body = lines.isEmpty ? line("  \(none)") : TerminalText.joined(lines, separator: "\n")
    return "\n\(line(title, indent: 2))\n\(body)\n"
  }
}

/// `okr digest` as Markdown, for Microsoft Teams and pull-request comments.
///
/// Bold lines and lists only, no headings or tables: Teams renders a
/// subset of Markdown, and this is in every subset.
public struct DigestMarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The digest: scores, who has not checked in, what moved, alerts, changes.
  public func render(_ report: DigestReport) -> String {
    var out: MarkdownText = "**\(DigestWords.heading(report))**\n"
    out += section(
      DigestWords.scoresTitle(report),
      report.teams.map { team in
        let name: MarkdownText = team.name.map { " \($0)" } ?? .empty
        return "\(MarkdownText.code(team.team))\(name): \(DigestWords.score(team, report.grading)) · "
          + "\(DigestWords.checkin(team))"
      })
    out += section(
      DigestWords.absenteesTitle(report),
      report.notCheckedIn.map { "\(MarkdownText.code($0.team)): owner \($0.owner ?? "not named in its file")" })
    out += section(
      DigestWords.movedTitle(report),
      report.moved.map { "\(MarkdownText.code("\($0.team) \($0.kr)")) \($0.title): \(DigestWords.move($0))" })
    out += section("Alerts", alerts(report))
    out += section(
      DigestWords.changesTitle(report), report.changes.map { "\(DigestWords.change($0))" },
      none: DigestWords.noChanges(report))
    return out.description
  }

  private func alerts(_ report: DigestReport) -> [MarkdownText] {
    report.alerts.map { alert in
      let place = MarkdownText.code("\(alert.team)\(alert.kr.map { " \($0)" } ?? "")")
      return "**\(alert.rule.rawValue)**, \(place): \(alert.evidence). Response: \(alert.action)"
    } + (report.unchecked ?? []).map { "\(DigestWords.unchecked($0))" }
  }

  /// A bold title and a list, or the title and `none`.
  private func section(_ title: String, _ items: [MarkdownText], none: String = "None.") -> MarkdownText {
    let list = items.isEmpty ? "\(none)\n" : MarkdownText.joined(items.map { "- \($0)\n" })
    return "\n**\(title)**\n\n\(list)"
  }
}
