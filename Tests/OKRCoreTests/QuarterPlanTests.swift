import OKRCore
import Testing

@Suite struct QuarterPlanTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

  private func plan(
    _ keyResults: [KeyResult], quarter: String = "2026-Q1", cadence: Cadence = Cadence(),
    hoursPerSprint: Double? = nil, microGoals: [MicroGoal] = []
  ) -> TeamPlan {
    let team = TeamQuarter(
      cycle: Cycle(quarter: Quarter(quarter)!), team: Located("a", at: Self.here), hoursPerSprint: hoursPerSprint,
      cadence: cadence,
      objectives: [
        Objective(id: Located("O1", at: Self.here), title: "O", keyResults: keyResults, location: Self.here)
      ],
      microGoals: microGoals, location: Self.here)
    return TeamPlan(team, in: Repository(teamQuarters: [team]))
  }

  private func keyResult(
    _ measure: Measure, pace: Pace = .linear, sprintGoals: [SprintGoal] = []
  ) -> KeyResult {
    KeyResult(
      id: Located("KR1", at: Self.here), title: "K", measure: measure, pace: pace, sprintGoals: sprintGoals,
      location: Self.here)
  }

  private func checkpoints(_ plan: TeamPlan) -> [Double?] {
    plan.sprints.map { $0.targets.first?.to }
  }

  @Test(arguments: [
    // 2026-Q1 runs 90 days from 2026-01-01; six sprints from Monday 2026-01-05 end on days
    // 18, 32, 46, 60, 74 and 90. Expected value = baseline + pace(day / 90) × (target - baseline),
    // to one more decimal than baseline and target; the first sprint starts where day 4 ends.
    (Pace.linear, 35.0, 65.0, [41.0, 45.7, 50.3, 55.0, 59.7, 65.0], 36.3),  // 35 + 30 × 18/90 = 41
    (.front, 35.0, 65.0, [45.8, 52.5, 57.8, 61.7, 64.1, 65.0], 37.6),  // 1 - (1 - 0.2)² = 0.36 → 45.8
    (.back, 35.0, 65.0, [36.2, 38.8, 42.8, 48.3, 55.3, 65.0], 35.1),  // 0.2² = 0.04 → 36.2
    (.linear, 6.0, 2.0, [5.2, 4.6, 4.0, 3.3, 2.7, 2.0], 5.8),  // 6 - 4 × 0.2 = 5.2
    (.front, 6.0, 2.0, [4.6, 3.7, 3.0, 2.4, 2.1, 2.0], 5.7),
    (.back, 6.0, 2.0, [5.8, 5.5, 5.0, 4.2, 3.3, 2.0], 6.0),
  ])
  func checkpointsFollowThePaceAndEndExactlyAtTarget(
    _ pace: Pace, _ baseline: Double, _ target: Double, _ expected: [Double], _ firstFrom: Double
  ) {
    let values = checkpoints(plan([keyResult(.numeric(baseline: baseline, target: target), pace: pace)]))
    #expect(values == expected.map(Optional.some))
    #expect(values.last == target)
    // Each sprint starts where the previous one ended.
    let plan = plan([keyResult(.numeric(baseline: baseline, target: target), pace: pace)])
    #expect(plan.sprints.first?.targets.first?.from == firstFrom)
    for (earlier, later) in zip(plan.sprints, plan.sprints.dropFirst()) {
      #expect(later.targets.first?.from == earlier.targets.first?.to)
    }
  }

  @Test func aHandWrittenCheckpointWinsAndTheNextSprintStartsFromIt() {
    let goals = [SprintGoal(sprint: Located(2, at: Self.here), goal: "Big push", checkpoint: 55, location: Self.here)]
    let plan = plan([keyResult(.numeric(baseline: 35, target: 65), sprintGoals: goals)])
    #expect(plan.sprints[1].targets.first?.to == 55)
    #expect(plan.sprints[1].targets.first?.isCheckpointWritten == true)
    #expect(plan.sprints[1].targets.first?.goal == "Big push")
    #expect(plan.sprints[2].targets.first?.from == 55)
  }

  @Test func milestonesAreSpreadInOrder() {
    let milestones = ["A", "B", "C", "D"].map { Milestone(title: $0) }
    let plan = plan([keyResult(.milestones(MilestonesMeasure(milestones)))])
    #expect(
      plan.sprints.map { $0.targets.first?.milestones.map(\.title) ?? [] } == [[], ["A"], ["B"], [], ["C"], ["D"]])
  }

  @Test func aBooleanIsDueInTheLastSprintUnlessAGoalSaysOtherwise() {
    #expect(
      plan([keyResult(.boolean(done: false))]).sprints.map { !$0.targets.isEmpty } == [
        false, false, false, false, false, true,
      ])
    let goal = [SprintGoal(sprint: Located(3, at: Self.here), goal: "Ship it", location: Self.here)]
    let early = plan([keyResult(.boolean(done: false), sprintGoals: goal)])
    #expect(early.sprints[2].targets.first?.isDue == true)
    #expect(early.sprints[5].targets.isEmpty)
  }

  @Test func capacityOverloadIsFlaggedWithTheAmount() {
    func microGoal(_ due: String, _ minutes: Int, kr: Bool = false, status: MicroGoalStatus = .todo) -> MicroGoal {
      MicroGoal(
        title: "m\(due)\(minutes)", keyResult: kr ? Located(KeyResultReference("O1/KR1")!, at: Self.here) : nil,
        due: Located(CalendarDate(due)!, at: Self.here), estimate: Located(Effort(minutes: minutes), at: Self.here),
        status: status, location: Self.here)
    }
    let plan = plan(
      [keyResult(.numeric(baseline: 0, target: 1))], hoursPerSprint: 3,
      microGoals: [
        microGoal("2026-01-06", 120, kr: true), microGoal("2026-01-07", 120),
        microGoal("2026-01-08", 600, status: .dropped),
        microGoal("2026-01-20", 60), microGoal("2026-03-30", 60, kr: true), microGoal("2026-04-02", 30),
      ])
    #expect(plan.sprints[0].plannedHours == 4)
    #expect(plan.sprints[0].overloadHours == 1)
    #expect(plan.sprints[1].overloadHours == nil)
    // The last sprint runs 16 days (the 2-day remainder joined it): its capacity scales to 3 * 16 / 14.
    #expect(plan.sprints[5].capacityHours == 3.0 * 16 / 14)
    #expect(plan.outside.map(\.microGoal.title) == ["m2026-04-0230"])
    // Aligned: 2h + 1h of 6.5h planned (dropped work does not count).
    #expect(plan.plannedHours == 6.5)
    #expect(plan.alignedShare == 3.0 / 6.5)
  }

  @Test func ritualsAndMarks() {
    let plan = plan([keyResult(.numeric(baseline: 0, target: 1))], quarter: "2026-Q3")
    #expect(plan.preparationDays?.description == "2026-07-01..2026-07-05")
    let rituals = plan.rituals.map { "\($0.kind.rawValue) \($0.period)\($0.week.map { " week \($0)" } ?? "")" }
    #expect(
      rituals == [
        "preparation 2026-06-22..2026-06-28", "planning 2026-07-06..2026-07-06 week 1",
        "weekly_checkin 2026-07-10..2026-09-25", "mid_quarter_review 2026-08-10..2026-08-16 week 6",
        "scoring_and_retrospective 2026-09-28..2026-09-30 week 13",
      ])
    #expect(plan.marks.map { "\($0.percent)% \($0.date)" } == ["25% 2026-07-23", "50% 2026-08-15", "75% 2026-09-07"])
  }

  @Test func aQuarterWithWeek53AndOneWeekSprints() {
    let plan = plan(
      [keyResult(.numeric(baseline: 0, target: 12))], quarter: "2026-Q4",
      cadence: Cadence(sprintLength: DayCount(days: 7)))
    #expect(plan.sprints.count == 13)
    #expect(plan.sprints.last?.sprint.period.description == "2026-12-28..2026-12-31")
    #expect(plan.sprints.last?.sprint.period.start.isoWeek.description == "2026-W53")
    #expect(checkpoints(plan).last == 12)
  }
}
