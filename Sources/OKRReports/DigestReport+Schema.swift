import OKRCore

extension DigestReport: JSONSchemaDescribed {
  /// The schema of `okr digest --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The week in one message: scores and their change, who has not checked in, what moved, alerts, changes",
      ReportHeader.schemaFields + [
        .always("week", Schema.week("The ISO week of the as-of day: the digest's week")),
        .always("previous_as_of", Schema.date("The day last week's scores are as of: seven days before as_of")),
        .always("teams", Schema.array(Team.jsonSchema, "The teams, parents before children")),
        .always(
          "not_checked_in", Schema.array(Absentee.jsonSchema, "The teams with no check-in this week, with their owner")),
        .always("moved", Schema.array(Move.jsonSchema, "What this week's check-ins moved, by team and file order")),
        .always("alerts", Schema.array(StatusReport.AlertEntry.jsonSchema, "The alerts that fire, as okr alerts")),
        .optional("unchecked", Schema.array(UncheckedRule.jsonSchema, UncheckedRule.listDescription)),
        .always("changes", Schema.array(DiffReport.Change.jsonSchema, "The changes committed this week, as okr diff")),
        .always("has_git_history", Schema.boolean("Whether changes were read from git (false: no history to read)")),
      ])
  }
}

extension DigestReport.Team: JSONSchemaDescribed {
  /// The schema of one team's week.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One team's week",
      [
        .always("team", Schema.team),
        .optional("name", Schema.string("The team's display name")),
        .optional("score", Schema.fraction("The team's roll-up as of the as-of day")),
        .optional("previous_score", Schema.fraction("The team's roll-up seven days earlier; absent before the cycle")),
        .always("checked_in", Schema.boolean("Whether the team has a check-in this week")),
      ])
  }
}

extension DigestReport.Absentee: JSONSchemaDescribed {
  /// The schema of a team with no check-in this week.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A team with no check-in this week",
      [
        .always("team", Schema.team),
        .optional("owner", Schema.string("The team file's owner")),
      ])
  }
}

extension DigestReport.Move: JSONSchemaDescribed {
  /// The schema of a value or confidence a check-in this week changed.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A value or confidence a check-in this week changed",
      [
        .always("team", Schema.team),
        .always("kr", Schema.keyResultReference),
        .always(
          "field", Schema.words(["value", "done", "milestones_done", "confidence"], "What moved, as check-ins name it")),
        .optional("from", Schema.changeValue("Before this week's check-in; absent when there was none")),
        .optional("to", Schema.changeValue("After it")),
      ])
  }
}
