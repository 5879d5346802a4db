import ArgumentParser
import OKRCore
import OKRReports
import OKRRepository

/// Loads the repository for a report command, and refuses to report on
/// broken files: errors are printed like `okr lint` prints them, then exit 1.
struct RepositorySession {
  /// The loaded repository, free of errors.
  let repository: Repository
  /// The cycle the report is about.
  let cycle: String
  /// The teams asked for (empty: all).
  let teams: [String]

  init(_ location: RepositoryOptions, _ report: ReportOptions, _ output: OutputOptions) throws {
    // Decode only the cycle reported on: named, or else the calendar quarter
    // of the day, which is the default whenever the repository has it.
    let loader = location.loader()
    let root = location.root()
    let wanted = report.quarter ?? Quarter(containing: report.day).description
    var loaded = loader.load(root: root, onlyCycle: wanted)
    if report.quarter == nil, let chosen = loaded.repository.defaultCycle(containing: report.day), chosen != wanted {
      // A custom cycle, or no quarter file for the day's quarter: read again for the cycle that is the default.
      loaded = loader.load(root: root, onlyCycle: chosen)
    }
    let errors = (loaded.diagnostics + Validator(loaded.repository).validate()).filter { $0.severity == .error }
    if !errors.isEmpty {
      let shown = errors.map { diagnostic in
        var diagnostic = diagnostic
        diagnostic.location.path = DisplayPath.relative(diagnostic.location.path, to: location.workingDirectory)
        return diagnostic
      }
      let lint = LintReport(diagnostics: shown, fileCount: loaded.files.count)
      Terminal.error(rendered: DiagnosticTextRenderer(colors: output.colorsStandardError).render(lint))
      Terminal.error("fix these errors first; 'okr lint' shows every problem\n")
      throw errors.contains { $0.rule == .io } ? ExitCode(74) : ExitCode.failure
    }
    repository = loaded.repository
    let labels = repository.cycleLabels
    if let quarter = report.quarter {
      guard labels.contains(quarter) else {
        throw Self.usage(
          labels.isEmpty
            ? "no quarter files found under \(DisplayPath.relative(loaded.root, to: location.workingDirectory))/okrs"
            : "no quarter files for '\(quarter)'\(Suggestion.hint(for: quarter, in: labels)) (quarters: \(labels.joined(separator: ", ")))"
        )
      }
      cycle = quarter
    } else {
      guard let found = repository.defaultCycle(containing: report.day) else {
        throw Self.usage(
          "no quarter files found under \(DisplayPath.relative(loaded.root, to: location.workingDirectory))/okrs; create one with 'okr init'"
        )
      }
      cycle = found
    }
    let known = repository.teams(in: cycle)
    for team in report.team where !known.contains(team) {
      throw Self.usage(
        "no team '\(team)' in \(cycle)\(Suggestion.hint(for: team, in: known)) (teams: \(known.joined(separator: ", ")))"
      )
    }
    teams = report.team
  }

  /// A usage problem found after parsing: printed like ArgumentParser's, exit 64.
  static func usage(_ message: String) -> ExitCode {
    Terminal.error("error: \(message)\n")
    return ExitCode(64)
  }
}

extension RepositorySession {
  /// The status of the session's cycle and teams as of a day, alerts included.
  func statusReport(asOf day: CalendarDate) throws -> StatusReport {
    let history = CheckinHistory(repository, cycle: cycle)
    guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: day, teams: teams, history: history) else {
      throw ExitCode.failure
    }
    let alerts = AlertEvaluator(config: repository.config).evaluate(
      repository: repository, card: card, history: history)
    return StatusReport(card: card, history: history, alerts: alerts, organization: repository.config.organization)
  }
}
