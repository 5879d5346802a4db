import OKRCore
import Testing

/// In-memory OKR values for scoring tests.
private enum Build {
  static let here = SourceLocation(path: "test.yaml", line: 1, column: 1)

  static func keyResult(
    _ id: String, _ measure: Measure, weight: Double = 1, current: Double? = nil,
    commitment: Commitment = .aspirational, override: Double? = nil
  ) -> KeyResult {
    KeyResult(
      id: Located(id, at: here), title: "Key result \(id)", measure: measure, commitment: commitment, weight: weight,
      current: current, scoreOverride: override.map { ScoreOverride(score: $0, note: "judgement") }, location: here)
  }

  static func team(
    _ slug: String, parent: String? = nil, objectives: [(String, [KeyResult])], quarter: String = "2026-Q1"
  ) -> TeamQuarter {
    TeamQuarter(
      cycle: Cycle(quarter: Quarter(quarter)!), team: Located(slug, at: here),
      parent: parent.map { Located($0, at: here) },
      objectives: objectives.map {
        Objective(id: Located($0.0, at: here), title: $0.0, keyResults: $0.1, location: here)
      },
      location: here)
  }

  static func checkin(
    _ team: String, _ week: String, date: String? = nil, _ entries: [(String, Double?, Int?)]
  ) -> Checkin {
    Checkin(
      team: Located(team, at: here), cycle: Located("2026-Q1", at: here), week: Located(ISOWeek(week)!, at: here),
      date: date.map { Located(CalendarDate($0)!, at: here) },
      entries: entries.map { kr, value, confidence in
        CheckinEntry(
          keyResult: Located(KeyResultReference(kr)!, at: here), value: value.map { Located($0, at: here) },
          confidence: confidence.map { Located(Confidence(level: $0)!, at: here) }, location: here)
      }, location: here)
  }
}

@Suite struct ScoringTests {
  @Test(arguments: [
    // (actual, baseline, target, score)
    (58.0, 35.0, 65.0, 0.7666666666666667),  // increase
    (2.1, 4.2, 1.5, 0.7777777777777778),  // decrease
    (2.5, 6.0, 2.0, 0.875),  // decrease
    (1.9, 2.4, 1.6, 0.625),  // exact in decimal, 0.6250000000000001 in binary
    (80.0, 35.0, 65.0, 1.0),  // overshoot clamps to 1
    (20.0, 35.0, 65.0, 0.0),  // undershoot clamps to 0
    (0.5, 4.2, 1.5, 1.0),  // a decrease past its target
    (9.0, 6.0, 2.0, 0.0),  // a decrease that went up
    (35.0, 35.0, 65.0, 0.0),  // exactly 0 at baseline
    (65.0, 35.0, 65.0, 1.0),  // exactly 1 at target
  ])
  func numericScores(_ actual: Double, _ baseline: Double, _ target: Double, _ expected: Double) {
    #expect(Scoring.numeric(actual: actual, baseline: baseline, target: target) == expected)
  }

  @Test(arguments: [
    (0.35, "0.4"), (0.25, "0.3"), (0.05, "0.1"), (0.15, "0.2"), (0.45, "0.5"), (0.949, "0.9"), (0.95, "1.0"),
    (1.0, "1.0"), (0.0, "0.0"), (0.00001, "0.0"), (0.7666666666666667, "0.8"), (0.625, "0.6"), (0.875, "0.9"),
    (0.34999, "0.3"),
  ])
  func oneDecimalRoundsHalfAwayFromZeroOnTheDecimalValue(_ score: Double, _ shown: String) {
    #expect(Scoring.oneDecimal(score) == shown)
  }

  @Test func grades() {
    let grading = Grading()
    #expect(grading.grade(0.39) == .red)
    #expect(grading.grade(0.4) == .yellow)
    #expect(grading.grade(0.69) == .yellow)
    #expect(grading.grade(0.7) == .green)
    #expect(Grading(yellowFrom: 0.3, greenFrom: 0.6).grade(0.65) == .green)
  }

  @Test func theAgileGuideExample() throws {
    let team = Build.team(
      "support",
      objectives: [
        (
          "O1",
          [
            Build.keyResult("KR1", .numeric(baseline: 35, target: 65), current: 58),
            Build.keyResult("KR2", .numeric(baseline: 4.2, target: 1.5), current: 2.1),
            Build.keyResult("KR3", .numeric(baseline: 6, target: 2), current: 2.5),
          ]
        )
      ])
    let card = try #require(
      ScoreCard(repository: Repository(teamQuarters: [team]), cycle: "2026-Q1", asOf: CalendarDate("2026-03-31")!))
    let scores = card.teams[0].objectives[0].keyResults.map(\.score)
    #expect(scores.map { ($0 * 1000).rounded() / 1000 } == [0.767, 0.778, 0.875])
    let objective = try #require(card.teams[0].objectives[0].score)
    #expect((objective * 100).rounded() / 100 == 0.81)
    #expect(card.score == objective)
    #expect(!card.isProvisional)
  }

  @Test func objectivesWeighTheirKeyResults() throws {
    let team = Build.team(
      "a",
      objectives: [
        (
          "O1",
          [
            Build.keyResult("KR1", .boolean(done: true), weight: 3),
            Build.keyResult("KR2", .boolean(done: false), weight: 1),
          ]
        ),
        ("O2", [Build.keyResult("KR1", .numeric(baseline: 0, target: 10), current: 5)]),
      ])
    let card = try #require(
      ScoreCard(repository: Repository(teamQuarters: [team]), cycle: "2026-Q1", asOf: CalendarDate("2026-02-15")!))
    #expect(card.teams[0].objectives.map(\.score) == [0.75, 0.5])
    #expect(card.teams[0].score == 0.625)
    #expect(card.isProvisional)
  }

  @Test func overridesReplaceTheComputedScoreAndSaySo() throws {
    let keyResult = Build.keyResult("KR1", .numeric(baseline: 0, target: 10), current: 6.5, override: 0.6)
    let scored = ScoreCard.score(keyResult, weeks: [], grading: Grading())
    #expect(scored.computedScore == 0.65)
    #expect(scored.score == 0.6)
    #expect(scored.isOverridden)
  }

  /// "Missed": a committed key result below 1.0 once its period is over; never an aspirational one.
  @Test func committedKeyResultsBelowOneAreMissedOnceThePeriodIsOver() {
    let missed = ScoreCard.score(
      Build.keyResult("KR1", .numeric(baseline: 0, target: 10), current: 9, commitment: .committed), weeks: [],
      grading: Grading())
    #expect(missed.isShortOfCommitment)
    #expect(missed.isMissed(periodOver: true))
    #expect(!missed.isMissed(periodOver: false))
    let met = ScoreCard.score(
      Build.keyResult("KR1", .numeric(baseline: 0, target: 10), current: 10, commitment: .committed), weeks: [],
      grading: Grading())
    #expect(!met.isMissed(periodOver: true))
    let stretch = ScoreCard.score(
      Build.keyResult("KR1", .numeric(baseline: 0, target: 10), current: 9), weeks: [], grading: Grading())
    #expect(!stretch.isShortOfCommitment)
    #expect(!stretch.isMissed(periodOver: true))
  }

  @Test func rollUpsThroughTwoParentLevels() throws {
    // company (own 1.0) <- product (own 0.5) <- web (own 0.0); product also has mobile (own 1.0).
    let done = [Build.keyResult("KR1", .boolean(done: true))]
    let notDone = [Build.keyResult("KR1", .boolean(done: false))]
    let repository = Repository(teamQuarters: [
      Build.team("company", objectives: [("O1", done)]),
      Build.team("product", parent: "company", objectives: [("O1", done), ("O2", notDone)]),
      Build.team("web", parent: "product", objectives: [("O1", notDone)]),
      Build.team("mobile", parent: "product", objectives: [("O1", done)]),
    ])
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate("2026-03-31")!))
    let teams = Dictionary(uniqueKeysWithValues: card.teams.map { ($0.teamQuarter.slug, $0) })
    #expect(card.teams.map(\.teamQuarter.slug) == ["company", "product", "mobile", "web"])
    #expect(card.teams.map(\.depth) == [0, 1, 2, 2])
    #expect(teams["web"]?.rollup == 0)
    #expect(teams["mobile"]?.rollup == 1)
    // product: mean of its own objectives (1, 0) and its children (1, 0).
    #expect(teams["product"]?.score == 0.5)
    #expect(teams["product"]?.rollup == 0.5)
    // company: mean of its own objective (1) and product's roll-up (0.5).
    #expect(teams["company"]?.rollup == 0.75)
    #expect(card.score == 0.75)
    // Asking for product brings its children; product's roll-up is then the score.
    let product = try #require(
      ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate("2026-03-31")!, teams: ["product"]))
    #expect(product.teams.map(\.teamQuarter.slug) == ["product", "mobile", "web"])
    #expect(product.score == 0.5)
  }

  /// One decimal unless it crosses a band or shows 1.0 below 1.0.
  ///
  /// Default bands: red below 0.4,
  /// yellow below 0.7. 0.368 → 0.4 would be yellow beside red, 0.37 is red; 0.395 → 0.4 and 0.40 are
  /// yellow, 0.395 itself is red; 0.658 → 0.7 green, 0.66 yellow; 0.96 → 1.0, 0.96 stays below;
  /// 0.35 → 0.4 yellow, 0.35 red. Custom bands yellow from 0.35, green from 0.65: 0.368, 0.395 and
  /// 0.35 are yellow and so are 0.4; 0.658 is green and so is 0.7; 0.96 still needs two decimals.
  @Test(arguments: [
    (0.368, "0.37", "0.4"), (0.395, "0.395", "0.4"), (0.658, "0.66", "0.7"), (0.96, "0.96", "0.96"),
    (0.35, "0.35", "0.4"), (0.3, "0.3", "0.3"), (1.0, "1.0", "1.0"), (0.695, "0.695", "0.7"),
    (0.65, "0.65", "0.7"),
  ])
  func aPrintedScoreNeverContradictsItsGrade(_ score: Double, _ standard: String, _ custom: String) {
    #expect(Grading.standard.printed(score) == standard)
    #expect(Grading(yellowFrom: 0.35, greenFrom: 0.65).printed(score) == custom)
  }

  /// A change of score shows: where one decimal prints two scores alike, both take more decimals, together.
  ///
  /// 0.78375 → 0.80875 is 0.8 → 0.8 at one decimal and 0.78 → 0.81 at two; 0.74 → 0.76 rounds to 0.7 and 0.8
  /// and stays; 0.5 → 0.5 is no change and stays one decimal; 0.123451 → 0.123459 needs five; 0.7 → 0.70004
  /// is both green at every width, 0.70000 → 0.70004 at five; 0.361 → 0.364 needs the band rule's two
  /// decimals for 0.36 on each side, then three to differ. A missing side prints "none" elsewhere, not here.
  @Test(arguments: [
    (0.78375, 0.80875, "0.78", "0.81"), (0.74, 0.76, "0.7", "0.8"), (0.5, 0.5, "0.5", "0.5"),
    (0.123451, 0.123459, "0.12345", "0.12346"), (0.7, 0.70004, "0.70000", "0.70004"),
    (0.361, 0.364, "0.361", "0.364"), (0.66, 0.7, "0.66", "0.7"), (0.96, 0.961, "0.960", "0.961"),
    (0.3, 0.31, "0.30", "0.31"),
  ])
  func aPrintedChangeShowsTheChange(_ before: Double, _ after: Double, _ from: String, _ to: String) {
    let printed = Grading.standard.printed(before, after)
    #expect(printed.before == from)
    #expect(printed.after == to)
    #expect((printed.before == printed.after) == (before == after))
  }

  @Test func sandbaggingIsFlaggedWhenEveryAspirationalKeyResultScoresOne() throws {
    let repository = Repository(teamQuarters: [
      Build.team(
        "easy",
        objectives: [
          (
            "O1",
            [
              Build.keyResult("KR1", .numeric(baseline: 0, target: 10), current: 10),
              Build.keyResult("KR2", .boolean(done: true)),
              Build.keyResult("KR3", .boolean(done: false), commitment: .committed),
            ]
          )
        ]),
      Build.team(
        "hard", objectives: [("O1", [Build.keyResult("KR1", .numeric(baseline: 0, target: 1), current: 0.7)])]),
    ])
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate("2026-03-31")!))
    #expect(card.teams.map(\.isPossiblySandbagging) == [true, false])
  }

  /// A boolean or threshold key result scores 1.0 whenever it succeeds, and a single milestone is done
  /// or not: a team whose only aspirational KRs are such says nothing about how high it aimed.
  @Test func sandbaggingAsksOnlyKeyResultsThatCanScoreInBetween() throws {
    let repository = Repository(teamQuarters: [
      Build.team(
        "binary",
        objectives: [
          (
            "O1",
            [
              Build.keyResult("KR1", .boolean(done: true)),
              Build.keyResult("KR2", .threshold(keep: .below, bound: 300), current: 240),
            ]
          )
        ])
    ])
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate("2026-03-31")!))
    #expect(card.teams[0].objectives[0].keyResults.map(\.score) == [1, 1])
    #expect(card.teams.map(\.isPossiblySandbagging) == [false])
  }

  @Test func theActualValueIsTheNewestCheckinOnOrBeforeAsOfAfterCorrections() throws {
    let team = Build.team(
      "growth", objectives: [("O1", [Build.keyResult("KR1", .numeric(baseline: 0, target: 100), current: 5)])])
    let log = CheckinLog(
      path: "checkins/2026-Q1/growth.yaml",
      checkins: [
        Build.checkin("growth", "2026-W03", [("O1/KR1", 10, 7)]),
        Build.checkin("growth", "2026-W04", [("O1/KR1", 20, 6)]),
        // A correction of week 4: a new value, and its confidence kept.
        Build.checkin("growth", "2026-W04", [("O1/KR1", 25, nil)]),
        Build.checkin("growth", "2026-W06", date: "2026-02-03", [("O1/KR1", 40, 4)]),
      ])
    let repository = Repository(teamQuarters: [team], checkinLogs: [log])
    func scored(_ day: String) throws -> KeyResultScore {
      let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q1", asOf: CalendarDate(day)!))
      return card.teams[0].objectives[0].keyResults[0]
    }
    // Before any check-in counts: the file's current value.
    #expect(try scored("2026-01-15").actual == 5)
    #expect(try scored("2026-01-15").source == .quarterFile)
    // Week 3 counts from its Friday, 2026-01-16.
    #expect(try scored("2026-01-16").actual == 10)
    // Week 4, corrected: 25, with the confidence its first document gave.
    let week4 = try scored("2026-01-23")
    #expect(week4.actual == 25)
    #expect(week4.confidence?.level.level == 6)
    #expect(week4.confidence?.week.description == "2026-W04")
    // Week 6 counts from its own date, a Tuesday.
    #expect(try scored("2026-02-02").actual == 25)
    #expect(try scored("2026-02-03").actual == 40)
    #expect(try scored("2026-03-31").score == 0.4)
  }

  @Test func withoutCheckinsOrCurrentTheBaselineCounts() {
    let scored = ScoreCard.score(
      Build.keyResult("KR1", .numeric(baseline: 35, target: 65)), weeks: [], grading: Grading())
    #expect(scored.actual == 35)
    #expect(scored.source == .baseline)
    #expect(scored.score == 0)
    let threshold = ScoreCard.score(
      Build.keyResult("KR2", .threshold(keep: .below, bound: 300)), weeks: [], grading: Grading())
    #expect(threshold.actual == nil)
    #expect(threshold.source == .none)
    #expect(threshold.score == 0)
  }
}

@Suite struct ScoringRangeTests {
  @Test func numbersBeyondDecimalsRangeStillScore() {
    #expect(Scoring.numeric(actual: 5e199, baseline: 0, target: 1e200) == 0.5)
    #expect(Scoring.numeric(actual: 1e-200, baseline: 0, target: 4e-200) == 0.25)
    #expect(Scoring.weightedMean([(1, 1e-300), (0, 1)]) == 1e-300 / (1 + 1e-300))
    #expect(Scoring.weightedMean([(1, 1e300), (0, 1e300)]) == 0.5)
  }

  @Test func rangesWhoseSpanOverflowsScoreRight() {
    // target - baseline is 2e308, beyond the largest double: unscaled, the span was infinite and every score 0.
    #expect(Scoring.numeric(actual: 0, baseline: -1e308, target: 1e308) == 0.5)
    #expect(Scoring.numeric(actual: 1e308, baseline: -1e308, target: 1e308) == 1)
    #expect(Scoring.numeric(actual: -1e308, baseline: -1e308, target: 1e308) == 0)
    #expect(Scoring.numeric(actual: -5e307, baseline: 1.7e308, target: -1.7e308) == 0.6470588235294118)
    #expect(Scoring.numeric(actual: .greatestFiniteMagnitude, baseline: -.greatestFiniteMagnitude, target: 0) == 1)
  }

  @Test func theValueBetweenTwoEndsNeverOverflows() {
    #expect(Scoring.value(at: 0.5, from: -1e308, to: 1e308) == 0)
    #expect(Scoring.value(at: 0, from: -1e308, to: 1e308) == -1e308)
    #expect(Scoring.value(at: 1, from: -1e308, to: 1e308) == 1e308)
    // Within a double's range, the same double as the plain formula.
    for (fraction, baseline, target) in [(0.3, 35.0, 65.0), (0.7, 4.2, 1.5), (1.0 / 3, 0.1, 0.7)] {
      #expect(Scoring.value(at: fraction, from: baseline, to: target) == baseline + fraction * (target - baseline))
    }
  }

  @Test func longWordsGetNoSuggestionQuickly() {
    let long = String(repeating: "K", count: 1_000_000)
    #expect(Suggestion.closest(to: long, in: ["KR1", "KR2"]) == nil)
    #expect(Suggestion.closest(to: "O1/KRR1", in: (0..<2_000).map { "O1/KR\($0)" }) == "O1/KR1")
  }
}
