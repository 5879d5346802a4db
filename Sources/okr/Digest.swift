import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// The week in one message for the team channel.
  struct Digest: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "digest",
      abstract: "The week in one message for the team channel: scores, who has not checked in, what moved, alerts.",
      discussion: """
        The week is the seven days ending on --as-of (--as-of 2026-08-10: 2026-08-04 to 2026-08-10), \
        so a Monday run shows the Tuesday before to that Monday. Per team: the score, and the score \
        seven days earlier against the definitions in force that day (as 'okr history' scores it); \
        whether it checked in for the ISO week of --as-of, the week 'okr status' and 'okr checkin' ask \
        about (a check-in without a date counts from its week's checkin_day), and each team that has \
        not, with the owner its quarter file names; the key results whose value or confidence differs \
        from seven days earlier, from -> to; the alerts 'okr alerts' gives, with their responses; the \
        definition changes dated in the seven days, from git (without history it says so and goes on).

        --format slack is a Block Kit message for a Slack (or Mattermost) incoming webhook, with every \
        person's string escaped for Slack; --format markdown suits Microsoft Teams and pull-request \
        comments. docs/ci.md posts it every Monday:

          okr digest --as-of 2026-08-14
          okr digest --team growth --format slack > digest.json
          curl -fsS -H 'Content-Type: application/json' --data @digest.json "$SLACK_WEBHOOK_URL"
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text, markdown (Teams, pull requests), slack (Block Kit JSON) or json.")
    var format: FormatChoice<Digest> = .text

    /// The digest's formats.
    static let renderers: [FormatRenderer<DigestReport>] = [
      FormatRenderer(.text) { DigestTextRenderer(width: $0.width) },
      FormatRenderer(.markdown) { _ in DigestMarkdownRenderer() },
      FormatRenderer(.slack) { _ in DigestSlackRenderer() },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func run(in context: inout CommandContext) throws {
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      let (digest, notices) = try context.workspace { () throws(WorkspaceFailure) in
        try session.digestReport(asOf: report.day)
      }
      try context.finish(
        digest, notices: notices, as: format.format, with: Self.renderers, style: output.style(in: context))
    }
  }
}
