import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// Shows how teams and objectives align.
  struct Tree: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "tree",
      abstract: "Show the alignment tree: teams under their parents, objectives and their aligns_to links.",
      discussion: """
        A team names its parent with 'parent:', an objective the objective it serves with \
        'aligns_to: team/objective'. In text, '→' points to what an objective serves and '←' \
        lists what serves it.

          okr tree --quarter 2026-Q3
          okr tree --team growth --format json
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text or json.")
    var format: FormatChoice<Tree> = .text

    /// The tree's formats.
    static let renderers: [FormatRenderer<TreeReport>] = [
      FormatRenderer(.text) { TreeTextRenderer(width: $0.width) },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func run(in context: inout CommandContext) throws {
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      try context.write(
        session.treeReport(), as: format.format, with: Self.renderers, style: output.style(in: context))
    }
  }
}
