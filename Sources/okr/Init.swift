import ArgumentParser
import OKRCore
import OKRWorkspace

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

extension OKR {
  /// Scaffolds a team's quarter file from a template.
  struct Init: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Write okrs/<quarter>/<team>.yaml from a template; never overwrites.",
      discussion: """
        Templates: product (sprint goals and micro-goals), kanban (flow metrics: lead time, \
        throughput, rework rate) and personal. A templates/<name>.yaml in the repository is used \
        before the built-in one of that name. The new file gets your team and quarter, and every \
        date in the template moves into the new quarter by whole weeks:

          okr init --team growth --quarter 2026-Q3 --template product
        """)

    @OptionGroup var repository: RepositoryOptions

    @Option(
      help: ArgumentHelp("The team's slug (a-z, 0-9 and '-').", valueName: "slug"),
      completion: RepositoryCompletion.teams)
    var team: String

    @Option(
      help: ArgumentHelp(
        "The quarter to plan, as YYYY-Qn (default: the one containing --as-of).", valueName: "quarter"),
      completion: RepositoryCompletion.quarters)
    var quarter: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The day whose quarter to plan when --quarter is not given (default: today).", valueName: "date"))
    var asOf: String?

    @Option(
      help: ArgumentHelp("The template: product, kanban or personal.", valueName: "name"),
      completion: RepositoryCompletion.templates)
    var template: String = "product"

    @Option(help: ArgumentHelp("The team's display name (default: the slug, capitalised).", valueName: "name"))
    var name: String?

    @Option(
      help: ArgumentHelp(
        "Start from the team's quarter file of this quarter instead of a template: objectives and key results "
          + "carry over, numeric baselines become the last actual values, finished work stays behind.",
        valueName: "quarter"),
      completion: RepositoryCompletion.quarters)
    var from: String?

    func validate() throws {
      guard Slug.isValid(team) else {
        throw ValidationError("'--team' must be a slug of a-z, 0-9 and '-', not '\(team)'")
      }
      // A template is named, never a path: `../x` would read templates/../x.yaml,
      // a file outside the repository's templates.
      guard Self.isTemplateName(template) else {
        throw ValidationError(
          "'--template' must be a template's name (letters, digits, '-', '_' and '.', not starting with '.'), not '\(template)'; templates come only from templates/ and the built-in ones"
        )
      }
      if let quarter, Quarter(quarter) == nil {
        throw ValidationError("'--quarter' must be written YYYY-Qn with n from 1 to 4, not '\(quarter)'")
      }
      try ReportOptions.validate(asOf: asOf)
      if let from, Quarter(from) == nil {
        throw ValidationError("'--from' must be written YYYY-Qn with n from 1 to 4, not '\(from)'")
      }
      if from != nil, template != "product" {
        throw ValidationError("give --from or --template, not both")
      }
    }

    /// The quarter to plan: --quarter, else the one containing --as-of (today).
    private var plannedQuarter: Quarter {
      if let quarter, let parsed = Quarter(quarter) { return parsed }
      return Quarter(containing: ReportOptions.day(asOf: asOf))
    }

    func run(in context: inout CommandContext) throws {
      let workspace = repository.workspace(in: context)
      let request = ScaffoldRequest(team: team, quarter: plannedQuarter, template: template, name: name, from: from)
      let scaffolded = try context.workspace { () throws(WorkspaceFailure) in try workspace.scaffold(request) }
      for note in scaffolded.notes { context.standardError.write("note: \(note)\n") }
      if let config = scaffolded.createdConfig { context.standardOutput.write("created \(config)\n") }
      for written in scaffolded.schemasWritten { context.standardOutput.write("wrote \(written) for editors\n") }
      context.standardOutput.write(
        "created \(scaffolded.shownFile) from \(scaffolded.source)\nnext: edit it, then run 'okr lint'\n")
    }

    /// Whether `name` can only name a file directly in templates/: no path
    /// separator, no `..`, nothing hidden, no control character.
    static func isTemplateName(_ name: String) -> Bool {
      guard let first = name.unicodeScalars.first, first != "." else { return false }
      return name.unicodeScalars.allSatisfy { scalar in
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
          || "-_.".unicodeScalars.contains(scalar)
      }
    }
  }
}
