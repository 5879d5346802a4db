/// One team's OKRs for one cycle: the content of a quarter file.
public struct TeamQuarter: Sendable {
  /// The cycle the file plans.
  public var cycle: Cycle
  /// The team's slug, unique per cycle across the repository.
  public var team: Located<String>
  /// The team's display name.
  public var name: String?
  /// The team whose objectives this team's align under.
  public var parent: Located<String>?
  /// Who owns the team's OKRs.
  public var owner: String?
  /// Hours the team can plan per sprint.
  public var hoursPerSprint: Double?
  /// The team's own cadence, overriding okr.yaml's.
  public var cadence: Cadence
  /// The objectives, in file order.
  public var objectives: [Objective]
  /// Work not written under a sprint goal (the top-level `micro_goals:`).
  public var microGoals: [MicroGoal]
  /// Where the file's content starts.
  public var location: SourceLocation

  /// The team's slug.
  public var slug: String { team.value }

  /// Creates a team's quarter.
  public init(
    cycle: Cycle, team: Located<String>, name: String? = nil, parent: Located<String>? = nil,
    owner: String? = nil, hoursPerSprint: Double? = nil, cadence: Cadence = Cadence(),
    objectives: [Objective] = [], microGoals: [MicroGoal] = [], location: SourceLocation
  ) {
    self.cycle = cycle
    self.team = team
    self.name = name
    self.parent = parent
    self.owner = owner
    self.hoursPerSprint = hoursPerSprint
    self.cadence = cadence
    self.objectives = objectives
    self.microGoals = microGoals
    self.location = location
  }

  /// Every key result's reference, `O1/KR1`, in file order: what a did-you-mean chooses from.
  public var keyResultReferences: [String] {
    objectives.flatMap { objective in objective.keyResults.map { "\(objective.id.value)/\($0.id.value)" } }
  }

  /// The key result a reference names, if it exists.
  public func keyResult(_ reference: KeyResultReference) -> KeyResult? {
    objectives.first { $0.id.value == reference.objective }?
      .keyResults.first { $0.id.value == reference.keyResult }
  }
}

/// When sprints and check-ins happen.
///
/// Unset fields fall back to okr.yaml, then to the defaults.
public struct Cadence: Sendable, Hashable {
  /// Sprint length (default two weeks).
  public var sprintLength: DayCount?
  /// The first sprint's first day (default: the first Monday on or after the cycle's start).
  public var firstSprint: Located<CalendarDate>?
  /// The weekday check-ins count from when they give no date (default Friday).
  public var checkinDay: Weekday?

  /// Creates a cadence.
  public init(sprintLength: DayCount? = nil, firstSprint: Located<CalendarDate>? = nil, checkinDay: Weekday? = nil) {
    self.sprintLength = sprintLength
    self.firstSprint = firstSprint
    self.checkinDay = checkinDay
  }

  /// This cadence with unset fields taken from `fallback`.
  public func overriding(_ fallback: Cadence) -> Cadence {
    Cadence(
      sprintLength: sprintLength ?? fallback.sprintLength, firstSprint: firstSprint ?? fallback.firstSprint,
      checkinDay: checkinDay ?? fallback.checkinDay)
  }

  /// The default sprint length: two weeks.
  public static let defaultSprintLength = DayCount(days: 14)!

  /// The default check-in day, Friday: the one place it is written.
  public static let defaultCheckinDay = Weekday.friday
}

/// An objective: a qualitative goal measured by its key results.
public struct Objective: Sendable {
  /// The id, unique in its file (`O1`).
  public var id: Located<String>
  /// What the team wants to achieve.
  public var title: String
  /// The parent team's objective this one serves.
  public var alignsTo: Located<ObjectiveReference>?
  /// Who owns the objective.
  public var owner: String?
  /// How progress is measured.
  public var keyResults: [KeyResult]
  /// Where the objective is written.
  public var location: SourceLocation

  /// Creates an objective.
  public init(
    id: Located<String>, title: String, alignsTo: Located<ObjectiveReference>? = nil, owner: String? = nil,
    keyResults: [KeyResult] = [], location: SourceLocation
  ) {
    self.id = id
    self.title = title
    self.alignsTo = alignsTo
    self.owner = owner
    self.keyResults = keyResults
    self.location = location
  }
}

/// How ambitious a key result is.
public enum Commitment: String, Sendable, Hashable, CaseIterable, Codable {
  /// A stretch: 0.6-0.7 is the sweet spot (the default).
  case aspirational
  /// A promise: anything below 1.0 is "missed".
  case committed
}

/// The shape of expected progress over the cycle.
public enum Pace: String, Sendable, Hashable, CaseIterable, Codable {
  /// Evenly over the cycle (the default).
  case linear
  /// Faster early.
  case front
  /// Later.
  case back
}

/// A person's judgement that replaces a key result's computed score.
public struct ScoreOverride: Sendable, Equatable {
  /// The score, 0...1.
  public var score: Double
  /// Why, in the person's words.
  public var note: String?

  /// Creates an override.
  public init(score: Double, note: String?) {
    self.score = score
    self.note = note
  }
}

/// A key result taken out of its quarter on a day (`dropped: {on: DATE, note: …}`).
///
/// From that day on it leaves its objective's mean and is listed as dropped
/// with its score as of the day before; before it, it counts as any other.
public struct Dropped: Sendable, Equatable {
  /// The first day it no longer counts.
  public var on: CalendarDate
  /// Why, in the team's words.
  public var note: String?
  /// Whether it was deleted from its quarter file rather than marked: its
  /// definition is the last one git has (``DeletedKeyResult``).
  public var isDeleted = false
  /// The commit that deleted it (seven characters); `nil` when marked, or deleted and not yet committed.
  public var commit: String?

  /// Creates a drop.
  public init(on: CalendarDate, note: String? = nil, isDeleted: Bool = false, commit: String? = nil) {
    self.on = on
    self.note = note
    self.isDeleted = isDeleted
    self.commit = commit
  }
}

/// A key result: a measurable outcome of an objective.
public struct KeyResult: Sendable {
  /// The id, unique in its objective (`KR1`).
  public var id: Located<String>
  /// What will be measured.
  public var title: String
  /// The type and its parameters.
  public var measure: Measure
  /// The unit values are in (`%`, `ms`).
  public var unit: String?
  /// Aspirational or committed.
  public var commitment: Commitment
  /// Its weight in the objective's score, > 0.
  public var weight: Double
  /// Who owns it.
  public var owner: String?
  /// The latest known value, written in the quarter file; newer check-ins win.
  public var current: Double?
  /// The shape of expected progress.
  public var pace: Pace
  /// Hand-written sprint goals.
  public var sprintGoals: [SprintGoal]
  /// A person's score, overriding the computed one.
  public var scoreOverride: ScoreOverride?
  /// Why the definition changed after the planning day (`change_note:`); a
  /// change with a note is documented, one without is a moved goal post.
  public var changeNote: String?
  /// When and why the team dropped it mid-quarter, if it did.
  public var dropped: Dropped?
  /// Where its value lives (`source:`), for `okr checkin pull`; at the `source:` value's place.
  public var source: Located<KeyResultSource>?
  /// The day it was added, when git history shows it was added after the
  /// planning day (never written in a file): expected progress starts there.
  public var addedOn: CalendarDate?
  /// Where the key result is written.
  public var location: SourceLocation

  /// Creates a key result.
  public init(
    id: Located<String>, title: String, measure: Measure, unit: String? = nil,
    commitment: Commitment = .aspirational, weight: Double = 1, owner: String? = nil, current: Double? = nil,
    pace: Pace = .linear, sprintGoals: [SprintGoal] = [], scoreOverride: ScoreOverride? = nil,
    changeNote: String? = nil, dropped: Dropped? = nil, source: Located<KeyResultSource>? = nil,
    location: SourceLocation
  ) {
    self.changeNote = changeNote
    self.source = source
    self.dropped = dropped
    self.id = id
    self.title = title
    self.measure = measure
    self.unit = unit
    self.commitment = commitment
    self.weight = weight
    self.owner = owner
    self.current = current
    self.pace = pace
    self.sprintGoals = sprintGoals
    self.scoreOverride = scoreOverride
    self.location = location
  }
}

extension KeyResult {
  /// Whether it no longer counts on `day`: dropped on or before it.
  public func isDropped(asOf day: CalendarDate) -> Bool {
    dropped.map { $0.on <= day } ?? false
  }

  /// The day its score stands as of `day`: `day`, or for a key result dropped
  /// by then the day before it went (its last score).
  public func scoredDay(asOf day: CalendarDate) -> CalendarDate {
    isDropped(asOf: day) ? dropped!.on.adding(days: -1) : day
  }
}

/// A hand-written goal for one sprint and one key result.
public struct SprintGoal: Sendable {
  /// The sprint's number, from 1.
  public var sprint: Located<Int>
  /// What the sprint should achieve for the key result.
  public var goal: String?
  /// The key result's expected value at the sprint's end.
  public var checkpoint: Double?
  /// The small tasks that get there.
  public var microGoals: [MicroGoal]
  /// Where the sprint goal is written.
  public var location: SourceLocation

  /// Creates a sprint goal.
  public init(
    sprint: Located<Int>, goal: String? = nil, checkpoint: Double? = nil, microGoals: [MicroGoal] = [],
    location: SourceLocation
  ) {
    self.sprint = sprint
    self.goal = goal
    self.checkpoint = checkpoint
    self.microGoals = microGoals
    self.location = location
  }
}

/// Where a micro-goal stands.
public enum MicroGoalStatus: String, Sendable, Hashable, CaseIterable, Codable {
  case todo, doing, done, dropped
}

/// A small, SMART task of one to two hours, with an owner, a due date and a done criterion.
public struct MicroGoal: Sendable {
  /// Where a top-level micro-goal is planned.
  ///
  /// A sprint goal's micro-goals, nearly all of them, have neither, so both are kept out of line.
  private struct Placement: Sendable {
    var keyResult: Located<KeyResultReference>?
    var sprint: Located<Int>?
  }

  private var placementBox: SharedBox<Placement>?

  private var placement: Placement {
    get { placementBox?.value ?? Placement() }
    set { placementBox = newValue.keyResult == nil && newValue.sprint == nil ? nil : SharedBox(newValue) }
  }

  /// What will be done.
  public var title: String
  /// The key result it serves (top-level micro-goals only; sprint goals imply theirs).
  public var keyResult: Located<KeyResultReference>? {
    get { placementBox?.value.keyResult }
    set { placement.keyResult = newValue }
  }
  /// The sprint it is planned in (top-level micro-goals only).
  public var sprint: Located<Int>? {
    get { placementBox?.value.sprint }
    set { placement.sprint = newValue }
  }
  /// Who does it.
  public var owner: String?
  /// When it is due.
  public var due: Located<CalendarDate>?
  /// How long it should take.
  public var estimate: Located<Effort>?
  /// How everyone can tell it is done.
  public var doneWhen: String?
  /// Where it stands.
  public var status: MicroGoalStatus
  /// Where the micro-goal is written.
  public var location: SourceLocation

  /// Creates a micro-goal.
  public init(
    title: String, keyResult: Located<KeyResultReference>? = nil, sprint: Located<Int>? = nil,
    owner: String? = nil, due: Located<CalendarDate>? = nil, estimate: Located<Effort>? = nil,
    doneWhen: String? = nil, status: MicroGoalStatus = .todo, location: SourceLocation
  ) {
    self.title = title
    self.owner = owner
    self.due = due
    self.estimate = estimate
    self.doneWhen = doneWhen
    self.status = status
    self.location = location
    self.placement = Placement(keyResult: keyResult, sprint: sprint)
  }
}
