import ArgumentParser
import Foundation
import OKRCore
import OKRRepository

/// Where the OKR repository is.
struct RepositoryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The repository's root folder (default: the nearest folder up from here with okr.yaml, else with .git, else this one).",
      valueName: "dir"))
  var repo: String?

  /// The working directory, once.
  var workingDirectory: String { FileManager.default.currentDirectoryPath }

  /// The repository root: `--repo`, or found from the working directory.
  func root() -> String {
    if let repo { return Linter.absolutePath(repo, from: workingDirectory) }
    return RepositoryLoader.findRoot(startingAt: workingDirectory)
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

  /// Whether standard output gets colour.
  var colorsStandardOutput: Bool {
    Terminal.allowsColor(color, fileDescriptor: STDOUT_FILENO)
  }

  /// Whether standard error gets colour.
  var colorsStandardError: Bool {
    Terminal.allowsColor(color, fileDescriptor: STDERR_FILENO)
  }
}

/// Which cycle, which teams and which day a report is about.
struct ReportOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The quarter, as YYYY-Qn (default: the one containing --as-of, else the newest).", valueName: "quarter"))
  var quarter: String?

  @Option(help: ArgumentHelp("Only this team and its child teams; repeat for several.", valueName: "slug"))
  var team: [String] = []

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The day to report as of, YYYY-MM-DD (default: today). Pins every report.", valueName: "date"))
  var asOf: String?

  func validate() throws {
    if let asOf, CalendarDate(asOf) == nil {
      throw ValidationError("'--as-of' must be a date written YYYY-MM-DD that exists, not '\(asOf)'")
    }
  }

  /// The as-of day: `--as-of`, else today in the local time zone.
  ///
  /// The one "today" every report uses.
  var day: CalendarDate {
    if let asOf, let day = CalendarDate(asOf) { return day }
    return Self.today()
  }

  /// Today in the local time zone: the only place okr reads the clock.
  static func today() -> CalendarDate {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CalendarDate(daysSinceEpoch: 0)
  }
}
