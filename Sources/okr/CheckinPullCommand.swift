import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR.Checkin {
  /// Records each key result's value from its `source:`.
  struct Pull: ContextCommand {
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
        that exits non-zero or runs past --source-timeout) each is reported with its team and key \
        result, and nothing is written. Then each team's values are appended as one check-in with \
        'by: source' and no confidence, through the same locked, atomic writer as 'okr checkin record'. \
        A value equal to the one already recorded for the week is not written again.

        A command runs with no shell, from the repository's root, with no standard input; it is code \
        the repository runs, so review it like any script. Only this command ever runs one; \
        --dry-run prints each command before running it and writes nothing. A command sees only PATH, \
        HOME and LANG of okr's environment, and each variable named with --source-env (a warehouse \
        token, say): a CI job's other secrets stay out of its reach.
        """)

    @OptionGroup var repository: RepositoryOptions

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
      var output = context.standardOutput
      let dryRun = self.dryRun
      let pulled = try context.workspace { () throws(WorkspaceFailure) in
        try workspace.pullSources(
          teams: team, day: day, timeout: sourceTimeout, dryRun: dryRun, passing: sourceEnv
        ) {
          team, keyResult, arguments in
          guard dryRun else { return }
          output.write("running for \(team) \(keyResult): \(Self.shellQuoted(arguments))\n")
        }
      }
      context.standardOutput = output
      guard !pulled.values.isEmpty else {
        context.standardOutput.write("no key result has a source: nothing to pull\n")
        return
      }
      for value in pulled.values {
        context.standardOutput.write(
          "\(value.team) \(value.keyResult): \(value.value)\(value.isUnchanged ? TerminalText(" (already recorded this week)") : "")\n"
        )
      }
      let written = pulled.checkins.filter { !$0.wasAlreadyRecorded }
      guard !written.isEmpty else {
        context.standardOutput.write("nothing new\n")
        return
      }
      for checkin in written {
        let count = Format.count(checkin.keyResultCount, "key result")
        context.standardOutput.write(
          dryRun
            ? "would record \(count) for \(checkin.team) on \(checkin.date) in \(checkin.shownLog); nothing was written\n"
            : "recorded \(count) for \(checkin.team) on \(checkin.date) in \(checkin.shownLog)\n")
      }
    }

    /// An argv as a POSIX shell would take it back: each word that needs it in single quotes.
    static func shellQuoted(_ arguments: [String]) -> String {
      arguments.map { word in
        let plain =
          !word.isEmpty
          && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
              && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "_@%+=:,./-".unicodeScalars.contains(scalar))
          }
        return plain
          ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
      }.joined(separator: " ")
    }
  }
}
