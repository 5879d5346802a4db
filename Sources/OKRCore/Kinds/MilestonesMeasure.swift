#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// One milestone of a milestones key result.
public struct Milestone: Sendable, Equatable {
  /// What the milestone is; check-ins name milestones by title.
  public var title: String
  /// Its share of the key result, > 0 (default 1).
  public var weight: Double
  /// Whether it is done, as of the quarter file.
  public var done: Bool

  /// Creates a milestone.
  public init(title: String, weight: Double = 1, done: Bool = false) {
    self.title = title
    self.weight = weight
    self.done = done
  }
}

/// A milestones key result: a weighted checklist.
///
/// The score is the weighted share of milestones done, in the quarter file or
/// in any check-in. Progress is expected along the pace over the period, and
/// the plan spreads the milestones over the sprints in order. A check-in names
/// the milestones done so far by title.
public struct MilestonesMeasure: KeyResultMeasure {
  /// The milestones, in file order.
  public var milestones: [Milestone]

  /// Creates a milestones measure.
  public init(_ milestones: [Milestone]) {
    self.milestones = milestones
  }

  public static let kind = KeyResultKind.milestones

  public static let parameters = [
    MeasureParameter(
      "milestones", .milestoneList, isRequired: true, isDefinition: false, summary: "Milestones: the steps, weighted")
  ]

  public static let hasValues = false

  public static func make(_ values: MeasureParameterValues) -> Result<Measure, MeasureProblem> {
    guard let milestones = values.milestones("milestones"), !milestones.isEmpty else {
      return .failure(MeasureProblem(key: "milestones", message: "'milestones' needs at least one milestone"))
    }
    return .success(.milestones(MilestonesMeasure(milestones)))
  }

  public var parameterValues: [(key: String, value: MeasureParameterValue)] {
    [("milestones", .milestoneList(milestones))]
  }

  public var scale: ValueScale? { nil }

  public var checkinInput: CheckinInput { .milestoneTitles(milestones) }

  /// A single milestone is done or not; two or more can be partly done.
  public var scoresInBetween: Bool { milestones.count > 1 }

  /// The weighted share of milestones done, in the file or among `titles`.
  public func score(done titles: Set<String>) -> Double {
    Scoring.weightedMean(milestones.map { ($0.done || titles.contains($0.title) ? 1 : 0, $0.weight) }) ?? 0
  }

  public func measured(_ keyResult: KeyResult, weeks: [WeeklyCheckin]) -> Measurement {
    let soFar = weeks.milestonesDoneSoFar
    let checked = Set(soFar ?? [])
    let source: ActualSource = soFar != nil ? .checkin : .quarterFile
    let done = milestones.filter { $0.done || checked.contains($0.title) }.map(\.title)
    return Measurement(milestonesDone: done, source: source, score: score(done: checked))
  }

  public func verdict(_ progress: KeyResultProgress) -> Verdict { progress.verdictByGap() }

  public func gapSign(_ progress: KeyResultProgress, expectedFraction: Double, minus threshold: Double) -> Int? {
    // gap = f - done / total, so compare (f × total - done) / total with the threshold.
    let done = Set(progress.scored.milestonesDone ?? [])
    if let sign = Exact.integerShareGap(
      fraction: expectedFraction, weights: milestones.map { ($0.weight, done.contains($0.title)) }, minus: threshold)
    {
      return sign
    }
    var total = Decimal(0)
    var reached = Decimal(0)
    for milestone in milestones {
      guard let weight = Exact.decimal(milestone.weight) else {
        return Exact.sign(expectedFraction - progress.scored.computedScore - threshold)
      }
      total += weight
      if done.contains(milestone.title) { reached += weight }
    }
    guard total > 0, let f = Exact.decimal(expectedFraction) else { return nil }
    return Exact.sign(f * total - reached, over: total, minus: threshold)
  }

  public func gap(_ progress: KeyResultProgress, expectedFraction: Double) -> Double? {
    let done = Set(progress.scored.milestonesDone ?? [])
    return Exact.shareGap(fraction: expectedFraction, weights: milestones.map { ($0.weight, done.contains($0.title)) })
  }

  public func expectedFraction(on day: CalendarDate, of expected: ExpectedProgress) -> Double? {
    ExpectedProgress.rounded(
      expected.keyResult.pace.expectedFraction(expected.period.elapsedFraction(at: day)), decimals: 4)
  }

  /// The sprint a milestone is due in: milestone i of n in sprint ceil(i × s / n), in order.
  func dueSprint(ofMilestoneAt index: Int, sprintCount: Int) -> Int {
    Int((Double((index + 1) * sprintCount) / Double(milestones.count)).rounded(.up))
  }

  public func plan(
    _ target: inout SprintTarget, in sprint: Sprint, of sprints: [Sprint], goal: SprintGoal?,
    expected: ExpectedProgress
  ) {
    target.milestones = milestones.indices.filter {
      dueSprint(ofMilestoneAt: $0, sprintCount: sprints.count) == sprint.number
    }
    .map { (milestones[$0].title, milestones[$0].done) }
  }

  public func carriedOver(_ scored: KeyResultScore) -> CarryOverDecision {
    let done = Set(scored.milestonesDone ?? [])
    let open = milestones.filter { !done.contains($0.title) }
    if open.isEmpty { return .leave(because: "has every milestone done") }
    return .carry(.milestones(MilestonesMeasure(open.map { Milestone(title: $0.title, weight: $0.weight) })))
  }

  public func goalText(unit: String?) -> String { "all done" }

  public func actualText(_ scored: KeyResultScore) -> String {
    "\(scored.milestonesDone?.count ?? 0)/\(milestones.count) done"
  }
}
