import OKRCore
import OKRFiles
import OKRReports

/// Loads the input as a repository and renders every report in every format through the oracles.
enum Reports {
  /// Splits the input at lines `#%%` into a quarter file, a check-in log and
  /// okr.yaml (seeds are made that way by Scripts/fuzz.sh), loads them, and
  /// renders lint, score, status, alerts, check-in prompts, digest, plan and
  /// tree in text, Markdown, JSON, CSV, HTML and Slack.
  static func renderEverything(_ bytes: [UInt8]) {
    let paths = ["okrs/2026-Q1/fuzz.yaml", "checkins/2026-Q1/fuzz.yaml", "okr.yaml"]
    let files = Array(zip(paths, split(bytes)).map { (path: $0, bytes: $1) })
    let loaded = RepositoryLoader(isConcurrent: false).load(contents: files)
    let repository = loaded.repository
    let organization = repository.config.organization
    let lint = LintReport(diagnostics: loaded.diagnostics + Validator(repository).validate(), fileCount: files.count)
    Oracles.text(DiagnosticTextRenderer(colors: false).render(lint), "lint")
    _ = DiagnosticJSONRenderer().render(lint)
    // Reports run on what a person can report on: files without errors, plus
    // files whose only errors are ids outside the pattern, so the escaping of
    // ids lint forbids is exercised too. Other errors can ask for unbounded
    // work (a first sprint 2,000 years before the quarter) that lint is what stops.
    guard !lint.diagnostics.contains(where: { $0.severity == .error && $0.rule != .idFormat }) else { return }
    checkEarlyStop(files, loaded)
    for cycle in repository.cycleLabels {
      guard let period = repository.teamQuarters.first(where: { $0.cycle.label == cycle })?.cycle.period,
        period.dayCount <= maxDays
      else { continue }
      let day = period.start.adding(days: bytes.count % period.dayCount)
      let history = CheckinHistory(repository, cycle: cycle)
      guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: day, history: history) else { continue }

      let score = ScoreReport(card, organization: organization)
      Oracles.text(ScoreTextRenderer(colors: false).render(score), "score text")
      Oracles.markdown(ScoreMarkdownRenderer().render(score), "score markdown")
      Oracles.csv(ScoreCSVRenderer().render(score))
      Oracles.json(score)

      let alerts = AlertEvaluator(config: repository.config).evaluate(
        repository: repository, card: card, history: history)
      let status = StatusReport(card: card, history: history, alerts: alerts, organization: organization)
      Oracles.text(StatusTextRenderer(colors: false).render(status), "status text")
      Oracles.text(AlertsTextRenderer(colors: false).render(status), "alerts text")
      Oracles.markdown(StatusMarkdownRenderer().render(status), "status markdown")
      Oracles.text(CheckinPromptRenderer(markdown: false).render(status), "checkin text")
      Oracles.markdown(CheckinPromptRenderer(markdown: true).render(status), "checkin markdown")
      Oracles.html(HTMLRenderer().render(status))
      Oracles.json(status)
      Oracles.json(AlertsReport(status))

      let lastWeek = day.adding(days: -7)
      let previous =
        lastWeek < period.start
        ? nil : ScoreCard(repository: repository, cycle: cycle, asOf: lastWeek, history: history)
      let digest = DigestReport(status: status, card: card, previous: previous, history: history, changes: [])
      Oracles.text(DigestTextRenderer().render(digest), "digest text")
      Oracles.markdown(DigestMarkdownRenderer().render(digest), "digest markdown")
      Oracles.slack(DigestSlackRenderer().render(digest))
      Oracles.json(digest)

      let plans = card.teams.map { TeamPlan($0.teamQuarter, in: repository) }
      let plan = PlanReport(plans: plans, cycle: card.cycle, asOf: day, sprint: nil, organization: organization)
      Oracles.text(PlanRenderer(markdown: false).render(plan), "plan text")
      Oracles.markdown(PlanRenderer(markdown: true).render(plan), "plan markdown")
      Oracles.json(plan)

      let tree = TreeReport(AlignmentTree(repository: repository, cycle: cycle), organization: organization)
      Oracles.text(TreeTextRenderer().render(tree), "tree text")
      Oracles.json(tree)
    }
  }

  /// Traps when reading other cycles' files only up to their heads changes a report.
  ///
  /// A report reads another cycle's file only up to its head (docs/format.md
  /// §1); what it shows must be what a full read shows. `loaded` is the full
  /// read, free of errors. Each cycle's stopped read must give the same score
  /// JSON, status text and cycles (with their dates); a read for a cycle the
  /// repository lacks stops at every head it can, and must still list the same cycles.
  static func checkEarlyStop(_ files: [(path: String, bytes: [UInt8])], _ loaded: LoadedRepository) {
    func cycles(_ repository: Repository) -> String {
      let all = repository.teamQuarters.map(\.cycle) + repository.otherCycles
      return repository.cycleLabels.map { label in
        label + ":" + all.filter { $0.label == label }.map(\.period.description).joined(separator: ",")
      }.joined(separator: ";")
    }
    func reports(_ repository: Repository, _ cycle: String, _ day: CalendarDate) -> String {
      let history = CheckinHistory(repository, cycle: cycle)
      guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: day, history: history) else { return "" }
      let alerts = AlertEvaluator(config: repository.config).evaluate(
        repository: repository, card: card, history: history)
      let status = StatusReport(card: card, history: history, alerts: alerts, organization: "")
      return JSONOutput.encode(ScoreReport(card, organization: ""))
        + StatusTextRenderer(colors: false).render(status)
    }
    let full = cycles(loaded.repository)
    let loader = RepositoryLoader(isConcurrent: false)
    for cycle in loaded.repository.cycleLabels + ["1900-Q1"] {
      let stopped = loader.load(root: "", contents: files, onlyCycle: cycle)
      let errors = (stopped.diagnostics + Validator(stopped.repository).validate()).filter { $0.severity == .error }
      if errors.contains(where: { $0.rule != .idFormat }) {
        fatalError("early stop for \(cycle): errors a full read does not have: \(errors.map(\.message))")
      }
      if cycles(stopped.repository) != full {
        fatalError("early stop for \(cycle): cycles \(cycles(stopped.repository)), a full read \(full)")
      }
      guard let period = loaded.repository.teamQuarters.first(where: { $0.cycle.label == cycle })?.cycle.period,
        period.dayCount <= maxDays
      else { continue }
      let day = period.start.adding(days: files.count % period.dayCount)
      if reports(stopped.repository, cycle, day) != reports(loaded.repository, cycle, day) {
        fatalError("early stop for \(cycle): the reports differ from a full read's")
      }
    }
  }

  /// The longest cycle rendered.
  ///
  /// Lint refuses periods over 400 days, and only files without errors are
  /// rendered, so this is a second fence: a fuzzed `period` of 9,999 years
  /// would only measure a known limit, not find news.
  static let maxDays = 400

  /// The input's parts between lines `#%%`.
  static func split(_ bytes: [UInt8]) -> [[UInt8]] {
    let separator = Array("\n#%%\n".utf8)
    var parts: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + separator.count <= bytes.count {
      if bytes[index..<index + separator.count].elementsEqual(separator) {
        parts.append(Array(bytes[start..<index + 1]))
        index += separator.count
        start = index
      } else {
        index += 1
      }
    }
    parts.append(Array(bytes[start...]))
    return parts
  }
}
