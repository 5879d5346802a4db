import OKRCore

extension CheckinPromptsReport: JSONSchemaDescribed {
  /// The schema of `okr checkin --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "This week's check-in prompts, for chat bots and forms",
      ReportHeader.schemaFields + [
        .always("week", Schema.week("The ISO week of the as-of day: the check-in's week")),
        .always("questions", Schema.array(Schema.string("A question"), "The questions every key result gets")),
        .always("teams", Schema.array(Team.jsonSchema, "The teams")),
      ])
  }
}

extension CheckinPromptsReport.Team: JSONSchemaDescribed {
  /// The schema of one team's prompts.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A team's prompts",
      [
        .always("team", Schema.team),
        .optional("name", Schema.string("The team's display name")),
        .always("checked_in_this_week", Schema.boolean("Whether the team has a check-in in this week")),
        .always("key_results", Schema.array(CheckinPromptsReport.KeyResult.jsonSchema, "The key results")),
      ])
  }
}

extension CheckinPromptsReport.KeyResult: JSONSchemaDescribed {
  /// The schema of one key result's prompt.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One key result's prompt",
      [
        .always("kr", Schema.keyResultReference),
        .always("title", Schema.string("What will be measured")),
        .always("type", Schema.keyResultType),
        .optional("unit", Schema.string("The unit values are in")),
        .optional("actual", Schema.number("The value now: the last check-in's, else the file's")),
        .always("actual_text", Schema.string("The value as people read it (13.4%, done, 2/3 done)")),
        .optional("last_checkin_week", Schema.week("The last check-in's ISO week")),
        .optional("last_checkin_date", Schema.date("The last check-in's day")),
        .optional("expected", Schema.number("The value expected now (numeric)")),
        .optional("expected_progress", Schema.fraction("The share of the way expected now")),
        .always("verdict", Schema.words(Verdict.self, "Where it stands against its pace")),
        .optional("confidence", Schema.confidence),
        .always("confidence_by_week", Schema.array(StatusReport.Week.jsonSchema, "Week by week, oldest first")),
        .always("blockers", Schema.array(Schema.string("A blocker"), "The open blockers")),
      ])
  }
}
