import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// The quarter plan, sprint by sprint.
  struct Plan: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract:
        "The quarter plan: sprint calendar, sprint goals from key results, micro-goals against capacity, rituals.",
      discussion: """
        Sprints of cadence.sprint_length start on cadence.first_sprint (default: the first Monday \
        on or after the quarter's start); a remainder shorter than half a sprint joins the last one. \
        For each sprint and key result: the hand-written goal and checkpoint, else the move the \
        key result's pace asks for (numeric), its milestones spread in order, or a boolean due \
        in the last sprint. Micro-goals land in the sprint of their due date (undated: their sprint \
        goal's sprint); planned hours are set against capacity.hours_per_sprint.

          okr plan --team growth
          okr plan --sprint 3 --as-of 2026-08-05
          okr plan --format markdown > docs/q3-plan.md
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only this sprint.", valueName: "number"))
    var sprint: Int?

    @Option(help: "Output format: text, markdown or json.")
    var format: FormatChoice<Plan> = .text

    /// The plan's formats.
    static let renderers: [FormatRenderer<PlanReport>] = [
      FormatRenderer(.text) { PlanRenderer(markdown: false, width: $0.width) },
      FormatRenderer(.markdown) { _ in PlanRenderer(markdown: true) },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func validate() throws {
      if let sprint, sprint < 1 { throw ValidationError("'--sprint' counts from 1, not \(sprint)") }
    }

    func run(in context: inout CommandContext) throws {
      let session = try report.session(repository, colors: output.colorsStandardError(in: context), in: &context)
      let plan = try context.workspace { () throws(WorkspaceFailure) in
        try session.planReport(asOf: report.day, sprint: sprint)
      }
      try context.write(plan, as: format.format, with: Self.renderers, style: output.style(in: context))
    }
  }
}
