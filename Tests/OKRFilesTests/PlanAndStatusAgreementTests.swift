import OKRCore
import OKRFiles
import OKRReports
import TestSupport
import Testing

/// The plan and the status report must never disagree about where a key result should be.
@Suite struct PlanAndStatusAgreementTests {
  /// Every day of examples/acme's quarter: on each sprint's last day, the plan's checkpoint for
  /// every numeric key result equals the value `okr status` expects that day, and every hand-written
  /// checkpoint is honoured by both.
  @Test func thePlansCheckpointIsWhatStatusExpectsOnEverySprintEnd() throws {
    let repository = RepositoryLoader().load(root: PackagePaths.path("examples/acme")).repository
    let cycle = try #require(repository.teamQuarters.first?.cycle)
    let plans = Dictionary(
      uniqueKeysWithValues: repository.teamQuarters.filter { $0.cycle == cycle }.map {
        ($0.slug, TeamPlan($0, in: repository))
      })
    var day = cycle.period.start
    var compared = 0
    var handWritten = 0
    while day <= cycle.period.end {
      defer { day = day.adding(days: 1) }
      let ending = plans.filter { $0.value.sprints.contains { $0.sprint.period.end == day } }
      guard !ending.isEmpty else { continue }
      let history = CheckinHistory(repository, cycle: cycle.label)
      let card = try #require(ScoreCard(repository: repository, cycle: cycle.label, asOf: day, history: history))
      let status = StatusReport(card: card, history: history, alerts: [], organization: nil)
      for (slug, plan) in ending {
        let slot = try #require(plan.sprints.first { $0.sprint.period.end == day })
        let team = try #require(status.teams.first { $0.team == slug })
        for objective in team.objectives {
          for keyResult in objective.keyResults where keyResult.type == "numeric" {
            let reference = "\(objective.id)/\(keyResult.id)"
            // A sprint lists the key results it moves; a numeric one that stands still is not in it.
            guard let target = slot.targets.first(where: { $0.reference.description == reference }) else { continue }
            #expect(
              target.to == keyResult.expected,
              "\(slug) \(reference) on \(day): plan \(target.to ?? .nan), status \(keyResult.expected ?? .nan)"
            )
            compared += 1
            if target.isCheckpointWritten { handWritten += 1 }
          }
        }
      }
    }
    // Acme has numeric key results in every team and hand-written checkpoints in some.
    #expect(compared > 50)
    #expect(handWritten > 0)
  }
}
