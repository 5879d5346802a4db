import OKRCore

extension PlanReport: JSONSchemaDescribed {
  /// The schema of `okr plan --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The quarter plan: rituals, sprint calendar, sprint goals and micro-goals against capacity",
      ReportHeader.schemaFields + [.always("teams", Schema.array(Team.jsonSchema, "The teams' plans"))])
  }
}

extension PlanReport.Team: JSONSchemaDescribed {
  /// The schema of one team's plan.
  public static var jsonSchema: JSONValue {
    let range = Schema.object(
      "Days of the cycle before sprint 1",
      [.always("start", Schema.date("The first day")), .always("end", Schema.date("The last day"))])
    let ritual = Schema.object(
      "A ritual of the cycle",
      [
        .always(
          "ritual",
          Schema.words(
            ["preparation", "planning", "weekly_checkin", "mid_quarter_review", "scoring_and_retrospective"],
            "What happens")),
        .always("start", Schema.date("Its first day")),
        .always("end", Schema.date("Its last day")),
        .optional("week", Schema.integer("The week of the quarter (1: the first sprint's)")),
      ])
    let mark = Schema.object(
      "A share of the cycle elapsed, and its day",
      [
        .always("percent", Schema.integer("The share, in percent", minimum: 0, maximum: 100)),
        .always("date", Schema.date("The day")),
        .optional("sprint", Schema.integer("The sprint containing it", minimum: 1)),
      ])
    return Schema.object(
      "One team's plan",
      [
        .always("team", Schema.team),
        .optional("name", Schema.string("The team's display name")),
        .always("sprint_length", Schema.string("Sprint length, Nd or Nw", pattern: "^[1-9][0-9]*[dw]$")),
        .optional("hours_per_sprint", Schema.number("The team's capacity per sprint")),
        .optional("preparation", range),
        .always("rituals", Schema.array(ritual, "Planning, weekly check-ins, mid-quarter review, scoring")),
        .always("marks", Schema.array(mark, "Days at 25, 50 and 75 percent of the cycle")),
        .optional("current_sprint", Schema.integer("The sprint containing the as-of day", minimum: 1)),
        .always("sprints", Schema.array(PlanReport.SprintEntry.jsonSchema, "The sprints")),
        .always(
          "outside_sprints", Schema.array(PlanReport.MicroGoalEntry.jsonSchema, "Micro-goals outside every sprint")),
        .always("planned_hours", Schema.number("Hours of micro-goals planned in the cycle")),
        .optional("aligned_share", Schema.fraction("The share of planned hours that serve a key result")),
      ])
  }
}

extension PlanReport.SprintEntry: JSONSchemaDescribed {
  /// The schema of one sprint.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One sprint",
      [
        .always("sprint", Schema.integer("The sprint's number, from 1", minimum: 1)),
        .always("start", Schema.date("Its first day")),
        .always("end", Schema.date("Its last day")),
        .always("days", Schema.integer("How many days it has", minimum: 1)),
        .always("current", Schema.boolean("Whether it contains the as-of day")),
        .always("goals", Schema.array(PlanReport.Goal.jsonSchema, "What the sprint moves, per key result")),
        .always("micro_goals", Schema.array(PlanReport.MicroGoalEntry.jsonSchema, "The micro-goals placed in it")),
        .optional("capacity_hours", Schema.number("The team's hours in the sprint")),
        .always("planned_hours", Schema.number("Hours of micro-goals planned in it")),
        .optional("overload_hours", Schema.number("Planned hours beyond capacity")),
      ])
  }
}

extension PlanReport.Goal: JSONSchemaDescribed {
  /// The schema of one sprint goal.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A sprint's goal for one key result",
      [
        .always("kr", Schema.keyResultReference),
        .always("title", Schema.string("The key result's title")),
        .always("type", Schema.keyResultType),
        .optional("unit", Schema.string("The unit values are in")),
        .optional("from", Schema.number("The value expected at the sprint's start")),
        .optional("to", Schema.number("The value expected at its end")),
        .always("checkpoint_written", Schema.boolean("Whether 'to' is a hand-written checkpoint")),
        .always("goal", Schema.string("The hand-written goal, else the derived one")),
        .always("derived", Schema.boolean("Whether the goal was derived")),
        .always("milestones", Schema.array(Schema.string("A milestone's title"), "Milestones due in the sprint")),
      ])
  }
}

extension PlanReport.MicroGoalEntry: JSONSchemaDescribed {
  /// The schema of one micro-goal.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A micro-goal",
      [
        .always("title", Schema.string("The task")),
        .optional("kr", Schema.keyResultReference),
        .optional("owner", Schema.string("Who does it")),
        .optional("due", Schema.date("When it is due")),
        .optional("estimate_hours", Schema.number("Its estimate, in hours")),
        .always("status", Schema.words(MicroGoalStatus.self, "Where it stands")),
      ])
  }
}
