import OKRCore

/// The score report: everything every format shows.
///
/// It is computed once from a ``ScoreCard``; renderers only arrange it.
///
/// Encoded as JSON it is the stable contract of `okr score --format json`:
/// snake_case keys, exact scores, `schema_version` 1. Fields are
/// only ever added; a key whose value is unknown is left out.
public struct ScoreReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the day scored (`--as-of`).
  public var header: ReportHeader
  /// Whether the cycle is still running on that day.
  public var provisional: Bool
  /// The share of the cycle elapsed, 0...1.
  public var elapsed: Double
  /// The repository's score: the mean of the top teams' roll-ups.
  public var score: Double?
  /// Its grade.
  public var grade: Grade?
  /// The teams, parents before children.
  public var teams: [Team]
  /// The grade bands, which decide how a score is printed (not encoded).
  public var grading: Grading

  /// One team.
  public struct Team: Encodable, Sendable {
    /// The team's slug.
    public var team: String
    /// The display name.
    public var name: String?
    /// The parent team's slug.
    public var parent: String?
    /// How deep under its ancestors the team sits.
    public var depth: Int
    /// The team's score: its roll-up over its objectives and its child teams.
    public var score: Double?
    /// The mean of its own objectives only.
    public var objectivesScore: Double?
    /// The score's grade.
    public var grade: Grade?
    /// Every aspirational key result scores 1.0.
    public var possiblySandbagging: Bool
    /// The objectives, in file order.
    public var objectives: [Objective]
  }

  /// One objective.
  public struct Objective: Encodable, Sendable {
    public var id: String
    public var title: String
    /// The parent objective it serves (`company/O1`).
    public var alignsTo: String?
    /// The weighted mean of its key results.
    public var score: Double?
    public var grade: Grade?
    public var keyResults: [KeyResult]
  }

  /// A dropped key result's marker in the JSON: `{"on": "2026-02-20", "note": "…"}`, and for one
  /// deleted from its file `"deleted": true` with the commit that deleted it.
  public struct DroppedMarker: Encodable, Sendable, Equatable {
    /// The first day it no longer counted.
    public var on: String
    /// Why, in the team's words.
    public var note: String?
    /// Deleted from its quarter file (its definition is the last one git has), not marked `dropped:`.
    public var deleted: Bool?
    /// The commit that deleted it; absent when marked, or deleted and not yet committed.
    public var commit: String?

    /// The marker of a drop.
    public init(_ dropped: Dropped) {
      on = dropped.on.description
      note = dropped.note
      deleted = dropped.isDeleted ? true : nil
      commit = dropped.commit
    }
  }

  /// How a key result went, in the words every output uses: `dropped 2026-02-16`, or
  /// `deleted 2026-02-02 in 3ae5d79` for one deleted from its file.
  public static func droppedWords(_ marker: DroppedMarker) -> String {
    "\(marker.deleted == true ? "deleted" : "dropped") \(marker.on)\(marker.commit.map { " in \($0)" } ?? "")"
  }

  /// One key result.
  public struct KeyResult: Encodable, Sendable {
    public var id: String
    public var title: String
    /// The kind's name (`numeric`, `threshold`).
    public var type: String
    /// The kind, whose name the JSON carries as `type`.
    ///
    /// Renderers ask what it can do (``KeyResultKind/hasValues``), never which kind it is.
    public var kind: KeyResultKind?
    public var commitment: Commitment
    public var weight: Double
    public var unit: String?
    public var baseline: Double?
    public var target: Double?
    /// Threshold key results: the side to stay on.
    public var keep: ThresholdSide?
    /// Threshold key results: the bound.
    public var bound: Double?
    /// The measured value (kinds with values: numeric, threshold).
    public var actual: Double?
    /// Boolean key results: whether it is done.
    public var done: Bool?
    /// Milestones key results: the titles done.
    public var milestonesDone: [String]?
    /// Milestones key results: how many there are.
    public var milestonesTotal: Int?
    /// Where the actual value comes from.
    public var source: ActualSource
    /// The score that counts, 0...1: the override when there is one.
    public var score: Double
    /// The score the rules give.
    public var computedScore: Double
    public var grade: Grade
    /// The newest confidence, 0...10.
    public var confidence: Int?
    /// Its band.
    public var confidenceBand: Confidence.Band?
    /// The ISO week it was given in.
    public var confidenceWeek: String?
    /// Whether a person's score replaced the computed one.
    public var overridden: Bool
    /// Why, in their words.
    public var scoreNote: String?
    /// A committed key result below 1.0 once the period is over (``KeyResultScore/isMissed(periodOver:)``).
    public var missed: Bool
    /// A committed key result below 1.0, over or not: "below 1.0" while the period runs (not in the JSON).
    public var belowCommitment: Bool
    /// The actual value as people read it (not in the JSON, which has the values themselves).
    public var actualText: String
    /// What the key result aims for, compactly, in its kind's words: `35→65%`,
    /// `≤300 ms`, `done`, `all done` (not in the JSON).
    public var goalText: String
    /// When and why the team dropped it; its score is then its last, out of the objective's mean.
    public var dropped: DroppedMarker?

  }

  enum CodingKeys: String, CodingKey {
    case provisional, elapsed, score, grade, teams
  }

  /// The header's fields, then the report's own, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(provisional, forKey: .provisional)
    try container.encode(elapsed, forKey: .elapsed)
    try container.encodeIfPresent(score, forKey: .score)
    try container.encodeIfPresent(grade, forKey: .grade)
    try container.encode(teams, forKey: .teams)
  }

  /// Builds the report from a score card.
  public init(_ card: ScoreCard, organization: String?) {
    header = ReportHeader(cycle: card.cycle, asOf: card.asOf, organization: organization)
    provisional = card.isProvisional
    elapsed = card.elapsedFraction
    score = card.score
    grade = card.score.map(card.grading.grade)
    grading = card.grading
    // Each team's key results become report rows on all cores.
    teams = card.teams.concurrentMap { team in
      Team(
        team: team.teamQuarter.slug, name: team.teamQuarter.name, parent: team.teamQuarter.parent?.value,
        depth: team.depth, score: team.rollup, objectivesScore: team.score, grade: team.grade,
        possiblySandbagging: team.isPossiblySandbagging,
        objectives: team.objectives.map { objective in
          Objective(
            id: objective.objective.id.value, title: objective.objective.title,
            alignsTo: objective.objective.alignsTo?.value.description, score: objective.score,
            grade: objective.grade,
            keyResults: objective.keyResults.map { Self.keyResult($0, periodOver: !card.isProvisional) }
              + objective.dropped.map { Self.keyResult($0, periodOver: !card.isProvisional, isDropped: true) })
        })
    }
  }

  private static func keyResult(_ scored: KeyResultScore, periodOver: Bool, isDropped: Bool = false) -> KeyResult {
    let keyResult = scored.keyResult
    var result = KeyResult(
      id: keyResult.id.value, title: keyResult.title, type: keyResult.measure.typeName, kind: keyResult.measure.kind,
      commitment: keyResult.commitment, weight: keyResult.weight, unit: keyResult.unit, actual: scored.actual,
      done: scored.done, milestonesDone: scored.milestonesDone, source: scored.source, score: scored.score,
      computedScore: scored.computedScore, grade: scored.grade, confidence: scored.confidence?.level.level,
      confidenceBand: scored.confidence?.level.band, confidenceWeek: scored.confidence?.week.description,
      overridden: scored.isOverridden, scoreNote: keyResult.scoreOverride?.note,
      missed: scored.isMissed(periodOver: periodOver),
      belowCommitment: scored.isShortOfCommitment,
      actualText: scored.actualText, goalText: keyResult.measure.behaviour?.goalText(unit: keyResult.unit) ?? "all done"
    )
    let scale = keyResult.measure.scale
    (result.baseline, result.target, result.keep, result.bound) = (
      scale?.baseline, scale?.target, scale?.keep, scale?.bound
    )
    if case .milestoneTitles(let milestones)? = keyResult.measure.checkinInput {
      result.milestonesTotal = milestones.count
    }
    if let dropped = keyResult.dropped, isDropped {
      result.dropped = DroppedMarker(dropped)
      // Nobody misses what the team decided not to do.
      (result.missed, result.belowCommitment) = (false, false)
    }
    return result
  }
}

extension ScoreReport.Team {
  enum CodingKeys: String, CodingKey {
    case team, name, parent, depth, score
    case objectivesScore = "objectives_score"
    case grade
    case possiblySandbagging = "possibly_sandbagging"
    case objectives
  }
}

extension ScoreReport.Objective {
  enum CodingKeys: String, CodingKey {
    case id, title
    case alignsTo = "aligns_to"
    case score, grade
    case keyResults = "key_results"
  }
}

extension ScoreReport.KeyResult {
  enum CodingKeys: String, CodingKey {
    case id, title, type, commitment, weight, unit, baseline, target, keep, bound, actual, done
    case milestonesDone = "milestones_done"
    case milestonesTotal = "milestones_total"
    case source, score
    case computedScore = "computed_score"
    case grade, confidence
    case confidenceBand = "confidence_band"
    case confidenceWeek = "confidence_week"
    case overridden
    case scoreNote = "score_note"
    case missed, dropped
  }

  /// Short flags: committed, missed (or, while the quarter runs, below 1.0), overridden, no data.
  public func flags(provisional: Bool) -> [String] {
    var flags: [String] = []
    if let dropped { flags.append("\(ScoreReport.droppedWords(dropped)), last score") }
    if commitment == .committed {
      flags.append(missed ? "committed, missed" : belowCommitment ? "committed, below 1.0" : "committed")
    }
    if overridden { flags.append("overridden") }
    if source == .baseline || source == .none { flags.append("no data") }
    return flags
  }
}

extension ScoreReport.Team: ConcurrentJSONElement {}
