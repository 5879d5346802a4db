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
