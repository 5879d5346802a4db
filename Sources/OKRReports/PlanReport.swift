import OKRCore

/// The quarter plan behind `okr plan`: per team, the rituals, the sprint
/// calendar, what each sprint moves and the micro-goals in it against capacity.
///
/// Its JSON is `okr plan --format json`: snake_case keys, `schema_version` 1,
/// fields only ever added.
public struct PlanReport: Encodable, Sendable, HeadedReport {
  /// The organization, the cycle, its period and the day that marks the current sprint.
  public var header: ReportHeader
  public var teams: [Team]

  public struct Team: Encodable, Sendable {
    public var team: String
    public var name: String?
    public var sprintLength: String
    public var hoursPerSprint: Double?
    /// Days of the cycle before sprint 1.
    public var preparation: DateRange?
    public var rituals: [RitualEntry]
    public var marks: [Mark]
    /// The sprint containing the as-of day.
    public var currentSprint: Int?
    public var sprints: [SprintEntry]
    public var outsideSprints: [MicroGoalEntry]
    public var plannedHours: Double
    /// The share of planned hours that serve a key result.
    public var alignedShare: Double?
  }

  public struct DateRange: Encodable, Sendable {
    public var start: String
    public var end: String
  }

  public struct RitualEntry: Encodable, Sendable {
    public var ritual: Ritual.Kind
    public var start: String
    public var end: String
    /// The week of the quarter.
    public var week: Int?
  }

  public struct Mark: Encodable, Sendable {
    public var percent: Int
    public var date: String
    public var sprint: Int?
  }

  public struct SprintEntry: Encodable, Sendable {
    public var sprint: Int
    public var start: String
    public var end: String
    public var days: Int
    public var current: Bool
    public var goals: [Goal]
    public var microGoals: [MicroGoalEntry]
    public var capacityHours: Double?
    public var plannedHours: Double
    public var overloadHours: Double?
  }

  public struct Goal: Encodable, Sendable {
    public var kr: String
    public var title: String
    public var type: String
    public var unit: String?
    public var from: Double?
    public var to: Double?
    /// Whether `to` is a hand-written checkpoint.
    public var checkpointWritten: Bool
    /// The hand-written goal, else the derived one.
    public var goal: String
    public var derived: Bool
    public var milestones: [String]
  }

  public struct MicroGoalEntry: Encodable, Sendable {
    public var title: String
    public var kr: String?
    public var owner: String?
    public var due: String?
    public var estimateHours: Double?
    public var status: MicroGoalStatus
  }

  enum CodingKeys: String, CodingKey {
    case teams
  }

  /// The header's fields, then the teams, in one JSON object.
  public func encode(to encoder: any Encoder) throws {
    try header.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(teams, forKey: .teams)
  }

  /// Builds the report.
  ///
  /// - Parameters:
  ///   - plans: The teams' plans, in order.
  ///   - cycle: The cycle.
  ///   - asOf: The day that marks the current sprint.
  ///   - sprint: Only this sprint, when given.
  ///   - organization: okr.yaml's organization.
  public init(plans: [TeamPlan], cycle: Cycle, asOf: CalendarDate, sprint only: Int?, organization: String?) {
    header = ReportHeader(cycle: cycle, asOf: asOf, organization: organization)
    teams = plans.map { plan in
      let current = plan.currentSprint(on: asOf)
      return Team(
        team: plan.teamQuarter.slug, name: plan.teamQuarter.name, sprintLength: plan.sprintLength.description,
        hoursPerSprint: plan.teamQuarter.hoursPerSprint,
        preparation: plan.preparationDays.map { DateRange(start: $0.start.description, end: $0.end.description) },
        rituals: plan.rituals.map {
          RitualEntry(
            ritual: $0.kind, start: $0.period.start.description, end: $0.period.end.description, week: $0.week)
        },
        marks: plan.marks.map { mark in
          Mark(
            percent: mark.percent, date: mark.date.description,
            sprint: plan.sprints.first { $0.sprint.period.contains(mark.date) }?.sprint.number)
        },
        currentSprint: current,
        sprints: plan.sprints.filter { only == nil || $0.sprint.number == only }.map { slot in
          SprintEntry(
            sprint: slot.sprint.number, start: slot.sprint.period.start.description,
            end: slot.sprint.period.end.description, days: slot.sprint.period.dayCount,
            current: slot.sprint.number == current, goals: slot.targets.map(Self.goal),
            microGoals: slot.microGoals.map(Self.microGoal), capacityHours: slot.capacityHours,
            plannedHours: slot.plannedHours, overloadHours: slot.overloadHours)
        },
        outsideSprints: only == nil ? plan.outside.map(Self.microGoal) : [], plannedHours: plan.plannedHours,
        alignedShare: plan.alignedShare)
    }
  }

  private static func goal(_ target: SprintTarget) -> Goal {
    let keyResult = target.keyResult
    var derived = "\(target.reference)"
    if let from = target.from, let to = target.to {
      derived += ": \(Format.quantity(from, unit: keyResult.unit)) → \(Format.quantity(to, unit: keyResult.unit))"
    } else if target.isDue {
      derived += ": done"
    } else if !target.milestones.isEmpty {
      derived += ": " + target.milestones.map { $0.title + ($0.done ? " (done)" : "") }.joined(separator: "; ")
    }
    return Goal(
      kr: target.reference.description, title: keyResult.title, type: keyResult.measure.typeName, unit: keyResult.unit,
      from: target.from, to: target.to, checkpointWritten: target.isCheckpointWritten, goal: target.goal ?? derived,
      derived: target.goal == nil, milestones: target.milestones.map(\.title))
  }

  private static func microGoal(_ planned: PlannedMicroGoal) -> MicroGoalEntry {
    let microGoal = planned.microGoal
    return MicroGoalEntry(
      title: microGoal.title, kr: planned.keyResult?.description, owner: microGoal.owner,
      due: microGoal.due?.value.description, estimateHours: microGoal.estimate?.value.hours, status: microGoal.status)
  }
}

extension PlanReport.Team {
  enum CodingKeys: String, CodingKey {
    case team, name
    case sprintLength = "sprint_length"
    case hoursPerSprint = "hours_per_sprint"
    case preparation, rituals, marks
    case currentSprint = "current_sprint"
    case sprints
    case outsideSprints = "outside_sprints"
    case plannedHours = "planned_hours"
    case alignedShare = "aligned_share"
  }
}

extension PlanReport.SprintEntry {
  enum CodingKeys: String, CodingKey {
    case sprint, start, end, days, current, goals
    case microGoals = "micro_goals"
    case capacityHours = "capacity_hours"
    case plannedHours = "planned_hours"
    case overloadHours = "overload_hours"
  }
}

extension PlanReport.Goal {
  enum CodingKeys: String, CodingKey {
    case kr, title, type, unit, from, to
    case checkpointWritten = "checkpoint_written"
    case goal, derived, milestones
  }
}

extension PlanReport.MicroGoalEntry {
  enum CodingKeys: String, CodingKey {
    case title, kr, owner, due
    case estimateHours = "estimate_hours"
    case status
  }
}

extension Ritual.Kind {
  /// What the ritual is, for people.
  public var summary: String {
    switch self {
    case .preparation: return "preparation: draft OKRs and align them with the parent team's"
    case .planning: return "quarter planning: commit the OKRs, plan sprint 1 from them"
    case .checkin: return "weekly check-in: values, confidence, what is in the way"
    case .midQuarterReview: return "mid-quarter review: re-plan or cut scope where KRs are off track"
    case .scoring: return "scoring and retrospective: score every KR, learn for next quarter"
    }
  }
}

/// `okr plan` as a calendar by sprint (text) or a plan document (Markdown).
public struct PlanRenderer: ReportRenderer {
  /// Markdown instead of text.
  public var markdown: Bool
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(markdown: Bool, width: Int? = nil) {
    self.markdown = markdown
    self.width = width
  }

  /// The narrowest the rituals' text column may be beside their dates; narrower, each ritual stacks.
  static let shortestRitualText = 24

  /// The plan.
  public func render(_ report: PlanReport) -> String {
    markdown ? renderMarkdown(report).description : renderText(report).description
  }

  private func renderText(_ report: PlanReport) -> TerminalText {
    let layout = TerminalLayout(width: width, rows: [])
    var out = TerminalText.empty
    for team in report.teams {
      let capacity: TerminalText = team.hoursPerSprint.map { " · \(hours($0)) per sprint" } ?? .empty
      let organization: TerminalText = report.organization.map { "\($0) · " } ?? .empty
      if !out.isEmpty { out += "\n" }
      out += "\(layout.wrap("\(organization)\(team.team) · \(team.name ?? team.team) · \(report.quarter) plan"))\n"
      out +=
        "\(layout.wrap("\(report.periodStart) to \(report.periodEnd) · \(team.sprintLength) sprints\(capacity)"))\n\nRituals\n"
      out += rituals(team.rituals, layout: layout)
      out += "  \(layout.wrap("quarter marks: \(marks(team))", first: 2, indent: 4))\n"
      if let preparation = team.preparation {
        out +=
          "\n\(layout.wrap("Days before sprint 1: \(preparation.start) to \(preparation.end) (preparation)"))\n"
      }
      for sprint in team.sprints {
        out += "\n\(layout.wrap("\(sprintTitle(sprint)) · \(load(sprint))", indent: 2))\n"
        if sprint.goals.isEmpty {
          out += "  moves no key result\n"
        } else {
          out += "  goals\n"
          for goal in sprint.goals { out += "    \(layout.wrap(goalText(goal), first: 4, indent: 6))\n" }
        }
        if !sprint.microGoals.isEmpty {
          out += "  micro-goals\n"
          for microGoal in sprint.microGoals { out += textLine(microGoal) }
        }
      }
      if !team.outsideSprints.isEmpty {
        out += "\nOutside every sprint\n"
        for microGoal in team.outsideSprints { out += textLine(microGoal) }
      }
      if let share = team.alignedShare {
        out +=
          "\n\(layout.wrap("Effort aligned with key results: \(Format.percent(share)) of \(hours(team.plannedHours)) planned."))\n"
      }
    }
    return out
  }

  /// The rituals in two columns, when and what, the second as wide as the widest date range
  /// (a check-in's weekday name included) and two spaces; on a terminal too narrow for both,
  /// each ritual's text goes under its dates.
  private func rituals(_ rituals: [PlanReport.RitualEntry], layout: TerminalLayout) -> TerminalText {
    let column = 2 + max(32, rituals.map { TerminalText(text: when($0)).width }.max() ?? 0) + 2
    let stacked = width.map { $0 - column < Self.shortestRitualText } ?? false
    var out = TerminalText.empty
    for ritual in rituals {
      let week: TerminalText = ritual.week.map { " (week \($0))" } ?? .empty
      let what: TerminalText = "\(ritual.ritual.summary)\(week)"
      if stacked {
        out += "  \(TerminalText(text: when(ritual)))\n    \(layout.wrap(what, first: 4, indent: 4))\n"
      } else {
        let dates = TerminalText(text: when(ritual)).padded(to: column - 2)
        out += "  \(dates)\(layout.wrap(what, first: column, indent: column))\n"
      }
    }
    return out
  }

  private func renderMarkdown(_ report: PlanReport) -> MarkdownText {
    var out = MarkdownText.empty
    for team in report.teams {
      let capacity: MarkdownText = team.hoursPerSprint.map { " · \(hours($0)) per sprint" } ?? .empty
      if !out.description.isEmpty { out += "\n" }
      out += "# \(team.name ?? team.team) (\(MarkdownText.code(team.team))): \(report.quarter) plan\n\n"
      out += "\(report.periodStart) to \(report.periodEnd) · \(team.sprintLength) sprints\(capacity)\n\n## Rituals\n\n"
      for ritual in team.rituals {
        let week: MarkdownText = ritual.week.map { " (week \($0))" } ?? .empty
        out += "- \(when(ritual))\(week): \(ritual.ritual.summary)\n"
      }
      out += "\nQuarter marks: \(marks(team))\n"
      if let preparation = team.preparation {
        out += "\nDays before sprint 1: \(preparation.start) to \(preparation.end) (preparation)\n"
      }
      for sprint in team.sprints {
        out += "\n## \(sprintTitle(sprint))\n\n\(load(sprint))\n\n"
        if sprint.goals.isEmpty {
          out += "No key result moves in this sprint.\n"
        } else {
          out += "Goals:\n\n"
          for goal in sprint.goals { out += "- \(goalText(goal))\n" }
        }
        if !sprint.microGoals.isEmpty {
          out += "\nMicro-goals:\n\n"
          for microGoal in sprint.microGoals { out += markdownLine(microGoal) }
        }
      }
      if !team.outsideSprints.isEmpty {
        out += "\n## Outside every sprint\n\n"
        for microGoal in team.outsideSprints { out += markdownLine(microGoal) }
      }
      if let share = team.alignedShare {
        out += "\nEffort aligned with key results: \(Format.percent(share)) of \(hours(team.plannedHours)) planned.\n"
      }
    }
    return out
  }

  private func when(_ ritual: PlanReport.RitualEntry) -> String {
    switch ritual.ritual {
    case .checkin:
      let day = CalendarDate(ritual.start)?.weekday.rawValue.capitalized ?? ""
      return "\(day)s \(ritual.start) to \(ritual.end)"
    case .planning: return ritual.start
    default: return "\(ritual.start) to \(ritual.end)"
    }
  }

  private func marks(_ team: PlanReport.Team) -> String {
    team.marks.map { "\($0.percent)% \($0.date)\($0.sprint.map { " (sprint \($0))" } ?? "")" }
      .joined(separator: " · ")
  }

  private func sprintTitle(_ sprint: PlanReport.SprintEntry) -> String {
    "Sprint \(sprint.sprint) · \(sprint.start) to \(sprint.end) · \(sprint.days) days\(sprint.current ? " · current" : "")"
  }

  private func load(_ sprint: PlanReport.SprintEntry) -> String {
    var load = "planned \(hours(sprint.plannedHours))"
    if let capacity = sprint.capacityHours { load += " of \(hours(capacity))" }
    if let overload = sprint.overloadHours { load += ": OVERLOADED by \(hours(overload))" }
    return load
  }

  /// A sprint goal as people read it; the caller's output type escapes it.
  private func goalText(_ goal: PlanReport.Goal) -> String {
    var text = goal.goal
    if !goal.derived, let from = goal.from, let to = goal.to {
      text += " (\(goal.kr): \(Format.quantity(from, unit: goal.unit)) → \(Format.quantity(to, unit: goal.unit)))"
    } else if !goal.derived {
      text = "\(goal.kr): \(text)"
    }
    return text
  }

  private func details(_ microGoal: PlanReport.MicroGoalEntry) -> String {
    [
      microGoal.owner,
      microGoal.estimateHours.map { Effort(minutes: Int(($0 * 60).rounded())).description },
      microGoal.kr.map { "→ \($0)" } ?? "no KR",
      microGoal.status == .todo ? nil : microGoal.status.rawValue,
    ].compactMap { $0 }.joined(separator: ", ")
  }

  private func textLine(_ microGoal: PlanReport.MicroGoalEntry) -> TerminalText {
    let line: TerminalText = "\(microGoal.due ?? "undated")  \(microGoal.title) (\(details(microGoal)))"
    return "    \(TerminalLayout.wrap(line, width: width, first: 4, indent: 16))\n"
  }

  private func markdownLine(_ microGoal: PlanReport.MicroGoalEntry) -> MarkdownText {
    "- \(microGoal.due ?? "undated"): \(microGoal.title) (\(details(microGoal)))\n"
  }

  private func hours(_ value: Double) -> String {
    Format.number((value * 10).rounded() / 10) + "h"
  }
}
