import OKRCore

extension TrendReport: JSONSchemaDescribed {
  /// The schema of `okr score --quarters Q1..Q4 --format json`.
  public static var jsonSchema: JSONValue {
    let score: JSONValue = .object([
      "description": "The score that quarter; null where there is none", "type": ["number", "null"],
      "minimum": 0, "maximum": 1,
    ])
    let team = Schema.object(
      "One team's scores",
      [
        .always("team", Schema.team),
        .always("scores", Schema.array(score, "Its roll-up per quarter, in the order of 'quarters'")),
      ])
    return Schema.object(
      "Scores quarter by quarter",
      [
        Schema.schemaVersion,
        .optional("organization", Schema.string("okr.yaml's organization")),
        .always("as_of", Schema.date("The as-of day")),
        .always("quarters", Schema.array(Schema.string("A quarter, YYYY-Qn"), "The quarters, oldest first")),
        .always("overall", Schema.array(score, "The repository's score per quarter")),
        .always(
          "provisional",
          Schema.array(
            Schema.boolean("Still running, or not started"),
            "Whether each quarter was still running, or not started, on the as-of day")),
        .always(
          "started",
          Schema.array(Schema.boolean("Started"), "Whether each quarter had started by the as-of day")),
        .always("teams", Schema.array(team, "Each team's roll-up per quarter, teams by slug")),
      ])
  }
}
