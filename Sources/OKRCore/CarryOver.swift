/// The next quarter started from the last: what `okr init --from` carries.
///
/// Objectives and key results carry over with every field that describes them
/// (title, type, unit, commitment, weight, owner, pace, and the kind's
/// parameters). Each kind decides what of it carries
/// (``KeyResultMeasure/carriedOver(_:)``): a numeric key result starts from
/// where the last quarter ended, its baseline the last actual value; work that
/// is finished does not carry (a boolean key result done, a milestones key
/// result with every milestone done, a numeric key result at or past its
/// target); milestones already done stay behind. Check-ins, `current`
/// values, score overrides, change notes, sprint goals and micro-goals belong
/// to the last quarter and are never copied. A parent team or an `aligns_to`
/// that has no quarter file in the new quarter yet is left out, so the file
/// passes lint, and said in ``notes``.
public struct CarryOver: Sendable {
  /// The team's quarter file of the last quarter.
  public var from: TeamQuarter
  /// The new cycle: the quarter named, over the days other teams' files
  /// already give it, else the days that follow the last cycle
  /// (``Cycle/carried(into:)``), so one quarter keeps one period.
  public var cycle: Cycle
  /// What carries, in file order.
  public var objectives: [Objective]
  /// Whether the parent team carries.
  public var keepsParent: Bool
  /// What was left behind and why, one line each.
  public var notes: [String]

  /// Works out what carries.
  ///
  /// - Parameters:
  ///   - team: The team's scores in the last quarter as of its last day.
  ///   - quarter: The new quarter.
  ///   - existing: The repository as it is, for the new quarter's teams and objectives.
  public init(_ team: TeamScore, into quarter: Quarter, existing: Repository) {
    from = team.teamQuarter
    cycle = existing.cycle(named: quarter.description) ?? team.teamQuarter.cycle.carried(into: quarter)
    let label = quarter.description
    let newTeams = Dictionary(
      existing.teamQuarters.filter { $0.cycle.label == label }.map { ($0.slug, $0) },
      uniquingKeysWith: { first, _ in first })
    var notes: [String] = []
    if let parent = from.parent?.value, newTeams[parent] == nil {
      keepsParent = false
      notes.append("parent team '\(parent)' has no quarter file for \(label) yet: 'parent' left out")
    } else {
      keepsParent = from.parent != nil
    }
    var objectives: [Objective] = []
    for scoredObjective in team.objectives {
      var objective = scoredObjective.objective
      let id = objective.id.value
      if let alignsTo = objective.alignsTo?.value {
        let target = newTeams[alignsTo.team]
        if target?.objectives.contains(where: { $0.id.value == alignsTo.objective }) != true {
          notes.append("\(id) aligned to \(alignsTo), which does not exist in \(label) yet: 'aligns_to' left out")
          objective.alignsTo = nil
        }
      }
      var keyResults: [KeyResult] = []
      for scored in scoredObjective.keyResults {
        var keyResult = scored.keyResult
        let reference = "\(id)/\(keyResult.id.value)"
        switch keyResult.measure.behaviour?.carriedOver(scored) {
        case .carry(let measure)?:
          keyResult.measure = measure
        case .leave(let reason)?:
          notes.append("\(reference) \(reason): not carried")
          continue
        case nil:
          notes.append("\(reference) has errors in \(from.cycle.label): not carried")
          continue
        }
        keyResult.current = nil
        keyResult.scoreOverride = nil
        keyResult.changeNote = nil
        keyResult.sprintGoals = []
        keyResults.append(keyResult)
      }
      if keyResults.isEmpty {
        notes.append("\(id) has no key result left to carry: not carried")
        continue
      }
      objective.keyResults = keyResults
      objectives.append(objective)
    }
    self.objectives = objectives
    self.notes = notes
  }
}
