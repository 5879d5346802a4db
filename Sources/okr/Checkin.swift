import ArgumentParser
import OKRCore
import OKRReports

extension OKR {
  /// The weekly check-in: prompts, and recording.
  struct Checkin: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "checkin",
      abstract: "This week's check-in: prompts per key result, and 'record' to append values and confidence.",
      subcommands: [Prompts.self, Record.self, Import.self],
      defaultSubcommand: Prompts.self)
  }
}

extension OKR.Checkin {
  /// Prints this week's check-in prompts.
  struct Prompts: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "prompts",
      abstract: "Print the prompts for the ISO week of --as-of (what 'okr checkin' does).",
      discussion: """
        Per team and key result: the last value and its date, the value expected by now under \
        the key result's pace, the last confidence and its trend, open blockers, whether the team \
        has checked in this week, and the three questions. --format markdown gives notes for the \
        meeting; --format json the same as data, for chat bots and forms.
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: PromptFormat = .text

    enum PromptFormat: String, ExpressibleByArgument, CaseIterable {
      case text, markdown, json
    }

    func run() throws {
      let status = try RepositorySession(repository, report, output).statusReport(asOf: report.day)
      if format == .json {
        Terminal.output(rendered: JSONOutput.encode(CheckinPromptsReport(status)))
      } else {
        Terminal.output(rendered: CheckinPromptRenderer(markdown: format == .markdown).render(status))
      }
    }
  }
}
