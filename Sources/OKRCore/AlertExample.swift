/// A small situation in which an alert rule fires or stays quiet: the rule's
/// documentation, and its test.
///
/// Every example is about team `growth` in 2026-Q1 (90 days; two-week sprints
/// from Monday 5 January), whose O1/KR1 runs from 0 to 100 (with `checkpoints`
/// by sprint, if any), or is a boolean when `isBoolean` (a check-in with a
/// value of 1 marks it done); with `otherWeeks`, O1/KR2 is there too, checked
/// in on those weeks only. A check-in is a person's unless its week is in
/// `pulledWeeks` (O1/KR1) or `otherPulled` is set (O1/KR2): those are values
/// `okr checkin pull` wrote, `by: source`.
/// A test builds each example's repository and checks that the rule fires
/// exactly when the example says; docs/format.md lists them.
public struct AlertExample: Sendable {
  /// What the example shows, in a few words.
  public var summary: String
  /// O1/KR1's check-ins: ISO week, value, confidence.
  public var checkins: [(week: String, value: Double?, confidence: Int?)]
  /// Whether O1/KR1 is a boolean key result rather than 0 to 100.
  public var isBoolean = false
  /// The weeks of O1/KR1's check-ins that are values pulled from its source (`by: source`), not a person's.
  public var pulledWeeks: [String] = []
  /// The weeks O1/KR2 got a check-in.
  public var otherWeeks: [String] = []
  /// Whether O1/KR2's check-ins are values pulled from its source, not a person's.
  public var otherPulled = false
  /// O1/KR1's hand-written checkpoints, by sprint.
  public var checkpoints: [(sprint: Int, value: Double)] = []
  /// Minutes of micro-goals tied to O1/KR1, and tied to no key result.
  public var effort: (tied: Int, orphan: Int) = (0, 0)
  /// The as-of day.
  public var asOf: String
  /// The rule's threshold.
  public var threshold: Double
  /// Whether the rule fires.
  public var fires: Bool

  /// Week `number` of 2026, as ISO writes it (`2026-W04`).
  static func week(_ number: Int) -> String { "2026-W" + (number < 10 ? "0" : "") + "\(number)" }
}

extension AlertKind {
  /// Situations in which the rule fires and in which it does not, at its threshold's edge.
  ///
  /// `moved_goalposts` reads git history, so its examples are git repositories in the tests.
  public var examples: [AlertExample] {
    switch self {
    case .confidenceDrop:
      return [
        AlertExample(
          summary: "confidence 7, then 4: a drop of 3, at a threshold of 3",
          checkins: [("2026-W02", 10, 7), ("2026-W04", 14, 4)],
          asOf: "2026-01-23", threshold: 3, fires: true),
        AlertExample(
          summary: "the same drop at a threshold of 3.5", checkins: [("2026-W02", 10, 7), ("2026-W04", 14, 4)],
          asOf: "2026-01-23", threshold: 3.5, fires: false),
        AlertExample(
          summary: "7, a week without a confidence, then 4: the gap week hides nothing",
          checkins: [("2026-W02", 10, 7), ("2026-W03", 12, nil), ("2026-W04", 14, 4)], asOf: "2026-01-23",
          threshold: 2, fires: true),
      ]
    case .behindPace:
      return [
        AlertExample(
          summary: "60 of 100 on 13 March (day 72 of 90), exactly 0.2 behind, at a threshold of 0.2",
          checkins: [("2026-W11", 60, 6)], asOf: "2026-03-13", threshold: 0.2, fires: true),
        AlertExample(
          summary: "61 that day, 0.19 behind, at 0.2", checkins: [("2026-W11", 61, 6)], asOf: "2026-03-13",
          threshold: 0.2, fires: false),
        AlertExample(
          summary: "80 on the last day, 0.2 behind: no sprint is left to re-plan, the verdict speaks",
          checkins: [("2026-W13", 80, 6)], asOf: "2026-03-31", threshold: 0.2, fires: false),
      ]
    case .staleCheckin:
      return [
        AlertExample(
          summary: "last check-in in week 3, as of week 6 (three weeks), at 3", checkins: [("2026-W03", 10, 7)],
          asOf: "2026-02-04", threshold: 3, fires: true),
        AlertExample(
          summary: "the same at 4", checkins: [("2026-W03", 10, 7)], asOf: "2026-02-04",
          threshold: 4, fires: false),
        AlertExample(
          summary:
            "a person last in week 3, then only values pulled from sources in weeks 4 and 5: "
            + "pulled values are not the team checking in, so three weeks as of week 6, at 3",
          checkins: [("2026-W03", 10, 7), ("2026-W04", 12, nil), ("2026-W05", 14, nil)],
          pulledWeeks: ["2026-W04", "2026-W05"], asOf: "2026-02-04", threshold: 3, fires: true),
        AlertExample(
          summary: "the same with a person's check-in of O1/KR2 in week 5: one week, at 3",
          checkins: [("2026-W03", 10, 7), ("2026-W04", 12, nil), ("2026-W05", 14, nil)],
          pulledWeeks: ["2026-W04", "2026-W05"], otherWeeks: ["2026-W05"], asOf: "2026-02-04", threshold: 3,
          fires: false),
      ]
    case .orphanEffort:
      return [
        AlertExample(
          summary: "30 of 120 planned minutes feed no key result (0.25), at 0.25", checkins: [],
          effort: (tied: 90, orphan: 30), asOf: "2026-01-05", threshold: 0.25, fires: true),
        AlertExample(
          summary: "the same at 0.26", checkins: [], effort: (tied: 90, orphan: 30), asOf: "2026-01-05",
          threshold: 0.26, fires: false),
      ]
    case .missedCheckpoint:
      return [
        AlertExample(
          summary: "sprint 1 ended at 15, short of its checkpoint 20, at 0", checkins: [("2026-W03", 15, 6)],
          checkpoints: [(1, 20)], asOf: "2026-01-20", threshold: 0, fires: true),
        AlertExample(
          summary: "the same at 0.05 of the span", checkins: [("2026-W03", 15, 6)],
          checkpoints: [(1, 20)], asOf: "2026-01-20", threshold: 0.05, fires: false),
        AlertExample(
          summary: "the same at 0, as of the last day: no sprint is left to re-plan", checkins: [("2026-W03", 15, 6)],
          checkpoints: [(1, 20)], asOf: "2026-03-31", threshold: 0, fires: false),
      ]
    case .staleKeyResult:
      return [
        AlertExample(
          summary: "O1/KR1 last in week 3 while O1/KR2 is checked in weekly; nine weeks by week 12, at 9",
          checkins: [("2026-W03", 10, 7)], otherWeeks: (3...12).map { "2026-W" + ($0 < 10 ? "0" : "") + "\($0)" },
          asOf: "2026-03-20", threshold: 9, fires: true),
        AlertExample(
          summary: "the whole team silent since week 3: that is stale_checkin's alert, not one per key result",
          checkins: [("2026-W03", 10, 7)], asOf: "2026-03-20", threshold: 2, fires: false),
        AlertExample(
          summary: "O1/KR1 a boolean done in week 3, O1/KR2 checked in weekly: a final result needs no check-in",
          checkins: [("2026-W03", 1, 7)], isBoolean: true,
          otherWeeks: (3...12).map { "2026-W" + ($0 < 10 ? "0" : "") + "\($0)" }, asOf: "2026-03-20", threshold: 9,
          fires: false),
        AlertExample(
          summary:
            "O1/KR1 by a person in week 3, then its value pulled from its source weekly, O1/KR2 checked in weekly: "
            + "a pulled value measures the key result, at 9",
          checkins: (3...12).map { (week: AlertExample.week($0), value: Double($0), confidence: $0 == 3 ? 7 : nil) },
          pulledWeeks: (4...12).map(AlertExample.week),
          otherWeeks: (3...12).map { "2026-W" + ($0 < 10 ? "0" : "") + "\($0)" }, asOf: "2026-03-20", threshold: 9,
          fires: false),
        AlertExample(
          summary:
            "O1/KR1 last in week 3 while O1/KR2 gets only values pulled weekly: the team has not checked in since "
            + "week 3, which is stale_checkin's alert, at 9",
          checkins: [("2026-W03", 10, 7)], otherWeeks: (3...12).map { "2026-W" + ($0 < 10 ? "0" : "") + "\($0)" },
          otherPulled: true, asOf: "2026-03-20", threshold: 9, fires: false),
      ]
    case .movedGoalposts:
      return []
    }
  }
}
