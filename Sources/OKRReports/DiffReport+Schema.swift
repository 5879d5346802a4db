import OKRCore

extension DiffReport: JSONSchemaDescribed {
  /// The schema of `okr diff --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "What changed in the OKRs between two versions, and the scores before and after",
      [
        Schema.schemaVersion,
        .always("from", Schema.string("The older version: an abbreviated commit name")),
        .always("to", Schema.string("The newer version: an abbreviated commit name, or 'working tree'")),
        .always("as_of", Schema.date("The day scores are computed as of")),
        .always("changes", Schema.array(Change.jsonSchema, "Every change, by cycle, team and file order")),
        .always("scores", Schema.array(ScoreChange.jsonSchema, "Every score that differs, by cycle and team")),
      ])
  }
}

extension DiffReport.Change: JSONSchemaDescribed {
  /// The schema of one change.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One change",
      [
        .always("cycle", Schema.string("The cycle's label")),
        .always("team", Schema.team),
        .optional("kr", Schema.string("O1/KR1, or O1 for an objective; absent for check-ins")),
        .always(
          "kind",
          Schema.words(
            ["added", "removed", "changed", "retitled", "overridden", "checkins_added", "dropped"],
            "What kind of difference")),
        .optional("field", Schema.string("The definition field that changed")),
        .optional("from", Schema.changeValue("The value before")),
        .optional("to", Schema.changeValue("The value after")),
        .optional("documented", Schema.boolean("Whether a new change_note documents it")),
        .optional("note", Schema.string("The note that documents it")),
        .optional("count", Schema.integer("New check-ins: how many", minimum: 0)),
        .optional("commit", Schema.string("The commit that first has the new value, or 'working tree'")),
        .optional("date", Schema.date("That commit's day")),
        .optional("author", Schema.string("That commit's author")),
        .optional("moved_goalpost", Schema.boolean("Changed after the planning day without a change_note")),
      ])
  }
}

extension DiffReport.ScoreChange: JSONSchemaDescribed {
  /// The schema of one score before and after.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "A score before and after",
      [
        .always("cycle", Schema.string("The cycle's label")),
        .always("team", Schema.team),
        .optional("kr", Schema.string("O1/KR1; absent for the team's roll-up")),
        .optional("before", Schema.fraction("The score in the older version")),
        .optional("after", Schema.fraction("The score in the newer version")),
      ])
  }
}
