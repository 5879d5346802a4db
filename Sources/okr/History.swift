import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// Each key result's quarter as a timeline, from the check-ins and git.
  struct History: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Each key result's quarter as a timeline: check-ins, definition changes from git, weeks.",
      discussion: """
        Per key result: every weekly check-in (value, confidence, who, note) and every change to its \
        definition from git (commit, author, day, field, from -> to, documented by a change_note or \
        not), oldest first; then the expected value, the actual value and the score week by week.

          okr history --team growth --kr O1/KR1
          okr history --format json

        Definition changes need the repository's git history; without it (no git, or a shallow clone) \
        the timeline shows check-ins only and says why on standard error.
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(
      help: ArgumentHelp("Only this key result, as objective/key-result.", valueName: "O1/KR1"),
      completion: RepositoryCompletion.keyResults)
    var kr: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: FormatChoice<History> = .text

    /// The timeline's formats.
    static let renderers: [FormatRenderer<HistoryReport>] = [
      FormatRenderer(.text) { HistoryTextRenderer(width: $0.width) },
      FormatRenderer(.markdown) { _ in HistoryMarkdownRenderer() },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func validate() throws {
      try ReportOptions.validate(asOf: report.asOf)
      if let kr, KeyResultReference(kr) == nil {
        throw ValidationError("--kr must name a key result as objective/key-result (like O1/KR1), not '\(kr)'")
      }
    }

    func run(in context: inout CommandContext) throws {
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      let (timeline, notices) = try context.workspace { () throws(WorkspaceFailure) in
        try session.historyReport(asOf: report.day, keyResult: kr)
      }
      try context.finish(
        timeline, notices: notices, as: format.format, with: Self.renderers, style: output.style(in: context))
    }
  }
}
