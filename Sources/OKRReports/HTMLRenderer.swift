import OKRCore

/// One self-contained HTML page for `okr score --format html` and
/// `okr status --format html`: inline CSS and SVG, no script and no network,
/// readable on a phone, printed, and in light or dark mode.
///
/// Every chart is drawn from the report's own values (the pace curve, the
/// check-ins, the target), so the page cannot disagree with the other
/// formats. Every chart has a text alternative, and grades are always spelt
/// out next to their colour. Every string from the files is escaped.
public struct HTMLRenderer: ReportRenderer {
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
      <p class="overall">Overall \(pill(report.score, report.grade, report.grading, large: true))</p>
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
    var objectiveAnchors: [[HTMLAnchor]] = []
    for team in report.teams {
      objectiveAnchors.append(team.objectives.map { anchors.unique("objective-\(team.team)-\($0.id)") })
    }
    page += overview(report, teamAnchors: teamAnchors, objectiveAnchors: objectiveAnchors)
    page += alerts(report)
    var legend: HTML =
      "In the charts: dots and the solid line are check-ins, the dotted line the pace expected, the dashed blue line the projection to the period's end, the dashed green line the target or bound, the yellow upright line today"
    // Only on a page that draws one: git's history was read and a definition changed within the period.
    let drawsChanges = report.teams.flatMap(\.objectives).flatMap(\.keyResults).contains { keyResult in
      keyResult.kind?.hasValues == true
        && (keyResult.definitionChanges ?? []).contains { $0.date >= report.periodStart && $0.date <= report.periodEnd }
    }
    if drawsChanges {
      legend +=
        "; a finely dotted upright line is a change of a key result's definition in git, red where it moved a goal post (after the planning day, without a change_note)"
    }
    page += "<p class=\"legend\">\(legend).</p>\n"
    for (team, objectives) in zip(report.teams, objectiveAnchors) {
      page += teamCard(
        team, report: report, anchors: &anchors, teamAnchors: teamAnchors, objectiveAnchors: objectives)
    }
    page += """
      </main>
      <footer>Made by okr from the YAML files in the repository. Scores: 0.0 to 1.0; \(report.grading.legend).</footer>
      </body>
      </html>

      """
    return page.description
  }

  /// The organisation at a glance: a row per team and per objective, with
  /// its score and how many of its key results have each verdict and are stale.
  private func overview(
    _ report: StatusReport, teamAnchors: [String: HTMLAnchor], objectiveAnchors: [[HTMLAnchor]]
  ) -> HTML {
    guard !report.teams.isEmpty else { return .empty }
    let final = report.teams.contains { $0.objectives.contains { $0.keyResults.contains { $0.verdict.isFinal } } }
    let verdicts: [Verdict] = final ? [.achieved, .missed, .ended] : [.onTrack, .atRisk, .offTrack]
    let tone: [Verdict: HTML] = [
      .onTrack: "grade-green", .achieved: "grade-green", .atRisk: "grade-yellow", .offTrack: "grade-red",
      .missed: "grade-red", .ended: "grade-yellow",
    ]
    func cells(_ keyResults: [StatusReport.KeyResult], team: StatusReport.Team) -> HTML {
      var out = HTML.empty
      for verdict in verdicts {
        let count = keyResults.filter { $0.verdict == verdict }.count
        out +=
          count == 0 ? "<td class=\"count zero\">0</td>" : "<td class=\"count \(tone[verdict] ?? "")\">\(count)</td>"
      }
      let quiet = Self.teamStaleness(team, report: report) != nil
      let stale = keyResults.filter { quiet || Self.staleness($0, team: team, report: report) != nil }.count
      out += stale == 0 ? "<td class=\"count zero\">0</td>" : "<td class=\"count stale-count\">\(stale)</td>"
      return out
    }
    var out: HTML = """
      <section class="overview"><h2>Overview</h2>
      <div class="table-wrap"><table>
      <thead><tr><th scope="col">Team · objective</th><th scope="col">Score</th>
      """
    for verdict in verdicts {
      out +=
        "<th scope=\"col\" class=\"count\">\(verdict.rawValue.prefix(1).uppercased() + verdict.rawValue.dropFirst())</th>"
    }
    out += "<th scope=\"col\" class=\"count\">Stale</th></tr></thead>\n<tbody>\n"
    for (team, objectives) in zip(report.teams, objectiveAnchors) {
      let link = teamAnchors[team.team]
      let name: HTML =
        link.map { "<a href=\"#\($0)\">\(team.name ?? team.team)</a>" } ?? "\(team.name ?? team.team)"
      // Indented by depth through classes, so no style attribute holds anything but a bar's width.
      let depth = HTML(text: "depth-\(min(team.depth, 4))")
      out += "<tr class=\"team-row \(depth)\"><th scope=\"row\">"
      out += "\(name)</th><td>\(pill(team.score, team.grade, report.grading))</td>"
      out += cells(team.objectives.flatMap(\.keyResults), team: team) + "</tr>\n"
      for (objective, anchor) in zip(team.objectives, objectives) {
        out += "<tr class=\"objective-row \(depth)\"><th scope=\"row\">"
        out += "<a href=\"#\(anchor)\">\(objective.id)</a> \(objective.title)</th>"
        out +=
          "<td>\(pill(objective.score, objective.grade, report.grading))</td>" + cells(objective.keyResults, team: team)
          + "</tr>\n"
      }
    }
    return out + "</tbody>\n</table></div>\n</section>\n"
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
    _ team: StatusReport.Team, report: StatusReport, anchors: inout HTMLAnchors, teamAnchors: [String: HTMLAnchor],
    objectiveAnchors: [HTMLAnchor]
  ) -> HTML {
    let id = teamAnchors[team.team] ?? anchors.unique("team-" + team.team)
    var out: HTML = "<section class=\"team\" id=\"\(id)\">\n"
    out +=
      "<h2>\(team.name ?? team.team) <span class=\"slug\">\(team.team)</span> \(pill(team.score, team.grade, report.grading))</h2>\n"
    if let quiet = Self.teamStaleness(team, report: report) {
      out += "<p class=\"stale-note team-stale\"><strong>Stale</strong>: \(quiet)</p>\n"
    } else if !team.checkedInThisWeek {
      out += "<p class=\"note\">No check-in this week.</p>\n"
    }
    for (objective, anchor) in zip(team.objectives, objectiveAnchors) {
      out += "<article class=\"objective\" id=\"\(anchor)\">\n"
      out += "<h3>\(objective.id) · \(objective.title) \(pill(objective.score, objective.grade, report.grading))</h3>\n"
      if let alignsTo = objective.alignsTo {
        let target = alignsTo.split(separator: "/").first.map(String.init) ?? ""
        if let link = teamAnchors[target] {
          out += "<p class=\"align\">Serves <a href=\"#\(link)\">\(alignsTo)</a></p>\n"
        } else {
          out += "<p class=\"align\">Serves \(alignsTo)</p>\n"
        }
      }
      for keyResult in objective.keyResults {
        out += keyResultBlock(keyResult, objective: objective.id, team: team, report: report, anchors: &anchors)
      }
      out += droppedList(objective.dropped, grading: report.grading)
      out += "</article>\n"
    }
    return out + "</section>\n"
  }

  /// An objective's dropped key results: out of its score, each with its last score and how it went.
  private func droppedList(_ dropped: [StatusReport.DroppedKeyResult], grading: Grading) -> HTML {
    guard !dropped.isEmpty else { return .empty }
    var out: HTML = "<p class=\"note\">Dropped, out of the objective's score:</p>\n<ul class=\"dropped\">\n"
    for keyResult in dropped {
      out +=
        "<li>\(keyResult.id) · \(keyResult.title): last score \(pill(keyResult.score, keyResult.grade, grading)), "
        + "\(keyResult.words)</li>\n"
    }
    return out + "</ul>\n"
  }

  private func keyResultBlock(
    _ keyResult: StatusReport.KeyResult, objective: String, team: StatusReport.Team, report: StatusReport,
    anchors: inout HTMLAnchors
  ) -> HTML {
    let reference = "\(objective)/\(keyResult.id)"
    var facts = [keyResult.commitment.rawValue]
    // Once the period is over the verdict says "missed"; before, a committed key result is only below 1.0 so far.
    if keyResult.belowCommitment, !keyResult.verdict.isFinal { facts.append("below 1.0") }
    // Both scores show: the one that counts in the pill, the computed one here.
    if keyResult.overridden { facts.append("score overridden, computed \(report.grading.printed(keyResult.progress))") }
    facts.append(keyResult.verdict.rawValue)
    if let confidence = keyResult.confidence {
      facts.append("confidence \(confidence) (\(Confidence(level: confidence)?.band.rawValue ?? ""))")
    }
    let expected: HTML = keyResult.expectedText.map { " · expected now \($0)" } ?? .empty
    let stale = Self.staleness(keyResult, team: team, report: report)
    var out: HTML = stale == nil ? "<div class=\"kr\">\n" : "<div class=\"kr stale\">\n"
    out +=
      "<p class=\"kr-head\"><span class=\"id\">\(keyResult.id)</span> \(keyResult.title) \(pill(keyResult.score, keyResult.grade, report.grading))</p>\n"
    out += "<p class=\"facts\">\(keyResult.actualText)\(expected) · \(facts.joined(separator: " · "))</p>\n"
    if let note = keyResult.scoreNote, keyResult.overridden {
      out += "<p class=\"score-note\"><strong>Override</strong>: \(note)</p>\n"
    }
    if let stale { out += "<p class=\"stale-note\"><strong>Stale</strong>: \(stale)</p>\n" }
    out += chart(keyResult, reference: reference, team: team.team, report: report, anchors: &anchors)
    out += confidenceStrip(keyResult, reference: reference)
    return out + "</div>\n"
  }

  /// A team that has gone quiet, as `stale_checkin` counts with okr.yaml's threshold (``Staleness``).
  static func teamStaleness(_ team: StatusReport.Team, report: StatusReport) -> String? {
    guard team.isStale, let count = team.weeksSinceCheckin else { return nil }
    let last = team.objectives.flatMap(\.keyResults).compactMap { $0.lastCheckinWeek.flatMap(ISOWeek.init) }.max()
    guard let last else { return "no check-in this quarter, \(count) weeks in: values are the quarter file's" }
    return "no check-in since \(last), \(count) weeks ago"
  }

  /// A key result left behind while its team checks in, as `stale_kr` counts
  /// with okr.yaml's threshold (``Staleness``); a team gone quiet says so once, for all of them.
  static func staleness(
    _ keyResult: StatusReport.KeyResult, team: StatusReport.Team, report: StatusReport
  ) -> String? {
    guard keyResult.isStale, !team.isStale, let count = keyResult.weeksSinceCheckin else { return nil }
    guard let last = keyResult.lastCheckinWeek else {
      return "never checked in, \(count) weeks into the quarter, while the team checks in"
    }
    return "last check-in \(last), \(count) weeks ago, while the team checks in"
  }

  // MARK: Charts

  /// A chart's geometry: a 320 × 130 view box, the plot inside margins, and
  /// the linear scales from day and value to x and y.
  struct Frame {
    static let width = 320.0
    static let height = 130.0
    static let right = 8.0
    static let bottom = 22.0
    /// The label font size, in view-box units (the CSS says 9px).
    static let fontSize = 9.0
    /// Room left of the plot: wide enough for the longest tick label.
    var left = 40.0
    /// Room above the plot: more when the unit is written there.
    var top = 10.0
    let start: CalendarDate
    let days: Double
    let low: Double
    let high: Double

    func x(_ date: CalendarDate) -> Double {
      left + Double(start.days(to: date)) / max(1, days) * (Frame.width - left - Frame.right)
    }

    func y(_ value: Double) -> Double {
      // Halving first keeps the span finite when the axis runs from -1e308 to 1e308.
      let span = high / 2 - low / 2
      let share = span > 0 ? (value / 2 - low / 2) / span : 0.5
      return top + (1 - min(1, max(0, share.isFinite ? share : 0.5))) * (Frame.height - top - Frame.bottom)
    }

    /// An upper bound of the width `text` takes at the label font size.
    ///
    /// 1 em for the widest ASCII characters (`%`, `@`, `M`, `W`, `m`, `w`),
    /// 0.7 em for other ASCII characters and 1.25 em for any other (CJK and
    /// emoji are about 1 em): wider than DejaVu Sans, Arial or Roboto set any
    /// label okr writes, so a label placed by it stays inside the view box.
    ///
    /// Counted by Unicode scalars, so a combining mark counts as a character:
    /// an overestimate, never an under.
    static func textWidth(_ text: String) -> Double {
      text.unicodeScalars.reduce(0) { width, scalar in
        width + (!scalar.isASCII ? 1.25 : "%@MWmw".unicodeScalars.contains(scalar) ? 1 : 0.7)
      } * fontSize
    }

    /// `text` as the page shows it (control characters as escapes), shortened with `…` to fit in `width`.
    static func fitted(_ text: String, width: Double) -> String {
      let text = TerminalText.visible(text)
      guard textWidth(text) > width else { return text }
      var out = ""
      for character in text {
        guard textWidth(out + String(character) + "…") <= width else { break }
        out.append(character)
      }
      return out + "…"
    }
  }

  /// Round values between `low` and `high` to mark on an axis, with their labels.
  ///
  /// The step is 1, 2, 2.5 or 5 × 10ⁿ, chosen for three to five ticks, and a
  /// label carries every digit its tick has, so the value it states is the
  /// value it is drawn at: `99.85`, `99.9`, `99.95`, `100` rather than
  /// `99.9`, `99.9`, `100`, `100`.
  static func ticks(low: Double, high: Double) -> [(value: Double, label: String)] {
    let span = high - low
    guard low.isFinite, high.isFinite, span.isFinite, span > 0 else { return [] }
    // The power of ten at or below a quarter of the span, found without Foundation's log10.
    var exponent = 0
    while exponent > -320, pow10(exponent) > span / 4 { exponent -= 1 }
    while exponent < 310, pow10(exponent + 1) <= span / 4 { exponent += 1 }
    var best: (step: Double, decimals: Int)?
    // Smallest step first: the first that gives at most five ticks.
    search: for _ in 0..<3 {
      for (mantissa, extra) in [(1.0, 0), (2.0, 0), (2.5, 1), (5.0, 0)] {
        let step = mantissa * pow10(exponent)
        if span / step <= 5 {
          best = (step, max(0, -exponent) + extra)
          break search
        }
      }
      exponent += 1
    }
    guard let (step, decimals) = best, step.isFinite, step > 0 else { return [] }
    let first = (low / step).rounded(.up)
    let last = (high / step).rounded(.down)
    guard first.isFinite, last.isFinite, last - first < 10 else { return [] }
    var ticks: [(Double, String)] = []
    var index = first
    while index <= last {
      let value = index * step
      ticks.append((value, label(value, decimals: decimals)))
      index += 1
    }
    return ticks
  }

  /// Rounds `value` to `digits` significant digits, exactly as its decimal reads.
  static func significant(_ value: Double, digits: Int) -> Double {
    guard value.isFinite, value != 0 else { return value }
    var exponent = 0
    while exponent > -320, pow10(exponent) > value.magnitude { exponent -= 1 }
    while exponent < 300, pow10(exponent + 1) <= value.magnitude { exponent += 1 }
    let decimals = digits - 1 - exponent
    if decimals >= 0 { return Double(label(value, decimals: decimals)) ?? value }
    let factor = pow10(-decimals)
    return (value / factor).rounded() * factor
  }

  /// Writes `value` with `decimals` digits after the point, without trailing zeros.
  static func label(_ value: Double, decimals: Int) -> String {
    let scaled = (value * pow10(decimals)).rounded()
    guard decimals > 0, scaled.magnitude < 1e15 else { return Format.number(value) }
    let digits = String(Int(scaled.magnitude))
    let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
    var fraction = String(padded.suffix(decimals))
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let whole = String(padded.dropLast(decimals))
    return (scaled < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
  }

  private static func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<Swift.abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
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
      keyResult.baseline != actual || keyResult.bound != nil
    {
      points = [(min(max(today, start), end), actual)]
    }
    var pace = keyResult.expectedByWeek.compactMap { point in CalendarDate(point.date).map { ($0, point.value) } }
    var line = keyResult.target ?? keyResult.bound
    var baseline = keyResult.baseline
    // The projected score as a value: it is clamped to 0...1, so it lies between baseline and target.
    var projection: (from: (CalendarDate, Double), to: Double, score: Double)?
    // Only while the period runs: from its last day on, the projection is the score.
    if let score = keyResult.projectedScore, let baseline, let target = keyResult.target,
      let last = points.last, !keyResult.history.isEmpty, let asOf = CalendarDate(report.asOf), asOf < end,
      last.0 < end
    {
      // Weighted, not `baseline + score * (target - baseline)`: the span of
      // a lint-clean range (1e308 down to -1e308) overflows to infinity, and
      // a score of 0 times it is NaN; a weighted mean of two finite values
      // lies between them, so it is finite.
      projection = (last, baseline * (1 - score) + target * score, score)
    }
    // What has no place on an axis (NaN, an infinity) is left out, and said.
    let leftOut = Self.leaveOutNonFinite(
      points: &points, pace: &pace, line: &line, baseline: &baseline, projection: &projection,
      lineName: keyResult.target != nil ? "the target" : "the bound")
    var values = points.map(\.1) + pace.map(\.1)
    if let line { values.append(line) }
    if let baseline { values.append(baseline) }
    guard var low = values.min(), var high = values.max() else { return progressBar(keyResult, reference: reference) }
    if low == high {
      low -= 1
      high += 1
    }
    let margin = (high - low) * 0.08
    let ticks = Self.ticks(low: low - margin, high: high + margin)
    // The projected value to four significant digits, drawn where that rounded value lies.
    if let end = projection?.to {
      projection!.to = Self.significant(end, digits: 4)
    }
    // As the page shows it: a control character in a unit is written as an escape, which takes room.
    let unit = TerminalText.visible(keyResult.unit ?? "")
    // A short unit (`%`, `€k`, `ms`) goes on every tick; a longer one once, above the axis.
    let unitOnTicks = unit.count <= 2
    let tickLabels = ticks.map { tick in
      guard unitOnTicks, !unit.isEmpty else { return tick.label }
      return unit == "%" ? tick.label + "%" : tick.label + " " + unit
    }
    let widest = tickLabels.map(Frame.textWidth).max() ?? 0
    var frame = Frame(start: start, days: Double(start.days(to: end)), low: low - margin, high: high + margin)
    frame.left = min(Frame.width / 2, max(40, widest + 8))
    if !unitOnTicks { frame.top = 20 }
    let unitKey = keyResult.unit
    let id = anchors.unique("chart-\(team)-\(reference)")
    var alt = "\(reference): "
    if let target = keyResult.target {
      alt +=
        "from \(Format.quantity(keyResult.baseline ?? 0, unit: unitKey)) to \(Format.quantity(target, unit: unitKey)), "
    } else if let bound = keyResult.bound {
      alt += "keep \(keyResult.keep?.rawValue ?? "") \(Format.quantity(bound, unit: unitKey)), "
    }
    alt +=
      points.isEmpty
      ? "no check-ins yet" : "latest \(Format.quantity(points.last!.1, unit: unitKey)) on \(points.last!.0)"
    if let expected = keyResult.expectedText { alt += ", expected \(expected) by now" }
    if let projection {
      alt +=
        ", projected \(report.grading.printed(projection.score)) (\(Format.quantity(projection.to, unit: unitKey))) by \(end)"
    }
    // Where the goal posts were moved (or, with a change_note, redefined), from git: drawn, and said in words.
    let changes = (keyResult.definitionChanges ?? []).compactMap { mark -> (CalendarDate, DefinitionChangeWords)? in
      guard let date = CalendarDate(mark.date), date >= start, date <= end else { return nil }
      return (date, DefinitionChangeWords(mark))
    }
    if !changes.isEmpty {
      alt += "; definition " + (changes.count == 1 ? "change " : "changes ")
      alt += changes.map(\.1.text).joined(separator: "; ")
    }
    if let leftOut { alt += "; \(leftOut)" }
    let heading = (keyResult.target != nil ? "Burn-up of " : "Values of ") + reference
    let plotRight = Frame.width - Frame.right
    let plotBottom = Frame.height - Frame.bottom
    let today = CalendarDate(report.asOf).flatMap { $0 >= start && $0 <= end ? frame.x($0) : nil }
    // Everything drawn, so the target's and today's labels can be put where they touch nothing.
    var obstacles = ChartObstacles()
    obstacles.line(frame.left, plotBottom, plotRight, plotBottom)
    obstacles.line(frame.left, frame.top, frame.left, plotBottom)
    for tick in ticks {
      let y = frame.y(tick.value)
      obstacles.boxes.append(
        Box(left: 0, top: y - 0.6 * Frame.fontSize, right: frame.left - 4, bottom: y + 0.6 * Frame.fontSize))
    }
    let unitLabel = Frame.fitted(unit, width: Frame.width / 2 - 4)
    if !unitOnTicks { obstacles.boxes.append(Box(label: unitLabel, x: 2, y: 9, anchor: .start)) }
    obstacles.boxes.append(Box(label: start.description, x: frame.left, y: Frame.height - 6, anchor: .start))
    obstacles.boxes.append(Box(label: end.description, x: plotRight, y: Frame.height - 6, anchor: .end))
    if let line { obstacles.line(frame.left, frame.y(line), plotRight, frame.y(line)) }
    obstacles.polyline(pace.map { (frame.x($0.0), frame.y($0.1)) })
    if let today { obstacles.line(today, frame.top, today, plotBottom) }
    for (date, _) in changes { obstacles.line(frame.x(date), frame.top, frame.x(date), plotBottom) }
    if let projection {
      obstacles.line(
        frame.x(projection.from.0), frame.y(projection.from.1), frame.x(end), frame.y(projection.to))
    }
    obstacles.polyline(points.map { (frame.x($0.0), frame.y($0.1)) })
    for (date, value) in points { obstacles.dot(frame.x(date), frame.y(value), radius: 2.6) }

    var svg: HTML = """
      <svg class="chart" viewBox="0 0 \(Int(Frame.width)) \(Int(Frame.height))" role="img" aria-labelledby="\(id.suffixed("-t")) \(id.suffixed("-d"))">
      <title id="\(id.suffixed("-t"))">\(heading)</title>
      <desc id="\(id.suffixed("-d"))">\(alt)</desc>

      """
    // Ticks: a faint line across the plot at each round value, labelled with that exact value.
    for (tick, label) in zip(ticks, tickLabels) {
      let y = n(frame.y(tick.value))
      svg +=
        "<line class=\"grid\" x1=\"\(n(frame.left))\" y1=\"\(y)\" x2=\"\(n(plotRight))\" y2=\"\(y)\"/>\n"
      svg +=
        "<text class=\"label tick\" x=\"\(n(frame.left - 4))\" y=\"\(y)\" dominant-baseline=\"middle\" text-anchor=\"end\">\(label)</text>\n"
    }
    if !unitOnTicks {
      svg += "<text class=\"label unit\" x=\"2\" y=\"9\">\(unitLabel)</text>\n"
    }
    svg += """
      <line class="axis" x1="\(n(frame.left))" y1="\(n(plotBottom))" x2="\(n(plotRight))" y2="\(n(plotBottom))"/>
      <line class="axis" x1="\(n(frame.left))" y1="\(n(frame.top))" x2="\(n(frame.left))" y2="\(n(plotBottom))"/>
      <text class="label" x="\(n(frame.left))" y="\(n(Frame.height - 6))">\(start)</text>
      <text class="label" x="\(n(plotRight))" y="\(n(Frame.height - 6))" text-anchor="end">\(end)</text>

      """
    if let line {
      let words = "\(keyResult.target != nil ? "target" : "bound") \(Format.quantity(line, unit: unitKey))"
      let y = frame.y(line)
      svg +=
        "<line class=\"target\" x1=\"\(n(frame.left))\" y1=\"\(n(y))\" x2=\"\(n(plotRight))\" y2=\"\(n(y))\"/>\n"
      let fitted = Frame.fitted(words, width: plotRight - frame.left)
      // Beside its line: at the right end above it first, then below, then further along and further off.
      let width = Frame.textWidth(fitted)
      let steps = 6
      let xs = (0...steps).map { plotRight - Double($0) / Double(steps) * max(0, plotRight - frame.left - 3 - width) }
      var candidates: [(x: Double, y: Double, anchor: Anchor)] = []
      for away in 0..<4 {
        for x in xs {
          candidates.append((x, y - 3 - Double(away) * 4, .end))
          candidates.append((x, y + 3 + Frame.fontSize + Double(away) * 4, .end))
        }
      }
      if let place = obstacles.place(fitted, candidates: candidates) {
        svg +=
          "<text class=\"label target-label\" x=\"\(n(place.x))\" y=\"\(n(place.y))\" text-anchor=\"end\">\(fitted)</text>\n"
      }
    }
    if !pace.isEmpty {
      svg +=
        "<polyline class=\"pace\" points=\"\(pace.map { "\(n(frame.x($0.0))),\(n(frame.y($0.1)))" }.joined(separator: " "))\"/>\n"
    }
    if let x = today {
      svg +=
        "<line class=\"today\" x1=\"\(n(x))\" y1=\"\(n(frame.top))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\"/>\n"
      // Beside the line, right of it first, from the top of the plot down, to the first place that touches nothing.
      var candidates: [(x: Double, y: Double, anchor: Anchor)] = []
      var y = frame.top + 8
      while y <= plotBottom - 3 {
        candidates.append((x + 3, y, .start))
        candidates.append((x - 3, y, .end))
        y += 4
      }
      if let place = obstacles.place("today", candidates: candidates) {
        let anchor: HTML = place.anchor == .end ? " text-anchor=\"end\"" : ""
        svg += "<text class=\"label\" x=\"\(n(place.x))\" y=\"\(n(place.y))\"\(anchor)>today</text>\n"
      }
    }
    for (date, words) in changes {
      svg +=
        "<line class=\"change\(words.moved ? " moved" : "")\" x1=\"\(n(frame.x(date)))\" y1=\"\(n(frame.top))\" x2=\"\(n(frame.x(date)))\" y2=\"\(n(plotBottom))\"><title>\(words.text)</title></line>\n"
    }
    if let projection {
      let what =
        "Projected \(report.grading.printed(projection.score)) by \(end): \(Format.quantity(projection.to, unit: unitKey)), at the rate since the first check-in"
      svg +=
        "<line class=\"projection\" x1=\"\(n(frame.x(projection.from.0)))\" y1=\"\(n(frame.y(projection.from.1)))\" x2=\"\(n(frame.x(end)))\" y2=\"\(n(frame.y(projection.to)))\"><title>\(what)</title></line>\n"
    }
    if points.count > 1 {
      svg +=
        "<polyline class=\"actual\" points=\"\(points.map { "\(n(frame.x($0.0))),\(n(frame.y($0.1)))" }.joined(separator: " "))\"/>\n"
    }
    for (date, value) in points {
      svg +=
        "<circle class=\"point\" cx=\"\(n(frame.x(date)))\" cy=\"\(n(frame.y(value)))\" r=\"2.6\"><title>\(date): \(Format.quantity(value, unit: unitKey))</title></circle>\n"
    }
    svg += "</svg>\n"
    if let leftOut { svg += "<p class=\"note\">\(reference): \(leftOut)</p>\n" }
    return svg
  }

  /// A definition change as a chart says it, in its line's tooltip and in the chart's description.
  struct DefinitionChangeWords {
    /// `2026-08-03: target 62 → 50 (9f8e7d6, moved goal post)`.
    let text: String
    /// Whether it moved a goal post (drawn red).
    let moved: Bool

    init(_ mark: StatusReport.DefinitionChangeMark) {
      let verdict = mark.movedGoalpost ? "moved goal post" : mark.documented ? "documented" : "before planning"
      text =
        "\(mark.date): \(mark.field) \(mark.from?.description ?? "none") → \(mark.to?.description ?? "none") (\(mark.commit), \(verdict))"
      moved = mark.movedGoalpost
    }
  }

  /// Removes every value that is not a finite number from what a chart draws.
  ///
  /// A NaN or an infinity has no place on an axis and no digits to print:
  /// drawn, it would be `-nan` in a coordinate or a label.
  ///
  /// - Returns: The note that says what was left out, or `nil` when nothing was.
  static func leaveOutNonFinite(
    points: inout [(CalendarDate, Double)], pace: inout [(CalendarDate, Double)], line: inout Double?,
    baseline: inout Double?, projection: inout (from: (CalendarDate, Double), to: Double, score: Double)?,
    lineName: String
  ) -> String? {
    var what: [String] = []
    let checkins = points.count
    points.removeAll { !$0.1.isFinite }
    if points.count < checkins {
      what.append(checkins - points.count == 1 ? "1 check-in" : "\(checkins - points.count) check-ins")
    }
    let weeks = pace.count
    pace.removeAll { !$0.1.isFinite }
    if pace.count < weeks {
      what.append(weeks - pace.count == 1 ? "1 week of the pace" : "\(weeks - pace.count) weeks of the pace")
    }
    if let value = line, !value.isFinite {
      line = nil
      what.append(lineName)
    }
    if let value = baseline, !value.isFinite {
      baseline = nil
      what.append("the baseline")
    }
    if let value = projection, !value.to.isFinite || !value.from.1.isFinite || !value.score.isFinite {
      projection = nil
      what.append("the projection")
    }
    guard !what.isEmpty else { return nil }
    return "left out of the chart, as not a finite number: " + what.joined(separator: ", ")
  }

  /// Boolean and milestones key results: a bar of the share done, with the words.
  private func progressBar(_ keyResult: StatusReport.KeyResult, reference: String) -> HTML {
    let percent = Int((min(1, max(0, keyResult.progress)) * 100).rounded())
    var out: HTML = """
      <div class="bar" role="img" aria-label="\(reference): \(keyResult.actualText), \(percent)% done">\
      <span class="fill grade-\(keyResult.grade.rawValue)" style="width: \(percent)%"></span></div>

      """
    // Which milestones are done, in the file's order, in words as well as marks.
    if !keyResult.milestones.isEmpty {
      out += "<ul class=\"milestones\">"
      for milestone in keyResult.milestones {
        out +=
          milestone.done
          ? "<li class=\"done\"><span class=\"mark\">✓</span> \(milestone.title) <span class=\"state\">done</span></li>"
          : "<li class=\"open\"><span class=\"mark\">○</span> \(milestone.title) <span class=\"state\">open</span></li>"
      }
      out += "</ul>\n"
    }
    return out
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
      // The week without its year (`W27`): the page's header says the quarter.
      let short = week.week.split(separator: "-").last.map(String.init) ?? week.week
      out +=
        "<span class=\"cell conf-\(band)\" title=\"\(week.week): \(level) (\(band))\"><span class=\"week\">\(short)</span>\(level)</span>"
    }
    return out + "</div>\n"
  }

  private func pill(_ score: Double?, _ grade: Grade?, _ grading: Grading, large: Bool = false) -> HTML {
    guard let score, let grade else { return "<span class=\"pill\">no score</span>" }
    return
      "<span class=\"pill grade-\(grade.rawValue)\(large ? " large" : "")\">\(grading.printed(score)) \(grade.rawValue)</span>"
  }

  private func n(_ value: Double) -> String {
    Format.number((value * 10).rounded() / 10)
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
    .meta, .note, .align, .facts, .legend, footer { color: var(--muted); } .legend { font-size: 0.85em; }
    .overall { font-size: 1.1em; }
    .slug { color: var(--muted); font-weight: normal; font-size: 0.8em; }
    .pill { display: inline-block; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; \
    font-size: 0.85em; font-weight: 600; white-space: nowrap; }
    .pill.large { font-size: 1.1em; padding: 2px 12px; }
    .grade-red { color: var(--red); } .grade-yellow { color: var(--yellow); } .grade-green { color: var(--green); }
    .team, .alerts { background: var(--card); border: 1px solid var(--line); border-radius: 10px; \
    padding: 14px 16px; margin: 16px 0; }
    .alerts li { margin: 6px 0; } .action { color: var(--muted); }
    .overview { margin: 16px 0; } .table-wrap { overflow-x: auto; }
    .overview table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
    .overview th, .overview td { padding: 3px 6px; border-bottom: 1px solid var(--line); text-align: left; \
    vertical-align: baseline; }
    .overview thead th { font-size: 0.85em; color: var(--muted); font-weight: 600; }
    .overview .team-row th { font-weight: 600; } .overview .objective-row th { font-weight: normal; }
    .overview .count { text-align: right; width: 4em; font-variant-numeric: tabular-nums; }
    .overview .zero { color: var(--muted); opacity: 0.6; } .overview .stale-count { color: var(--yellow); font-weight: 600; }
    a { color: var(--actual); } .overview a { color: inherit; }
    .overview .depth-1 th:first-child { padding-left: 24px; } .overview .depth-2 th:first-child { padding-left: 42px; }
    .overview .depth-3 th:first-child { padding-left: 60px; } .overview .depth-4 th:first-child { padding-left: 78px; }
    .overview .objective-row th:first-child { padding-left: 24px; }
    .overview .objective-row.depth-1 th:first-child { padding-left: 42px; }
    .overview .objective-row.depth-2 th:first-child { padding-left: 60px; }
    .overview .objective-row.depth-3 th:first-child { padding-left: 78px; }
    .overview .objective-row.depth-4 th:first-child { padding-left: 96px; }
    @media (max-width: 600px) { .overview table { font-size: 0.8em; } .overview th, .overview td { padding: 2px 3px; } \
    .overview .count { width: auto; } .overview .pill { padding: 0 4px; } }
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
    .chart .point { fill: var(--actual); } .chart .grid { stroke: var(--line); stroke-width: 0.5; opacity: 0.6; }
    .chart .projection { stroke: var(--actual); stroke-dasharray: 5 3; stroke-width: 1.2; opacity: 0.8; }
    .bar { height: 12px; max-width: 520px; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
    .bar .fill { display: block; height: 100%; background: currentColor; }
    .strip { display: flex; flex-wrap: wrap; gap: 2px; margin-top: 2px; }
    .cell { min-width: 30px; text-align: center; font-size: 11px; line-height: 1.2; border-radius: 3px; color: #fff; \
    padding: 1px 0 2px; }
    .cell .week { display: block; font-size: 9px; opacity: 0.85; }
    .milestones { list-style: none; margin: 4px 0 0; padding: 0; font-size: 0.9em; }
    .milestones li { margin: 1px 0; } .milestones .mark { display: inline-block; width: 1.2em; font-weight: 700; }
    .milestones .done .mark { color: var(--green); } .milestones .open { color: var(--muted); }
    .milestones .state { font-size: 0.85em; color: var(--muted); }
    .kr.stale { border-left: 3px dashed var(--yellow); padding-left: 8px; }
    .stale-note { margin: 0; font-size: 0.9em; color: var(--yellow); }
    .score-note { margin: 0; font-size: 0.9em; color: var(--muted); }
    .conf-red { background: #b42318; } .conf-yellow { background: #9a6700; } .conf-green { background: #1a7f37; }
    @media (min-width: 800px) { .kr { grid-template-columns: 1fr 1fr; } .kr-head, .facts, .stale-note, .score-note, .milestones, .strip { grid-column: 1 / -1; } }
    @media print { body { max-width: none; } .team, .alerts { break-inside: avoid-page; border-color: #999; } }

    """
}
