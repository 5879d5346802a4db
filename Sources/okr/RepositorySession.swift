import ArgumentParser
import OKRCore
import OKRFiles
import OKRReports

/// Loads the repository for a report command, and refuses to report on
/// broken files: errors are printed like `okr lint` prints them, then exit 1.
struct RepositorySession {
  /// The loaded repository, free of errors.
  let repository: Repository
  /// The cycle the report is about.
  let cycle: String
  /// The teams asked for (empty: all).
  let teams: [String]
  /// The repository's root folder.
  let root: String
  /// How files are read, for reading past versions the same way.
  let loader: RepositoryLoader

  init(
    _ location: RepositoryOptions, _ report: ReportOptions, _ output: OutputOptions, in context: inout CommandContext
  )
    throws
  {
    // Decode only the cycle reported on: named, or else the calendar quarter
    // of the day, which is the default whenever the repository has it.
    let loader = location.loader()
    let root = location.root(in: context.workingDirectory)
    self.root = root
    self.loader = loader
    let wanted = report.quarter ?? Quarter(containing: report.day).description
    var loaded = loader.load(root: root, onlyCycle: wanted)
    if report.quarter == nil, let chosen = loaded.repository.defaultCycle(containing: report.day), chosen != wanted {
      // A custom cycle, or no quarter file for the day's quarter: read again for the cycle that is the default.
      loaded = loader.load(root: root, onlyCycle: chosen)
    }
    let errors = (loaded.diagnostics + Validator(loaded.repository).validate()).filter { $0.severity == .error }
    if !errors.isEmpty {
      throw Self.refuse(
        errors, fileCount: loaded.files.count, colors: output.colorsStandardError(in: context), in: &context)
    }
    repository = loaded.repository
    context.keepUntilExit(loaded)
    switch repository.scope(quarter: report.quarter, teams: report.team, day: report.day) {
    case .success(let scope):
      cycle = scope.cycle
      teams = scope.teams
    case .failure(let problem):
      throw Self.usage(problem, root: loaded.root, in: &context)
    }
  }

  /// Prints the errors that stop a report, like `okr lint` prints them; the exit code to end with.
  static func refuse(_ errors: [Diagnostic], fileCount: Int, colors: Bool, in context: inout CommandContext)
    -> ExitCode
  {
    let shown = DisplayPath.forDisplay(errors, workingDirectory: context.workingDirectory)
    let lint = LintReport(diagnostics: shown, fileCount: fileCount)
    context.standardError.write(rendered: DiagnosticTextRenderer(colors: colors).render(lint))
    context.standardError.write("fix these errors first; 'okr lint' shows every problem\n")
    return errors.contains { $0.rule == .io } ? ExitCode(74) : ExitCode.failure
  }

  /// A scope problem as a usage error, saying where okr looked for quarter files.
  static func usage(_ problem: ScopeError, root: String, in context: inout CommandContext) -> ExitCode {
    switch problem {
    case .noQuarterFiles:
      return usage(
        "no quarter files found under \(DisplayPath.relative(root, to: context.workingDirectory))/okrs; create one with 'okr init'",
        in: &context)
    case .unknownCycle, .unknownTeam:
      return usage(problem.description, in: &context)
    }
  }

  /// A usage problem found after parsing: printed like ArgumentParser's, exit 64.
  static func usage(_ message: String, in context: inout CommandContext) -> ExitCode {
    context.standardError.write("error: \(message)\n")
    return ExitCode(64)
  }
}

extension RepositorySession {
  /// The score card of the session's cycle and teams as of a day.
  ///
  /// The session's cycle has quarter files (its scope was formed from them),
  /// so no card would be okr's own fault; even then it is said, not a silent exit 1.
  func scoreCard(asOf day: CalendarDate, history: CheckinHistory? = nil, in context: inout CommandContext) throws
    -> ScoreCard
  {
    guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: day, teams: teams, history: history) else {
      context.standardError.write("error: internal error: \(cycle) has no quarter files to score; please report this\n")
      throw ExitCode.failure
    }
    return card
  }

  /// The status of the session's cycle and teams as of a day, alerts included.
  func statusReport(asOf day: CalendarDate, in context: inout CommandContext) throws -> StatusReport {
    let history = CheckinHistory(repository, cycle: cycle)
    let card = try scoreCard(asOf: day, history: history, in: &context)
    let evaluator = AlertEvaluator(config: repository.config)
    let changes =
      evaluator.rules.contains { $0.kind == .movedGoalposts } ? definitionChanges(asOf: day, in: &context) : nil
    let alerts = evaluator.evaluate(repository: repository, card: card, history: history, changes: changes)
    return StatusReport(
      card: card, history: history, alerts: alerts, organization: repository.config.organization, changes: changes)
  }

  /// The cycle's definition changes from git, or `nil` with a warning when
  /// there is no history to read: the moved_goalposts rule is then skipped,
  /// never silently.
  func definitionChanges(
    asOf day: CalendarDate, purpose: String = "moved_goalposts is skipped", in context: inout CommandContext
  ) -> [DatedChange]? {
    switch GitHistory.open(root: root) {
    case .success(let history):
      do {
        return try history.changes(in: cycle, workingTree: repository, loader: loader, today: day)
      } catch {
        context.standardError.write("warning: \(purpose): \(error)\n")
        return nil
      }
    case .failure(let why):
      context.standardError.write("warning: \(purpose): \(why)\n")
      return nil
    }
  }
}
