import OKRCore

extension DigestReport: JSONSchemaDescribed {
  /// The schema of `okr digest --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The week in one message: scores and their change, who has not checked in, what moved, alerts, changes",
      ReportHeader.schemaFields + [
        .always("week", Schema.week("The ISO week of the as-of day: the week a check-in is owed for")),
        .always(
          "window",
          Schema.object(
            "The seven days the digest is about, ending on as_of",
            [
              .always("from", Schema.date("The window's first day: six days before as_of")),
              .always("to", Schema.date("The window's last day: as_of")),
            ])),
        .always(
          "previous_as_of",
          Schema.date("The day last week's scores are as of: seven days before as_of, the day before the window")),
        .always("teams", Schema.array(Team.jsonSchema, "The teams, parents before children")),
        .always(
          "not_checked_in",
          Schema.array(Absentee.jsonSchema, "The teams with no check-in for the week, with their owner")),
        .always("moved", Schema.array(Move.jsonSchema, "What moved in the window, by team and file order")),
        .always("alerts", Schema.array(StatusReport.AlertEntry.jsonSchema, "The alerts that fire, as okr alerts")),
        .optional("unchecked", Schema.array(UncheckedRule.jsonSchema, UncheckedRule.listDescription)),
        .always("changes", Schema.array(DiffReport.Change.jsonSchema, "The changes dated in the window, as okr diff")),
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
        .always(
          "score", Schema.nullable(Schema.fraction("The team's roll-up as of the as-of day; null: nothing to score"))),
        .always(
          "previous_score",
          Schema.nullable(
            Schema.fraction(
              "The team's roll-up as of previous_as_of, against the definitions in force then; null before the cycle"
            ))),
        .always("checked_in", Schema.boolean("Whether the team has a check-in for the ISO week of as_of")),
      ])
  }
}

extension DigestReport.Absentee: JSONSchemaDescribed {
  /// The schema of a team with no check-in for the week.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A team with no check-in for the ISO week of as_of",
      [
        .always("team", Schema.team),
        .always("owner", Schema.nullable(Schema.string("The team file's owner; null when it names none"))),
      ])
  }
}

extension DigestReport.Move: JSONSchemaDescribed {
  /// The schema of a value or confidence that moved in the window.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A value or confidence that differs between previous_as_of and as_of",
      [
        .always("team", Schema.team),
        .always("kr", Schema.keyResultReference),
        .always(
          "field", Schema.words(["value", "done", "milestones_done", "confidence"], "What moved, as check-ins name it")),
        .always(
          "from",
          Schema.nullable(
            Schema.changeValue(
              "As of previous_as_of: the newest check-in, else the quarter file's current (done flags), else the"
                + " baseline; null when there was none (a threshold without current, a first confidence)"))),
        .always("to", Schema.nullable(Schema.changeValue("As of as_of"))),
      ])
  }
}
