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
