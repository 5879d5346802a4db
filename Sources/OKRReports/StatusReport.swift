import OKRCore

/// The mid-quarter picture behind `okr status`, `okr alerts` and `okr checkin`:
/// each key result's progress against its pace, its confidence week by week,
/// a projection and a verdict, and the alerts that fire.
///
/// Its JSON is `okr status --format json`: snake_case keys, `schema_version`
/// 1, fields only ever added.
public struct StatusReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the as-of day.
  public var header: ReportHeader
  /// The ISO week of the as-of day.
  public var week: String
  /// The share of the cycle elapsed.
  public var elapsed: Double
  public var provisional: Bool
  public var score: Double?
  public var grade: Grade?
  public var teams: [Team]
  public var alerts: [AlertEntry]
  /// Alert rules that could not be checked, each with why.
  ///
  /// `moved_goalposts` when git could not read a version: never taken for
  /// "nothing fired". Absent from the JSON when every rule was checked.
  public var unchecked: [UncheckedRule]?
  /// The grade bands scores were graded by (okr.yaml's `scoring:`), for legends; not in the JSON.
  public var grading: Grading

  public struct Team: Encodable, Sendable {
    public var team: String
    public var name: String?
    public var depth: Int
    public var score: Double?
    public var grade: Grade?
    /// Whether a person checked in for the team in the as-of week (``TeamCheckins``): pulled values alone do not count.
    public var checkedInThisWeek: Bool
    public var objectives: [Objective]
    /// Whole weeks since the team's last check-in (``Staleness``), or since the cycle started; not in the JSON.
    public var weeksSinceCheckin: Int? = nil
    /// Whether the team has gone quiet for `stale_checkin`'s threshold or longer; not in the JSON.
    public var isStale = false
  }

  public struct Objective: Encodable, Sendable {
    public var id: String
    public var title: String
    /// The parent objective it serves (`company/O1`).
    public var alignsTo: String?
    public var score: Double?
    public var grade: Grade?
    public var keyResults: [KeyResult]
    /// Key results dropped by the day, each with its last score, for the HTML page; not in the JSON
    /// (`okr score --format json` lists them).
    public var dropped: [DroppedKeyResult] = []
  }

  /// A key result dropped mid-quarter (marked, or deleted and read back from git), with its last score.
  public struct DroppedKeyResult: Sendable {
    public var id: String
    public var title: String
    public var score: Double
    public var grade: Grade
    /// When and how it went, in the words every score output uses (``ScoreReport/droppedWords(_:)``).
    public var words: String
  }

  public struct KeyResult: Encodable, Sendable {
    public var id: String
    public var title: String
    public var type: String
    /// The kind, whose name the JSON carries as `type`.
    ///
    /// Renderers ask what it can do (``KeyResultKind/hasValues``), never which kind it is.
    public var kind: KeyResultKind?
    public var unit: String?
    public var pace: Pace
    public var commitment: Commitment
    public var baseline: Double?
    public var target: Double?
    public var keep: ThresholdSide?
    public var bound: Double?
    /// Whether a person's score replaced the computed one.
    public var overridden: Bool
    /// A committed key result below 1.0 once the period is over (``KeyResultScore/isMissed(periodOver:)``).
    public var missed: Bool
    /// A committed key result below 1.0, over or not: "below 1.0" while the period runs (not in the JSON).
    public var belowCommitment: Bool
    /// The value expected at the end of each week of the cycle (numeric), for the burn-up chart.
    public var expectedByWeek: [Expected]
    /// The measured value, or `done`/milestones text for other types.
    public var actual: Double?
    /// The value expected by now (numeric).
    public var expected: Double?
    /// The share of the way expected by now.
    public var expectedProgress: Double?
    /// The share of the way made (the computed score).
    public var progress: Double
    public var score: Double
    public var grade: Grade
    public var projectedScore: Double?
    public var verdict: Verdict
    public var confidence: Int?
    /// The newest check-in's week and date.
    public var lastCheckinWeek: String?
    public var lastCheckinDate: String?
    /// The newest check-in's blockers.
    public var blockers: [String]
    /// Week by week, oldest first.
    public var history: [Week]
    /// `actual` as people read it (`13.6%`, `done`, `2/3 done`).
    public var actualText: String
    /// `expected` as people read it.
    public var expectedText: String?
    /// Changes to the definition from git (when history was read), oldest first.
    public var definitionChanges: [DefinitionChangeMark]? = nil
    /// Whole weeks since the newest check-in (or since the cycle started); not in the JSON.
    public var weeksSinceCheckin: Int? = nil
    /// Whether it has been left behind as `stale_kr` counts (``Staleness``); not in the JSON.
    public var isStale = false
    /// A milestones key result's milestones in file order, each done or open, for the HTML page; not in the JSON.
    public var milestones: [MilestoneState] = []
    /// Why a person overrode the computed score (`score_note`), for the text and the HTML page; not in the JSON.
    public var scoreNote: String? = nil
  }

  /// A milestone and whether it is done as of the day.
  public struct MilestoneState: Sendable {
    public var title: String
    public var done: Bool
  }

  /// A change to a key result's definition, as a mark on its chart.
  public struct DefinitionChangeMark: Encodable, Sendable {
    public var date: String
    public var field: String
    public var from: ChangeValue?
    public var to: ChangeValue?
    public var commit: String
    public var documented: Bool
    public var movedGoalpost: Bool

    enum CodingKeys: String, CodingKey {
      case date, field, from, to, commit, documented
      case movedGoalpost = "moved_goalpost"
    }
  }

  public struct Week: Encodable, Sendable {
    public var week: String
    /// The day the check-in counts from.
    public var date: String
    public var value: Double?
    public var confidence: Int?
  }

  /// Where a key result should be by a day, under its pace.
  public struct Expected: Encodable, Sendable {
    public var date: String
    public var value: Double
  }

  public struct AlertEntry: Encodable, Sendable {
    public var team: String
    public var kr: String?
    public var rule: AlertKind
    public var evidence: String
    public var measured: Double
    public var threshold: Double
    public var action: String
    /// For `moved_goalposts`: the field that changed, its values, and the commit, day and author.
    public var field: String?
    public var from: ChangeValue?
    public var to: ChangeValue?
    public var commit: String?
    public var date: String?
    public var author: String?
  }

  enum CodingKeys: String, CodingKey {
    case week, elapsed, provisional, score, grade, teams, alerts, unchecked
  }

  /// The header's fields, then the report's own, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(week, forKey: .week)
    try container.encode(elapsed, forKey: .elapsed)
    try container.encode(provisional, forKey: .provisional)
    try container.encodeIfPresent(score, forKey: .score)
    try container.encodeIfPresent(grade, forKey: .grade)
    try container.encode(teams, forKey: .teams)
    try container.encode(alerts, forKey: .alerts)
    try container.encodeIfPresent(unchecked, forKey: .unchecked)
  }

  /// Builds the report.
  ///
  /// - Parameters:
  ///   - card: The cycle's scores as of the day.
  ///   - history: The check-ins.
  ///   - alerts: The alerts that fire.
  ///   - organization: okr.yaml's organization.
  ///   - changes: The cycle's definition changes from git, when they were read; they mark the charts.
  public init(
    card: ScoreCard, history: CheckinHistory, alerts: [Alert], organization: String?, changes: [DatedChange]? = nil
  ) {
    header = ReportHeader(cycle: card.cycle, asOf: card.asOf, organization: organization)
    week = card.asOf.isoWeek.description
    elapsed = card.elapsedFraction
    provisional = card.isProvisional
    score = card.score
    grade = card.score.map(card.grading.grade)
    grading = card.grading
    let thisWeek = card.asOf.isoWeek
    // Each key result's definition changes, grouped once: a lookup per key result, not a scan of every change.
    let changesByKeyResult = DatedChange.byKeyResult(changes ?? [])
    teams = card.teams.map { team in
      let slug = team.teamQuarter.slug
      let period = team.teamQuarter.cycle.period
      var teamCheckins = TeamCheckins()
      var stalenessInputs: [(scored: KeyResultScore, weeks: Int?)] = []
      var objectives = team.objectives.map { objective in
        Objective(
          id: objective.objective.id.value, title: objective.objective.title,
          alignsTo: objective.objective.alignsTo?.value.description, score: objective.score,
          grade: objective.grade,
          keyResults: objective.keyResults.map { scored in
            let reference = KeyResultReference(
              objective: objective.objective.id.value, keyResult: scored.keyResult.id.value)
            let weeks = history.weeks(
              of: reference, team: slug, cycle: team.teamQuarter.cycle.label, asOf: card.asOf)
            teamCheckins.add(weeks)
            let progress = KeyResultProgress(
              scored: scored, weeks: weeks, expected: team.expectedProgress(of: scored.keyResult), day: card.asOf)
            var entry = Self.keyResult(progress)
            entry.weeksSinceCheckin = Staleness.weeks(since: weeks.last?.week, period: period, day: card.asOf)
            stalenessInputs.append((scored, entry.weeksSinceCheckin))
            let key = ModelDiff.KeyResultKey(cycle: card.cycle.label, team: slug, keyResult: reference.description)
            let marks = (changesByKeyResult[key] ?? []).filter { $0.change.kind == .changed }
            if !marks.isEmpty {
              entry.definitionChanges = marks.map {
                DefinitionChangeMark(
                  date: $0.date.description, field: $0.change.field ?? "", from: $0.change.from, to: $0.change.to,
                  commit: $0.commit ?? "working tree", documented: $0.change.documented ?? false,
                  movedGoalpost: $0.isMovedGoalpost)
              }
            }
            return entry
          },
          dropped: objective.dropped.map(Self.dropped))
      }
      // Staleness needs the team's newest check-in, known only once every key result is read;
      // values pulled from sources are not the team checking in (TeamCheckins).
      let teamLast = teamCheckins.last?.week
      let teamWeeks = Staleness.weeks(since: teamLast, period: period, day: card.asOf)
      var index = 0
      for objectiveIndex in objectives.indices {
        for keyResultIndex in objectives[objectiveIndex].keyResults.indices {
          let (scored, weeks) = stalenessInputs[index]
          index += 1
          objectives[objectiveIndex].keyResults[keyResultIndex].isStale =
            weeks.map {
              card.staleness.isKeyResultStale(scored, weeks: $0, teamWeeks: teamLast == nil ? nil : teamWeeks)
            } ?? false
        }
      }
      return Team(
        team: slug, name: team.teamQuarter.name, depth: team.depth, score: team.rollup, grade: team.grade,
        checkedInThisWeek: teamCheckins.checkedIn(in: thisWeek), objectives: objectives, weeksSinceCheckin: teamWeeks,
        isStale: teamWeeks.map(card.staleness.isTeamStale) ?? false)
    }
    self.alerts = alerts.map {
      AlertEntry(
        team: $0.team, kr: $0.keyResult?.description, rule: $0.rule, evidence: $0.evidence, measured: $0.measured,
        threshold: $0.threshold, action: $0.action, field: $0.change?.change.field, from: $0.change?.change.from,
        to: $0.change?.change.to, commit: $0.change.map { $0.commit ?? "working tree" },
        date: $0.change?.date.description, author: $0.change?.author)
    }
  }

  private static func keyResult(_ progress: KeyResultProgress) -> KeyResult {
    let scored = progress.scored
    let keyResult = scored.keyResult
    let last = progress.weeks.last
    var milestones: [MilestoneState] = []
    if case .milestoneTitles(let list)? = keyResult.measure.checkinInput {
      let done = Set(scored.milestonesDone ?? [])
      milestones = list.map { MilestoneState(title: $0.title, done: done.contains($0.title)) }
    }
    // Empty without a span: there is no pace line to draw.
    let expectedByWeek = progress.expected.weeklyCurve().map { Expected(date: $0.date.description, value: $0.value) }
    let scale = keyResult.measure.scale
    return KeyResult(
      id: keyResult.id.value, title: keyResult.title, type: keyResult.measure.typeName, kind: keyResult.measure.kind,
      unit: keyResult.unit,
      pace: keyResult.pace, commitment: keyResult.commitment, baseline: scale?.baseline, target: scale?.target,
      keep: scale?.keep, bound: scale?.bound, overridden: scored.isOverridden, missed: progress.verdict == .missed,
      belowCommitment: scored.isShortOfCommitment,
      expectedByWeek: expectedByWeek,
      actual: scored.actual, expected: progress.expectedValue,
      expectedProgress: progress.expectedFraction, progress: scored.computedScore, score: scored.score,
      grade: scored.grade, projectedScore: progress.projectedScore, verdict: progress.verdict,
      confidence: scored.confidence?.level.level, lastCheckinWeek: last?.week.description,
      lastCheckinDate: last?.date.description, blockers: last?.blockers ?? [],
      history: progress.weeks.map {
        Week(week: $0.week.description, date: $0.date.description, value: $0.value, confidence: $0.confidence?.level)
      },
      actualText: scored.actualText,
      expectedText: progress.expectedValue.map { Format.quantity($0, unit: keyResult.unit) }
        ?? progress.expectedFraction.map { "\(Format.percent($0)) of the way" }, milestones: milestones,
      scoreNote: keyResult.scoreOverride?.note)
  }

  /// A dropped key result's line: its last score and how it went.
  static func dropped(_ scored: KeyResultScore) -> DroppedKeyResult {
    let marker = scored.keyResult.dropped.map(ScoreReport.DroppedMarker.init)
    return DroppedKeyResult(
      id: scored.keyResult.id.value, title: scored.keyResult.title, score: scored.score, grade: scored.grade,
      words: marker.map(ScoreReport.droppedWords) ?? "dropped")
  }

  /// The confidence trend of a key result as a sparkline.
  public static func trend(_ keyResult: KeyResult) -> String {
    Sparkline.confidence(keyResult.history.map(\.confidence))
  }
}

extension StatusReport.Team {
  enum CodingKeys: String, CodingKey {
    case team, name, depth, score, grade
    case checkedInThisWeek = "checked_in_this_week"
    case objectives
  }
}

extension StatusReport.Objective {
  enum CodingKeys: String, CodingKey {
    case id, title
    case alignsTo = "aligns_to"
    case score, grade
    case keyResults = "key_results"
  }
}

extension StatusReport.KeyResult {
  enum CodingKeys: String, CodingKey {
    case id, title, type, unit, pace, commitment, baseline, target, keep, bound, overridden, missed
    case expectedByWeek = "expected_by_week"
    case actual, expected
    case expectedProgress = "expected_progress"
    case progress, score, grade
    case projectedScore = "projected_score"
    case verdict, confidence
    case lastCheckinWeek = "last_checkin_week"
    case lastCheckinDate = "last_checkin_date"
    case blockers, history
    case definitionChanges = "definition_changes"
  }
}

extension StatusReport.Team: ConcurrentJSONElement {}
extension StatusReport.AlertEntry: ConcurrentJSONElement {}

/// An alert rule that could not be checked, and why.
public struct UncheckedRule: Encodable, Sendable, Equatable {
  /// The rule.
  public var rule: AlertKind
  /// Why it could not be checked, in one line.
  public var reason: String

  /// A rule that could not be checked.
  public init(rule: AlertKind, reason: String) {
    self.rule = rule
    self.reason = reason
  }
}
