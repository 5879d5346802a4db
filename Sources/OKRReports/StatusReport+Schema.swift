import OKRCore

extension StatusReport: JSONSchemaDescribed {
  /// The schema of `okr status --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The mid-quarter picture: progress against pace, confidence by week, projections, verdicts and alerts",
      ReportHeader.schemaFields + [
        .always("week", Schema.week("The ISO week of the as-of day")),
        .always("elapsed", Schema.fraction("The share of the cycle elapsed")),
        .always("provisional", Schema.boolean("Whether the cycle is still running on the as-of day")),
        .optional("score", Schema.fraction("The repository's score")),
        .optional("grade", Schema.grade),
        .always("teams", Schema.array(Team.jsonSchema, "The teams, parents before children")),
        .always("alerts", Schema.array(AlertEntry.jsonSchema, "The alerts that fire")),
        .optional("unchecked", Schema.array(UncheckedRule.jsonSchema, UncheckedRule.listDescription)),
      ])
  }
}

extension StatusReport.Team: JSONSchemaDescribed {
  /// The schema of one team's status.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One team",
      [
        .always("team", Schema.team),
        .optional("name", Schema.string("The team's display name")),
        .always("depth", Schema.integer("How deep under its ancestors the team sits", minimum: 0)),
        .optional("score", Schema.fraction("The team's roll-up")),
        .optional("grade", Schema.grade),
        .always("checked_in_this_week", Schema.boolean("Whether the team has a check-in in the as-of week")),
        .always("objectives", Schema.array(StatusReport.Objective.jsonSchema, "The objectives, in file order")),
      ])
  }
}

extension StatusReport.Objective: JSONSchemaDescribed {
  /// The schema of one objective's status.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One objective",
      [
        .always("id", Schema.string("The objective's id")),
        .always("title", Schema.string("What the team wants to achieve")),
        .optional("aligns_to", Schema.string("The parent objective it serves, as team/objective")),
        .optional("score", Schema.fraction("The weighted mean of its key results")),
        .optional("grade", Schema.grade),
        .always("key_results", Schema.array(StatusReport.KeyResult.jsonSchema, "The key results, in file order")),
      ])
  }
}

extension StatusReport.KeyResult: JSONSchemaDescribed {
  /// The schema of one key result's status.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One key result",
      [
        .always("id", Schema.string("The key result's id")),
        .always("title", Schema.string("What will be measured")),
        .always("type", Schema.keyResultType),
        .optional("unit", Schema.string("The unit values are in")),
        .always("pace", Schema.words(Pace.self, "The shape of expected progress")),
        .always("commitment", Schema.words(Commitment.self, "Committed key results below 1.0 are missed")),
        .optional("baseline", Schema.number("Numeric: where it started")),
        .optional("target", Schema.number("Numeric: where it aims")),
        .optional("keep", Schema.words(ThresholdSide.self, "Threshold: the side of the bound to stay on")),
        .optional("bound", Schema.number("Threshold: the bound")),
        .always("overridden", Schema.boolean("Whether a person's score replaced the computed one")),
        .always("missed", Schema.boolean("A committed key result below 1.0 once the cycle is over")),
        .always(
          "expected_by_week",
          Schema.array(StatusReport.Expected.jsonSchema, "The value expected at the end of each week (numeric)")),
        .optional("actual", Schema.number("The measured value (numeric and threshold)")),
        .optional("expected", Schema.number("The value expected by now (numeric)")),
        .optional("expected_progress", Schema.fraction("The share of the way expected by now")),
        .always("progress", Schema.fraction("The share of the way made: the computed score")),
        .always("score", Schema.fraction("The score that counts")),
        .always("grade", Schema.grade),
        .optional("projected_score", Schema.fraction("The score at the cycle's end at the current rate")),
        .always("verdict", Schema.words(Verdict.self, "Where it stands against its pace, or how it ended")),
        .optional("confidence", Schema.confidence),
        .optional("last_checkin_week", Schema.week("The newest check-in's ISO week")),
        .optional("last_checkin_date", Schema.date("The newest check-in's day")),
        .always("blockers", Schema.array(Schema.string("A blocker"), "The newest check-in's blockers")),
        .always("history", Schema.array(StatusReport.Week.jsonSchema, "Week by week, oldest first")),
        .optional(
          "definition_changes",
          Schema.array(
            StatusReport.DefinitionChangeMark.jsonSchema,
            "Changes to the definition from git, oldest first (when history was read)")),
      ])
  }
}

extension StatusReport.DefinitionChangeMark: JSONSchemaDescribed {
  /// The schema of one definition change on a key result's chart.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A change to a key result's definition",
      [
        .always("date", Schema.date("The day of the commit that first has the new value")),
        .always("field", Schema.string("The definition field that changed")),
        .optional("from", Schema.changeValue("The value before; absent when the field was added")),
        .optional("to", Schema.changeValue("The value after; absent when the field was removed")),
        .always("commit", Schema.string("The commit, or 'working tree'")),
        .always("documented", Schema.boolean("Whether a change_note documents it")),
        .always("moved_goalpost", Schema.boolean("Changed after the planning day without a change_note")),
      ])
  }
}

extension StatusReport.Week: JSONSchemaDescribed {
  /// The schema of one week of a key result.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A week's check-in",
      [
        .always("week", Schema.week("The ISO week")),
        .always("date", Schema.date("The day the check-in counts from")),
        .optional("value", Schema.number("The value checked in")),
        .optional("confidence", Schema.confidence),
      ])
  }
}

extension StatusReport.Expected: JSONSchemaDescribed {
  /// The schema of where a key result should be by a day.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "Where a key result should be by a day, under its pace",
      [
        .always("date", Schema.date("The day")),
        .always("value", Schema.number("The value expected")),
      ])
  }
}

extension StatusReport.AlertEntry: JSONSchemaDescribed {
  /// The schema of one alert that fires.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "An alert that fires, with its predefined response",
      [
        .always("team", Schema.team),
        .optional("kr", Schema.keyResultReference),
        .always("rule", Schema.words(AlertKind.self, "The rule that fired")),
        .always("evidence", Schema.string("What was measured, in words")),
        .always("measured", Schema.number("The measured value the rule compared")),
        .always("threshold", Schema.number("The rule's threshold")),
        .always("action", Schema.string("The response the team agreed on")),
        .optional("field", Schema.string("moved_goalposts: the definition field that changed")),
        .optional("from", Schema.changeValue("moved_goalposts: the value before")),
        .optional("to", Schema.changeValue("moved_goalposts: the value after")),
        .optional("commit", Schema.string("moved_goalposts: the commit, or 'working tree'")),
        .optional("date", Schema.date("moved_goalposts: the commit's day")),
        .optional("author", Schema.string("moved_goalposts: the commit's author")),
      ])
  }
}

extension UncheckedRule: JSONSchemaDescribed {
  static let listDescription = "Alert rules that could not be checked, each with why; absent when every rule was"

  /// The schema of a rule that could not be checked.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "An alert rule that could not be checked",
      [
        .always("rule", Schema.words(AlertKind.self, "The rule")),
        .always("reason", Schema.string("Why it could not be checked, in one line")),
      ])
  }
}

extension AlertsReport: JSONSchemaDescribed {
  /// The schema of `okr alerts --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The alerts that fire, for bots and CI",
      ReportHeader.schemaFields + [
        .always("alerts", Schema.array(StatusReport.AlertEntry.jsonSchema, "The alerts that fire")),
        .optional("unchecked", Schema.array(UncheckedRule.jsonSchema, UncheckedRule.listDescription)),
      ])
  }
}
