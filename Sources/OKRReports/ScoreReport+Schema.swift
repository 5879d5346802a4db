import OKRCore

extension ScoreReport: JSONSchemaDescribed {
  /// The schema of `okr score --format json`.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "The cycle's scores: key results, objectives, teams and the roll-up, exact",
      ReportHeader.schemaFields + [
        .always("provisional", Schema.boolean("Whether the cycle is still running on the as-of day")),
        .always("elapsed", Schema.fraction("The share of the cycle elapsed")),
        .optional("score", Schema.fraction("The repository's score: the mean of the top teams' roll-ups")),
        .optional("grade", Schema.grade),
        .always("teams", Schema.array(Team.jsonSchema, "The teams, parents before children")),
      ])
  }
}

extension ScoreReport.Team: JSONSchemaDescribed {
  /// The schema of one team's scores.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One team",
      [
        .always("team", Schema.team),
        .optional("name", Schema.string("The team's display name")),
        .optional("parent", Schema.string("The parent team's slug")),
        .always("depth", Schema.integer("How deep under its ancestors the team sits", minimum: 0)),
        .optional("score", Schema.fraction("The team's roll-up over its objectives and its child teams")),
        .optional("objectives_score", Schema.fraction("The mean of its own objectives only")),
        .optional("grade", Schema.grade),
        .always("possibly_sandbagging", Schema.boolean("Every aspirational key result scores 1.0")),
        .always("objectives", Schema.array(ScoreReport.Objective.jsonSchema, "The objectives, in file order")),
      ])
  }
}

extension ScoreReport.Objective: JSONSchemaDescribed {
  /// The schema of one objective's score.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One objective",
      [
        .always("id", Schema.string("The objective's id, unique in its file")),
        .always("title", Schema.string("What the team wants to achieve")),
        .optional("aligns_to", Schema.string("The parent objective it serves, as team/objective")),
        .optional("score", Schema.fraction("The weighted mean of its key results")),
        .optional("grade", Schema.grade),
        .always("key_results", Schema.array(ScoreReport.KeyResult.jsonSchema, "The key results, in file order")),
      ])
  }
}

extension ScoreReport.KeyResult: JSONSchemaDescribed {
  /// The schema of one key result's score.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "One key result",
      [
        .always("id", Schema.string("The key result's id, unique in its objective")),
        .always("title", Schema.string("What will be measured")),
        .always("type", Schema.keyResultType),
        .always("commitment", Schema.words(Commitment.self, "Committed key results below 1.0 are missed")),
        .always("weight", Schema.number("Its weight in the objective's score")),
        .optional("unit", Schema.string("The unit values are in")),
        .optional("baseline", Schema.number("Numeric: where it started")),
        .optional("target", Schema.number("Numeric: where it aims")),
        .optional("keep", Schema.words(ThresholdSide.self, "Threshold: the side of the bound to stay on")),
        .optional("bound", Schema.number("Threshold: the bound")),
        .optional("actual", Schema.number("The measured value (numeric and threshold)")),
        .optional("done", Schema.boolean("Boolean: whether it is done")),
        .optional("milestones_done", Schema.array(Schema.string("A milestone's title"), "Milestones: the ones done")),
        .optional("milestones_total", Schema.integer("Milestones: how many there are", minimum: 0)),
        .always(
          "source",
          Schema.words(
            ["checkin", "quarter_file", "baseline", "none"],
            "Where the actual value comes from: a check-in, the quarter file, the baseline, or nothing")),
        .always("score", Schema.fraction("The score that counts: the override when there is one")),
        .always("computed_score", Schema.fraction("The score the rules give")),
        .always("grade", Schema.grade),
        .optional("confidence", Schema.confidence),
        .optional("confidence_band", Schema.words(Confidence.Band.self, "The confidence's band")),
        .optional("confidence_week", Schema.week("The ISO week the confidence was given in")),
        .always("overridden", Schema.boolean("Whether a person's score replaced the computed one")),
        .optional("score_note", Schema.string("Why the score was overridden, in their words")),
        .always("missed", Schema.boolean("A committed key result below 1.0")),
        .optional("dropped", ScoreReport.DroppedMarker.jsonSchema),
      ])
  }
}

extension ScoreReport.DroppedMarker: JSONSchemaDescribed {
  /// The schema of a dropped key result's marker.
  public static var jsonSchema: JSONValue {
    Schema.object(
      "Dropped mid-quarter: out of the objective's mean, listed with its last score",
      [
        .always("on", Schema.date("The first day it no longer counted")),
        .optional("note", Schema.string("Why, in the team's words")),
        .optional("deleted", Schema.boolean("Deleted from its quarter file rather than marked 'dropped:'")),
        .optional("commit", Schema.string("The commit that deleted it")),
      ])
  }
}
