import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// The mid-quarter dashboard.
  struct Status: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Mid-quarter dashboard: progress against pace, confidence by week, projections and alerts.",
      discussion: """
        Per key result: the actual value and the value expected by now (its hand-written sprint \
        checkpoints, and its pace between them), a bar with the expected mark, the score and the \
        score projected for the quarter's end at the rate since the first check-in, the confidence \
        week by week, and a verdict: on track (at most 0.1 behind the expected progress), at risk \
        (up to 0.25 behind), off track (further behind, or confidence 0-3); from the quarter's last \
        day, achieved, missed (a committed key result below 1.0) or ended (an aspirational one below \
        1.0). The alerts from okr.yaml follow.

          okr status --as-of 2026-08-14
          okr status --team growth --format markdown
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text, markdown, json or html (one self-contained page with charts).")
    var format: FormatChoice<Status> = .text

    /// The dashboard's formats.
    static let renderers: [FormatRenderer<StatusReport>] = [
      FormatRenderer(.text) { StatusTextRenderer(colors: $0.colors, width: $0.width) },
      FormatRenderer(.markdown) { _ in StatusMarkdownRenderer() },
      FormatRenderer(.json) { _ in JSONRenderer() },
      FormatRenderer(.html) { _ in HTMLRenderer() },
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

  /// Only the alerts, with an exit code for CI.
  struct Alerts: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "alerts",
      abstract: "List the alerts that fire, each with its agreed response; exit 1 when any fires.",
      discussion: """
        Rules come from okr.yaml (every rule with its default threshold when it lists none); \
        this block pastes into okr.yaml as it is:

          alerts:
            # confidence fell by >= 2 points since last check-in
            - rule: confidence_drop
              threshold: 2
              action: Owner calls a 15-minute huddle within 2 days
            # expected minus actual progress >= 0.2
            - rule: behind_pace
            # no check-in for >= 2 weeks
            - rule: stale_checkin
            # >= 30% of micro-goal hours feed no key result
            - rule: orphan_effort
            # a finished sprint ended short of its checkpoint
            - rule: missed_checkpoint
            # a key result not checked in for >= 2 weeks
            # while its team checks in
            - rule: stale_kr
            # a definition changed after planning, no change_note
            - rule: moved_goalposts

        Exit codes: 0 no alert, 1 alerts fire, so 'okr alerts' can gate a CI job or wake a bot.
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text or json.")
    var format: FormatChoice<Alerts> = .text

    /// The alerts' formats.
    static let renderers: [FormatRenderer<StatusReport>] = [
      FormatRenderer(.text) { AlertsTextRenderer(colors: $0.colors, width: $0.width) },
      FormatRenderer(.json, { _ in JSONRenderer() }, of: AlertsReport.init),
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func run(in context: inout CommandContext) throws {
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      let (status, notices) = try context.workspace { () throws(WorkspaceFailure) in
        try session.statusReport(asOf: report.day)
      }
      try context.finish(
        status, notices: notices, as: format.format, with: Self.renderers, style: output.style(in: context))
      if !status.alerts.isEmpty { throw ExitCode.failure }
    }
  }
}
