/// A key result deleted from its quarter file mid-quarter, as git last had it.
///
/// The check-in log is append-only, so a deleted key result's check-ins stay;
/// with its last definition they still give its last score. Reports list it
/// as dropped on the day it was deleted (``Repository/restoring(_:)``), as
/// they list one marked `dropped:`.
public struct DeletedKeyResult: Sendable {
  /// Which key result: its cycle, team and `O1/KR1` reference.
  public var key: ModelDiff.KeyResultKey
  /// Its objective as last defined with it, its key results left out.
  public var objective: Objective
  /// The key result as last defined.
  public var keyResult: KeyResult
  /// The day of the commit that deleted it (today when not yet committed).
  public var date: CalendarDate
  /// The commit that deleted it (seven characters); `nil` when not yet committed.
  public var commit: String?

  /// Creates a deleted key result.
  public init(
    key: ModelDiff.KeyResultKey, objective: Objective, keyResult: KeyResult, date: CalendarDate, commit: String?
  ) {
    self.key = key
    self.objective = objective
    self.keyResult = keyResult
    self.date = date
    self.commit = commit
  }
}

extension Repository {
  /// The key results the check-ins of `cycle` name that their team's quarter
  /// file does not have: deleted mid-quarter (or misspelt).
  ///
  /// - Parameters:
  ///   - cycle: The cycle's label.
  ///   - teams: The teams asked for, each with the teams under it, as a
  ///     report scopes them (``TeamOrder``); empty for all.
  /// - Returns: Each such key result once.
  public func orphanedCheckinReferences(in cycle: String, teams: [String] = []) -> Set<ModelDiff.KeyResultKey> {
    let inCycle = teamQuarters.filter { $0.cycle.label == cycle }
    let covered = Set(TeamOrder(inCycle, selected: teams).entries.map(\.slug))
    var known: [String: Set<KeyResultReference>] = [:]
    for teamQuarter in inCycle where covered.contains(teamQuarter.slug) {
      known[teamQuarter.slug] = Set(
        teamQuarter.objectives.flatMap { objective in
          objective.keyResults.map { KeyResultReference(objective: objective.id.value, keyResult: $0.id.value) }
        })
    }
    var orphans: Set<ModelDiff.KeyResultKey> = []
    for log in checkinLogs {
      for checkin in log.checkins where checkin.cycle.value == cycle {
        guard let references = known[checkin.team.value] else { continue }
        for entry in checkin.entries where !references.contains(entry.keyResult.value) {
          orphans.insert(
            ModelDiff.KeyResultKey(
              cycle: cycle, team: checkin.team.value, keyResult: entry.keyResult.value.description))
        }
      }
    }
    return orphans
  }

  /// The repository with each deleted key result in `wanted` put back into
  /// its objective, dropped on the day it was deleted.
  ///
  /// An objective deleted with it comes back too, holding only its dropped
  /// key results (so it has no score of its own). Key results the files
  /// have again, and teams without a quarter file, are left alone.
  ///
  /// - Parameters:
  ///   - deleted: Key results deleted from the quarter files, from git.
  ///   - wanted: The ones to put back (those whose check-ins remain).
  /// - Returns: The repository with them.
  public func restoring(_ deleted: [DeletedKeyResult], only wanted: Set<ModelDiff.KeyResultKey>) -> Repository {
    var result = self
    for gone in deleted where wanted.contains(gone.key) {
      guard
        let index = result.teamQuarters.firstIndex(where: {
          $0.cycle.label == gone.key.cycle && $0.slug == gone.key.team
        }),
        !result.teamQuarters[index].keyResultReferences.contains(gone.key.keyResult)
      else { continue }
      // It comes back for its last score: the sprint goals and micro-goals deleted with it stay deleted.
      var keyResult = gone.keyResult
      keyResult.dropped = Dropped(on: gone.date, isDeleted: true, commit: gone.commit)
      keyResult.sprintGoals = []
      if let objective = result.teamQuarters[index].objectives.firstIndex(where: {
        $0.id.value == gone.objective.id.value
      }) {
        result.teamQuarters[index].objectives[objective].keyResults.append(keyResult)
      } else {
        var objective = gone.objective
        objective.keyResults = [keyResult]
        result.teamQuarters[index].objectives.append(objective)
      }
    }
    return result
  }
}
