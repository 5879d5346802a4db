import OKRCore

extension HistoryReport: JSONSchemaDescribed {
  /// The schema of `okr history --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "Each key result's cycle as a timeline: check-ins, definition changes from git, the score week by week",
      ReportHeader.schemaFields + [
        .always("has_git_history", Schema.boolean("Whether definition changes were read from git")),
        .always("key_results", Schema.array(KeyResultHistory.jsonSchema, "The key results, by team and file order")),
      ])
  }
}

extension HistoryReport.KeyResultHistory: JSONSchemaDescribed {
  /// The schema of one key result's timeline.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One key result's timeline",
      [
        .always("team", Schema.team),
        .always("kr", Schema.keyResultReference),
        .always("title", Schema.string("What will be measured")),
        .always("type", Schema.keyResultType),
        .optional("unit", Schema.string("The unit values are in")),
        .always("events", Schema.array(HistoryReport.Event.jsonSchema, "Check-ins and changes, oldest first")),
        .always("weeks", Schema.array(HistoryReport.Week.jsonSchema, "Week by week to the as-of day")),
      ])
  }
}

extension HistoryReport.Event: JSONSchemaDescribed {
  /// The schema of one check-in or change.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A check-in or a change",
      [
        .always("date", Schema.date("The day")),
        .always(
          "kind",
          Schema.words(
            ["checkin", "added", "removed", "changed", "retitled", "overridden", "checkins_added"],
            "What happened: a check-in, or a change's kind")),
        .optional("week", Schema.week("A check-in's ISO week")),
        .optional("value", Schema.number("A check-in's value")),
        .optional("done", Schema.boolean("A check-in's done flag (boolean key results)")),
        .optional("milestones_done", Schema.array(Schema.string("A milestone's title"), "A check-in's milestones")),
        .optional("confidence", Schema.confidence),
        .optional("by", Schema.string("Who checked in")),
        .optional("note", Schema.string("A check-in's note, or a change's change_note")),
        .optional("field", Schema.string("The definition field that changed")),
        .optional("from", Schema.changeValue("The value before")),
        .optional("to", Schema.changeValue("The value after")),
        .optional("commit", Schema.string("The commit, or 'working tree'")),
        .optional("author", Schema.string("The commit's author")),
        .optional("documented", Schema.boolean("Whether a change_note documents the change")),
        .optional("moved_goalpost", Schema.boolean("Changed after the planning day without a change_note")),
      ])
  }
}

extension HistoryReport.Week: JSONSchemaDescribed {
  /// The schema of one week of a key result's timeline.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A week of the key result",
      [
        .always("week", Schema.week("The ISO week")),
        .always("date", Schema.date("The week's last day, or the as-of day or the period's last day if earlier")),
        .optional("expected", Schema.number("The value expected by then")),
        .optional("actual", Schema.number("The value measured by then")),
        .always("score", Schema.fraction("The score by then, against the definition in force that week")),
        .optional(
          "step", Schema.string("The definition changes that took effect this week, in words, with their change_note")),
        .optional(
          "todays_definition_score", Schema.fraction("The score against today's definition, where that differs")),
      ])
  }
}
