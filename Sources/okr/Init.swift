import ArgumentParser
import OKRCore
import OKRFiles
import YAMLKit

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

    @Option(help: ArgumentHelp("The team's slug (a-z, 0-9 and '-').", valueName: "slug"))
    var team: String

    @Option(
      help: ArgumentHelp("The quarter to plan, as YYYY-Qn (default: the one containing --as-of).", valueName: "quarter")
    )
    var quarter: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp(
        "The day whose quarter to plan when --quarter is not given (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("The template: product, kanban or personal.", valueName: "name"))
    var template: String = "product"

    @Option(help: ArgumentHelp("The team's display name (default: the slug, capitalised).", valueName: "name"))
    var name: String?

    @Option(
      help: ArgumentHelp(
        "Start from the team's quarter file of this quarter instead of a template: objectives and key results "
          + "carry over, numeric baselines become the last actual values, finished work stays behind.",
        valueName: "quarter"))
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
      let root = repository.root(in: context.workingDirectory)
      let quarter = plannedQuarter.description
      let text: String
      var source = "template '\(template)'"
      if let from {
        text = try carriedOver(from: from, root: root, in: &context)
        source = from
      } else {
        let template = try loadTemplate(root: root, in: &context)
        // A team that exists keeps the name its newest quarter file gives it.
        let kept = name == nil ? repository.loader().load(root: root).repository.latestName(ofTeam: team) : nil
        do {
          text = try template.filled(
            team: team, quarter: plannedQuarter, displayName: name ?? kept ?? Self.displayName(for: team),
            addsName: name != nil || kept != nil)
        } catch {
          context.standardError.write("error: \(error)\n")
          throw ExitCode.failure
        }
      }
      // Editors with the YAML language server read the schema okr keeps in the repository.
      let fileText = "# yaml-language-server: $schema=../../.okr/schemas/\(OKRSchema.quarter.fileName)\n" + text
      let path = RepositoryLayout.quarterFile(root: root, quarter: quarter, team: team)
      let shown = DisplayPath.relative(path, to: context.workingDirectory)
      // A committed `okrs` (or `.okr`) link must not make okr write elsewhere
      // on the machine; both are checked before either file is written.
      guard RepositoryBoundary(root: root).contains(path) else {
        context.standardError.write("error: cannot write '\(shown)': \(RepositoryBoundary.writeRefusal)\n")
        throw ExitCode(74)
      }
      try Schema.refuseLinksOut(root: root, in: &context)
      do {
        try AtomicFile.create(path, contents: fileText)
      } catch  where error.alreadyExists {
        context.standardError.write("error: '\(shown)' already exists; okr init never overwrites a file\n")
        throw ExitCode.failure
      } catch {
        context.standardError.write("error: \(error)\n")
        throw ExitCode(74)
      }
      for written in try Schema.writeSchemas(root: root, in: &context) {
        context.standardOutput.write(
          "wrote \(DisplayPath.relative(written, to: context.workingDirectory)) for editors\n")
      }
      context.standardOutput.write("created \(shown) from \(source)\nnext: edit it, then run 'okr lint'\n")
    }

    /// The team's quarter file of `from`, carried into the planned quarter.
    private func carriedOver(from: String, root: String, in context: inout CommandContext) throws -> String {
      let loaded = repository.loader().load(root: root)
      let ownFiles = Set(
        loaded.repository.teamQuarters.filter { $0.slug == team && $0.cycle.label == from }.map(\.location.path))
      let errors = (loaded.diagnostics + Validator(loaded.repository).validate()).filter {
        $0.severity == .error && ownFiles.contains($0.location.path)
      }
      guard errors.isEmpty else {
        context.standardError.write("error: \(team)'s quarter file for \(from) has errors; 'okr lint' shows them\n")
        throw ExitCode.failure
      }
      // The last cycle as of its own last day, as its files date it (a fiscal `period:` included).
      guard let fromCycle = loaded.repository.cycle(named: from),
        let card = ScoreCard(repository: loaded.repository, cycle: from, asOf: fromCycle.period.end, teams: [team]),
        let scored = card.teams.first(where: { $0.teamQuarter.slug == team })
      else {
        try UnreadableFiles.refuse(loaded, outcome: "fix these errors first; nothing was written", in: &context)
        throw RepositorySession.usage("team '\(team)' has no quarter file for \(from)", in: &context)
      }
      let carry = CarryOver(scored, into: plannedQuarter, existing: loaded.repository)
      for note in carry.notes { context.standardError.write("note: \(note)\n") }
      do {
        return try CarryOverWriter.text(for: carry, displayName: name ?? Self.displayName(for: team))
      } catch {
        context.standardError.write("error: \(error)\n")
        throw ExitCode.failure
      }
    }

    private func loadTemplate(root: String, in context: inout CommandContext) throws -> QuarterTemplate {
      let local = RepositoryLayout.template(root: root, name: template)
      if FileManager.default.fileExists(atPath: local) {
        // A repository's own template that cannot be read is an error, not a
        // reason to quietly use the built-in one instead. It is read like an
        // OKR file: a FIFO is refused, not waited on, the size is capped, and
        // a link out of the repository is not followed (its target's text
        // would become the new quarter file).
        let shown = DisplayPath.relative(local, to: context.workingDirectory)
        guard RepositoryBoundary(root: root).contains(local) else {
          context.standardError.write("error: cannot read template '\(shown)': \(RepositoryBoundary.readRefusal)\n")
          throw ExitCode(74)
        }
        let contents: YAMLParser.FileContents
        do {
          contents = try YAMLParser.readFile(
            atPath: local, maxBytes: repository.maxFileSize << 20, regularFilesOnly: true)
        } catch {
          context.standardError.write("error: cannot read template '\(shown)': \(error.reason)\n")
          throw ExitCode(74)
        }
        guard case .bytes(let bytes) = contents else {
          context.standardError.write(
            "error: template '\(shown)' is larger than the limit of \(repository.maxFileSize) MiB; raise it with --max-file-size\n"
          )
          throw ExitCode.failure
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
          context.standardError.write("error: cannot read template '\(shown)' as UTF-8 text\n")
          throw ExitCode(74)
        }
        return QuarterTemplate(name: template, text: text)
      }
      if let builtIn = QuarterTemplate.builtIn(named: template) { return builtIn }
      let names = QuarterTemplate.builtInNames
      let hint = Suggestion.closest(to: template, in: names).map { " did you mean '\($0)'?" } ?? ""
      context.standardError.write(
        "error: unknown template '\(template)';\(hint) (templates: \(names.joined(separator: ", ")))\n")
      throw ExitCode(64)
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

    /// `growth-ops` becomes `Growth ops`.
    static func displayName(for slug: String) -> String {
      let words = slug.split(separator: "-").joined(separator: " ")
      return words.prefix(1).uppercased() + words.dropFirst()
    }
  }
}
