/// A dated event of the OKR cycle.
public struct Ritual: Sendable, Hashable {
  /// What happens.
  public enum Kind: String, Sendable, Hashable, Codable {
    case preparation, planning
    case checkin = "weekly_checkin"
    case midQuarterReview = "mid_quarter_review"
    case scoring = "scoring_and_retrospective"
  }

  /// What happens.
  public var kind: Kind
  /// When: a day, or the days of a week.
  public var period: Period
  /// The week of the quarter (1 is the week of the first sprint), when it has one.
  public var week: Int?
}

/// Where a key result should stand at the end of a sprint, and what the sprint aims at.
public struct SprintTarget: Sendable {
  /// The key result.
  public var reference: KeyResultReference
  /// The key result as written.
  public var keyResult: KeyResult
  /// The expected value at the sprint's start (numeric).
  public var from: Double?
  /// The expected value at the sprint's end (numeric): the hand-written checkpoint, else derived from the pace.
  public var to: Double?
  /// Whether `to` was written by hand.
  public var isCheckpointWritten: Bool
  /// The hand-written goal, if any.
  public var goal: String?
  /// Milestones due in this sprint (milestones key results), with whether each is done.
  public var milestones: [(title: String, done: Bool)]
  /// A boolean key result due in this sprint.
  public var isDue: Bool

  /// Follows the expected value through `sprint`: from where it should stand
  /// the day before the sprint to where it should stand at its end, which is a
  /// hand-written checkpoint when the sprint has one.
  mutating func followExpectedValues(in sprint: Sprint, goal: SprintGoal?, expected: ExpectedProgress) {
    from = expected.value(on: sprint.period.start.adding(days: -1))
    to = expected.value(on: sprint.period.end)
    isCheckpointWritten = goal?.checkpoint != nil
  }

  /// Whether the sprint moves the key result at all.
  public var moves: Bool {
    goal != nil || !milestones.isEmpty || isDue || (from != nil && to != nil && from != to)
  }
}

/// A micro-goal placed in the plan.
public struct PlannedMicroGoal: Sendable {
  /// The micro-goal.
  public var microGoal: MicroGoal
  /// The key result it serves, if any.
  public var keyResult: KeyResultReference?
}

/// One sprint of a team's plan.
public struct SprintSlot: Sendable {
  /// The sprint.
  public var sprint: Sprint
  /// Where each key result should get to in it, in file order; only those it moves.
  public var targets: [SprintTarget]
  /// Micro-goals placed in it, by due date then title.
  public var microGoals: [PlannedMicroGoal]
  /// Hours the team has in it: `hours_per_sprint`, scaled to the sprint's days.
  public var capacityHours: Double?
  /// Hours planned: the estimates of its micro-goals not dropped.
  public var plannedHours: Double

  /// Hours planned beyond capacity, if any.
  public var overloadHours: Double? {
    guard let capacityHours, plannedHours > capacityHours else { return nil }
    return plannedHours - capacityHours
  }
}

/// A team's plan for a cycle: the sprint calendar, what each sprint moves, the
/// micro-goals in it against capacity, and the rituals.
public struct TeamPlan: Sendable {
  /// The team's quarter file.
  public var teamQuarter: TeamQuarter
  /// The sprint length.
  public var sprintLength: DayCount
  /// The check-in weekday.
  public var checkinDay: Weekday
  /// The sprints with their goals and micro-goals.
  public var sprints: [SprintSlot]
  /// Days of the cycle before the first sprint.
  public var preparationDays: Period?
  /// The rituals, in date order.
  public var rituals: [Ritual]
  /// The days by which 25%, 50% and 75% of the cycle have passed.
  public var marks: [(percent: Int, date: CalendarDate)]
  /// Micro-goals that fall in no sprint.
  public var outside: [PlannedMicroGoal]
  /// The share of planned hours that serve a key result (`nil` with no hours).
  public var alignedShare: Double?
  /// All planned hours.
  public var plannedHours: Double

  /// Plans a team's cycle.
  ///
  /// - Parameters:
  ///   - teamQuarter: The team's quarter file.
  ///   - repository: For okr.yaml's cadence.
  public init(_ teamQuarter: TeamQuarter, in repository: Repository) {
    self.teamQuarter = teamQuarter
    let cadence = repository.cadence(of: teamQuarter)
    sprintLength = cadence.sprintLength ?? Cadence.defaultSprintLength
    checkinDay = cadence.checkinDay ?? Cadence.defaultCheckinDay
    let calendar = repository.sprintCalendar(of: teamQuarter)
    let period = teamQuarter.cycle.period
    let sprints = calendar.sprints
    if let first = sprints.first, first.period.start > period.start {
      preparationDays = Period(start: period.start, end: first.period.start.adding(days: -1))
    }
    marks = [25, 50, 75].map { percent in
      (percent, period.start.adding(days: Int((Double(period.dayCount * percent) / 100).rounded(.up)) - 1))
    }

    // Targets per sprint, key result by key result.
    var targets = Array(repeating: [SprintTarget](), count: sprints.count)
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
        // A key result dropped mid-quarter has no goal in the sprints from its drop day on.
        for (index, target) in Self.targets(for: keyResult, reference: reference, calendar: calendar).enumerated()
        where target.moves && !keyResult.isDropped(asOf: sprints[index].period.start) {
          targets[index].append(target)
        }
      }
    }

    // Micro-goals: by due date, else by their sprint goal's (or `sprint:`) sprint.
    var placed = Array(repeating: [PlannedMicroGoal](), count: sprints.count)
    var outside: [PlannedMicroGoal] = []
    // Whole minutes, so hours and shares are one correctly rounded division each.
    var total = 0
    var aligned = 0
    func place(_ microGoal: MicroGoal, keyResult: KeyResultReference?, sprint: Int?) {
      let planned = PlannedMicroGoal(microGoal: microGoal, keyResult: keyResult)
      let index: Int?
      if let due = microGoal.due?.value {
        index = sprints.firstIndex { $0.period.contains(due) }
      } else if let sprint, sprints.indices.contains(sprint - 1) {
        index = sprint - 1
      } else {
        index = nil
      }
      if let index { placed[index].append(planned) } else { outside.append(planned) }
      guard microGoal.status != .dropped, let minutes = microGoal.estimate?.value.minutes else { return }
      total += minutes
      if keyResult != nil { aligned += minutes }
    }
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
        for goal in keyResult.sprintGoals {
          for microGoal in goal.microGoals { place(microGoal, keyResult: reference, sprint: goal.sprint.value) }
        }
      }
    }
    for microGoal in teamQuarter.microGoals {
      place(microGoal, keyResult: microGoal.keyResult?.value, sprint: microGoal.sprint?.value)
    }
    plannedHours = Double(total) / 60
    alignedShare = total > 0 ? Double(aligned) / Double(total) : nil
    let order: (PlannedMicroGoal, PlannedMicroGoal) -> Bool = {
      ($0.microGoal.due?.value ?? CalendarDate(daysSinceEpoch: 0), $0.microGoal.title)
        < ($1.microGoal.due?.value ?? CalendarDate(daysSinceEpoch: 0), $1.microGoal.title)
    }
    self.outside = outside.sorted(by: order)
    let hoursPerSprint = teamQuarter.hoursPerSprint
    let length = sprintLength.days
    self.sprints = sprints.indices.map { index in
      let sprint = sprints[index]
      let planned = placed[index].filter { $0.microGoal.status != .dropped }
        .reduce(0) { $0 + ($1.microGoal.estimate?.value.minutes ?? 0) }
      return SprintSlot(
        sprint: sprint, targets: targets[index], microGoals: placed[index].sorted(by: order),
        capacityHours: hoursPerSprint.map { Exact.scaled($0, by: sprint.period.dayCount, over: length) },
        plannedHours: Double(planned) / 60)
    }
    rituals = Self.rituals(period: period, sprints: sprints, checkinDay: checkinDay)
  }

  /// The weeks of the cycle are counted from the first sprint's Monday (or
  /// the first Monday of the cycle): week 1 holds planning; the middle week the
  /// mid-quarter review (week 6 of 12 or 13); the last week scoring.
  static func rituals(period: Period, sprints: [Sprint], checkinDay: Weekday) -> [Ritual] {
    let firstMonday = (sprints.first?.period.start ?? period.start.next(.monday)).isoWeek.monday
    let lastMonday = period.end.isoWeek.monday
    let weeks = max(1, firstMonday.isoWeek.weeks(to: lastMonday.isoWeek) + 1)
    func week(_ number: Int) -> Period {
      let monday = firstMonday.adding(days: (number - 1) * 7)
      return Period(start: monday, end: monday.adding(days: 6))!
    }
    let beforeMonday = period.start.isoWeek.monday.adding(days: -7)
    var rituals = [
      Ritual(kind: .preparation, period: Period(start: beforeMonday, end: beforeMonday.adding(days: 6))!, week: nil),
      Ritual(
        kind: .planning,
        period: Period(
          start: sprints.first?.period.start ?? firstMonday, end: sprints.first?.period.start ?? firstMonday)!,
        week: 1),
    ]
    let firstCheckin = firstMonday.adding(days: checkinDay.isoIndex)
    let checkins = stride(from: 0, to: weeks, by: 1).map { firstCheckin.adding(days: $0 * 7) }.filter {
      $0 <= period.end
    }
    if let first = checkins.first, let last = checkins.last {
      rituals.append(Ritual(kind: .checkin, period: Period(start: first, end: last)!, week: nil))
    }
    let middle = max(1, weeks / 2)
    rituals.append(Ritual(kind: .midQuarterReview, period: week(middle), week: middle))
    let lastWeek = Period(start: max(lastMonday, period.start), end: period.end)!
    rituals.append(Ritual(kind: .scoring, period: lastWeek, week: weeks))
    return rituals
  }

  /// A key result's target in each sprint, as its kind plans it: where
  /// ``ExpectedProgress`` says it should stand at the sprint's start and end,
  /// the milestones due in it, or whether it is due.
  static func targets(for keyResult: KeyResult, reference: KeyResultReference, calendar: SprintCalendar)
    -> [SprintTarget]
  {
    let sprints = calendar.sprints
    guard !sprints.isEmpty else { return [] }
    let expected = ExpectedProgress(keyResult: keyResult, calendar: calendar)
    let written = Dictionary(
      keyResult.sprintGoals.map { ($0.sprint.value, $0) }, uniquingKeysWith: { first, _ in first })
    var result: [SprintTarget] = []
    for sprint in sprints {
      let goal = written[sprint.number]
      var target = SprintTarget(
        reference: reference, keyResult: keyResult, from: nil, to: nil, isCheckpointWritten: false, goal: goal?.goal,
        milestones: [], isDue: false)
      keyResult.measure.behaviour?.plan(&target, in: sprint, of: sprints, goal: goal, expected: expected)
      result.append(target)
    }
    return result
  }

  /// The sprint that contains `day`.
  public func currentSprint(on day: CalendarDate) -> Int? {
    sprints.first { $0.sprint.period.contains(day) }?.sprint.number
  }
}
