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
