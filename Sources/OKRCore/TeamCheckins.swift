/// A team's check-ins across its key results: the one answer to "did the team check in".
///
/// Values `okr checkin pull` read from sources (`by: source`) are the key
/// results' numbers, not the team checking in: nobody gave a confidence or a
/// note. So a week counts for the team only when a person checked in to at
/// least one of its key results that week (``WeeklyCheckin/isTeamCheckin``);
/// a pull in the same week, before or after, neither adds nor takes away.
/// Status's `checked_in_this_week`, the check-in prompts, the `stale_checkin`
/// alert, the HTML page's stale marks and `stale_kr`'s "while its team checks
/// in" all ask this type.
///
/// A key result's own last check-in (`stale_kr`'s "not updated") is another
/// question: a pulled value measures the key result, so there it counts.
///
/// ```swift
/// var team = TeamCheckins()
/// for weeks in keyResultWeeks { team.add(weeks) }
/// if team.checkedIn(in: day.isoWeek) { … }
/// ```
public struct TeamCheckins: Sendable {
  /// The team's newest check-in by a person, over every key result added; `nil` when it never checked in.
  public private(set) var last: WeeklyCheckin?
  /// The team's newest week with only pulled values, when it is newer than ``last``; for evidence.
  public private(set) var pulledSince: WeeklyCheckin?

  /// No check-ins yet.
  public init() {}

  /// The check-ins of every key result in `keyResults`.
  ///
  /// - Parameter keyResults: Each key result's weekly check-ins (``CheckinHistory/weeks(of:team:cycle:asOf:)``).
  public init(_ keyResults: some Sequence<[WeeklyCheckin]>) {
    for weeks in keyResults { add(weeks) }
  }

  /// Adds one key result's weekly check-ins.
  ///
  /// - Parameter weeks: Its check-ins, one per week.
  public mutating func add(_ weeks: [WeeklyCheckin]) {
    if let person = weeks.last(where: \.isTeamCheckin), last.map({ Self.isNewer(person, than: $0) }) ?? true {
      last = person
    }
    if let pulled = weeks.last(where: { !$0.isTeamCheckin }),
      pulledSince.map({ Self.isNewer(pulled, than: $0) }) ?? true
    {
      pulledSince = pulled
    }
    if let pulled = pulledSince, let last, !Self.isNewer(pulled, than: last) { pulledSince = nil }
  }

  /// Whether the team checked in during `week`: a person checked in to one of its key results then.
  ///
  /// - Parameter week: The week asked about, usually the as-of day's.
  /// - Returns: `true` when its newest check-in by a person is in that week or later.
  public func checkedIn(in week: ISOWeek) -> Bool {
    last.map { $0.week >= week } ?? false
  }

  private static func isNewer(_ one: WeeklyCheckin, than other: WeeklyCheckin) -> Bool {
    (one.week, one.date) > (other.week, other.date)
  }
}

extension WeeklyCheckin {
  /// Whether this week's check-in is a person's (the team checking in), not
  /// only values `okr checkin pull` read from sources (``TeamCheckins``).
  public var isTeamCheckin: Bool { !isPulledOnly }
}
