import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// Scores key results, objectives, teams and the roll-up.
  struct Score: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "score",
      abstract: "Score key results, objectives, teams and the roll-up on the 0.0-1.0 scale.",
      discussion: """
        A key result's actual value is its newest check-in on or before --as-of, else its \
        'current:', else its baseline. Numeric: (actual - baseline) / (target - baseline), clamped \
        to 0-1, for increasing and decreasing key results alike; boolean: 1 when done; milestones: \
        the weighted share done; threshold: 1 when on the 'keep' side of 'bound'. A 'score:' in the \
        file overrides the computed score. Objectives take the weighted mean of their key results, \
        teams the mean of their objectives, parents the mean of their objectives and child teams. \
        Grades: \(Grading.standard.legend), unless okr.yaml's 'scoring:' moves \
        the bands (yellow_from, green_from). Before the quarter ends, scores \
        are marked provisional.

          okr score --as-of 2026-09-30
          okr score --team growth --format markdown > q3-growth.md
          okr score --format csv > q3.csv

        With --quarters, the trend instead: the overall and each team's score quarter by quarter \
        (each quarter as of its last day, or --as-of while it runs), from the files alone:

          okr score --quarters 2026-Q1..2026-Q4
          okr score --quarters 2025-Q4,2026-Q2 --format csv
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text, markdown, json, csv or html (one self-contained page with charts).")
    var format: FormatChoice<Score> = .text

    @Option(
      help: ArgumentHelp(
        "Score these quarters side by side: a range (2026-Q1..2026-Q4) or a list (2025-Q4,2026-Q2).",
        valueName: "quarters"))
    var quarters: String?

    /// The score card's formats.
    static let cardRenderers: [FormatRenderer<ScoreReport>] = [
      FormatRenderer(.text) { ScoreTextRenderer(colors: $0.colors, width: $0.width) },
      FormatRenderer(.markdown) { _ in ScoreMarkdownRenderer() },
      FormatRenderer(.json) { _ in JSONRenderer() },
      FormatRenderer(.csv) { _ in ScoreCSVRenderer() },
    ]

    /// The formats made from the status report: a page shows burn-ups and confidence by week too.
    static let statusRenderers: [FormatRenderer<StatusReport>] = [
      FormatRenderer(.html) { _ in HTMLRenderer() }
    ]

    /// The formats of the trend across quarters.
    static let trendRenderers: [FormatRenderer<TrendReport>] = [
      FormatRenderer(.text) { TrendTextRenderer(width: $0.width) },
      FormatRenderer(.markdown) { _ in TrendMarkdownRenderer() },
      FormatRenderer(.json) { _ in JSONRenderer() },
      FormatRenderer(.csv) { _ in TrendCSVRenderer() },
    ]

    static var formats: [OutputFormat] { cardRenderers.formats() + statusRenderers.formats() }

    func validate() throws {
      try ReportOptions.validate(asOf: report.asOf)
      if let quarters {
        guard let parsed = Self.quarters(quarters) else {
          throw ValidationError(
            "'--quarters' must be a range like 2026-Q1..2026-Q4 or a list like 2025-Q4,2026-Q2, not '\(quarters)'")
        }
        if parsed.count > 40 { throw ValidationError("'--quarters' spans \(parsed.count) quarters; 40 at most") }
        if Self.trendRenderers.renderer(for: format.format) == nil {
          let offered = Self.trendRenderers.formats().map(\.rawValue)
          throw ValidationError(
            "--quarters gives \(offered.dropLast().joined(separator: ", ")) or \(offered.last ?? ""), not \(format.format.rawValue)"
          )
        }
        if report.quarter != nil { throw ValidationError("give --quarter or --quarters, not both") }
      }
    }

    /// `2026-Q1..2026-Q4` (inclusive, oldest first) or `2025-Q4,2026-Q2`; `nil` when malformed.
    static func quarters(_ text: String) -> [Quarter]? {
      let ends = text.split(separator: ".", omittingEmptySubsequences: false)
      if ends.count == 3, ends[1].isEmpty {
        guard let first = Quarter(String(ends[0])), let last = Quarter(String(ends[2])), first <= last else {
          return nil
        }
        var quarters = [first]
        while let current = quarters.last, current < last, quarters.count <= 40 {
          let next = current.number == 4 ? (current.year + 1, 1) : (current.year, current.number + 1)
          guard let quarter = Quarter(year: next.0, number: next.1) else { return nil }
          quarters.append(quarter)
        }
        return quarters
      }
      let list = text.split(separator: ",").map { Quarter(String($0)) }
      guard !list.isEmpty, !list.contains(where: { $0 == nil }) else { return nil }
      return Set(list.compactMap { $0 }).sorted()
    }

    /// The trend across quarters.
    private func runTrend(_ quarters: [Quarter], in context: inout CommandContext) throws {
      let workspace = repository.workspace(in: context)
      let trend = try context.workspace(colors: output.colorsStandardError(in: context)) {
        () throws(WorkspaceFailure) in try workspace.trend(quarters, asOf: report.day, teams: report.team)
      }
      try context.write(trend, as: format.format, with: Self.trendRenderers, style: output.style(in: context))
    }

    func run(in context: inout CommandContext) throws {
      if let quarters, let parsed = Self.quarters(quarters) { return try runTrend(parsed, in: &context) }
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      let style = output.style(in: context)
      guard Self.statusRenderers.formats().contains(format.format) else {
        let scores = try context.workspace { () throws(WorkspaceFailure) in try session.scoreReport(asOf: report.day) }
        return try context.write(scores, as: format.format, with: Self.cardRenderers, style: style)
      }
      let (status, notices) = try context.workspace { () throws(WorkspaceFailure) in
        try session.statusReport(asOf: report.day)
      }
      try context.finish(status, notices: notices, as: format.format, with: Self.statusRenderers, style: style)
    }
  }
}
