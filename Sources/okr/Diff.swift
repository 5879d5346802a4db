import ArgumentParser
import OKRCore
import OKRFiles
import OKRReports

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
      FormatRenderer(.text) { _ in DiffTextRenderer() },
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
      let root = repository.root(in: context.workingDirectory)
      let loader = repository.loader()
      let history: GitHistory
      switch GitHistory.open(root: root, needsWholeHistory: false) {
      case .success(let opened): history = opened
      case .failure(let why): throw RepositorySession.usage(why.description, in: &context)
      }
      let day = report.day
      let sides: Sides
      do {
        sides = try Sides(revisions, history: history, loader: loader, root: root)
      } catch {
        throw RepositorySession.usage(error.description, in: &context)
      }
      // A side that does not load says nothing reliable: print why, compare nothing.
      for (name, loaded) in [(sides.fromName, sides.old), (sides.toName, sides.new)] {
        let errors = (loaded.diagnostics + Validator(loaded.repository).validate()).filter { $0.severity == .error }
        guard errors.isEmpty else {
          context.standardError.write("error: the OKRs in \(name) do not load, so there is nothing to compare\n")
          throw RepositorySession.refuse(
            errors, fileCount: loaded.files.count, colors: output.colorsStandardError(in: context), in: &context)
        }
      }
      let cycles = report.quarter.map { Set([$0]) }
      var changes = ModelDiff.changes(from: sides.old.repository, to: sides.new.repository, cycles: cycles ?? [])
      if !report.team.isEmpty { changes = changes.filter { report.team.contains($0.team) } }
      let dated = dateChanges(changes, sides: sides, history: history, loader: loader, in: &context)
      let diff = DiffReport(
        changes: dated, old: sides.old.repository, new: sides.new.repository, from: sides.fromName,
        to: sides.toName, asOf: day, cycles: cycles, onlyTeams: Set(report.team))
      try context.write(diff, as: format.format, with: Self.renderers, style: output.style(in: context))
      if failOnMovedGoalposts, diff.movedGoalpostCount > 0 {
        throw ExitCode.failure
      }
    }

    /// The two versions compared.
    struct Sides {
      var old: LoadedRepository
      var new: LoadedRepository
      var fromName: String
      var toName = "working tree"
      /// The newer revision's full name; `nil` for the working tree.
      var to: String?

      init(_ revisions: [String], history: GitHistory, loader: RepositoryLoader, root: String)
        throws(GitHistory.Failure)
      {
        let from = try history.commit(revisions.first ?? "HEAD")
        fromName = String(from.prefix(7))
        old = loader.load(root: root, contents: try history.files(at: from))
        if revisions.count == 2 {
          let to = try history.commit(revisions[1])
          self.to = to
          toName = String(to.prefix(7))
          new = loader.load(root: root, contents: try history.files(at: to))
        } else {
          new = loader.load(root: root)
        }
      }
    }

    /// Each change dated as every command dates it: by the commit that first
    /// has the new value on the newer side's first-parent history (today for
    /// the working tree's uncommitted ones).
    func dateChanges(
      _ changes: [ModelChange], sides: Sides, history: GitHistory, loader: RepositoryLoader,
      in context: inout CommandContext
    ) -> [DatedChange] {
      let byCommit = sides.to.flatMap { try? history.describe($0) }
      let walked: [DatedChange]
      do {
        walked = try history.changes(
          in: report.quarter, revision: sides.to, workingTree: sides.new.repository,
          includesWorkingTree: sides.to == nil, loader: loader, today: report.day, ignoresLaterCommits: false)
      } catch {
        context.standardError.write("warning: changes are dated by \(sides.toName): \(error)\n")
        walked = []
      }
      let introduced = DatedChange.latestByValue(walked)
      return changes.map { change in
        let planningDay = [sides.new.repository, sides.old.repository].lazy.compactMap { model in
          model.teamQuarters.first { $0.slug == change.team && $0.cycle.label == change.cycle }.map {
            model.planningDay(of: $0)
          }
        }.first
        if let found = introduced[DatedChange.ValueKey(change)] {
          return DatedChange(
            change: change, commit: found.commit, author: found.author, date: found.date,
            planningDay: planningDay ?? found.date)
        }
        let date = byCommit?.date ?? report.day
        return DatedChange(
          change: change, commit: byCommit?.shortSHA, author: byCommit?.author, date: date,
          planningDay: planningDay ?? date)
      }
    }
  }
}
