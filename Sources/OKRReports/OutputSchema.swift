import OKRCore

/// The JSON Schema (2020-12) of each of okr's JSON outputs: the published contract bots and dashboards read.
///
/// Each output's `Encodable` type declares its schema beside itself
/// (`ScoreReport+Schema.swift`, …), key by key in the words of its
/// `CodingKeys`, through ``JSONSchemaDescribed``. Every object is closed
/// (`additionalProperties: false`), so a key the encoder writes and the
/// schema lacks fails validation: the tests validate every output on
/// examples/acme at three dates against these schemas, and compare the
/// committed `schemas/` with what `okr schema <output>` prints.
public enum OutputSchema: String, CaseIterable, Sendable {
  case score, status, alerts, checkin, lint, plan, diff, history, trend, digest, pull

  /// The file name the schema is committed under: `score.schema.json`.
  public var fileName: String { "\(rawValue).schema.json" }

  /// The schema as a JSON value; encode it with sorted keys for a stable file.
  public var document: JSONValue {
    switch self {
    case .score: return Self.document("okr score --format json", ScoreReport.jsonSchema)
    case .status: return Self.document("okr status --format json", StatusReport.jsonSchema)
    case .alerts: return Self.document("okr alerts --format json", AlertsReport.jsonSchema)
    case .checkin: return Self.document("okr checkin --format json", CheckinPromptsReport.jsonSchema)
    case .lint: return Self.document("okr lint --format json", DiagnosticJSONRenderer.Document.jsonSchema)
    case .plan: return Self.document("okr plan --format json", PlanReport.jsonSchema)
    case .diff: return Self.document("okr diff --format json", DiffReport.jsonSchema)
    case .history: return Self.document("okr history --format json", HistoryReport.jsonSchema)
    case .trend: return Self.document("okr score --quarters Q1..Q4 --format json", TrendReport.jsonSchema)
    case .digest: return Self.document("okr digest --format json", DigestReport.jsonSchema)
    case .pull: return Self.document("okr checkin pull --format json", PullReport.jsonSchema)
    }
  }

  private static func document(_ title: String, _ root: JSONValue) -> JSONValue {
    guard case .object(var object) = root else { return root }
    object["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    object["title"] = .string(title)
    return .object(object)
  }
}

/// An `Encodable` type whose JSON okr publishes a schema of.
public protocol JSONSchemaDescribed {
  /// The schema of the type's JSON.
  static var jsonSchema: JSONValue { get }
}

/// The pieces output schemas are made of.
enum Schema {
  /// One key of an object: its schema, and whether the encoder always writes it.
  struct Field {
    var key: String
    var schema: JSONValue
    var always: Bool

    /// A key the encoder always writes.
    static func always(_ key: String, _ schema: JSONValue) -> Field { Field(key: key, schema: schema, always: true) }

    /// A key the encoder leaves out when it has no value.
    static func optional(_ key: String, _ schema: JSONValue) -> Field {
      Field(key: key, schema: schema, always: false)
    }
  }

  /// A closed object: exactly these keys, the ones always written required.
  static func object(_ description: String, _ fields: [Field]) -> JSONValue {
    var keys = Set<String>()
    for field in fields where !keys.insert(field.key).inserted {
      preconditionFailure("key '\(field.key)' is described twice in '\(description)'")
    }
    var object: [String: JSONValue] = [
      "type": "object", "description": .string(description), "additionalProperties": false,
      "properties": .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.schema) })),
    ]
    let required = fields.filter(\.always).map(\.key).sorted()
    if !required.isEmpty { object["required"] = .array(required.map { .string($0) }) }
    return .object(object)
  }

  static func string(_ description: String, pattern: String? = nil) -> JSONValue {
    var value: [String: JSONValue] = ["type": "string", "description": .string(description)]
    if let pattern { value["pattern"] = .string(pattern) }
    return .object(value)
  }

  static func date(_ description: String) -> JSONValue { string(description, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") }

  static func week(_ description: String) -> JSONValue { string(description, pattern: "^[0-9]{4}-W[0-9]{2}$") }

  static func number(_ description: String, minimum: Double? = nil, maximum: Double? = nil) -> JSONValue {
    var value: [String: JSONValue] = ["type": "number", "description": .string(description)]
    if let minimum { value["minimum"] = .number(minimum) }
    if let maximum { value["maximum"] = .number(maximum) }
    return .object(value)
  }

  /// A score or a share: a number from 0 to 1.
  static func fraction(_ description: String) -> JSONValue { number(description, minimum: 0, maximum: 1) }

  static func integer(_ description: String, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
    var value: [String: JSONValue] = ["type": "integer", "description": .string(description)]
    if let minimum { value["minimum"] = .number(Double(minimum)) }
    if let maximum { value["maximum"] = .number(Double(maximum)) }
    return .object(value)
  }

  static func boolean(_ description: String) -> JSONValue {
    .object(["type": "boolean", "description": .string(description)])
  }

  static func words(_ words: [String], _ description: String) -> JSONValue {
    .object(["enum": .array(words.map { .string($0) }), "description": .string(description)])
  }

  /// The raw values of an enum the encoder writes.
  static func words<Word: CaseIterable & RawRepresentable>(_ type: Word.Type, _ description: String) -> JSONValue
  where Word.RawValue == String {
    words(type.allCases.map(\.rawValue), description)
  }

  /// The schema, or `null`: a field always written, `null` when unknown.
  static func nullable(_ schema: JSONValue) -> JSONValue {
    guard case .object(var object) = schema else { return schema }
    switch object["type"] {
    case .string(let type)?: object["type"] = [.string(type), "null"]
    case .array(let types)?: object["type"] = .array(types + ["null"])
    default: return schema
    }
    return .object(object)
  }

  static func array(_ items: JSONValue, _ description: String) -> JSONValue {
    .object(["type": "array", "items": items, "description": .string(description)])
  }

  /// A definition field's value: a number, or a word (`unit`, `type`, `keep`, `commitment`).
  static func changeValue(_ description: String) -> JSONValue {
    .object(["type": ["number", "string"], "description": .string(description)])
  }

  /// `schema_version`: 1 for every output.
  static let schemaVersion = Field.always(
    "schema_version",
    .object([
      "const": .number(Double(ReportHeader.version)),
      "description": "The JSON contract's version; fields are only ever added within a version",
    ]))

  /// The team's slug.
  static let team = string("The team's slug", pattern: "^[a-z0-9-]+$")

  /// A key result's reference within its team: `O1/KR1`.
  static let keyResultReference = string("The key result, as O1/KR1", pattern: "^[^/]+/[^/]+$")

  /// The kind of key result.
  static let keyResultType = words(KeyResultKind.self, "How the key result is measured")

  static let grade = words(Grade.self, "red below 0.4, yellow below 0.7, green from 0.7 (or okr.yaml's scoring bands)")

  static let confidence = integer("The confidence, 0 to 10 (7-10 green, 4-6 yellow, 0-3 red)", minimum: 0, maximum: 10)
}

extension ReportHeader {
  /// The header's keys, which sit at the top level of the report they open.
  static let schemaFields: [Schema.Field] = [
    Schema.schemaVersion,
    .optional("organization", Schema.string("okr.yaml's organization")),
    .always("quarter", Schema.string("The cycle's label: 2026-Q3, or a custom period's")),
    .always("period_start", Schema.date("The cycle's first day")),
    .always("period_end", Schema.date("The cycle's last day")),
    .always("as_of", Schema.date("The day the report is as of (--as-of)")),
  ]
}
