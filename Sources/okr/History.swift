import ArgumentParser
import OKRCore
import OKRFiles
import OKRReports

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

    @Option(help: ArgumentHelp("Only this key result, as objective/key-result.", valueName: "O1/KR1"))
    var kr: String?

    @Option(help: "Output format: text, markdown or json.")
    var format: FormatChoice<History> = .text

    /// The timeline's formats.
    static let renderers: [FormatRenderer<HistoryReport>] = [
      FormatRenderer(.text) { _ in HistoryTextRenderer() },
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
      let session = try RepositorySession(repository, report, output, in: &context)
      let day = report.day
      let history = CheckinHistory(session.repository, cycle: session.cycle)
      let card = try session.scoreCard(asOf: day, history: history, in: &context)
      let read = session.definitionChanges(asOf: day, purpose: "definition changes are not shown", in: &context)
      let timeline = HistoryReport(
        card: card, history: history, changes: read.changes, keyResult: kr,
        organization: session.repository.config.organization)
      if let kr, timeline.keyResults.isEmpty {
        throw RepositorySession.usage("no key result '\(kr)' in \(session.cycle)", in: &context)
      }
      try context.write(timeline, as: format.format, with: Self.renderers, style: output.style(in: context))
      if read.unreadable != nil { throw ExitCode(74) }
    }
  }
}
