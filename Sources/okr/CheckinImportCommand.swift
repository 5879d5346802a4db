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
  /// Many check-ins at once, from a CSV file.
  struct Import: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Record many check-ins at once from a CSV file (a spreadsheet export, a metrics query).",
      discussion: """
        The first row names the columns, in any order: team and kr (required), value, done, \
        confidence, note and date (default --as-of). done is true or false for a boolean key result, \
        or milestone titles separated by ';'. Quoted fields may hold commas and line breaks:

          team,kr,value,confidence,note,date
          growth,O1/KR1,13.9,7,"Trials up, pricing page live",2026-08-14
          platform,O2/KR2,19,6,,2026-08-14

        Every row is checked against the repository first, and every problem is reported at its \
        cell (file:line:column); if any row is wrong nothing is written. Then each team's rows of \
        one date are appended as one check-in, through the same locked, atomic writer as \
        'okr checkin record', to every log or to none. Each check-in names the file it came from \
        (import: sha256:...), so running the same import again records nothing twice.
        """)

    @OptionGroup var repository: RepositoryOptions

    @Option(
      help: ArgumentHelp("The cycle of every row (default: the one containing each row's date).", valueName: "quarter"),
      completion: RepositoryCompletion.quarters)
    var quarter: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp("The date of rows without one, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Who is checking in (default: $USER).", valueName: "name"))
    var by: String?

    @Argument(
      help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"),
      completion: .file(extensions: ["csv"]))
    var file: String

    func validate() throws {
      try ReportOptions.validate(asOf: asOf)
    }

    func run(in context: inout CommandContext) throws {
      let workspace = repository.workspace(in: context)
      let shownFile = file == "-" ? "<stdin>" : file
      let bytes = try context.workspace { () throws(WorkspaceFailure) in
        try workspace.readInput(file == "-" ? nil : file, shown: shownFile)
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw context.fail(.problems(["'\(shownFile)' is not UTF-8 text"], outcome: "", exitCode: 1))
      }
      let imported = try context.workspace { () throws(WorkspaceFailure) in
        try workspace.importCheckins(
          csv: text, shownFile: shownFile, quarter: quarter, day: ReportOptions.day(asOf: asOf),
          by: by ?? ProcessInfo.processInfo.environment["USER"])
      }
      for checkin in imported {
        let what = "\(checkin.team) on \(checkin.date)"
        context.standardOutput.write(
          checkin.wasAlreadyRecorded
            ? "already recorded: \(what) is in \(checkin.shownLog) from an earlier import of this file\n"
            : "recorded \(Format.count(checkin.keyResultCount, "key result")) for \(what) in \(checkin.shownLog)\n")
      }
    }
  }
}
