import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// The weekly check-in: prompts, and recording.
  struct Checkin: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "checkin",
      abstract: "This week's check-in: prompts per key result, and 'record' to append values and confidence.",
      subcommands: [Prompts.self, Record.self, Import.self, Pull.self],
      defaultSubcommand: Prompts.self)
  }
}

extension OKR.Checkin {
  /// Prints this week's check-in prompts.
  struct Prompts: ContextCommand, FormattedCommand {
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
    var format: FormatChoice<Prompts> = .text

    /// How the text prompts end: the command that records the answers.
    static let recordingHint =
      "Record with: okr checkin record --team TEAM --kr O1/KR1 --value V --confidence C --note \"...\""

    /// The prompts' formats.
    static let renderers: [FormatRenderer<StatusReport>] = [
      FormatRenderer(.text) { CheckinPromptRenderer(markdown: false, closingLine: recordingHint, width: $0.width) },
      FormatRenderer(.markdown) { _ in CheckinPromptRenderer(markdown: true) },
      FormatRenderer(.json, { _ in JSONRenderer() }, of: CheckinPromptsReport.init),
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func run(in context: inout CommandContext) throws {
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      let (status, notices) = try context.workspace { () throws(WorkspaceFailure) in
        try session.statusReport(asOf: report.day)
      }
      try context.finish(
        status, notices: notices, as: format.format, with: Self.renderers, style: output.style(in: context))
    }
  }
}
