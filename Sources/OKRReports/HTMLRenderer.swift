import OKRCore

/// One self-contained HTML page for `okr score --format html` and
/// `okr status --format html`: inline CSS and SVG, no script and no network,
/// readable on a phone, printed, and in light or dark mode.
///
/// Every chart is drawn from the report's own values (the pace curve, the
/// check-ins, the target), so the page cannot disagree with the other
/// formats. Every chart has a text alternative, and grades are always spelt
/// out next to their colour. Every string from the files is escaped.
public struct HTMLRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The page.
  public func render(_ report: StatusReport) -> String {
    let organization: HTML = report.organization.map { "\($0) · " } ?? .empty
    let provisional: HTML =
      report.provisional
      ? " · <strong>provisional</strong>: \(Format.percent(report.elapsed)) of the quarter has elapsed" : " · final"
    var page: HTML = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="okr">
      <title>\(organization)\(report.quarter) OKRs as of \(report.asOf)</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      <header>
      <h1>\(organization)\(report.quarter) OKRs</h1>
      <p class="meta">\(report.periodStart) to \(report.periodEnd) · as of \(report.asOf) (\(report.week))\
      \(provisional)</p>
      <p class="overall">Overall \(pill(report.score, report.grade, large: true))</p>
      </header>
      <main>

      """
    // Every id on the page comes from one allocator, so none repeats: teams
    // first, so links to them can be made before their cards.
    var anchors = HTMLAnchors()
    var teamAnchors: [String: HTMLAnchor] = [:]
    for team in report.teams where teamAnchors[team.team] == nil {
      teamAnchors[team.team] = anchors.unique("team-" + team.team)
    }
    page += alerts(report)
    for team in report.teams {
      page += teamCard(team, report: report, anchors: &anchors, teamAnchors: teamAnchors)
    }
    page += """
      </main>
      <footer>Made by okr from the YAML files in the repository. Scores: 0.0 to 1.0; \(report.grading.legend).</footer>
      </body>
      </html>

      """
    return page.description
  }

  private func alerts(_ report: StatusReport) -> HTML {
    guard !report.alerts.isEmpty else {
      return "<section class=\"alerts none\"><h2>Alerts</h2><p>No alert fires.</p></section>\n"
    }
    var out: HTML = "<section class=\"alerts\"><h2>Alerts (\(report.alerts.count))</h2>\n<ul>\n"
    for alert in report.alerts {
      let kr: HTML = alert.kr.map { " \($0)" } ?? .empty
      out += "<li><strong>\(alert.rule.rawValue)</strong> · \(alert.team)\(kr): "
      out += "\(alert.evidence).<br><span class=\"action\">Response: \(alert.action)</span></li>\n"
    }
    return out + "</ul>\n</section>\n"
  }

  private func teamCard(
    _ team: StatusReport.Team, report: StatusReport, anchors: inout HTMLAnchors, teamAnchors: [String: HTMLAnchor]
  ) -> HTML {
    let id = teamAnchors[team.team] ?? anchors.unique("team-" + team.team)
    var out: HTML = "<section class=\"team\" id=\"\(id)\">\n"
    out +=
      "<h2>\(team.name ?? team.team) <span class=\"slug\">\(team.team)</span> \(pill(team.score, team.grade))</h2>\n"
    if !team.checkedInThisWeek { out += "<p class=\"note\">No check-in this week.</p>\n" }
    for objective in team.objectives {
      out += "<article class=\"objective\">\n"
      out += "<h3>\(objective.id) · \(objective.title) \(pill(objective.score, objective.grade))</h3>\n"
      if let alignsTo = objective.alignsTo {
        let target = alignsTo.split(separator: "/").first.map(String.init) ?? ""
        if let link = teamAnchors[target] {
          out += "<p class=\"align\">Serves <a href=\"#\(link)\">\(alignsTo)</a></p>\n"
        } else {
          out += "<p class=\"align\">Serves \(alignsTo)</p>\n"
        }
      }
      for keyResult in objective.keyResults {
        out += keyResultBlock(keyResult, objective: objective.id, team: team.team, report: report, anchors: &anchors)
      }
      out += "</article>\n"
    }
    return out + "</section>\n"
  }

  private func keyResultBlock(
    _ keyResult: StatusReport.KeyResult, objective: String, team: String, report: StatusReport,
    anchors: inout HTMLAnchors
  ) -> HTML {
    let reference = "\(objective)/\(keyResult.id)"
    var facts = [keyResult.commitment.rawValue]
    // Once the period is over the verdict says "missed"; before, a committed key result is only below 1.0 so far.
    if keyResult.missed, !keyResult.verdict.isFinal { facts.append("below 1.0") }
    if keyResult.overridden { facts.append("score overridden") }
    facts.append(keyResult.verdict.rawValue)
    if let confidence = keyResult.confidence {
      facts.append("confidence \(confidence) (\(Confidence(level: confidence)?.band.rawValue ?? ""))")
    }
    let expected: HTML = keyResult.expectedText.map { " · expected now \($0)" } ?? .empty
    var out: HTML = "<div class=\"kr\">\n"
    out +=
      "<p class=\"kr-head\"><span class=\"id\">\(keyResult.id)</span> \(keyResult.title) \(pill(keyResult.score, keyResult.grade))</p>\n"
    out += "<p class=\"facts\">\(keyResult.actualText)\(expected) · \(facts.joined(separator: " · "))</p>\n"
    out += chart(keyResult, reference: reference, team: team, report: report, anchors: &anchors)
    out += confidenceStrip(keyResult, reference: reference)
    return out + "</div>\n"
  }

  // MARK: Charts

  private struct Frame {
    static let width = 320.0
    static let height = 130.0
    static let left = 52.0
    static let right = 8.0
    static let top = 10.0
    static let bottom = 22.0
    let start: CalendarDate
    let days: Double
    let low: Double
    let high: Double

    func x(_ date: CalendarDate) -> Double {
      Frame.left + Double(start.days(to: date)) / max(1, days) * (Frame.width - Frame.left - Frame.right)
    }

    func y(_ value: Double) -> Double {
      // Halving first keeps the span finite when the axis runs from -1e308 to 1e308.
      let span = high / 2 - low / 2
      let share = span > 0 ? (value / 2 - low / 2) / span : 0.5
      return Frame.top + (1 - min(1, max(0, share.isFinite ? share : 0.5))) * (Frame.height - Frame.top - Frame.bottom)
    }
  }

  /// A burn-up of a numeric key result, or the values against the bound of a threshold key result.
  private func chart(
    _ keyResult: StatusReport.KeyResult, reference: String, team: String, report: StatusReport,
    anchors: inout HTMLAnchors
  ) -> HTML {
    guard keyResult.kind?.hasValues == true,
      let start = CalendarDate(report.periodStart), let end = CalendarDate(report.periodEnd)
    else {
      return progressBar(keyResult, reference: reference)
    }
    var points = keyResult.history.compactMap { week -> (CalendarDate, Double)? in
      guard let value = week.value, let date = CalendarDate(week.date) else { return nil }
      return (date, value)
    }
    // Without check-ins, the quarter file's value is what is known today.
    if points.isEmpty, let actual = keyResult.actual, let today = CalendarDate(report.asOf),
      keyResult.baseline != actual || keyResult.kind == .threshold
    {
      points = [(min(max(today, start), end), actual)]
    }
    let pace = keyResult.expectedByWeek.compactMap { point in CalendarDate(point.date).map { ($0, point.value) } }
    let line = keyResult.target ?? keyResult.bound
    var values = points.map(\.1) + pace.map(\.1)
    if let line { values.append(line) }
    if let baseline = keyResult.baseline { values.append(baseline) }
    guard var low = values.min(), var high = values.max() else { return progressBar(keyResult, reference: reference) }
    if low == high {
      low -= 1
      high += 1
    }
    let margin = (high - low) * 0.08
    let frame = Frame(start: start, days: Double(start.days(to: end)), low: low - margin, high: high + margin)
    let unit = keyResult.unit
    let id = anchors.unique("chart-\(team)-\(reference)")
    var alt = "\(reference): "
    if let target = keyResult.target {
      alt += "from \(Format.quantity(keyResult.baseline ?? 0, unit: unit)) to \(Format.quantity(target, unit: unit)), "
    } else if let bound = keyResult.bound {
      alt += "keep \(keyResult.keep?.rawValue ?? "") \(Format.quantity(bound, unit: unit)), "
    }
    alt +=
      points.isEmpty ? "no check-ins yet" : "latest \(Format.quantity(points.last!.1, unit: unit)) on \(points.last!.0)"
    if let expected = keyResult.expectedText { alt += ", expected \(expected) by now" }
    let heading = (keyResult.kind == .numeric ? "Burn-up of " : "Values of ") + reference
    let top = Format.quantity(round(high), unit: unit)
    let bottom = Format.quantity(round(low), unit: unit)
    var svg: HTML = """
      <svg class="chart" viewBox="0 0 \(Int(Frame.width)) \(Int(Frame.height))" role="img" aria-labelledby="\(id.suffixed("-t")) \(id.suffixed("-d"))">
      <title id="\(id.suffixed("-t"))">\(heading)</title>
      <desc id="\(id.suffixed("-d"))">\(alt)</desc>
      <line class="axis" x1="\(n(Frame.left))" y1="\(n(Frame.height - Frame.bottom))" x2="\(n(Frame.width - Frame.right))" y2="\(n(Frame.height - Frame.bottom))"/>
      <line class="axis" x1="\(n(Frame.left))" y1="\(n(Frame.top))" x2="\(n(Frame.left))" y2="\(n(Frame.height - Frame.bottom))"/>
      <text class="label" x="\(n(Frame.left - 4))" y="\(n(frame.y(high) + 4))" text-anchor="end">\(top)</text>
      <text class="label" x="\(n(Frame.left - 4))" y="\(n(frame.y(low) + 4))" text-anchor="end">\(bottom)</text>
      <text class="label" x="\(n(Frame.left))" y="\(n(Frame.height - 6))">\(start)</text>
      <text class="label" x="\(n(Frame.width - Frame.right))" y="\(n(Frame.height - 6))" text-anchor="end">\(end)</text>

      """
    if let line {
      svg +=
        "<line class=\"target\" x1=\"\(n(Frame.left))\" y1=\"\(n(frame.y(line)))\" x2=\"\(n(Frame.width - Frame.right))\" y2=\"\(n(frame.y(line)))\"/>\n"
      svg +=
        "<text class=\"label target-label\" x=\"\(n(Frame.width - Frame.right))\" y=\"\(n(frame.y(line) - 3))\" text-anchor=\"end\">\(keyResult.target != nil ? "target" : "bound") \(Format.quantity(line, unit: unit))</text>\n"
    }
    if !pace.isEmpty {
      svg +=
        "<polyline class=\"pace\" points=\"\(pace.map { "\(n(frame.x($0.0))),\(n(frame.y($0.1)))" }.joined(separator: " "))\"/>\n"
    }
    if let asOf = CalendarDate(report.asOf), asOf >= start, asOf <= end {
      svg +=
        "<line class=\"today\" x1=\"\(n(frame.x(asOf)))\" y1=\"\(n(Frame.top))\" x2=\"\(n(frame.x(asOf)))\" y2=\"\(n(Frame.height - Frame.bottom))\"/>\n"
      svg += "<text class=\"label\" x=\"\(n(frame.x(asOf) + 3))\" y=\"\(n(Frame.top + 8))\">today</text>\n"
    }
    // Where the goal posts were moved (or, with a change_note, redefined), from git.
    for mark in keyResult.definitionChanges ?? [] {
      guard let date = CalendarDate(mark.date), date >= start, date <= end else { continue }
      let verdict = mark.movedGoalpost ? "moved goal post" : mark.documented ? "documented" : "before planning"
      let what =
        "\(mark.date): \(mark.field) \(mark.from?.description ?? "none") → \(mark.to?.description ?? "none") (\(mark.commit), \(verdict))"
      svg +=
        "<line class=\"change\(mark.movedGoalpost ? " moved" : "")\" x1=\"\(n(frame.x(date)))\" y1=\"\(n(Frame.top))\" x2=\"\(n(frame.x(date)))\" y2=\"\(n(Frame.height - Frame.bottom))\"><title>\(what)</title></line>\n"
    }
    if points.count > 1 {
      svg +=
        "<polyline class=\"actual\" points=\"\(points.map { "\(n(frame.x($0.0))),\(n(frame.y($0.1)))" }.joined(separator: " "))\"/>\n"
    }
    for (date, value) in points {
      svg +=
        "<circle class=\"point\" cx=\"\(n(frame.x(date)))\" cy=\"\(n(frame.y(value)))\" r=\"2.6\"><title>\(date): \(Format.quantity(value, unit: unit))</title></circle>\n"
    }
    return svg + "</svg>\n"
  }

  /// Boolean and milestones key results: a bar of the share done, with the words.
  private func progressBar(_ keyResult: StatusReport.KeyResult, reference: String) -> HTML {
    let percent = Int((min(1, max(0, keyResult.progress)) * 100).rounded())
    return """
      <div class="bar" role="img" aria-label="\(reference): \(keyResult.actualText), \(percent)% done">\
      <span class="fill grade-\(keyResult.grade.rawValue)" style="width: \(percent)%"></span></div>

      """
  }

  /// One cell per week with a confidence, coloured by band, with the number in it.
  private func confidenceStrip(_ keyResult: StatusReport.KeyResult, reference: String) -> HTML {
    let weeks = keyResult.history.filter { $0.confidence != nil }
    guard !weeks.isEmpty else { return .empty }
    let label = weeks.map { "\($0.week): \($0.confidence!)" }.joined(separator: ", ")
    var out: HTML =
      "<div class=\"strip\" role=\"img\" aria-label=\"Confidence by week for \(reference): \(label)\">"
    for week in weeks {
      let level = week.confidence!
      let band = Confidence(level: level)?.band.rawValue ?? "red"
      out += "<span class=\"cell conf-\(band)\" title=\"\(week.week): \(level) (\(band))\">\(level)</span>"
    }
    return out + "</div>\n"
  }

  private func pill(_ score: Double?, _ grade: Grade?, large: Bool = false) -> HTML {
    guard let score, let grade else { return "<span class=\"pill\">no score</span>" }
    return
      "<span class=\"pill grade-\(grade.rawValue)\(large ? " large" : "")\">\(Scoring.oneDecimal(score)) \(grade.rawValue)</span>"
  }

  private func n(_ value: Double) -> String {
    Format.number((value * 10).rounded() / 10)
  }

  private func round(_ value: Double) -> Double {
    let magnitude = Swift.abs(value) >= 100 ? 1.0 : (Swift.abs(value) >= 10 ? 10.0 : 100.0)
    return (value * magnitude).rounded() / magnitude
  }

  static let style: HTML = """

    :root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #5b6470; --card: #f5f7fa; \
    --line: #c9d1db; --red: #b42318; --yellow: #9a6700; --green: #1a7f37; --pace: #6e7781; --actual: #0b63ce; }
    @media (prefers-color-scheme: dark) { :root { --bg: #0f1216; --fg: #e6e9ee; --muted: #9aa4b1; \
    --card: #181d23; --line: #38414d; --red: #ff7b72; --yellow: #e3b341; --green: #56d364; --pace: #9aa4b1; \
    --actual: #58a6ff; } }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1100px; padding: 16px; background: var(--bg); color: var(--fg); \
    font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    h1 { margin: 0 0 4px; font-size: 1.6em; } h2 { font-size: 1.25em; margin: 0 0 8px; } \
    h3 { font-size: 1.05em; margin: 12px 0 4px; }
    .meta, .note, .align, .facts, footer { color: var(--muted); }
    .overall { font-size: 1.1em; }
    .slug { color: var(--muted); font-weight: normal; font-size: 0.8em; }
    .pill { display: inline-block; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; \
    font-size: 0.85em; font-weight: 600; white-space: nowrap; }
    .pill.large { font-size: 1.1em; padding: 2px 12px; }
    .grade-red { color: var(--red); } .grade-yellow { color: var(--yellow); } .grade-green { color: var(--green); }
    .team, .alerts { background: var(--card); border: 1px solid var(--line); border-radius: 10px; \
    padding: 14px 16px; margin: 16px 0; }
    .alerts li { margin: 6px 0; } .action { color: var(--muted); }
    .objective { border-top: 1px solid var(--line); padding-top: 4px; }
    .kr { display: grid; grid-template-columns: 1fr; gap: 2px; margin: 10px 0 14px; }
    .kr-head { margin: 0; font-weight: 500; } .facts { margin: 0; font-size: 0.9em; }
    .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--muted); }
    .chart { width: 100%; max-width: 520px; height: auto; }
    .chart .axis { stroke: var(--line); } .chart .label { fill: var(--muted); font-size: 9px; }
    .chart .target { stroke: var(--green); stroke-dasharray: 4 3; } .chart .target-label { fill: var(--green); }
    .chart .pace { fill: none; stroke: var(--pace); stroke-dasharray: 2 2; }
    .chart .change { stroke: var(--pace); stroke-dasharray: 1 3; } .chart .change.moved { stroke: var(--red); stroke-width: 1.4; }
    .chart .today { stroke: var(--yellow); } .chart .actual { fill: none; stroke: var(--actual); stroke-width: 1.6; }
    .chart .point { fill: var(--actual); }
    .bar { height: 12px; max-width: 520px; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
    .bar .fill { display: block; height: 100%; background: currentColor; }
    .strip { display: flex; flex-wrap: wrap; gap: 2px; margin-top: 2px; }
    .cell { min-width: 22px; text-align: center; font-size: 11px; border-radius: 3px; color: #fff; padding: 1px 0; }
    .conf-red { background: #b42318; } .conf-yellow { background: #9a6700; } .conf-green { background: #1a7f37; }
    @media (min-width: 800px) { .kr { grid-template-columns: 1fr 1fr; } .kr-head, .facts, .strip { grid-column: 1 / -1; } }
    @media print { body { max-width: none; } .team, .alerts { break-inside: avoid-page; border-color: #999; } }

    """
}
