/// The repository's settings from okr.yaml.
public struct RepositoryConfig: Sendable {
  /// The organization's name, shown in report headers.
  public var organization: String?
  /// The default cadence for every team.
  public var cadence: Cadence
  /// The feedback loop's rules.
  public var alerts: [AlertRule]
  /// Grade boundaries.
  public var grading: Grading
  /// Where okr.yaml is, when there is one.
  public var location: SourceLocation?

  /// Creates a configuration; the defaults are those of a repository without okr.yaml.
  public init(
    organization: String? = nil, cadence: Cadence = Cadence(), alerts: [AlertRule] = [],
    grading: Grading = Grading(), location: SourceLocation? = nil
  ) {
    self.organization = organization
    self.cadence = cadence
    self.alerts = alerts
    self.grading = grading
    self.location = location
  }
}

/// Where grades change: red below `yellowFrom`, yellow below `greenFrom`, green from there.
public struct Grading: Sendable, Equatable {
  /// The lowest yellow score (default 0.4).
  public var yellowFrom: Double
  /// The lowest green score (default 0.7).
  public var greenFrom: Double

  /// Creates grade boundaries.
  public init(yellowFrom: Double = 0.4, greenFrom: Double = 0.7) {
    self.yellowFrom = yellowFrom
    self.greenFrom = greenFrom
  }
}

/// The kinds of alert rule the feedback loop knows.
public enum AlertKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// Confidence fell by at least `threshold` points since the previous check-in.
  case confidenceDrop = "confidence_drop"
  /// Expected progress minus actual progress is at least `threshold` (0...1).
  case behindPace = "behind_pace"
  /// No check-in for at least `threshold` weeks.
  case staleCheckin = "stale_checkin"
  /// The share of micro-goal hours tied to no key result is at least `threshold` (0...1).
  case orphanEffort = "orphan_effort"
  /// A key result ended a finished sprint short of its checkpoint by more than
  /// `threshold`, a share of its baseline-to-target span (default 0).
  case missedCheckpoint = "missed_checkpoint"
  /// A key result had no check-in for at least `threshold` weeks while its team
  /// checked in more recently than that.
  case staleKeyResult = "stale_kr"
  /// A key result's definition changed after the planning day without a
  /// `change_note`, as the repository's git history shows.
  case movedGoalposts = "moved_goalposts"
}

/// A feedback-loop rule: when it fires, and what the team does then.
public struct AlertRule: Sendable {
  /// What the rule watches.
  public var kind: AlertKind
  /// When it fires; its unit depends on the kind.
  public var threshold: Double
  /// The predefined response.
  public var action: String?
  /// Where the rule is written.
  public var location: SourceLocation

  /// Creates a rule.
  public init(kind: AlertKind, threshold: Double, action: String? = nil, location: SourceLocation) {
    self.kind = kind
    self.threshold = threshold
    self.action = action
    self.location = location
  }
}

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
