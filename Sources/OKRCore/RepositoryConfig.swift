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

  /// Creates grade boundaries; unset ones are the defaults' (``standard``).
  public init(yellowFrom: Double? = nil, greenFrom: Double? = nil) {
    self.yellowFrom = yellowFrom ?? Self.standard.yellowFrom
    self.greenFrom = greenFrom ?? Self.standard.greenFrom
  }

  private init(standardYellowFrom: Double, greenFrom: Double) {
    yellowFrom = standardYellowFrom
    self.greenFrom = greenFrom
  }

  /// The bands format.md gives, the one place they are written.
  ///
  /// Red below 0.4, yellow below 0.7, green from 0.7, when okr.yaml's `scoring:` moves none.
  public static let standard = Grading(standardYellowFrom: 0.4, greenFrom: 0.7)
}
