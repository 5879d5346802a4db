/// Whether a team or a key result has gone without check-ins for too long:
/// one idea and one threshold for every command that shows it.
///
/// The `stale_checkin` and `stale_kr` alerts, the HTML page's stale marks
/// and counts, and the status report all ask this type, with the thresholds
/// okr.yaml gives those two rules (else their defaults), so a page never
/// calls a key result stale after two weeks while the rule says three.
///
/// Weeks are whole ISO weeks from the week of the last check-in (or the
/// cycle's first week, without one) to the week of the as-of day, that day
/// taken no later than the period's last: once a cycle is over nobody is
/// expected to check in to it. A team's last check-in is a person's
/// (``TeamCheckins``): values pulled from sources do not keep a team fresh. A
/// key result's last check-in may be a pulled value: that measured it.
public struct Staleness: Sendable, Equatable {
  /// Whole weeks without a check-in after which a team is stale (`stale_checkin`'s threshold).
  public var teamThreshold: Double
  /// Whole weeks without a check-in after which a key result is stale while its team checks in (`stale_kr`'s threshold).
  public var keyResultThreshold: Double

  /// Staleness with the given thresholds, in whole weeks.
  public init(
    teamThreshold: Double = AlertKind.staleCheckin.defaultThreshold,
    keyResultThreshold: Double = AlertKind.staleKeyResult.defaultThreshold
  ) {
    self.teamThreshold = teamThreshold
    self.keyResultThreshold = keyResultThreshold
  }

  /// The thresholds a repository's okr.yaml gives `stale_checkin` and `stale_kr`, else their defaults.
  public init(config: RepositoryConfig) {
    func threshold(_ kind: AlertKind) -> Double {
      config.alerts.first { $0.kind == kind }?.threshold ?? kind.defaultThreshold
    }
    self.init(teamThreshold: threshold(.staleCheckin), keyResultThreshold: threshold(.staleKeyResult))
  }

  /// Whole weeks from the week of `last` (the period's first week when there
  /// is none) to the week of `day`, taken no later than the period's last
  /// day; `nil` before the period starts.
  public static func weeks(since last: ISOWeek?, period: Period, day: CalendarDate) -> Int? {
    guard day >= period.start else { return nil }
    let now = min(day, period.end).isoWeek
    return max(0, (last ?? period.start.isoWeek).weeks(to: now))
  }

  /// Whether a team with `weeks` whole weeks since its last check-in is stale.
  public func isTeamStale(weeks: Int) -> Bool { Double(weeks) >= teamThreshold }

  /// Whether a key result has been left behind while its team checks in.
  ///
  /// That is at least the threshold in whole weeks without a check-in while
  /// its team checked in more recently than that. A score a person set (an override) does not come from
  /// check-ins, and a result that can no longer change (a boolean done,
  /// milestones all done) needs none: neither is stale.
  ///
  /// - Parameters:
  ///   - scored: The key result's score as of the day.
  ///   - weeks: Whole weeks since its last check-in (``weeks(since:period:day:)``).
  ///   - teamWeeks: Whole weeks since its team's last check-in; `nil` when the team never checked in.
  /// - Returns: Whether it is stale.
  public func isKeyResultStale(_ scored: KeyResultScore, weeks: Int, teamWeeks: Int?) -> Bool {
    guard let teamWeeks, !scored.isOverridden, !scored.isSettled else { return false }
    return Double(weeks) >= keyResultThreshold && Double(teamWeeks) < keyResultThreshold
  }
}

extension KeyResultScore {
  /// Whether the result can no longer change: a boolean key result done, or
  /// every milestone done.
  public var isSettled: Bool {
    switch keyResult.measure.checkinInput {
    case .doneFlag?: return done == true
    case .milestoneTitles(let milestones)?:
      let done = Set(milestonesDone ?? [])
      return milestones.allSatisfy { done.contains($0.title) }
    case .value?, nil: return false
    }
  }
}
