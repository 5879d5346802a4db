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
  func scoreCard(
    asOf day: CalendarDate, history: CheckinHistory? = nil, repository marked: Repository? = nil,
    in context: inout CommandContext
  ) throws -> ScoreCard {
    let repository = marked ?? self.repository
    guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: day, teams: teams, history: history) else {
      context.standardError.write("error: internal error: \(cycle) has no quarter files to score; please report this\n")
      throw ExitCode.failure
    }
    return card
  }

  /// The status of the session's cycle and teams as of a day, alerts included.
  ///
  /// When git could not read a version the moved_goalposts rule needs, the
  /// report says the rule could not be checked (``StatusReport/unchecked``),
  /// and ``exitCodeForUncheckedRules(_:)`` gives the command its io exit.
  func statusReport(asOf day: CalendarDate, in context: inout CommandContext) throws -> StatusReport {
    let history = CheckinHistory(repository, cycle: cycle)
    let evaluator = AlertEvaluator(config: repository.config)
    let read =
      evaluator.rules.contains { $0.kind == .movedGoalposts }
      ? definitionChanges(asOf: day, in: &context) : DefinitionChanges(changes: nil, unreadable: nil)
    // Key results added mid-quarter are expected to progress from the day they were added.
    let marked = repository.markingAdditions(from: read.changes ?? [])
    let card = try scoreCard(asOf: day, history: history, repository: marked, in: &context)
    let alerts = evaluator.evaluate(repository: repository, card: card, history: history, changes: read.changes)
    var status = StatusReport(
      card: card, history: history, alerts: alerts, organization: repository.config.organization,
      changes: read.changes)
    if let unreadable = read.unreadable {
      status.unchecked = [UncheckedRule(rule: .movedGoalposts, reason: unreadable.message)]
    }
    return status
  }

  /// What reading the cycle's definition changes from git gave.
  struct DefinitionChanges {
    /// The changes; `nil` when there is no history to read, or it could not be read.
    var changes: [DatedChange]?
    /// A version git could not read (a missing or corrupt object): an `io` problem, already printed.
    var unreadable: Diagnostic?
  }

  /// The cycle's definition changes from git.
  ///
  /// Without history (no git, not a repository, a shallow clone) the changes
  /// are `nil` with a warning: the moved_goalposts rule is then skipped,
  /// never silently. A version git cannot read is an `io` error naming the
  /// file and commit, printed here; the caller says what it could not check.
  func definitionChanges(
    asOf day: CalendarDate, purpose: String = "moved_goalposts is skipped", in context: inout CommandContext
  ) -> DefinitionChanges {
    switch GitHistory.open(root: root) {
    case .success(let history):
      do {
        return DefinitionChanges(
          changes: try history.changes(in: cycle, workingTree: repository, loader: loader, today: day),
          unreadable: nil)
      } catch {
        guard let path = error.path else {
          context.standardError.write("warning: \(purpose): \(error)\n")
          return DefinitionChanges(changes: nil, unreadable: nil)
        }
        let location = SourceLocation(path: path, line: 0, column: 0)
        let diagnostic = Diagnostic.error(error.message + "; \(purpose)", rule: .io, at: location)
        let shown = DisplayPath.forDisplay([diagnostic], workingDirectory: context.workingDirectory)
        context.standardError.write(
          rendered: DiagnosticTextRenderer(colors: false).render(LintReport(diagnostics: shown, fileCount: 1)))
        return DefinitionChanges(changes: nil, unreadable: diagnostic)
      }
    case .failure(let why):
      context.standardError.write("warning: \(purpose): \(why)\n")
      return DefinitionChanges(changes: nil, unreadable: nil)
    }
  }
}

extension StatusReport {
  /// The exit code a command ends with when a rule could not be checked because a file could not be read: 74.
  var exitCodeForUncheckedRules: ExitCode? {
    (unchecked ?? []).isEmpty ? nil : ExitCode(74)
  }
}
