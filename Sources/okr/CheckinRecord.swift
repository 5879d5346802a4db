import ArgumentParser
import OKRCore
import OKRFiles
import OKRReports
import OKRWorkspace

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

extension OKR.Checkin {
  /// Appends a check-in to the team's log.
  struct Record: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "record",
      abstract: "Record this week's values and confidence; appends to checkins/<quarter>/<team>.yaml.",
      discussion: """
        Name each key result with --kr; the --value, --done, --confidence, --note and --blocker \
        after it belong to it, so one call records several:

          okr checkin record --team growth \\
            --kr O1/KR1 --value 41 --confidence 7 --note "Funnel live" \\
            --kr O1/KR2 --done true --confidence green

        --done takes true or false for a boolean key result, and a milestone's title (repeatable) for \
        a milestones key result. Everything is checked before anything is written. Without --kr, on a \
        terminal, okr asks key result by key result, with the last values as defaults.

        The log is only ever appended to, through a separate lock file (<log>.lock) and an atomic \
        rename, so two people recording at once both land and a crash never leaves half a check-in.
        """)

    @OptionGroup var repository: RepositoryOptions

    @Option(help: ArgumentHelp("The team checking in.", valueName: "slug"))
    var team: String

    @Option(help: ArgumentHelp("The quarter (default: the one containing --as-of).", valueName: "quarter"))
    var quarter: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The check-in's date, YYYY-MM-DD (default: today); its ISO week is the check-in's week.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Who is checking in (default: $USER).", valueName: "name"))
    var by: String?

    @Argument(
      parsing: .allUnrecognized,
      help: ArgumentHelp(
        "Per key result: --kr O1/KR1, then its --value NUMBER, --done WORD (repeatable), --confidence LEVEL, "
          + "--note TEXT and --blocker TEXT (repeatable). Repeat --kr for more key results.",
        valueName: "key-result-options"))
    var keyResultOptions: [String] = []

    func validate() throws {
      try ReportOptions.validate(asOf: asOf)
      let entries: [CheckinDraft.Entry]
      do {
        entries = try KeyResultArguments(keyResultOptions).entries
      } catch {
        throw ValidationError(error.description)
      }
      if entries.isEmpty, !Terminal.standardInputIsInteractive {
        throw ValidationError("no --kr given and standard input is not a terminal; name each key result with --kr")
      }
    }

    func run(in context: inout CommandContext) throws {
      let day = ReportOptions.day(asOf: asOf)
      let root = repository.root(in: context.workingDirectory)
      let loaded = repository.loader().load(root: root)
      let model = loaded.repository
      // The same rule as every report: a check-in lands in the cycle `okr status` shows for the day.
      let scope: ReportScope
      switch model.scope(quarter: quarter, teams: [team], day: day) {
      case .success(let found): scope = found
      case .failure(let problem):
        try UnreadableFiles.refuse(loaded, outcome: "fix these errors first; nothing was recorded", in: &context)
        throw context.fail(repository.workspace(in: context).usage(problem))
      }
      guard let chosen = model.teamQuarters.first(where: { $0.slug == team && $0.cycle.label == scope.cycle })
      else {
        try UnreadableFiles.refuse(loaded, outcome: "fix these errors first; nothing was recorded", in: &context)
        throw context.fail(.usage("no team '\(team)' has a quarter file for \(scope.cycle)"))
      }
      guard chosen.cycle.period.contains(day) else {
        throw context.fail(
          .usage(
            "\(day) is outside \(scope.cycle) (\(chosen.cycle.period.start) to \(chosen.cycle.period.end)); "
              + "record with the check-in's date in --as-of, or name its quarter with --quarter"))
      }
      // Only this team's own files need to be right to record safely.
      let logPath = RepositoryLayout.checkinLog(root: root, quarter: chosen.cycle.label, team: team)
      let ownFiles = [chosen.location.path, logPath]
      let errors = (loaded.diagnostics + Validator(model).validate())
        .filter { $0.severity == .error && ownFiles.contains($0.location.path) }
      if !errors.isEmpty {
        printDiagnostics(errors, fileCount: ownFiles.count, in: &context)
        context.standardError.write("fix these errors first; nothing was recorded\n")
        throw errors.contains { $0.rule == .io } ? ExitCode(74) : ExitCode.failure
      }
      let entries = try KeyResultArguments(keyResultOptions).entries
      let draftEntries =
        entries.isEmpty
        ? try Interview(
          teamQuarter: chosen, history: CheckinHistory(model, cycle: chosen.cycle.label), day: day
        ).run(in: &context) : entries
      let draft = CheckinDraft(
        team: team, cycle: chosen.cycle.label, date: day, by: by ?? ProcessInfo.processInfo.environment["USER"],
        entries: draftEntries)
      let checkin: ValidCheckin
      switch draft.validated(against: chosen) {
      case .success(let valid):
        checkin = valid
      case .failure(let problems):
        for message in problems.messages { context.standardError.write("error: \(message)\n") }
        context.standardError.write("nothing was recorded\n")
        throw ExitCode.failure
      }
      let shown = DisplayPath.relative(logPath, to: context.workingDirectory)
      do {
        try CheckinRecorder(writer: CheckinLogWriter(root: root), loader: repository.loader()).record(
          checkin, for: chosen, in: logPath)
      } catch {
        context.standardError.write("error: \(error.shown(workingDirectory: context.workingDirectory))\n")
        switch error {
        case .io: throw ExitCode(74)
        default: throw ExitCode.failure
        }
      }
      let count = checkin.entries.count == 1 ? "1 key result" : "\(checkin.entries.count) key results"
      context.standardOutput.write("recorded \(count) for \(team) in \(checkin.week) (\(checkin.date)) in \(shown)\n")
    }

    private func printDiagnostics(_ diagnostics: [Diagnostic], fileCount: Int, in context: inout CommandContext) {
      let shown = DisplayPath.forDisplay(diagnostics, workingDirectory: context.workingDirectory)
      context.standardError.write(
        rendered: DiagnosticTextRenderer(colors: false).render(LintReport(diagnostics: shown, fileCount: fileCount)))
    }
  }
}
