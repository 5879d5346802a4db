/// The fields of a key result's definition: what it promises, as opposed to
/// how it is described or planned.
///
/// A change to one of these after the cycle's planning day moves a goal post
/// unless the key result carries a `change_note:`. Titles, owners, sprint
/// goals and micro-goals may change freely. Beyond the type, unit,
/// commitment and weight every key result has, a kind's parameters marked
/// ``MeasureParameter/isDefinition`` are fields (baseline and target, keep and bound).
public struct DefinitionField: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The field's name as files and reports write it.
  public var rawValue: String

  /// A field by name.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  public var description: String { rawValue }

  /// The key result's kind.
  public static let type = DefinitionField(rawValue: "type")
  /// The unit values are in.
  public static let unit = DefinitionField(rawValue: "unit")
  /// Aspirational or committed.
  public static let commitment = DefinitionField(rawValue: "commitment")
  /// Its weight in the objective's score.
  public static let weight = DefinitionField(rawValue: "weight")

  /// Every field, in the order changes are listed: the type, each kind's own
  /// fields in registry order (baseline, target, keep, bound), then the unit,
  /// commitment and weight.
  public static let ordered: [DefinitionField] =
    [.type]
    + KeyResultKind.allCases.flatMap { kind in
      kind.measureType.parameters.filter(\.isDefinition).map { DefinitionField(rawValue: $0.key) }
    } + [.unit, .commitment, .weight]
}

/// A value in a change: a number where the file has a number, else text.
public enum ChangeValue: Sendable, Hashable, Encodable, CustomStringConvertible {
  case number(Double)
  case text(String)

  /// As people read it: `62`, `2.5`, `%`.
  public var description: String {
    switch self {
    case .number(let value): return Format.number(value)
    case .text(let text): return text
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let value): try container.encode(value)
    case .text(let text): try container.encode(text)
    }
  }
}

extension KeyResult {
  /// The key result's definition, field by field; a field the key result's type does not have is absent.
  public var definition: [DefinitionField: ChangeValue] {
    var fields: [DefinitionField: ChangeValue] = [
      .type: .text(measure.typeName), .commitment: .text(commitment.rawValue), .weight: .number(weight),
    ]
    if let unit { fields[.unit] = .text(unit) }
    for (field, value) in measure.definitionFields { fields[field] = value }
    return fields
  }
}

extension Measure {
  /// The kind's parameters that belong to the definition, in the kind's order (baseline, target).
  public var definitionFields: [(field: DefinitionField, value: ChangeValue)] {
    guard let behaviour else { return [] }
    let definitionKeys = Set(type(of: behaviour).parameters.filter(\.isDefinition).map(\.key))
    return behaviour.parameterValues.filter { definitionKeys.contains($0.key) }.map {
      (DefinitionField(rawValue: $0.key), $0.value.changeValue)
    }
  }
}

/// One difference between two versions of the OKR model.
public struct ModelChange: Sendable, Hashable {
  /// What kind of difference.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// An objective or key result that is new.
    case added
    /// An objective or key result that is gone.
    case removed
    /// A definition field of a key result changed (``field``, ``from``, ``to``).
    case changed
    /// Only the title changed: a description, never a moved goal post.
    case retitled
    /// A person's `score:` override was set, changed or removed (``field`` `score`); not a definition change.
    case overridden
    /// New check-ins in the team's log (``count``).
    case checkinsAdded = "checkins_added"
    /// A key result marked `dropped:` (``to`` its day, ``note`` why); not a definition change.
    case dropped
  }

  /// The cycle's label.
  public var cycle: String
  /// The team's slug.
  public var team: String
  /// The objective's id, for changes about an objective or one of its key results.
  public var objective: String?
  /// The key result's id in its objective, for changes about a key result.
  public var keyResult: String?
  /// What changed.
  public var kind: Kind
  /// The field that changed (a ``DefinitionField``'s name, or `title`).
  public var field: String?
  /// The value before.
  public var from: ChangeValue?
  /// The value after.
  public var to: ChangeValue?
  /// For a changed definition: whether the key result now carries a new `change_note:`.
  public var documented: Bool?
  /// The note that documents the change.
  public var note: String?
  /// For new check-ins: how many documents were added.
  public var count: Int?

  /// `O1/KR1`, or `O1` for a change about an objective.
  public var reference: String? {
    guard let objective else { return nil }
    return keyResult.map { "\(objective)/\($0)" } ?? objective
  }

  /// Whether this is a change of a key result's definition without a note.
  public var isUndocumentedDefinitionChange: Bool {
    kind == .changed && documented == false
  }
}

/// What changed between two versions of a repository's OKRs.
public enum ModelDiff {
  /// Every difference, by cycle, team and file order.
  ///
  /// - Parameters:
  ///   - old: The model before.
  ///   - new: The model after.
  ///   - cycles: Only these cycles (all when empty).
  /// - Returns: Objectives and key results added, removed and retitled,
  ///   definition fields changed, score overrides set or removed, and check-ins added per team.
  public static func changes(from old: Repository, to new: Repository, cycles: Set<String> = []) -> [ModelChange] {
    func teams(_ repository: Repository) -> [TeamKey: TeamQuarter] {
      Dictionary(
        repository.teamQuarters.filter { cycles.isEmpty || cycles.contains($0.cycle.label) }.map {
          (TeamKey(cycle: $0.cycle.label, team: $0.slug), $0)
        }, uniquingKeysWith: { first, _ in first })
    }
    let before = teams(old)
    let after = teams(new)
    let checkinsBefore = checkinCounts(old)
    let checkinsAfter = checkinCounts(new)
    var keys = Set(before.keys).union(after.keys)
    keys.formUnion(checkinsAfter.keys.filter { cycles.isEmpty || cycles.contains($0.cycle) })
    var changes: [ModelChange] = []
    for key in keys.sorted() {
      var team = teamChanges(before[key], after[key], key: key)
      let added = (checkinsAfter[key] ?? 0) - (checkinsBefore[key] ?? 0)
      if added > 0 {
        team.append(ModelChange(cycle: key.cycle, team: key.team, kind: .checkinsAdded, count: added))
      }
      changes += team
    }
    return changes
  }

  /// A team in a cycle.
  public struct TeamKey: Hashable, Comparable, Sendable {
    /// The cycle's label.
    public var cycle: String
    /// The team's slug.
    public var team: String

    /// The team `team` in `cycle`.
    public init(cycle: String, team: String) {
      self.cycle = cycle
      self.team = team
    }

    public static func < (a: Self, b: Self) -> Bool { (a.cycle, a.team) < (b.cycle, b.team) }
  }

  /// A key result of a team in a cycle: `O1/KR1` of growth in 2026-Q3.
  public struct KeyResultKey: Hashable, Sendable {
    /// The cycle's label.
    public var cycle: String
    /// The team's slug.
    public var team: String
    /// The key result, as `O1/KR1`.
    public var keyResult: String

    /// The key result `keyResult` of `team` in `cycle`.
    public init(cycle: String, team: String, keyResult: String) {
      (self.cycle, self.team, self.keyResult) = (cycle, team, keyResult)
    }
  }

  private static func checkinCounts(_ repository: Repository) -> [TeamKey: Int] {
    var counts: [TeamKey: Int] = [:]
    for log in repository.checkinLogs {
      for checkin in log.checkins {
        counts[TeamKey(cycle: checkin.cycle.value, team: checkin.team.value), default: 0] += 1
      }
    }
    return counts
  }

  private static func teamChanges(_ old: TeamQuarter?, _ new: TeamQuarter?, key: TeamKey) -> [ModelChange] {
    func change(_ objective: String?, _ keyResult: String?, _ kind: ModelChange.Kind) -> ModelChange {
      ModelChange(cycle: key.cycle, team: key.team, objective: objective, keyResult: keyResult, kind: kind)
    }
    let oldObjectives = old?.objectives ?? []
    let newObjectives = new?.objectives ?? []
    let oldByID = Dictionary(oldObjectives.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    let newIDs = Set(newObjectives.map(\.id.value))
    var changes: [ModelChange] = []
    for objective in newObjectives {
      let id = objective.id.value
      guard let previous = oldByID[id] else {
        var added = change(id, nil, .added)
        added.to = .text(objective.title)
        changes.append(added)
        for keyResult in objective.keyResults {
          var addedKR = change(id, keyResult.id.value, .added)
          addedKR.to = .text(keyResult.title)
          changes.append(addedKR)
        }
        continue
      }
      if previous.title != objective.title {
        var retitled = change(id, nil, .retitled)
        (retitled.field, retitled.from, retitled.to) = ("title", .text(previous.title), .text(objective.title))
        changes.append(retitled)
      }
      let oldKRs = Dictionary(previous.keyResults.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
      let newKRIDs = Set(objective.keyResults.map(\.id.value))
      for keyResult in objective.keyResults {
        let krID = keyResult.id.value
        guard let was = oldKRs[krID] else {
          var added = change(id, krID, .added)
          added.to = .text(keyResult.title)
          changes.append(added)
          continue
        }
        if was.title != keyResult.title {
          var retitled = change(id, krID, .retitled)
          (retitled.field, retitled.from, retitled.to) = ("title", .text(was.title), .text(keyResult.title))
          changes.append(retitled)
        }
        if was.scoreOverride?.score != keyResult.scoreOverride?.score {
          var overridden = change(id, krID, .overridden)
          overridden.field = "score"
          overridden.from = was.scoreOverride.map { .number($0.score) }
          overridden.to = keyResult.scoreOverride.map { .number($0.score) }
          changes.append(overridden)
        }
        if let dropped = keyResult.dropped, was.dropped == nil {
          var droppedChange = change(id, krID, .dropped)
          (droppedChange.field, droppedChange.to, droppedChange.note) = (
            "dropped", .text("\(dropped.on)"), dropped.note
          )
          changes.append(droppedChange)
        }
        let before = was.definition
        let after = keyResult.definition
        let documented = keyResult.changeNote != nil && keyResult.changeNote != was.changeNote
        for field in DefinitionField.ordered where before[field] != after[field] {
          var changed = change(id, krID, .changed)
          (changed.field, changed.from, changed.to) = (field.rawValue, before[field], after[field])
          changed.documented = documented
          changed.note = documented ? keyResult.changeNote : nil
          changes.append(changed)
        }
      }
      for keyResult in previous.keyResults where !newKRIDs.contains(keyResult.id.value) {
        var removed = change(id, keyResult.id.value, .removed)
        removed.from = .text(keyResult.title)
        changes.append(removed)
      }
    }
    for objective in oldObjectives where !newIDs.contains(objective.id.value) {
      var removed = change(objective.id.value, nil, .removed)
      removed.from = .text(objective.title)
      changes.append(removed)
      for keyResult in objective.keyResults {
        var removedKR = change(objective.id.value, keyResult.id.value, .removed)
        removedKR.from = .text(keyResult.title)
        changes.append(removedKR)
      }
    }
    return changes
  }
}

extension Repository {
  /// The planning day of a team's cycle: the first day of its first sprint
  /// (the cycle's first day when it has no sprint).
  public func planningDay(of teamQuarter: TeamQuarter) -> CalendarDate {
    sprintCalendar(of: teamQuarter).sprints.first?.period.start ?? teamQuarter.cycle.period.start
  }
}

/// A change with when and by whom it was made: a commit, or the working tree.
public struct DatedChange: Sendable, Hashable {
  /// What changed.
  public var change: ModelChange
  /// The commit that first has the new value (seven characters); `nil` for uncommitted changes.
  public var commit: String?
  /// The commit's author; `nil` for uncommitted changes.
  public var author: String?
  /// The commit's day, or today for uncommitted changes.
  public var date: CalendarDate
  /// The planning day of the key result's cycle.
  public var planningDay: CalendarDate
  /// The field was put back to its planning-day value later: no goal post moved in the end.
  public var isSettled = false

  /// Creates a dated change.
  public init(change: ModelChange, commit: String?, author: String?, date: CalendarDate, planningDay: CalendarDate) {
    self.change = change
    self.commit = commit
    self.author = author
    self.date = date
    self.planningDay = planningDay
  }

  /// A definition changed after the planning day without a `change_note`.
  public var isMovedGoalpost: Bool { change.isUndocumentedDefinitionChange && date > planningDay && !isSettled }
}

extension DatedChange {
  /// A change's identity as a value: the same field of the same key result reaching the same value.
  public struct ValueKey: Hashable, Sendable {
    var cycle: String
    var team: String
    var reference: String?
    var kind: ModelChange.Kind
    var field: String?
    var to: ChangeValue?

    /// The key of `change`.
    public init(_ change: ModelChange) {
      (cycle, team, reference, kind, field, to) = (
        change.cycle, change.team, change.reference, change.kind, change.field, change.to
      )
    }
  }

  /// The last dated change that brought each value: when a value was reached
  /// more than once, the latest time counts, as the one still in force.
  public static func latestByValue(_ changes: [DatedChange]) -> [ValueKey: DatedChange] {
    var latest: [ValueKey: DatedChange] = [:]
    for dated in changes { latest[ValueKey(dated.change)] = dated }
    return latest
  }
}

extension DatedChange {
  /// Each key result's changes, oldest first, grouped once.
  ///
  /// A report looks a key result up instead of scanning every change for
  /// each one. Changes about an objective are left out.
  public static func byKeyResult(_ changes: [DatedChange]) -> [ModelDiff.KeyResultKey: [DatedChange]] {
    var grouped: [ModelDiff.KeyResultKey: [DatedChange]] = [:]
    for dated in changes where dated.change.keyResult != nil {
      let change = dated.change
      grouped[ModelDiff.KeyResultKey(cycle: change.cycle, team: change.team, keyResult: change.reference!), default: []]
        .append(dated)
    }
    return grouped
  }
}
