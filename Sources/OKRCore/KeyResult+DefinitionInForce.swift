extension KeyResult {
  /// The key result as it was defined on a day: today's definition with
  /// every change dated after that day undone.
  ///
  /// A field takes the `from` of its earliest change after the day (the value
  /// that change replaced), so the order the changes are listed in does not
  /// matter. Titles, owners and sprint goals are today's: only the definition
  /// (``DefinitionField``) scores. A type change is undone when the key result
  /// carries the old kind's parameters; otherwise the kind stays today's.
  ///
  /// - Parameters:
  ///   - day: The day whose definition is wanted.
  ///   - changes: This key result's dated changes (any order).
  ///   - addedOn: The day it was added mid-quarter, if it was (``DatedChange/midQuarterAdditions(_:)``).
  /// - Returns: The key result as defined that day, or `nil` when it was added mid-quarter after `day`.
  public func asDefined(on day: CalendarDate, changes: [DatedChange], addedOn: CalendarDate? = nil) -> KeyResult? {
    var result = self
    if let addedOn {
      if addedOn > day { return nil }
      result.addedOn = addedOn
    }
    var earliest: [DefinitionField: DatedChange] = [:]
    for dated in changes where dated.change.kind == .changed && dated.date > day {
      guard let name = dated.change.field else { continue }
      let field = DefinitionField(rawValue: name)
      if let seen = earliest[field], seen.date <= dated.date { continue }
      earliest[field] = dated
    }
    guard !earliest.isEmpty else { return result }
    var parameters: [String: MeasureParameterValue] = [:]
    for (key, value) in measure.behaviour?.parameterValues ?? [] { parameters[key] = value }
    var kind = measure.kind
    for (field, dated) in earliest {
      let before = dated.change.from
      switch field {
      case .type:
        if case .text(let name)? = before, let old = KeyResultKind(rawValue: name) { kind = old }
      case .unit:
        if case .text(let unit)? = before { result.unit = unit } else { result.unit = nil }
      case .commitment:
        if case .text(let word)? = before, let commitment = Commitment(rawValue: word) {
          result.commitment = commitment
        }
      case .weight:
        if case .number(let weight)? = before { result.weight = weight }
      default:
        switch before {
        case .number(let number)?: parameters[field.rawValue] = .number(number)
        case .text(let word)?: parameters[field.rawValue] = .word(word)
        case nil: parameters[field.rawValue] = nil
        }
      }
    }
    if let kind, case .success(let measure) = Measure.make(kind, MeasureParameterValues(parameters)) {
      result.measure = measure
    }
    return result
  }
}

/// The definitions in force on any day of a cycle, worked out from its dated changes.
///
/// The one answer to "how was this key result, this team, this repository
/// defined that day": `okr history` asks it for each key result week by week,
/// and `okr digest` for the repository seven days back. Each key result is
/// ``KeyResult/asDefined(on:changes:addedOn:)`` with its own changes; one
/// added mid-quarter after the day did not exist yet.
public struct DefinitionsInForce: Sendable {
  /// Each key result's changes, grouped once: a lookup per key result, not a scan of every change.
  private let changesByKeyResult: [ModelDiff.KeyResultKey: [DatedChange]]
  /// The day each key result added mid-quarter was added (``DatedChange/midQuarterAdditions(_:)``).
  private let additions: [String: CalendarDate]

  /// The definitions the changes give.
  ///
  /// - Parameter changes: Dated changes read from git (any order); none: today's definitions on every day.
  public init(_ changes: [DatedChange]) {
    changesByKeyResult = DatedChange.byKeyResult(changes)
    additions = DatedChange.midQuarterAdditions(changes)
  }

  /// One key result's changes, oldest first.
  ///
  /// - Parameter key: The key result.
  /// - Returns: Its changes; empty when it has none.
  public func changes(of key: ModelDiff.KeyResultKey) -> [DatedChange] {
    changesByKeyResult[key] ?? []
  }

  /// A key result as defined on a day.
  ///
  /// - Parameters:
  ///   - keyResult: The key result as its file has it now.
  ///   - key: Its cycle, team and reference.
  ///   - day: The day whose definition is wanted.
  /// - Returns: The key result as defined that day, or `nil` when it was added mid-quarter after `day`.
  public func keyResult(_ keyResult: KeyResult, at key: ModelDiff.KeyResultKey, on day: CalendarDate) -> KeyResult? {
    keyResult.asDefined(
      on: day, changes: changes(of: key),
      addedOn: additions[key.cycle + "\u{0}" + key.team + "\u{0}" + key.keyResult])
  }

  /// The repository as defined on a day: every key result as ``keyResult(_:at:on:)``
  /// gives it, those added after the day left out.
  ///
  /// Objectives stay, even when none of their key results existed yet (they
  /// then have no score, as an objective without key results has none).
  ///
  /// - Parameters:
  ///   - repository: The repository as its files are now.
  ///   - day: The day whose definitions are wanted.
  /// - Returns: The repository as defined that day.
  public func repository(_ repository: Repository, on day: CalendarDate) -> Repository {
    guard !changesByKeyResult.isEmpty else { return repository }
    var result = repository
    for (index, teamQuarter) in repository.teamQuarters.enumerated() {
      for (objectiveIndex, objective) in teamQuarter.objectives.enumerated() {
        result.teamQuarters[index].objectives[objectiveIndex].keyResults = objective.keyResults.compactMap {
          keyResult(
            $0,
            at: ModelDiff.KeyResultKey(
              cycle: teamQuarter.cycle.label, team: teamQuarter.slug,
              keyResult: objective.id.value + "/" + $0.id.value), on: day)
        }
      }
    }
    return result
  }
}

extension Repository {
  /// The repository as defined on a day, from the dated changes (``DefinitionsInForce``).
  ///
  /// - Parameters:
  ///   - day: The day whose definitions are wanted.
  ///   - changes: Dated changes read from git.
  /// - Returns: The repository with every change after `day` undone, and the key results added after it left out.
  public func asDefined(on day: CalendarDate, changes: [DatedChange]) -> Repository {
    DefinitionsInForce(changes).repository(self, on: day)
  }
}

extension DatedChange {
  /// The key results added to an existing team after its planning day, by
  /// `cycle`, `team` and `O1/KR1` joined with NUL: the day each was added.
  ///
  /// A team's quarter file first committed after the planning day is the
  /// quarter's plan arriving late, not additions. Its first version adds
  /// every objective on the team's earliest day of changes; key results
  /// added that day, when objectives were added too, are left out. (A walk
  /// of definition changes only has no first version: its earliest day then
  /// has key results added to objectives that were already there.)
  ///
  /// - Parameter changes: Dated changes read from git.
  /// - Returns: The additions.
  public static func midQuarterAdditions(_ changes: [DatedChange]) -> [String: CalendarDate] {
    var firstSeen: [String: CalendarDate] = [:]
    for dated in changes {
      let team = dated.change.cycle + "\u{0}" + dated.change.team
      firstSeen[team] = min(firstSeen[team] ?? dated.date, dated.date)
    }
    var firstVersion: Set<String> = []
    for dated in changes where dated.change.kind == .added && dated.change.keyResult == nil {
      let team = dated.change.cycle + "\u{0}" + dated.change.team
      if dated.date == firstSeen[team] { firstVersion.insert(team) }
    }
    var added: [String: CalendarDate] = [:]
    for dated in changes where dated.change.kind == .added && dated.date > dated.planningDay {
      let team = dated.change.cycle + "\u{0}" + dated.change.team
      guard let reference = dated.change.reference, reference.contains("/") else { continue }
      if firstVersion.contains(team), dated.date == firstSeen[team] { continue }
      added[team + "\u{0}" + reference] = dated.date
    }
    return added
  }
}

extension Repository {
  /// The repository with each key result added mid-quarter marked with its
  /// day (``KeyResult/addedOn``), so its expected progress starts there.
  ///
  /// - Parameter changes: The dated changes read from git.
  /// - Returns: The repository, its key results marked.
  public func markingAdditions(from changes: [DatedChange]) -> Repository {
    let added = DatedChange.midQuarterAdditions(changes)
    guard !added.isEmpty else { return self }
    var result = self
    for (index, teamQuarter) in teamQuarters.enumerated() {
      for (objectiveIndex, objective) in teamQuarter.objectives.enumerated() {
        for (keyResultIndex, keyResult) in objective.keyResults.enumerated() {
          let key =
            teamQuarter.cycle.label + "\u{0}" + teamQuarter.slug + "\u{0}" + objective.id.value + "/"
            + keyResult.id.value
          if let day = added[key] {
            result.teamQuarters[index].objectives[objectiveIndex].keyResults[keyResultIndex].addedOn = day
          }
        }
      }
    }
    return result
  }
}
