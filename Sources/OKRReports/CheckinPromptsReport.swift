import OKRCore

/// This week's check-in prompts as data: what `okr checkin --format json` prints, for chat bots and forms.
///
/// Per team and key result: the last value and its date, the value expected
/// now (``ExpectedProgress``), the last confidence and the confidences week by
/// week, the open blockers and the three questions. It is taken from the
/// status report, so the prompts and `okr status` never disagree.
public struct CheckinPromptsReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the as-of day: the status report's header.
  public var header: ReportHeader
  /// The ISO week of the as-of day: the check-in's week.
  public var week: String
  /// The questions every key result gets.
  public var questions: [String]
  public var teams: [Team]

  /// A team's prompts.
  public struct Team: Encodable, Sendable {
    public var team: String
    public var name: String?
    public var checkedInThisWeek: Bool
    public var keyResults: [KeyResult]

    enum CodingKeys: String, CodingKey {
      case team, name
      case checkedInThisWeek = "checked_in_this_week"
      case keyResults = "key_results"
    }
  }

  /// One key result's prompt.
  public struct KeyResult: Encodable, Sendable {
    /// `O1/KR1`.
    public var kr: String
    public var title: String
    public var type: String
    public var unit: String?
    /// The actual value now: the last check-in's, else the file's (numeric and threshold).
    public var actual: Double?
    /// The actual value as people read it (`13.4%`, `done`, `2/3 done`).
    public var actualText: String
    /// The last check-in's week and day.
    public var lastCheckinWeek: String?
    public var lastCheckinDate: String?
    /// The value expected now (numeric), and the share of the way expected now.
    public var expected: Double?
    public var expectedProgress: Double?
    public var verdict: Verdict
    /// The last confidence, 0 to 10.
    public var confidence: Int?
    /// Week by week, oldest first.
    public var confidenceByWeek: [StatusReport.Week]
    public var blockers: [String]

    enum CodingKeys: String, CodingKey {
      case kr, title, type, unit, actual, expected, verdict, confidence, blockers
      case actualText = "actual_text"
      case lastCheckinWeek = "last_checkin_week"
      case lastCheckinDate = "last_checkin_date"
      case expectedProgress = "expected_progress"
      case confidenceByWeek = "confidence_by_week"
    }
  }

  enum CodingKeys: String, CodingKey {
    case week, questions, teams
  }

  /// The header's fields, then the report's own, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(week, forKey: .week)
    try container.encode(questions, forKey: .questions)
    try container.encode(teams, forKey: .teams)
  }

  /// The prompts of a status report.
  public init(_ status: StatusReport) {
    header = status.header
    week = status.week
    questions = CheckinPromptRenderer.questions
    teams = status.teams.map { team in
      Team(
        team: team.team, name: team.name, checkedInThisWeek: team.checkedInThisWeek,
        keyResults: team.objectives.flatMap { objective in
          objective.keyResults.map { keyResult in
            KeyResult(
              kr: "\(objective.id)/\(keyResult.id)", title: keyResult.title, type: keyResult.type,
              unit: keyResult.unit, actual: keyResult.actual, actualText: keyResult.actualText,
              lastCheckinWeek: keyResult.lastCheckinWeek, lastCheckinDate: keyResult.lastCheckinDate,
              expected: keyResult.expected, expectedProgress: keyResult.expectedProgress, verdict: keyResult.verdict,
              confidence: keyResult.confidence, confidenceByWeek: keyResult.history, blockers: keyResult.blockers)
          }
        })
    }
  }
}
