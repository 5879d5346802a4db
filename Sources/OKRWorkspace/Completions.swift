import OKRCore
import OKRFiles

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// The names a shell's Tab offers from a repository: teams, cycles, key results and templates.
///
/// Read the way every command reads the repository (the workspace's loader and
/// limits), but never an error: a completion that cannot find or read
/// something offers nothing for it, and prints nothing. What the files that
/// decode name is offered even when others do not, since a person mid-edit
/// still wants the names; a repository where nothing decodes offers none.
public struct CompletionCandidates: Sendable {
  /// The decoded model: only the cycle asked for, when one was.
  let repository: Repository
  /// The cycle named on the command line, if any.
  let quarter: String?
  /// Where the repository's own templates are.
  let root: String

  /// The team ids, sorted: in `quarter` when one was given and has files, else in every cycle.
  public var teams: [String] {
    let inCycle = quarter.map(repository.teams(in:)) ?? []
    return inCycle.isEmpty ? Set(repository.teamQuarters.map(\.slug)).sorted() : inCycle
  }

  /// The cycles that have quarter files, oldest first.
  public var quarters: [String] { repository.cycleLabels }

  /// The key results' references (`O1/KR1`) of `teams` (every team when empty), in file order, each once.
  ///
  /// - Parameter teams: The teams given with `--team`.
  /// - Returns: The references.
  public func keyResults(teams: [String]) -> [String] {
    var seen: Set<String> = []
    return repository.teamQuarters.filter { teams.isEmpty || teams.contains($0.slug) }
      .filter { quarter == nil || $0.cycle.label == quarter || !quarters.contains(quarter!) }
      .flatMap(\.keyResultReferences).filter { seen.insert($0).inserted }
  }

  /// The template names `okr init --template` takes, sorted: the built-in ones and the repository's own.
  public var templates: [String] {
    let folder = (root.hasSuffix("/") ? root : root + "/") + "templates"
    let own = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.map { String($0.dropLast(".yaml".count)) }
    return Set(QuarterTemplate.builtInNames + own).sorted()
  }
}

extension Workspace {
  /// What to offer a shell's completion, from this workspace's repository.
  ///
  /// - Parameter quarter: The `--quarter` on the command line, if any: only its files are decoded, which keeps a
  ///   large repository quick; a cycle that has none falls back to all.
  /// - Returns: The candidates; empty where the repository cannot be read.
  public func completions(quarter: String?) -> CompletionCandidates {
    var loaded = loader.load(root: root, onlyCycle: quarter)
    if let quarter, !loaded.repository.cycleLabels.contains(quarter) {
      loaded = loader.load(root: root)
    }
    return CompletionCandidates(repository: loaded.repository, quarter: quarter, root: root)
  }
}
