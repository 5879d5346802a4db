import OKRCore

extension DiagnosticJSONRenderer.Document: JSONSchemaDescribed {
  /// The schema of `okr lint --format json`.
  static var jsonSchema: JSONValue {
    Schema.object(
      "Every problem okr lint found, for editors and CI",
      [
        Schema.schemaVersion,
        .always("file_count", Schema.integer("How many files were checked", minimum: 0)),
        .always("error_count", Schema.integer("How many errors", minimum: 0)),
        .always("warning_count", Schema.integer("How many warnings", minimum: 0)),
        .always(
          "diagnostics",
          Schema.array(DiagnosticJSONRenderer.Entry.jsonSchema, "The problems, sorted by path, line and column")),
      ])
  }
}

extension DiagnosticJSONRenderer.Entry: JSONSchemaDescribed {
  /// The schema of one diagnostic.
  static var jsonSchema: JSONValue {
    Schema.object(
      "One problem",
      [
        .always("path", Schema.string("The file, relative to the working directory when inside it")),
        .always("line", Schema.integer("The 1-based line; 0 for a problem with a whole file", minimum: 0)),
        .always(
          "column",
          Schema.integer("The 1-based column in Unicode characters; 0 for a problem with a whole file", minimum: 0)),
        .always("severity", Schema.words(["error", "warning"], "How bad it is")),
        .always("rule", Schema.words(Rule.self, "The lint rule, as in docs/format.md's table")),
        .always("message", Schema.string("What is wrong, in words")),
      ])
  }
}
