/// What a key result's score is based on.
public enum ActualSource: String, Sendable, Hashable, Codable {
  /// The newest check-in on or before the as-of day.
  case checkin
  /// The `current:` value (or `done:` flags) of the quarter file.
  case quarterFile = "quarter_file"
  /// Nothing measured yet: the baseline.
  case baseline
  /// Nothing measured, and no baseline to fall back to (threshold key results).
  case none
}

extension KeyResult {
  /// The measured value of a key result with values, and where it comes from.
  ///
  /// The newest check-in value among `weeks` (the check-ins up to the day
  /// asked about, oldest first), else `current:`, else the scale's starting
  /// value (a numeric baseline), else nothing (a threshold). The one
  /// definition of "actual".
  public func actual(from weeks: [WeeklyCheckin]) -> (value: Double?, source: ActualSource) {
    if let value = weeks.last(where: { $0.value != nil })?.value { return (value, .checkin) }
    if let current { return (current, .quarterFile) }
    if let baseline = measure.scale?.baseline { return (baseline, .baseline) }
    return (nil, .none)
  }
}

/// One key result's score as of a day.
public struct KeyResultScore: Sendable {
  /// The key result as written.
  public var keyResult: KeyResult
  /// The measured value of key results with values (numeric, threshold).
  public var actual: Double?
  /// Whether a key result recorded as done or not (boolean) is done.
  public var done: Bool?
  /// The titles of milestones done, in the key result's order.
  public var milestonesDone: [String]?
  /// Where the actual value comes from.
  public var source: ActualSource
  /// The score the rules give, 0...1.
  public var computedScore: Double
  /// The score that counts: a person's override, else the computed one.
  public var score: Double
  /// The score's grade.
  public var grade: Grade
  /// The newest confidence on or before the as-of day, and its week.
  public var confidence: (level: Confidence, week: ISOWeek)?
  /// A committed key result below 1.0: missed once its period is over
  /// (``isMissed(periodOver:)``), only "below 1.0" while it runs.
  public var isShortOfCommitment: Bool

  /// Whether the key result is "missed", in the one meaning every command uses.
  ///
  /// Missed is a committed key result below 1.0 once its period is over. An
  /// aspirational key result below 1.0 is never missed; its score and grade
  /// say how it went.
  ///
  /// - Parameter periodOver: Whether the as-of day is the period's last or later.
  /// - Returns: Whether the key result is missed.
  public func isMissed(periodOver: Bool) -> Bool { periodOver && isShortOfCommitment }

  /// Whether a person's score replaced the computed one.
  public var isOverridden: Bool { keyResult.scoreOverride != nil }

  /// The actual value as people read it, in the kind's words: `58%`, `240 ms`, `done`, `2/3 done`, `no data`.
  public var actualText: String { keyResult.measure.behaviour?.actualText(self) ?? valueText }

  /// The measured value with its unit (`58%`, `240 ms`), or `no data`.
  public var valueText: String { actual.map { Format.quantity($0, unit: keyResult.unit) } ?? "no data" }
}

/// One objective's score: the weighted mean of its key results'.
public struct ObjectiveScore: Sendable {
  /// The objective as written.
  public var objective: Objective
  /// Its key results' scores, in file order, without those dropped by the day scored.
  public var keyResults: [KeyResultScore]
  /// The weighted mean of the key results' scores; `nil` without key results.
  public var score: Double?
  /// The score's grade.
  public var grade: Grade?
  /// Key results dropped on or before the day scored, in file order.
  ///
  /// Each is scored as of the day before its `dropped: {on: …}`, its last
  /// score; they are out of the mean, the alerts and the status.
  public var dropped: [KeyResultScore] = []
}

/// One team's scores.
public struct TeamScore: Sendable {
  /// The team's quarter file.
  public var teamQuarter: TeamQuarter
  /// How deep the team sits under its ancestors (0 for a team without parent).
  public var depth: Int
  /// The slugs of its child teams in this cycle, sorted.
  public var children: [String]
  /// Its objectives' scores, in file order.
  public var objectives: [ObjectiveScore]
  /// The mean of its own objectives' scores.
  public var score: Double?
  /// The mean over its own objectives and its child teams' roll-ups; equals
  /// `score` for a team without children.
  public var rollup: Double?
  /// The roll-up's grade.
  public var grade: Grade?
  /// Every aspirational key result scores 1.0: the goals may have been set too low.
  public var isPossiblySandbagging: Bool
  /// The team's sprints in the cycle, which place its hand-written checkpoints.
  public var calendar: SprintCalendar

  /// Where one of the team's key results should stand, day by day.
  public func expectedProgress(of keyResult: KeyResult) -> ExpectedProgress {
    ExpectedProgress(keyResult: keyResult, calendar: calendar)
  }
}

/// The scores of one cycle as of a day: the computation behind `okr score`.
public struct ScoreCard: Sendable {
  /// The cycle scored.
  public var cycle: Cycle
  /// The day scores are computed for.
  public var asOf: CalendarDate
  /// The grade boundaries used.
  public var grading: Grading
  /// When a team or a key result is stale (okr.yaml's `stale_checkin` and `stale_kr`).
  public var staleness: Staleness
  /// The teams, parents before their children (depth first, siblings by slug).
  public var teams: [TeamScore]
  /// The mean of the top teams' roll-ups: the repository's score.
  public var score: Double?

  /// Whether the cycle is still running on the as-of day, so the scores are provisional.
  public var isProvisional: Bool { asOf < cycle.period.end }
  /// The share of the cycle elapsed by the end of the as-of day.
  public var elapsedFraction: Double { cycle.period.elapsedFraction(at: asOf) }

  /// Scores a cycle.
  ///
  /// - Parameters:
  ///   - repository: A repository without errors.
  ///   - cycle: The cycle's label (`2026-Q3`).
  ///   - asOf: The day to score as of: later check-ins do not exist yet.
  ///   - teams: Only these teams and their descendants; all teams when empty.
  ///   - history: The repository's check-ins, when the caller has read them already.
  /// - Returns: `nil` when no team has a quarter file for the cycle.
  public init?(
    repository: Repository, cycle label: String, asOf: CalendarDate, teams selected: [String] = [],
    history: CheckinHistory? = nil
  ) {
    let teamQuarters = repository.teamQuarters.filter { $0.cycle.label == label }
    guard let first = teamQuarters.first else { return nil }
    cycle = first.cycle
    self.asOf = asOf
    grading = repository.config.grading
    staleness = Staleness(config: repository.config)
    let history = history ?? CheckinHistory(repository, cycle: label)
    let order = TeamOrder(teamQuarters, selected: selected)
    let grading = self.grading
    var scored: [String: TeamScore] = [:]
    // Teams score independently: on all cores, then merged in file order.
    let teamScores = teamQuarters.concurrentMap { teamQuarter in
      let objectives = teamQuarter.objectives.map { objective in
        ScoreCard.score(objective, of: teamQuarter, history: history, asOf: asOf, grading: grading)
      }
      var aspirational = 0
      var aspirationalAtOne = 0
      for objective in objectives {
        // A boolean or threshold KR scores 1.0 whenever it succeeds: only a KR that can land in between says
        // whether the team aimed high.
        for keyResult in objective.keyResults
        where keyResult.keyResult.commitment == .aspirational && keyResult.keyResult.measure.scoresInBetween {
          aspirational += 1
          if keyResult.score >= 1 { aspirationalAtOne += 1 }
        }
      }
      return TeamScore(
        teamQuarter: teamQuarter, depth: 0, children: order.children[teamQuarter.slug] ?? [], objectives: objectives,
        score: Scoring.mean(objectives.compactMap(\.score)), rollup: nil, grade: nil,
        isPossiblySandbagging: aspirational > 0 && aspirationalAtOne == aspirational,
        calendar: repository.sprintCalendar(of: teamQuarter))
    }
    for team in teamScores where scored[team.teamQuarter.slug] == nil {
      scored[team.teamQuarter.slug] = team
    }
    // Roll up from the leaves; a parent cycle (a lint error) cannot loop here
    // because each team is visited once. Roll-ups are kept apart from the
    // team scores so that reading one does not copy a team.
    let ownScores = scored.mapValues { $0.objectives.compactMap(\.score) }
    var visiting: Set<String> = []
    var rollups: [String: Double?] = [:]
    func rollup(_ slug: String) -> Double? {
      if let done = rollups[slug] { return done }
      guard let own = ownScores[slug], visiting.insert(slug).inserted else { return nil }
      let value = Scoring.mean(own + (order.children[slug] ?? []).compactMap(rollup))
      rollups[slug] = .some(value)
      return value
    }
    for slug in scored.keys.sorted() { _ = rollup(slug) }
    teams = order.entries.compactMap { entry in
      guard var team = scored.removeValue(forKey: entry.slug) else { return nil }
      team.depth = entry.depth
      team.rollup = rollups[entry.slug] ?? nil
      team.grade = team.rollup.map(grading.grade)
      return team
    }
    score = Scoring.mean(teams.filter { order.isTop($0.teamQuarter.slug) }.compactMap(\.rollup))
  }

  static func score(
    _ objective: Objective, of teamQuarter: TeamQuarter, history: CheckinHistory, asOf: CalendarDate,
    grading: Grading
  ) -> ObjectiveScore {
    var keyResults: [KeyResultScore] = []
    var dropped: [KeyResultScore] = []
    for keyResult in objective.keyResults {
      let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
      // A dropped key result's last score is the one it had the day before it went.
      let isDropped = keyResult.isDropped(asOf: asOf)
      let day = keyResult.scoredDay(asOf: asOf)
      let weeks = history.weeks(of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: day)
      let scored = ScoreCard.score(keyResult, weeks: weeks, grading: grading)
      if isDropped { dropped.append(scored) } else { keyResults.append(scored) }
    }
    let mean = Scoring.weightedMean(keyResults.map { ($0.score, $0.keyResult.weight) })
    return ObjectiveScore(
      objective: objective, keyResults: keyResults, score: mean, grade: mean.map(grading.grade), dropped: dropped)
  }

  /// Scores one key result from its weekly check-ins (oldest first).
  public static func score(_ keyResult: KeyResult, weeks: [WeeklyCheckin], grading: Grading) -> KeyResultScore {
    let measured =
      keyResult.measure.behaviour?.measured(keyResult, weeks: weeks) ?? Measurement(source: .none, score: 0)
    let computed = measured.score
    let score = keyResult.scoreOverride?.score ?? computed
    let confidence = weeks.last(where: { $0.confidence != nil }).map { ($0.confidence!, $0.week) }
    return KeyResultScore(
      keyResult: keyResult, actual: measured.actual, done: measured.done, milestonesDone: measured.milestonesDone,
      source: measured.source,
      computedScore: computed, score: score, grade: grading.grade(score), confidence: confidence,
      isShortOfCommitment: keyResult.commitment == .committed && score < 1)
  }
}

/// The order teams are shown in, and which of them a `--team` selection keeps.
///
/// Roots (teams without a parent in the cycle) by slug, each followed by its
/// descendants depth first, siblings by slug; teams caught in a parent cycle
/// (a lint error) come last rather than be lost. A selected team brings its
/// descendants, with depths counted from it. One definition for every report.
public struct TeamOrder: Sendable {
  /// A team and how deep it sits under the shown teams above it.
  public struct Entry: Sendable, Equatable {
    public var slug: String
    public var depth: Int
  }

  /// The teams shown, in order.
  public var entries: [Entry]
  /// Each team's child teams in the cycle, by slug, sorted.
  public var children: [String: [String]]
  private var tops: Set<String>

  /// Orders a cycle's teams.
  ///
  /// - Parameters:
  ///   - teamQuarters: The cycle's quarter files.
  ///   - selected: Only these teams and their descendants; all when empty.
  public init(_ teamQuarters: [TeamQuarter], selected: [String] = []) {
    let bySlug = Dictionary(teamQuarters.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    var children: [String: [String]] = [:]
    for teamQuarter in teamQuarters {
      if let parent = teamQuarter.parent?.value, bySlug[parent] != nil {
        children[parent, default: []].append(teamQuarter.slug)
      }
    }
    for key in children.keys { children[key]?.sort() }
    self.children = children
    let roots = teamQuarters.map(\.slug).filter { slug in
      guard let parent = bySlug[slug]?.parent?.value else { return true }
      return bySlug[parent] == nil
    }
    var ordered: [Entry] = []
    var placed: Set<String> = []
    func place(_ slug: String, depth: Int) {
      guard placed.insert(slug).inserted else { return }
      ordered.append(Entry(slug: slug, depth: depth))
      for child in children[slug] ?? [] { place(child, depth: depth + 1) }
    }
    for root in Set(roots).sorted() { place(root, depth: 0) }
    for slug in bySlug.keys.sorted() { place(slug, depth: 0) }
    guard !selected.isEmpty else {
      entries = ordered
      tops = Set(ordered.filter { $0.depth == 0 }.map(\.slug))
      return
    }
    var shown: [Entry] = []
    var selectedDepth: Int?
    for var entry in ordered {
      if let depth = selectedDepth, entry.depth > depth {
        entry.depth -= depth
        shown.append(entry)
        continue
      }
      selectedDepth = nil
      if selected.contains(entry.slug) {
        selectedDepth = entry.depth
        entry.depth = 0
        shown.append(entry)
      }
    }
    entries = shown
    let shownSlugs = Set(shown.map(\.slug))
    tops = Set(
      shown.map(\.slug).filter { slug in bySlug[slug]?.parent.map { !shownSlugs.contains($0.value) } ?? true })
  }

  /// Whether a shown team has no shown parent: the top teams make the overall score.
  public func isTop(_ slug: String) -> Bool { tops.contains(slug) }
}
