import OKRCore
import OKRFiles
import OKRReports

extension Workspace {
  /// What changed in the OKRs between two versions, and what it does to the scores.
  ///
  /// - Parameters:
  ///   - revisions: None (HEAD against the working tree), one (it against the working tree) or two.
  ///   - quarter: Only this cycle; every cycle when `nil`.
  ///   - teams: Only these teams; every team when empty.
  ///   - day: The as-of day scores are computed as of, and uncommitted changes dated.
  /// - Throws: A usage failure without git or for a revision that is not
  ///   there; a refusal when a side does not load, so nothing broken is compared.
  public func diff(revisions: [String], quarter: String?, teams: [String], asOf day: CalendarDate)
    throws(WorkspaceFailure) -> (DiffReport, WorkspaceNotices)
  {
    let history: GitHistory
    switch GitHistory.open(root: root, needsWholeHistory: false) {
    case .success(let opened): history = opened
    case .failure(let why): throw .usage(why.description)
    }
    let sides: ComparedSides
    do {
      sides = try ComparedSides(revisions, history: history, loader: loader, root: root)
    } catch {
      throw .usage(error.description)
    }
    for (name, loaded) in [(sides.fromName, sides.old), (sides.toName, sides.new)] {
      try DiagnosticGate.check(
        loaded, for: .version, preface: "the OKRs in \(name) do not load, so there is nothing to compare")
    }
    let cycles = quarter.map { Set([$0]) }
    var changes = ModelDiff.changes(from: sides.old.repository, to: sides.new.repository, cycles: cycles ?? [])
    if !teams.isEmpty { changes = changes.filter { teams.contains($0.team) } }
    var notices = WorkspaceNotices()
    let dated = sides.date(changes, history: history, quarter: quarter, loader: loader, day: day, notices: &notices)
    let report = DiffReport(
      changes: dated, old: sides.old.repository, new: sides.new.repository, from: sides.fromName,
      to: sides.toName, asOf: day, cycles: cycles, onlyTeams: Set(teams))
    return (report, notices)
  }
}

/// The two versions `okr diff` compares.
struct ComparedSides {
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

  /// Each change dated as every command dates it: by the commit that first
  /// has the new value on the newer side's first-parent history (today for
  /// the working tree's uncommitted ones); where that history does not have
  /// it, by the newer revision.
  func date(
    _ changes: [ModelChange], history: GitHistory, quarter: String?, loader: RepositoryLoader, day: CalendarDate,
    notices: inout WorkspaceNotices
  ) -> [DatedChange] {
    let byCommit = to.flatMap { try? history.describe($0) }
    var walked: [DatedChange] = []
    do {
      walked = try history.changes(
        in: quarter, revision: to, workingTree: new.repository, includesWorkingTree: to == nil, loader: loader,
        today: day, ignoresLaterCommits: false)
    } catch {
      notices.warnings.append("changes are dated by \(toName): \(error)")
    }
    let introduced = DatedChange.latestByValue(walked)
    return changes.map { change in
      let planningDay = [new.repository, old.repository].lazy.compactMap { model in
        model.teamQuarters.first { $0.slug == change.team && $0.cycle.label == change.cycle }.map {
          model.planningDay(of: $0)
        }
      }.first
      if let found = introduced[DatedChange.ValueKey(change)] {
        return DatedChange(
          change: change, commit: found.commit, author: found.author, date: found.date,
          planningDay: planningDay ?? found.date)
      }
      let date = byCommit?.date ?? day
      return DatedChange(
        change: change, commit: byCommit?.shortSHA, author: byCommit?.author, date: date,
        planningDay: planningDay ?? date)
    }
  }
}
