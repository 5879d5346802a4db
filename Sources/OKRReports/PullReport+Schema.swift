import OKRCore

extension PullReport: JSONSchemaDescribed {
  /// The schema of `okr checkin pull --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The values okr checkin pull read from the key results' sources, and the check-ins it wrote",
      [
        Schema.schemaVersion,
        .always("dry_run", Schema.boolean("Nothing was written: the check-ins are those a pull would write")),
        .always("values", Schema.array(Value.jsonSchema, "Every value read, by team then key result in file order")),
        .always(
          "checkins",
          Schema.array(Checkin.jsonSchema, "Each team's check-in written (or that would be); none with nothing new")),
      ])
  }
}

extension PullReport.Value: JSONSchemaDescribed {
  /// The schema of one value read.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One key result's value read from its source",
      [
        .always("team", Schema.team),
        .always("kr", Schema.keyResultReference),
        .always("value", Schema.string("The value as recorded: a number as the source wrote it, or true or false")),
        .always(
          "already_recorded",
          Schema.boolean("Already the key result's latest value this week, so not written again")),
      ])
  }
}

extension PullReport.Checkin: JSONSchemaDescribed {
  /// The schema of one team's check-in of pulled values.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One team's check-in of pulled values, by source",
      [
        .always("team", Schema.team),
        .always("date", Schema.date("The check-in's day")),
        .always("key_result_count", Schema.integer("How many key results it records", minimum: 1)),
        .always("log", Schema.string("The check-in log, relative to the working directory")),
      ])
  }
}
