import ArgumentParser
import OKRCore
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

    @Option(help: ArgumentHelp("The team checking in.", valueName: "slug"), completion: RepositoryCompletion.teams)
    var team: String

    @Option(
      help: ArgumentHelp("The quarter (default: the one containing --as-of).", valueName: "quarter"),
      completion: RepositoryCompletion.quarters)
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
        valueName: "key-result-options"),
      completion: RepositoryCompletion.keyResultOptions)
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
      let workspace = repository.workspace(in: context)
      let session = try context.workspace { () throws(WorkspaceFailure) in
        try workspace.openRecording(team: team, quarter: quarter, day: day)
      }
      let entries = try KeyResultArguments(keyResultOptions).entries
      let draftEntries =
        entries.isEmpty
        ? try Interview(teamQuarter: session.teamQuarter, history: session.history, day: day).run(in: &context)
        : entries
      let draft = CheckinDraft(
        team: team, cycle: session.teamQuarter.cycle.label, date: day,
        by: by ?? ProcessInfo.processInfo.environment["USER"], entries: draftEntries)
      let recorded = try context.workspace { () throws(WorkspaceFailure) in try session.record(draft) }
      let count = Format.count(recorded.keyResultCount, "key result")
      context.standardOutput.write(
        "recorded \(count) for \(team) in \(recorded.week) (\(recorded.date)) in \(recorded.shownLog)\n")
    }
  }
}
