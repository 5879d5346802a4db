import ArgumentParser
import OKRCore
import OKRReports
import OKRRepository

extension OKR {
  /// Scores key results, objectives, teams and the roll-up.
  struct Score: ParsableCommand {
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
        Grades: red below 0.4, yellow below 0.7, green from 0.7. Before the quarter ends, scores \
        are marked provisional.

          okr score --as-of 2026-09-30
          okr score --team growth --format markdown > q3-growth.md
          okr score --format csv > q3.csv
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text, markdown, json, csv or html (one self-contained page with charts).")
    var format: ScoreFormat = .text

    enum ScoreFormat: String, ExpressibleByArgument, CaseIterable {
      case text, markdown, json, csv, html
    }

    func run() throws {
      let session = try RepositorySession(repository, report, output)
      if format == .html {
        // The page shows burn-ups and confidence by week too: it is built from the status report.
        Terminal.output(rendered: HTMLRenderer().render(try session.statusReport(asOf: report.day)))
        return
      }
      guard
        let card = ScoreCard(
          repository: session.repository, cycle: session.cycle, asOf: report.day, teams: session.teams)
      else { throw ExitCode.failure }
      let scoreReport = ScoreReport(card, organization: session.repository.config.organization)
      switch format {
      case .text:
        Terminal.output(rendered: ScoreTextRenderer(colors: output.colorsStandardOutput).render(scoreReport))
      case .markdown:
        Terminal.output(rendered: ScoreMarkdownRenderer().render(scoreReport))
      case .json:
        Terminal.output(rendered: ScoreJSONRenderer().render(scoreReport))
      case .csv:
        Terminal.output(rendered: ScoreCSVRenderer().render(scoreReport))
      case .html:
        break
      }
    }
  }
}
