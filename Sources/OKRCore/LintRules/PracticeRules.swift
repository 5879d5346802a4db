// Rules about the practices that make OKRs work: focus, objectives that can
// be measured, sprints that exist, and SMART micro-goals. They warn.

/// `focus`: too many objectives in a file, or key results in an objective.
public struct FocusRule: LintRule {
  public var id: Rule { .focus }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String {
    "more than \(Self.limit) objectives in a file, or more than \(Self.limit) KRs in an objective"
  }

  /// The most objectives per file, and key results per objective, before a warning.
  public static let limit = 5

  /// The first objective, and the first key result of each objective, past the limit.
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    let objectives = teamQuarter.objectives
    if objectives.count > Self.limit {
      findings.append(
        finding(
          "\(objectives.count) objectives in one quarter; focus on at most \(Self.limit)",
          at: objectives[Self.limit].location))
    }
    for objective in objectives where objective.keyResults.count > Self.limit {
      findings.append(
        finding(
          "objective '\(Validator.cut(objective.id.value))' has \(objective.keyResults.count) key results; focus on at most \(Self.limit)",
          at: objective.keyResults[Self.limit].location))
    }
    return findings
  }

  /// O1 with key results KR1 to KR`count`.
  private static func keyResults(_ count: Int) -> LintExample.File {
    .growth(
      more: (2...count).map {
        "      - id: KR\($0)\n        title: Signups \($0)\n        baseline: 0\n        target: 10\n"
      }
      .joined())
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "six key results in an objective", [Self.keyResults(6)],
        at: LintExample.File.quarterPath, 27, 9, "objective 'O1' has 6 key results; focus on at most 5")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("five key results in an objective", [Self.keyResults(5)])]
  }
}

/// `empty-objective`: an objective without key results.
public struct EmptyObjectiveRule: LintRule {
  public var id: Rule { .emptyObjective }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String { "an objective with no key results" }

  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    teamQuarter.objectives.filter(\.keyResults.isEmpty).map { objective in
      finding(
        "objective '\(Validator.cut(objective.id.value))' has no key results: nothing will tell whether it was achieved",
        at: objective.location)
    }
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "`key_results: []`", [.growth(more: "  - id: O2\n    title: Keep\n    key_results: []\n")],
        at: LintExample.File.quarterPath, 11, 5, "objective 'O2' has no key results")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("one key result", [.growth()])]
  }
}

/// `unknown-sprint`: a sprint the cycle's calendar does not have.
public struct UnknownSprintRule: LintRule {
  public var id: Rule { .unknownSprint }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String {
    "a sprint goal or micro-goal `sprint` that the cycle's calendar does not have"
  }

  /// Sprint goals' and top-level micro-goals' sprints, in file order.
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    guard context.firstSprintFits(teamQuarter) else { return [] }
    let calendar = context.repository.sprintCalendar(of: teamQuarter)
    let sprints =
      teamQuarter.objectives.flatMap { $0.keyResults.flatMap { $0.sprintGoals.map(\.sprint) } }
      + teamQuarter.microGoals.compactMap(\.sprint)
    return sprints.filter { calendar.sprint($0.value) == nil }.map { sprint in
      let count = calendar.sprints.count
      return finding(
        "sprint \(sprint.value) does not exist: \(teamQuarter.cycle.label) has \(count) sprint\(count == 1 ? "" : "s")",
        at: sprint.location)
    }
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "sprint 7 of a cycle with six", [.growth(keyResult: ["sprint_goals: [{sprint: 7, goal: Launch}]"])],
        at: LintExample.File.quarterPath, 11, 33, "sprint 7 does not exist: 2026-Q1 has 6 sprints")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "sprint 6, which takes the cycle's last two days too",
        [.growth(keyResult: ["sprint_goals: [{sprint: 6, goal: Launch}]"])])
    ]
  }
}

/// A SMART check of one micro-goal at a time: each of the four SMART rules
/// says what is wrong with a micro-goal, and this walks the file's micro-goals
/// (skipping dropped ones) the same way for all four.
protocol MicroGoalRule: LintRule {
  /// What is wrong with `microGoal`, planned in `sprint` of `teamQuarter`'s cycle, if anything.
  func problem(with microGoal: MicroGoal, sprint: Sprint?, in teamQuarter: TeamQuarter) -> LintFinding?
}

extension MicroGoalRule {
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    context.forEachMicroGoal(of: teamQuarter) { microGoal, sprint in
      guard microGoal.status != .dropped, let found = problem(with: microGoal, sprint: sprint, in: teamQuarter)
      else { return }
      findings.append(found)
    }
    return findings
  }

  /// A micro-goal as messages name it.
  func name(of microGoal: MicroGoal) -> String {
    "micro-goal '\(Validator.cut(microGoal.title))'"
  }
}

/// `smart-owner`: a micro-goal without an owner.
public struct SMARTOwnerRule: MicroGoalRule {
  public var id: Rule { .smartOwner }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String { "a micro-goal without `owner`" }

  func problem(with microGoal: MicroGoal, sprint: Sprint?, in teamQuarter: TeamQuarter) -> LintFinding? {
    microGoal.owner == nil ? finding("\(name(of: microGoal)) has no owner", at: microGoal.location) : nil
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "no `owner`", [.microGoal(["owner": ""])],
        at: LintExample.File.quarterPath, 12, 5, "micro-goal 'Emit signup events' has no owner")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("no `owner`, but dropped", [.microGoal(["owner": "", "status": "status: dropped"])])]
  }
}

/// `smart-due`: a micro-goal without a due date, or due outside its sprint or cycle.
public struct SMARTDueRule: MicroGoalRule {
  public var id: Rule { .smartDue }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String {
    "a micro-goal without `due`, or due outside its sprint (or outside the cycle when it has no sprint)"
  }

  func problem(with microGoal: MicroGoal, sprint: Sprint?, in teamQuarter: TeamQuarter) -> LintFinding? {
    guard let due = microGoal.due else {
      return finding("\(name(of: microGoal)) has no due date", at: microGoal.location)
    }
    if let sprint, !sprint.period.contains(due.value) {
      return finding(
        "\(name(of: microGoal)) is due \(due.value), outside its sprint \(sprint.number) (\(sprint.period.start) to \(sprint.period.end))",
        at: due.location)
    }
    let period = teamQuarter.cycle.period
    guard sprint == nil, !period.contains(due.value) else { return nil }
    return finding(
      "\(name(of: microGoal)) is due \(due.value), outside \(teamQuarter.cycle.label) (\(period.start) to \(period.end))",
      at: due.location)
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "no `due`", [.microGoal(["due": ""])],
        at: LintExample.File.quarterPath, 12, 5, "micro-goal 'Emit signup events' has no due date"),
      .fires(
        "due in sprint 2, planned in sprint 1 (5 to 18 January)",
        [.microGoal(["sprint": "sprint: 1", "due": "due: 2026-01-20"])],
        at: LintExample.File.quarterPath, 14, 10, "is due 2026-01-20, outside its sprint 1 (2026-01-05 to 2026-01-18)"),
      .fires(
        "due after the cycle, in no sprint", [.microGoal(["due": "due: 2026-04-02"])],
        at: LintExample.File.quarterPath, 14, 10, "is due 2026-04-02, outside 2026-Q1 (2026-01-01 to 2026-03-31)"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("due on the last day of its sprint", [.microGoal(["sprint": "sprint: 1", "due": "due: 2026-01-18"])])]
  }
}

/// `smart-done-when`: a micro-goal without a `done_when` criterion.
public struct SMARTDoneWhenRule: MicroGoalRule {
  public var id: Rule { .smartDoneWhen }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String { "a micro-goal without `done_when`" }

  func problem(with microGoal: MicroGoal, sprint: Sprint?, in teamQuarter: TeamQuarter) -> LintFinding? {
    guard microGoal.doneWhen == nil else { return nil }
    return finding(
      "\(name(of: microGoal)) has no 'done_when': say how anyone can tell it is done", at: microGoal.location)
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "no `done_when`", [.microGoal(["done_when": ""])],
        at: LintExample.File.quarterPath, 12, 5, "micro-goal 'Emit signup events' has no 'done_when'")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("a `done_when` of a few words", [.microGoal(["done_when": "done_when: merged"])])]
  }
}

/// `smart-estimate`: a micro-goal without an estimate, or estimated over two hours.
public struct SMARTEstimateRule: MicroGoalRule {
  public var id: Rule { .smartEstimate }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String { "a micro-goal without `estimate`, or estimated over 2h" }

  /// The longest a micro-goal may be estimated at.
  public static let longest = Effort(minutes: 120)

  func problem(with microGoal: MicroGoal, sprint: Sprint?, in teamQuarter: TeamQuarter) -> LintFinding? {
    guard let estimate = microGoal.estimate else {
      return finding("\(name(of: microGoal)) has no estimate", at: microGoal.location)
    }
    guard estimate.value > Self.longest else { return nil }
    return finding(
      "\(name(of: microGoal)) is estimated at \(estimate.value); split it into micro-goals of at most 2h",
      at: estimate.location)
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "no `estimate`", [.microGoal(["estimate": ""])],
        at: LintExample.File.quarterPath, 12, 5, "micro-goal 'Emit signup events' has no estimate"),
      .fires(
        "estimated at 2h30m", [.microGoal(["estimate": "estimate: 150m"])],
        at: LintExample.File.quarterPath, 15, 15, "is estimated at 2h30m; split it"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("estimated at exactly 2h", [.microGoal(["estimate": "estimate: 120m"])])]
  }
}
