import OKRCore
import TestSupport
import Testing

/// Properties of scoring and planning, over thousands of generated cases.
@Suite struct PropertyTests {
  /// A number people might write: whole or with up to three decimals, of any sign and size.
  private func number(_ random: inout SeededGenerator) -> Double {
    let magnitude = [1.0, 10, 100, 10_000, 1e7][Int.random(in: 0..<5, using: &random)]
    let value = Double.random(in: -magnitude...magnitude, using: &random)
    let decimals = Double([1, 10, 100, 1000][Int.random(in: 0..<4, using: &random)])
    return (value * decimals).rounded() / decimals
  }

  @Test func numericScoresStayInZeroToOneAndMoveWithTheActualValue() {
    var random = SeededGenerator(seed: 42)
    for _ in 0..<5_000 {
      let baseline = number(&random)
      var target = number(&random)
      if target == baseline { target += 1 }
      #expect(Scoring.numeric(actual: baseline, baseline: baseline, target: target) == 0)
      #expect(Scoring.numeric(actual: target, baseline: baseline, target: target) == 1)
      let a = number(&random)
      let b = number(&random)
      let scoreA = Scoring.numeric(actual: a, baseline: baseline, target: target)
      let scoreB = Scoring.numeric(actual: b, baseline: baseline, target: target)
      #expect((0...1).contains(scoreA) && (0...1).contains(scoreB))
      // Moving the actual value toward the target never lowers the score.
      let towardTarget = target > baseline ? a <= b : a >= b
      if towardTarget {
        #expect(scoreA <= scoreB, "baseline \(baseline), target \(target): \(a) -> \(scoreA), \(b) -> \(scoreB)")
      }
    }
  }

  @Test func weightedMeansStayBetweenTheirExtremes() {
    var random = SeededGenerator(seed: 7)
    for _ in 0..<2_000 {
      let values = (0..<Int.random(in: 1...6, using: &random)).map { _ in
        (value: Double.random(in: 0...1, using: &random), weight: Double(Int.random(in: 1...5, using: &random)) / 2)
      }
      let mean = Scoring.weightedMean(values)!
      #expect(mean >= values.map(\.value).min()! - 1e-12)
      #expect(mean <= values.map(\.value).max()! + 1e-12)
    }
  }

  @Test func checkpointsMoveOneWayAndEndExactlyAtTarget() {
    var random = SeededGenerator(seed: 2026)
    let here = SourceLocation(path: "t.yaml", line: 1, column: 1)
    for _ in 0..<400 {
      let baseline = number(&random)
      var target = number(&random)
      if target == baseline { target += 1 }
      let pace = Pace.allCases[Int.random(in: 0..<3, using: &random)]
      let length = DayCount(days: [7, 14, 21][Int.random(in: 0..<3, using: &random)])!
      let quarter = Quarter(
        year: Int.random(in: 2020...2030, using: &random), number: Int.random(in: 1...4, using: &random))!
      let keyResult = KeyResult(
        id: Located("KR1", at: here), title: "K", measure: .numeric(baseline: baseline, target: target), pace: pace,
        location: here)
      let team = TeamQuarter(
        cycle: Cycle(quarter: quarter), team: Located("a", at: here), cadence: Cadence(sprintLength: length),
        objectives: [Objective(id: Located("O1", at: here), title: "O", keyResults: [keyResult], location: here)],
        location: here)
      let plan = TeamPlan(team, in: Repository(teamQuarters: [team]))
      let checkpoints = plan.sprints.compactMap { $0.targets.first?.to }
      #expect(checkpoints.last == target)
      let steps = zip([baseline] + checkpoints, checkpoints)
      #expect(
        steps.allSatisfy { target > baseline ? $0 <= $1 : $0 >= $1 }, "\(pace) \(baseline)->\(target): \(checkpoints)")
      // Sprints tile the quarter from the first sprint to its last day, without gaps.
      #expect(plan.sprints.last?.sprint.period.end == quarter.period.end)
      for (earlier, later) in zip(plan.sprints, plan.sprints.dropFirst()) {
        #expect(earlier.sprint.period.end.adding(days: 1) == later.sprint.period.start)
      }
    }
  }
}
