import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where the OKR repository is, and the limits its files are read under.
///
/// The limit options are for the rare repository that needs more room; they
/// stay out of every command's everyday help and show with `--help-hidden`.
struct RepositoryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The repository's root folder (default: the nearest folder up from here with okr.yaml, else with .git, else this one).",
      valueName: "dir"),
    completion: .directory)
  var repo: String?

  @Option(
    name: .customLong("max-file-size"),
    help: ArgumentHelp("The largest file read, in MiB.", valueName: "MiB", visibility: .hidden))
  var maxFileSize: Int = WorkspaceOptions.defaultMaxFileSizeMiB

  @Option(
    name: .customLong("max-depth"),
    help: ArgumentHelp("The deepest YAML nesting read.", valueName: "levels", visibility: .hidden))
  var maxDepth: Int = WorkspaceOptions.defaultMaxDepth

  @Option(
    name: .customLong("max-alias-nodes"),
    help: ArgumentHelp("The most nodes YAML aliases may add to a file.", valueName: "nodes", visibility: .hidden))
  var maxAliasNodes: Int = WorkspaceOptions.defaultMaxAliasNodes

  @Option(
    name: .customLong("max-alias-bytes"),
    help: ArgumentHelp(
      "The most bytes of text YAML aliases may add to a file (1048576 is 1 MiB).", valueName: "bytes",
      visibility: .hidden))
  var maxAliasBytes: Int = WorkspaceOptions.defaultMaxAliasBytes

  @Option(
    name: .customLong("max-files"),
    help: ArgumentHelp("The most OKR files a repository may have.", valueName: "count", visibility: .hidden))
  var maxFiles: Int = WorkspaceOptions.defaultMaxFiles

  /// The option that raises a resource limit.
  static func option(for limit: ResourceLimit) -> String {
    WorkspaceOptions.flag(for: limit)
  }

  func validate() throws {
    for (name, value) in [
      ("--max-file-size", maxFileSize), ("--max-depth", maxDepth), ("--max-alias-nodes", maxAliasNodes),
      ("--max-alias-bytes", maxAliasBytes), ("--max-files", maxFiles),
    ] where value < 1 || value > 1 << 40 {
      throw ValidationError("'\(name)' must be a positive whole number, not \(value)")
    }
  }
}

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// Options about how output looks.
struct OutputOptions: ParsableArguments {
  @Option(help: "Colour diagnostics: auto (only on a terminal, never with NO_COLOR set), always or never.")
  var color: ColorChoice = .auto

  /// How a report written to `context`'s standard output looks.
  func style(in context: CommandContext) -> TextStyle {
    context.standardOutput.style(color)
  }

  /// Whether `context`'s standard error gets colour.
  func colorsStandardError(in context: CommandContext) -> Bool {
    context.standardError.colors(color)
  }
}

/// Which cycle, which teams and which day a report is about.
struct ReportOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The quarter, as YYYY-Qn (default: the one containing --as-of, else the newest).", valueName: "quarter"),
    completion: RepositoryCompletion.quarters)
  var quarter: String?

  @Option(
    help: ArgumentHelp("Only this team and its child teams; repeat for several.", valueName: "slug"),
    completion: RepositoryCompletion.teams)
  var team: [String] = []

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The day to report as of, YYYY-MM-DD (default: today). Pins every report.", valueName: "date"))
  var asOf: String?

  func validate() throws {
    try Self.validate(asOf: asOf)
  }

  /// Refuses an `--as-of` that is not a day that exists; every command says it the same way.
  static func validate(asOf: String?) throws {
    if let asOf, CalendarDate(asOf) == nil {
      throw ValidationError("'--as-of' must be a date written YYYY-MM-DD that exists, not '\(asOf)'")
    }
  }

  /// The day an `--as-of` value names, else today.
  static func day(asOf: String?) -> CalendarDate {
    asOf.flatMap(CalendarDate.init) ?? today()
  }

  /// The as-of day: `--as-of`, else today in the local time zone.
  ///
  /// The one "today" every report uses.
  var day: CalendarDate { Self.day(asOf: asOf) }

  /// Today in the local time zone: the only place okr reads the clock.
  static func today() -> CalendarDate {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CalendarDate(daysSinceEpoch: 0)
  }
}
