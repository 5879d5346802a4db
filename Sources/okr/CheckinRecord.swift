import ArgumentParser
import FoundationEssentials
import OKRCore
import OKRReports
import OKRRepository

extension OKR.Checkin {
  /// Appends a check-in to the team's log.
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "record",
      abstract: "Record this week's values and confidence; appends to checkins/<quarter>/<team>.yaml.",
      discussion: """
        Name each key result with --kr; the --value, --done, --confidence, --note and --blocker \
        after it belong to it, so one call records several:

          okr checkin record --team growth --kr O1/KR1 --value 41 --confidence 7 --note "Funnel live" \\
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

    @Option(
      help: ArgumentHelp(
        "A key result, as objective/key-result; the options after it describe it.", valueName: "O1/KR1"))
    var kr: [String] = []

    @Option(help: ArgumentHelp("The measured value (numeric and threshold key results).", valueName: "number"))
    var value: [String] = []

    @Option(
      help: ArgumentHelp("true or false (boolean key results), or a milestone's title (milestones).", valueName: "done")
    )
    var done: [String] = []

    @Option(help: ArgumentHelp("How confident the team is: 0 to 10, or green, yellow, red.", valueName: "level"))
    var confidence: [String] = []

    @Option(help: ArgumentHelp("What changed.", valueName: "text"))
    var note: [String] = []

    @Option(help: ArgumentHelp("What is in the way (repeatable).", valueName: "text"))
    var blocker: [String] = []

    func validate() throws {
      try ReportOptions.validate(asOf: asOf)
      if kr.isEmpty, !(value.isEmpty && done.isEmpty && confidence.isEmpty && note.isEmpty && blocker.isEmpty) {
        throw ValidationError(
          "name the key result first: --kr O1/KR1 before its --value, --done, --confidence, --note or --blocker")
      }
      if kr.isEmpty, !Terminal.standardInputIsInteractive {
        throw ValidationError("no --kr given and standard input is not a terminal; name each key result with --kr")
      }
    }

    func run() throws {
      let day = ReportOptions.day(asOf: asOf)
      let root = repository.root()
      let loaded = repository.loader().load(root: root)
      let repositoryModel = loaded.repository
      let cycles = repositoryModel.teamQuarters.filter { $0.slug == team }
      guard !cycles.isEmpty else {
        let teams = Set(repositoryModel.teamQuarters.map(\.slug)).sorted()
        throw RepositorySession.usage(
          "no team '\(team)' has a quarter file\(Suggestion.hint(for: team, in: teams))")
      }
      let chosen: TeamQuarter
      if let quarter {
        guard let match = cycles.first(where: { $0.cycle.label == quarter }) else {
          throw RepositorySession.usage("team '\(team)' has no quarter file for '\(quarter)'")
        }
        chosen = match
      } else {
        guard let match = cycles.first(where: { $0.cycle.period.contains(day) }) else {
          throw RepositorySession.usage(
            "no quarter of team '\(team)' contains \(day); name one with --quarter (quarters: \(cycles.map(\.cycle.label).joined(separator: ", ")))"
          )
        }
        chosen = match
      }
      // Only this team's own files need to be right to record safely.
      let logPath = RepositoryLayout.checkinLog(root: root, quarter: chosen.cycle.label, team: team)
      let ownFiles = [chosen.location.path, logPath]
      let errors = (loaded.diagnostics + Validator(repositoryModel).validate())
        .filter { $0.severity == .error && ownFiles.contains($0.location.path) }
      if !errors.isEmpty {
        printDiagnostics(errors, fileCount: ownFiles.count)
        Terminal.error("fix these errors first; nothing was recorded\n")
        throw ExitCode.failure
      }
      let history = CheckinHistory(repositoryModel, cycle: chosen.cycle.label)
      let entries =
        kr.isEmpty ? try Interview(teamQuarter: chosen, history: history, day: day).run() : Self.groupedEntries()
      let draft = CheckinDraft(
        team: team, cycle: chosen.cycle.label, date: day, by: by ?? ProcessInfo.processInfo.environment["USER"],
        entries: entries)
      let checkin: ValidCheckin
      switch draft.validated(against: chosen, history: history) {
      case .success(let valid):
        checkin = valid
      case .failure(let problems):
        for message in problems.messages { Terminal.error("error: \(message)\n") }
        Terminal.error("nothing was recorded\n")
        throw ExitCode.failure
      }
      let writer = CheckinLogWriter(faultInjection: ProcessInfo.processInfo.environment["OKR_FAULT_INJECTION"])
      let shown = DisplayPath.relative(logPath, to: repository.workingDirectory)
      do {
        try writer.append(try CheckinLogWriter.document(for: checkin), to: logPath)
      } catch {
        Terminal.error("error: \(error)\n")
        switch error {
        case .io: throw ExitCode(74)
        default: throw ExitCode.failure
        }
      }
      let count = checkin.entries.count == 1 ? "1 key result" : "\(checkin.entries.count) key results"
      Terminal.output("recorded \(count) for \(team) in \(checkin.week) (\(checkin.date)) in \(shown)\n")
    }

    private func printDiagnostics(_ diagnostics: [Diagnostic], fileCount: Int) {
      let shown = diagnostics.map { diagnostic in
        var diagnostic = diagnostic
        diagnostic.location.path = DisplayPath.relative(diagnostic.location.path, to: repository.workingDirectory)
        return diagnostic
      }
      Terminal.error(
        rendered: DiagnosticTextRenderer(colors: false).render(LintReport(diagnostics: shown, fileCount: fileCount)))
    }

    /// Groups the per-key-result options by the `--kr` they follow.
    ///
    /// ArgumentParser keeps each option's values in order but not how they
    /// interleave, so the raw arguments decide which `--kr` an option follows.
    static func groupedEntries(arguments: [String] = CommandLine.arguments) -> [CheckinDraft.Entry] {
      var entries: [CheckinDraft.Entry] = []
      var index = 0
      let names = ["--kr", "--value", "--done", "--confidence", "--note", "--blocker"]
      while index < arguments.count {
        var name = arguments[index]
        var value: String?
        if let equals = name.firstIndex(of: "="), names.contains(String(name[..<equals])) {
          value = String(name[name.index(after: equals)...])
          name = String(name[..<equals])
        } else if names.contains(name), index + 1 < arguments.count {
          index += 1
          value = arguments[index]
        }
        index += 1
        guard let value else { continue }
        if name == "--kr" {
          entries.append(CheckinDraft.Entry(keyResult: value))
          continue
        }
        guard !entries.isEmpty else { continue }
        switch name {
        case "--value": entries[entries.count - 1].value = value
        case "--done": entries[entries.count - 1].done.append(value)
        case "--confidence": entries[entries.count - 1].confidence = value
        case "--note": entries[entries.count - 1].note = value
        case "--blocker": entries[entries.count - 1].blockers.append(value)
        default: break
        }
      }
      return entries
    }
  }
}
