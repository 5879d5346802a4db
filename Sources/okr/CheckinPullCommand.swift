import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR.Checkin {
  /// Records each key result's value from its `source:`.
  struct Pull: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "pull",
      abstract: "Record each key result's value from its source: (a JSON file, a CSV file or a command).",
      discussion: """
        A numeric, threshold or boolean key result may say where its value lives:

          source: {file: metrics/weekly.json, pointer: /trials/conversion}
          source: {file: metrics/export.csv, column: conversion}
          source: {command: [python3, scripts/nps.py]}

        Every source of the cycle of --as-of is read and checked before anything is written; if any \
        fails (a missing file, a pointer that finds nothing, output that is not one number, a command \
        that exits non-zero or runs past --source-timeout) each is reported at its source: in the \
        quarter file, as lint reports a problem, and nothing is written (exit 1). Then each team's values are appended as one check-in with \
        'by: source' and no confidence, through the same locked, atomic writer as 'okr checkin record'. \
        A value equal to the one already recorded for the week is not written again.

        A command runs with no shell, from the repository's root, with no standard input; it is code \
        the repository runs, so review it like any script. Only this command ever runs one; \
        --dry-run prints each command before running it and writes nothing. A command sees only PATH, \
        HOME and LANG of okr's environment, and each variable named with --source-env (a warehouse \
        token, say): a CI job's other secrets stay out of its reach.
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text or json.")
    var format: FormatChoice<Pull> = .text

    @Option(help: ArgumentHelp("Only this team's key results (repeatable).", valueName: "slug"))
    var team: [String] = []

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The check-in's date, YYYY-MM-DD (default: today); its cycle is the one pulled.", valueName: "date"))
    var asOf: String?

    @Flag(name: .customLong("dry-run"), help: "Read every source and show the values; write nothing.")
    var dryRun = false

    @Option(
      name: .customLong("source-timeout"),
      help: ArgumentHelp("Seconds a command source may run before it is stopped.", valueName: "seconds"))
    var sourceTimeout: Double = 60

    @Option(
      name: .customLong("source-env"),
      help: ArgumentHelp(
        "An environment variable a command source may see, besides PATH, HOME and LANG (repeatable).",
        valueName: "name"))
    var sourceEnv: [String] = []

    func validate() throws {
      if let name = sourceEnv.first(where: { !KeyResultSource.isVariableName($0) }) {
        throw ValidationError(
          "'--source-env' takes a variable's name (letters, digits and '_'), not '\(name)'")
      }
      try ReportOptions.validate(asOf: asOf)
      guard sourceTimeout > 0, sourceTimeout.isFinite, sourceTimeout <= 86_400 else {
        throw ValidationError("'--source-timeout' must be more than 0 and at most 86400 seconds")
      }
    }

    func run(in context: inout CommandContext) throws {
      let workspace = repository.workspace(in: context)
      let day = ReportOptions.day(asOf: asOf)
      // The commands a dry run is about to run are told as they start: a hanging one is seen hanging.
      // They go to standard error with JSON, which must stay one document.
      let stream: WritableKeyPath<CommandContext, CommandStream> =
        format.format == .json ? \.standardError : \.standardOutput
      var announcements = context[keyPath: stream]
      let dryRun = self.dryRun
      let pulled = try context.workspace(colors: output.colorsStandardError(in: context)) {
        () throws(WorkspaceFailure) in
        try workspace.pullSources(
          teams: team, day: day, timeout: sourceTimeout, dryRun: dryRun, passing: sourceEnv
        ) { team, keyResult, arguments in
          guard dryRun else { return }
          announcements.write(PullReport.runningLine(team: team, keyResult: keyResult, arguments: arguments))
        }
      }
      context[keyPath: stream] = announcements
      try context.write(pulled, as: format.format, with: Self.renderers, style: output.style(in: context))
    }

    /// The pull's formats.
    static let renderers: [FormatRenderer<PullReport>] = [
      FormatRenderer(.text) { PullTextRenderer(width: $0.width) },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }
  }
}
