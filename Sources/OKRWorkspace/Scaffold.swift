import OKRCore
import OKRFiles
import OKRReports
import YAMLKit

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// What `okr init` is asked to write.
public struct ScaffoldRequest: Sendable, Equatable {
  /// The team's slug.
  public var team: String
  /// The quarter to plan.
  public var quarter: Quarter
  /// The template's name (used without `from`).
  public var template: String
  /// The team's display name; `nil` for the slug, capitalised.
  public var name: String?
  /// The quarter to carry over from, instead of a template.
  public var from: String?

  /// A request.
  public init(team: String, quarter: Quarter, template: String, name: String?, from: String?) {
    (self.team, self.quarter, self.template, self.name, self.from) = (team, quarter, template, name, from)
  }

  /// `growth-ops` becomes `Growth ops`.
  public static func displayName(for slug: String) -> String {
    let words = slug.split(separator: "-").joined(separator: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  var displayName: String { name ?? Self.displayName(for: team) }
}

/// What `okr init` wrote.
public struct Scaffolded: Sendable, Equatable {
  /// The new quarter file, relative to the working directory.
  public var shownFile: String
  /// Where it came from: `template 'product'`, or the quarter carried over.
  public var source: String
  /// What the carry-over decided, one note each.
  public var notes: [String]
  /// The schemas written for editors, relative to the working directory.
  public var schemasWritten: [String]
  /// okr.yaml, relative to the working directory, when `okr init` created it (with its schema line).
  public var createdConfig: String? = nil
}

extension Workspace {
  /// Writes the team's quarter file from a template or the last quarter, never overwriting, and the schemas for editors.
  ///
  /// A committed `okrs` or `.okr` link must not make okr write elsewhere on
  /// the machine: both paths are checked before either file is written.
  public func scaffold(_ request: ScaffoldRequest) throws(WorkspaceFailure) -> Scaffolded {
    var carried: (text: String, notes: [String])?
    if let from = request.from { carried = try carryOver(request, from: from) }
    let text: String
    if let carried { text = carried.text } else { text = try fill(try template(named: request.template), request) }
    // Editors with the YAML language server read the schema okr keeps in the repository.
    let fileText = "# yaml-language-server: $schema=../../.okr/schemas/\(OKRSchema.quarter.fileName)\n" + text
    let path = RepositoryLayout.quarterFile(root: root, quarter: request.quarter.description, team: request.team)
    let shown = DisplayPath.relative(path, to: workingDirectory)
    guard RepositoryBoundary(root: root).contains(path) else {
      throw .problems(["cannot write '\(shown)': \(RepositoryBoundary.writeRefusal)"], outcome: "", exitCode: 74)
    }
    try refuseSchemaLinksOut()
    do {
      try AtomicFile.create(path, contents: fileText)
    } catch  where error.alreadyExists {
      throw .problems(["'\(shown)' already exists; okr init never overwrites a file"], outcome: "", exitCode: 1)
    } catch {
      throw .problems(["\(error)"], outcome: "", exitCode: 74)
    }
    // okr.yaml gets its schema line too, when there is none to leave as it is.
    let config = RepositoryLayout.config(root: root)
    let createdConfig = (try? AtomicFile.create(config, contents: RepositoryLayout.starterConfig)) != nil
    return Scaffolded(
      shownFile: shown, source: request.from ?? "template '\(request.template)'", notes: carried?.notes ?? [],
      schemasWritten: try writeSchemas(),
      createdConfig: createdConfig ? DisplayPath.relative(config, to: workingDirectory) : nil)
  }

  private func fill(_ template: QuarterTemplate, _ request: ScaffoldRequest) throws(WorkspaceFailure) -> String {
    // A team that exists keeps the name its newest quarter file gives it.
    let kept = request.name == nil ? loader.load(root: root).repository.latestName(ofTeam: request.team) : nil
    do {
      return try template.filled(
        team: request.team, quarter: request.quarter, displayName: request.name ?? kept ?? request.displayName,
        addsName: request.name != nil || kept != nil)
    } catch {
      throw .problems(["\(error)"], outcome: "", exitCode: 1)
    }
  }

  /// The team's quarter file of `from`, carried into the planned quarter, with the carry-over's notes.
  private func carryOver(_ request: ScaffoldRequest, from: String) throws(WorkspaceFailure)
    -> (text: String, notes: [String])
  {
    let loaded = loader.load(root: root)
    let ownFiles = Set(
      loaded.repository.teamQuarters.filter { $0.slug == request.team && $0.cycle.label == from }.map(\.location.path))
    guard DiagnosticGate.stopping(loaded, for: .ownFiles(ownFiles)).isEmpty else {
      throw .problems(
        ["\(request.team)'s quarter file for \(from) has errors; 'okr lint' shows them"], outcome: "", exitCode: 1)
    }
    // The last cycle as of its own last day, as its files date it (a fiscal `period:` included).
    guard let fromCycle = loaded.repository.cycle(named: from),
      let card = ScoreCard(
        repository: loaded.repository, cycle: from, asOf: fromCycle.period.end, teams: [request.team]),
      let scored = card.teams.first(where: { $0.teamQuarter.slug == request.team })
    else {
      try DiagnosticGate.refuseUnseen(loaded, outcome: "fix these errors first; nothing was written")
      throw .usage("team '\(request.team)' has no quarter file for \(from)")
    }
    let carry = CarryOver(scored, into: request.quarter, existing: loaded.repository)
    do {
      return (try CarryOverWriter.text(for: carry, displayName: request.displayName), carry.notes)
    } catch {
      throw .problems(["\(error)"], outcome: "", exitCode: 1)
    }
  }

  /// The repository's own `templates/<name>.yaml`, else the built-in one of that name.
  ///
  /// A repository's own template that cannot be read is an error, not a
  /// reason to quietly use the built-in one instead. It is read like an OKR
  /// file: a FIFO is refused, not waited on, the size is capped, and a link
  /// out of the repository is not followed (its target's text would become
  /// the new quarter file).
  func template(named name: String) throws(WorkspaceFailure) -> QuarterTemplate {
    let local = RepositoryLayout.template(root: root, name: name)
    guard FileManager.default.fileExists(atPath: local) else {
      if let builtIn = QuarterTemplate.builtIn(named: name) { return builtIn }
      let names = QuarterTemplate.builtInNames
      let hint = Suggestion.closest(to: name, in: names).map { " did you mean '\($0)'?" } ?? ""
      throw .usage("unknown template '\(name)';\(hint) (templates: \(names.joined(separator: ", ")))")
    }
    let shown = DisplayPath.relative(local, to: workingDirectory)
    func unreadable(_ why: String) -> WorkspaceFailure {
      .problems(["cannot read template '\(shown)': \(why)"], outcome: "", exitCode: 74)
    }
    let limit = loader.limits.maxInputBytes
    let contents: YAMLParser.FileContents
    do {
      // Checked, opened, and what was opened checked again: no link swapped in between is read.
      contents = try RepositoryBoundary(root: root).readFile(atPath: local, maxBytes: limit)
    } catch {
      throw unreadable(error.reason)
    }
    guard case .bytes(let bytes) = contents else {
      throw .problems(
        ["template '\(shown)' is larger than the limit of \(limit >> 20) MiB; raise it with --max-file-size"],
        outcome: "", exitCode: 1)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .problems(["cannot read template '\(shown)' as UTF-8 text"], outcome: "", exitCode: 74)
    }
    return QuarterTemplate(name: name, text: text)
  }

  /// Refuses, before anything is read or written, when a schema's path leads
  /// out of the repository: through a committed `.okr` or `.okr/schemas` link.
  func refuseSchemaLinksOut() throws(WorkspaceFailure) {
    let boundary = RepositoryBoundary(root: root)
    for schema in OKRSchema.allCases {
      let path = RepositoryLayout.schema(root: root, fileName: schema.fileName)
      guard boundary.contains(path) else {
        let shown = DisplayPath.relative(path, to: workingDirectory)
        throw .problems(["cannot write '\(shown)': \(RepositoryBoundary.writeRefusal)"], outcome: "", exitCode: 74)
      }
    }
  }

  /// Writes the schemas that are missing or out of date into `.okr/schemas/`.
  ///
  /// - Returns: The paths written, relative to the working directory.
  public func writeSchemas() throws(WorkspaceFailure) -> [String] {
    try refuseSchemaLinksOut()
    var written: [String] = []
    for schema in OKRSchema.allCases {
      let path = RepositoryLayout.schema(root: root, fileName: schema.fileName)
      let text = JSONOutput.encode(schema.document)
      if (try? AtomicFile.contents(of: path)) == text { continue }
      do {
        try AtomicFile.replace(path, contents: text)
      } catch {
        throw .problems(["\(error)"], outcome: "", exitCode: 74)
      }
      written.append(DisplayPath.relative(path, to: workingDirectory))
    }
    return written
  }
}

extension Workspace {
  /// The JSON Schema of a kind of OKR file (`quarter`, `checkins`, `config`) or of a JSON output
  /// (`score`, `status`, … : ``OutputSchema``), as JSON text; `nil` for another name.
  public static func schema(named kind: String) -> String? {
    if let file = OKRSchema(rawValue: kind) { return JSONOutput.encode(file.document) }
    return OutputSchema(rawValue: kind).map { JSONOutput.encode($0.document) }
  }
}
