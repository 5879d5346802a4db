import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// What changed in the OKRs between two revisions, for review.
  struct Diff: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "What changed in the OKRs between two revisions, and what it does to the scores.",
      discussion: """
        With no revision: HEAD against the working tree. With one: that revision against the working \
        tree. With two: the first against the second. Objectives and key results added, removed and \
        retitled; definitions changed (type, baseline, target, unit, keep, bound, commitment, weight) \
        with whether a change_note documents them; check-ins added; every affected score before and \
        after. --format markdown is written to be pasted as a pull-request comment.

          okr diff
          okr diff origin/main --format markdown
          okr diff HEAD~1 HEAD --fail-on-moved-goalposts

        A definition changed after the quarter's planning day (the first day of its first sprint) \
        without a change_note moves a goal post; --fail-on-moved-goalposts exits 1 then, for CI on \
        pull requests. Revisions are read with the git command.
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: FormatChoice<Diff> = .text

    @Flag(help: "Exit 1 when a goal post moves: a definition changed after planning without a change_note.")
    var failOnMovedGoalposts = false

    @Argument(help: ArgumentHelp("The revisions to compare (default: HEAD and the working tree).", valueName: "rev"))
    var revisions: [String] = []

    /// The diff's formats.
    static let renderers: [FormatRenderer<DiffReport>] = [
      FormatRenderer(.text) { DiffTextRenderer(width: $0.width) },
      FormatRenderer(.markdown) { _ in DiffMarkdownRenderer() },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func validate() throws {
      try ReportOptions.validate(asOf: report.asOf)
      if revisions.count > 2 {
        throw ValidationError("give at most two revisions, not \(revisions.count)")
      }
    }

    func run(in context: inout CommandContext) throws {
      let workspace = repository.workspace(in: context)
      let (diff, notices) = try context.workspace(colors: output.colorsStandardError(in: context)) {
        () throws(WorkspaceFailure) in
        try workspace.diff(revisions: revisions, quarter: report.quarter, teams: report.team, asOf: report.day)
      }
      try context.finish(
        diff, notices: notices, as: format.format, with: Self.renderers, style: output.style(in: context))
      if failOnMovedGoalposts, diff.movedGoalpostCount > 0 {
        throw ExitCode.failure
      }
    }
  }
}
