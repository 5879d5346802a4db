/// Everything read from an OKR repository.
public struct Repository: Sendable {
  /// okr.yaml's settings, or the defaults.
  public var config: RepositoryConfig
  /// Every quarter file, sorted by cycle and team.
  public var teamQuarters: [TeamQuarter]
  /// Every check-in log, sorted by path.
  public var checkinLogs: [CheckinLog]
  /// The cycles of quarter files that were read but not decoded, because a
  /// report about another cycle left them out; they still count as the
  /// repository's cycles (``cycleLabels``, ``defaultCycle(containing:)``).
  public var otherCycles: [Cycle] = []
  /// Files that did not parse, so nothing of them is known: not even whether
  /// one was the quarter file a check-in, `parent` or `aligns_to` names.
  public var undecodedFiles: [String] = []

  /// Creates a repository.
  public init(
    config: RepositoryConfig = RepositoryConfig(), teamQuarters: [TeamQuarter] = [], checkinLogs: [CheckinLog] = []
  ) {
    self.config = config
    self.teamQuarters = teamQuarters
    self.checkinLogs = checkinLogs
  }

  /// A team's cadence with okr.yaml's defaults filled in.
  public func cadence(of teamQuarter: TeamQuarter) -> Cadence {
    teamQuarter.cadence.overriding(config.cadence)
  }

  /// The sprint calendar of a team's cycle.
  public func sprintCalendar(of teamQuarter: TeamQuarter) -> SprintCalendar {
    let cadence = cadence(of: teamQuarter)
    return SprintCalendar(
      period: teamQuarter.cycle.period, sprintLength: cadence.sprintLength ?? Cadence.defaultSprintLength,
      firstSprint: cadence.firstSprint?.value)
  }
}

extension Repository {
  /// The display name a team gave itself last: the `name:` of its quarter
  /// file for the latest cycle that has one, so a new quarter keeps it.
  ///
  /// - Parameter slug: The team.
  /// - Returns: The name, or `nil` when no quarter file of the team has one.
  public func latestName(ofTeam slug: String) -> String? {
    teamQuarters.filter { $0.slug == slug && $0.name != nil }
      .max { ($0.cycle.period.start, $0.cycle.period.end) < ($1.cycle.period.start, $1.cycle.period.end) }?.name
  }
}
