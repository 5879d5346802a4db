import ArgumentParser
import OKRCore
import OKRReports

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
      FormatRenderer(.text) { _ in PlanRenderer(markdown: false) },
      FormatRenderer(.markdown) { _ in PlanRenderer(markdown: true) },
      FormatRenderer(.json) { _ in JSONRenderer() },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func validate() throws {
      if let sprint, sprint < 1 { throw ValidationError("'--sprint' counts from 1, not \(sprint)") }
    }

    func run(in context: inout CommandContext) throws {
      let session = try RepositorySession(repository, report, output, in: &context)
      let repository = session.repository
      let teamQuarters = repository.teamQuarters.filter { $0.cycle.label == session.cycle }
      let bySlug = Dictionary(teamQuarters.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
      let plans = TeamOrder(teamQuarters, selected: session.teams).entries.compactMap { entry in
        bySlug[entry.slug].map { TeamPlan($0, in: repository) }
      }
      guard let cycle = teamQuarters.first?.cycle else {
        throw RepositorySession.usage("no quarter files for \(session.cycle)", in: &context)
      }
      if let sprint, let most = plans.map(\.sprints.count).max(), sprint > most {
        throw RepositorySession.usage(
          "'--sprint \(sprint)': \(session.cycle) has \(Format.count(most, "sprint"))", in: &context)
      }
      let plan = PlanReport(
        plans: plans, cycle: cycle, asOf: report.day, sprint: sprint, organization: repository.config.organization)
      try context.write(plan, as: format.format, with: Self.renderers, style: output.style(in: context))
    }
  }
}
