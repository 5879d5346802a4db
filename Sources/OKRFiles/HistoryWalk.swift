import OKRCore

/// A walk along a first-parent history: the current version of each quarter
/// file, and every definition change dated by the version that first has it.
///
/// A version is applied as the files it changed; only their teams are
/// compared, by key, so a walk costs what the commits changed, not teams ×
/// commits. What settling needs later (each key result's definition on its
/// planning day, and when a `change_note` was added) is kept as it passes,
/// never as a list of whole versions.
struct HistoryWalk {
  /// okr.yaml as it is now: the cadence that gives each cycle's planning day.
  let config: RepositoryConfig
  /// The cycle walked; `nil` for every cycle.
  let cycle: String?
  /// Whether only definition changes are wanted (alerts and status), not the
  /// objectives and key results added and removed (history and diff).
  let onlyDefinitionChanges: Bool
  /// Paths whose current version is the working tree's own team (the same
  /// bytes as checked out): the working tree cannot differ from them.
  private var sameAsWorkingTree: Set<String> = []
  /// Each quarter file's current team, by path.
  private var teams: [String: TeamQuarter] = [:]
  /// The changes so far, oldest first.
  private var dated: [DatedChange] = []
  /// Each key result as it was on its planning day (the last version from
  /// then), else in the first version that has it; its definition is worked
  /// out only for the few key results settling asks about.
  private var planned: [ModelDiff.KeyResultKey: KeyResult] = [:]
  /// Where each key result's `change_note` was added or changed: the index in ``dated`` at that time, and the note.
  private var notesAdded: [ModelDiff.KeyResultKey: [(index: Int, note: String)]] = [:]
  /// Key results deleted and not added back, as last defined (only when the
  /// walk compares more than definitions).
  private var deleted: [ModelDiff.KeyResultKey: DeletedKeyResult] = [:]

  init(config: RepositoryConfig, cycle: String?, onlyDefinitionChanges: Bool = false) {
    self.config = config
    self.cycle = cycle
    self.onlyDefinitionChanges = onlyDefinitionChanges
  }

  /// Applies one commit: the files it changed that were read, those it deleted.
  ///
  /// - Parameters:
  ///   - loaded: The files read, decoded.
  ///   - read: Their paths.
  ///   - reused: Files whose version is the checked-out file's, with the working tree's team, not decoded again.
  ///   - unreadable: Paths whose version was not read (over the size limit).
  ///   - deleted: Paths the commit deleted.
  mutating func apply(
    _ loaded: LoadedRepository, read: [String], reused: [String: TeamQuarter] = [:], unreadable: Set<String>,
    deleted: [String], commit: String,
    author: String, date: CalendarDate
  ) {
    // A version with errors says nothing reliable about the definition: the
    // last good one stands, so a fix in a later commit is compared with it.
    let broken = Set(loaded.diagnostics.filter { $0.severity == .error }.map(\.location.path)).union(unreadable)
    var decoded: [String: TeamQuarter] = [:]
    for teamQuarter in loaded.repository.teamQuarters where cycle == nil || teamQuarter.cycle.label == cycle {
      decoded[teamQuarter.location.path] = teamQuarter
    }
    for (path, team) in reused where cycle == nil || team.cycle.label == cycle { decoded[path] = team }
    sameAsWorkingTree.subtract(read)
    sameAsWorkingTree.subtract(deleted)
    sameAsWorkingTree.formUnion(reused.keys)
    var before: [TeamQuarter] = []
    var after: [TeamQuarter] = []
    for path in (read + reused.keys.sorted()) where !broken.contains(path) {
      if let old = teams[path] { before.append(old) }
      if let new = decoded[path] { after.append(new) }
      teams[path] = decoded[path]
    }
    for path in deleted {
      if let old = teams.removeValue(forKey: path) { before.append(old) }
    }
    record(before: before, after: after, commit: commit, author: author, date: date)
  }

  /// Applies the working tree, as of `date`: its quarter files replace every committed version.
  ///
  /// Files whose last version had the checked-out bytes are the same team on
  /// both sides and are not compared again.
  mutating func applyWorkingTree(_ workingTree: Repository, date: CalendarDate) {
    let after = workingTree.teamQuarters.filter { cycle == nil || $0.cycle.label == cycle }
    let before = teams.values.filter { !sameAsWorkingTree.contains($0.location.path) }.sorted {
      $0.location.path < $1.location.path
    }
    teams = Dictionary(after.map { ($0.location.path, $0) }, uniquingKeysWith: { first, _ in first })
    record(
      before: before, after: after.filter { !sameAsWorkingTree.contains($0.location.path) }, commit: nil, author: nil,
      date: date)
  }

  private static func key(_ team: TeamQuarter) -> ModelDiff.TeamKey {
    ModelDiff.TeamKey(cycle: team.cycle.label, team: team.slug)
  }

  private func model(_ teamQuarters: [TeamQuarter]) -> Repository {
    var model = Repository(config: config)
    model.teamQuarters = teamQuarters
    return model
  }

  private mutating func record(
    before: [TeamQuarter], after: [TeamQuarter], commit: String?, author: String?, date: CalendarDate
  ) {
    guard !before.isEmpty || !after.isEmpty else { return }
    let old = model(before)
    let new = model(after)
    let oldByKey = Dictionary(
      before.map { (ModelDiff.TeamKey(cycle: $0.cycle.label, team: $0.slug), $0) }, uniquingKeysWith: { a, _ in a })
    var planning: [ModelDiff.TeamKey: CalendarDate] = [:]
    let newKeys = Set(after.map(Self.key))
    for team in after {
      let key = ModelDiff.TeamKey(cycle: team.cycle.label, team: team.slug)
      let planningDay = new.planningDay(of: team)
      if planning[key] == nil { planning[key] = planningDay }
      let was = oldByKey[key]
      for objective in team.objectives {
        for keyResult in objective.keyResults {
          let reference = "\(objective.id.value)/\(keyResult.id.value)"
          let krKey = ModelDiff.KeyResultKey(cycle: key.cycle, team: key.team, keyResult: reference)
          if date <= planningDay || planned[krKey] == nil { planned[krKey] = keyResult }
          guard let note = keyResult.changeNote else { continue }
          let previous = was.flatMap { KeyResultReference(reference).flatMap($0.keyResult) }
          if previous?.changeNote != note { notesAdded[krKey, default: []].append((dated.count, note)) }
        }
      }
    }
    for (key, team) in oldByKey where planning[key] == nil { planning[key] = old.planningDay(of: team) }
    // A team on one side only has no definition change: when only those are
    // wanted, such teams (a first commit's every team) are not compared at all.
    let compared =
      onlyDefinitionChanges
      ? (
        model(before.filter { newKeys.contains(Self.key($0)) }),
        model(after.filter { oldByKey[Self.key($0)] != nil })
      )
      : (old, new)
    for change in ModelDiff.changes(from: compared.0, to: compared.1, cycles: cycle.map { [$0] } ?? [])
    where change.kind != .checkinsAdded {
      let day = planning[ModelDiff.TeamKey(cycle: change.cycle, team: change.team)] ?? date
      dated.append(DatedChange(change: change, commit: commit, author: author, date: date, planningDay: day))
      noteDeletion(change, before: oldByKey, commit: commit, date: date)
    }
  }

  /// Keeps a deleted key result's last definition, and forgets it when it is added back.
  private mutating func noteDeletion(
    _ change: ModelChange, before: [ModelDiff.TeamKey: TeamQuarter], commit: String?, date: CalendarDate
  ) {
    guard let reference = change.reference, change.keyResult != nil else { return }
    let key = ModelDiff.KeyResultKey(cycle: change.cycle, team: change.team, keyResult: reference)
    switch change.kind {
    case .added:
      deleted[key] = nil
    case .removed:
      let team = before[ModelDiff.TeamKey(cycle: change.cycle, team: change.team)]
      guard var objective = team?.objectives.first(where: { $0.id.value == change.objective }),
        let keyResult = objective.keyResults.first(where: { $0.id.value == change.keyResult })
      else { return }
      objective.keyResults = []
      deleted[key] = DeletedKeyResult(
        key: key, objective: objective, keyResult: keyResult, date: date, commit: commit)
    default:
      break
    }
  }

  /// The key results deleted from their files and not added back, by cycle, team and reference.
  func deletedKeyResults() -> [DeletedKeyResult] {
    deleted.values.sorted {
      ($0.key.cycle, $0.key.team, $0.key.keyResult) < ($1.key.cycle, $1.key.team, $1.key.keyResult)
    }
  }

  /// The changes, with those settled later marked: a change_note added to
  /// the key result afterwards documents an undocumented change, and a field
  /// put back to what it was on the planning day moved no goal post in the end.
  func settledChanges() -> [DatedChange] {
    var final: [ModelDiff.TeamKey: TeamQuarter] = [:]
    for team in teams.values { final[ModelDiff.TeamKey(cycle: team.cycle.label, team: team.slug)] = team }
    var result = dated
    for index in result.indices where result[index].change.isUndocumentedDefinitionChange {
      let change = result[index].change
      guard let reference = change.reference, let field = change.field.map(DefinitionField.init(rawValue:)) else {
        continue
      }
      let key = ModelDiff.KeyResultKey(cycle: change.cycle, team: change.team, keyResult: reference)
      if let later = notesAdded[key]?.first(where: { $0.index > index }) {
        result[index].change.documented = true
        result[index].change.note = later.note
        continue
      }
      let now = final[ModelDiff.TeamKey(cycle: change.cycle, team: change.team)].flatMap { team in
        KeyResultReference(reference).flatMap(team.keyResult)
      }
      if let planned = planned[key], let now, planned.definition[field] == now.definition[field] {
        result[index].isSettled = true
      }
    }
    return result
  }
}
