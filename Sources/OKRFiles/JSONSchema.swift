import OKRCore

/// JSON Schema (2020-12) of each file kind, for editors that speak the YAML language server.
///
/// The properties come from the decoders' own key tables (``FileDecoder``'s
/// `quarterFileKeys`, `keyResultKeys`, … and `keysByType`): every key a decoder
/// accepts is in the schema, with its type, allowed words and a description,
/// and no other key is (`additionalProperties: false`). Each key's type and
/// wording live in ``definitions``; a key the decoder accepts without a
/// definition here stops the build of the schema (a test runs it).
public enum OKRSchema: String, CaseIterable, Sendable {
  case quarter, checkins, config

  /// The file name the schemas are written under: `quarter.schema.json`.
  public var fileName: String { "\(rawValue).schema.json" }

  /// The schema as a JSON value; encode it with sorted keys for a stable file.
  public var document: JSONValue {
    switch self {
    case .quarter: return quarterSchema()
    case .checkins: return checkinSchema()
    case .config: return configSchema()
    }
  }

  // MARK: - Building blocks

  /// An object whose properties are exactly `keys`, each as ``definitions`` says.
  static func object(
    _ keys: [String], in context: String, required: [String] = [], overrides: [String: JSONValue] = [:],
    description: String? = nil
  ) -> JSONValue {
    var properties: [String: JSONValue] = [:]
    for key in keys {
      guard
        let definition = overrides[key] ?? nestedDefinition(key, in: context) ?? definitions[context + "." + key]
          ?? definitions[key]
      else {
        preconditionFailure("no schema definition for '\(key)' in \(context); add one to OKRSchema.definitions")
      }
      // An optional key may be null (okr reads that as left out); a required one may not.
      properties[key] = required.contains(key) ? definition : nullable(definition)
    }
    var object: [String: JSONValue] = [
      "type": "object", "properties": .object(properties), "additionalProperties": false,
    ]
    if !required.isEmpty { object["required"] = .array(required.map { .string($0) }) }
    if let description { object["description"] = .string(description) }
    return .object(object)
  }

  static func string(_ description: String, pattern: String? = nil) -> JSONValue {
    var value: [String: JSONValue] = ["type": "string", "description": .string(description)]
    if let pattern { value["pattern"] = .string(pattern) }
    return .object(value)
  }

  /// Words people write: numbers and booleans are taken as their text, in okr lint as here
  /// (`title: 2026` is the title "2026"), so the editor and lint agree.
  static func text(_ description: String) -> JSONValue {
    .object(["type": ["string", "number", "boolean"], "description": .string(description)])
  }

  /// A team's slug, `[a-z0-9-]+`: a plain `true` is one too, as in okr lint; a plain number is not
  /// (JSON cannot tell 1.0 from 1), so a slug of digits is quoted.
  static func slug(_ description: String) -> JSONValue {
    .object(["type": ["string", "boolean"], "pattern": "^[a-z0-9-]+$", "description": .string(description)])
  }

  /// An objective's or key result's id, `[A-Za-z0-9._-]+`: a plain number or boolean is one too, as in okr lint.
  static func identifier(_ description: String) -> JSONValue {
    .object([
      "type": ["string", "number", "boolean"], "pattern": "^[A-Za-z0-9._-]+$", "description": .string(description),
    ])
  }

  /// A key's schema that also takes `null`: okr reads a null value as the key left out.
  static func nullable(_ definition: JSONValue) -> JSONValue {
    guard case .object(var object) = definition else { return definition }
    switch object["type"] {
    case .string(let type)?: object["type"] = [.string(type), "null"]
    case .array(let types)?: object["type"] = .array(types + ["null"])
    default:
      if case .array(let words)? = object["enum"] {
        object["enum"] = .array(words + [.null])
      } else if case .array(let choices)? = object["anyOf"] {
        object["anyOf"] = .array(choices + [.object(["type": "null"])])
      } else {
        return .object(["anyOf": [definition, .object(["type": "null"])]])
      }
    }
    return .object(object)
  }

  /// A required key's value may not be null: okr reads null as the key left out.
  static let notNull: JSONValue = .object(["not": .object(["type": "null"])])

  static func words(_ words: [String], _ description: String) -> JSONValue {
    .object(["enum": .array(words.map { .string($0) }), "description": .string(description)])
  }

  static func number(
    _ description: String, minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil
  )
    -> JSONValue
  {
    var value: [String: JSONValue] = ["type": "number", "description": .string(description)]
    if let minimum { value["minimum"] = .number(minimum) }
    if let maximum { value["maximum"] = .number(maximum) }
    if let exclusiveMinimum { value["exclusiveMinimum"] = .number(exclusiveMinimum) }
    return .object(value)
  }

  static func array(_ items: JSONValue, _ description: String, minItems: Int? = nil) -> JSONValue {
    var value: [String: JSONValue] = ["type": "array", "items": items, "description": .string(description)]
    if let minItems { value["minItems"] = .number(Double(minItems)) }
    return .object(value)
  }

  static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
  static let lengthPattern = "^[1-9][0-9]*[dw]$"

  static let confidence: JSONValue = .object([
    "description": "How confident the team is: 0 to 10 (7-10 green, 4-6 yellow, 0-3 red), or green, yellow, red",
    "anyOf": [
      .object(["type": "integer", "minimum": 0, "maximum": 10]), .object(["enum": ["green", "yellow", "red"]]),
    ],
  ])

  /// The keys whose values are objects of their own, built from their decoder's key table.
  static func nestedDefinition(_ key: String, in context: String) -> JSONValue? {
    switch (context, key) {
    case ("quarterFile", "period"):
      return object(
        ["start", "end"], in: "period", required: ["start", "end"],
        description: "A custom cycle instead of a calendar quarter, inclusive dates; at most 400 days")
    case ("quarterFile", "capacity"):
      return object(["hours_per_sprint"], in: "capacity", description: "The team's capacity, for the planner")
    case ("quarterFile", "cadence"):
      return object(
        FileDecoder.cadenceKeys, in: "cadence", description: "Sprints and check-ins; defaults come from okr.yaml")
    case ("keyResult", "dropped"):
      return object(
        ["on", "note"], in: "dropped", required: ["on"],
        description:
          "Dropped mid-quarter: from this day out of the objective's mean, listed with its last score; "
          + "its check-ins stay history")
    case ("keyResult", "source"):
      return sourceDefinition
    case ("config", "cadence"):
      return object(FileDecoder.configCadenceKeys, in: "cadence", description: "Defaults for every team")
    case ("config", "scoring"):
      return object(FileDecoder.scoringKeys, in: "scoring", description: "Grade bands: red, yellow, green")
    default:
      return nil
    }
  }

  /// A key result's `source:`: exactly one of `{file, pointer}`, `{file, column}` and `{command}`.
  ///
  /// Each shape is an object of its own keys only, so a mapping that mixes two shapes, or has a
  /// key of none, matches no branch, as lint refuses it; a null inside is refused too, as lint asks
  /// for a value.
  static let sourceDefinition: JSONValue = {
    let file: JSONValue = .object([
      "type": ["string", "number", "boolean"], "minLength": 1,
      "description": "A file inside the repository, named from its root",
    ])
    let pointer: JSONValue = .object([
      "type": "string", "pattern": "^(/([^~/]|~[01])*)*$",
      "description": "An RFC 6901 JSON pointer to a number (or true/false): /trials/conversion; ~1 for /, ~0 for ~",
    ])
    let column: JSONValue = .object([
      "type": ["string", "number", "boolean"], "minLength": 1,
      "description": "A column of the CSV file's header; the last non-empty row's cell is the value",
    ])
    let command: JSONValue = .object([
      "type": "array", "minItems": 1, "items": .object(["type": "string"]),
      "prefixItems": [.object(["minLength": 1])],
      "description": .string(
        "The program and its arguments, run with no shell from the repository's root; "
          + "it prints one number (or true/false). Only 'okr checkin pull' runs it"),
    ])
    func shape(_ properties: [String: JSONValue]) -> JSONValue {
      .object([
        "type": "object", "properties": .object(properties), "additionalProperties": false,
        "required": .array(properties.keys.sorted().map { .string($0) }),
      ])
    }
    return .object([
      "description": .string(
        "Where the value lives, for 'okr checkin pull': {file, pointer} (JSON), {file, column} (CSV) "
          + "or {command: [program, arguments...]}"),
      "anyOf": [
        shape(["file": file, "pointer": pointer]), shape(["file": file, "column": column]),
        shape(["command": command]),
      ],
    ])
  }()

  /// Each key's schema: by `context.key` where one key means different things in different places, else by key.
  static let definitions: [String: JSONValue] = [
    "quarter": string("The calendar quarter, YYYY-Qn; or give a custom 'period' instead", pattern: "^[0-9]{4}-Q[1-4]$"),
    "period.start": string("The cycle's first day, YYYY-MM-DD", pattern: datePattern),
    "period.end": string("The cycle's last day, YYYY-MM-DD", pattern: datePattern),
    "team": slug("The team's slug, unique across the repository"),
    "name": text("The team's display name"),
    "parent": slug("The team this team's objectives align under (its slug)"),
    "owner": text("Who owns it"),
    "hours_per_sprint": number("Hours the team has per sprint", exclusiveMinimum: 0),
    "sprint_length": string("Sprint length, Nd or Nw (2w, 10d); at least a day", pattern: lengthPattern),
    "first_sprint": string(
      "The first sprint's first day (default: the first Monday on or after the period's start)", pattern: datePattern),
    "checkin_day": words(
      Weekday.allCases.map(\.rawValue),
      "The weekday a check-in without a 'date' counts from (default \(Cadence.defaultCheckinDay.rawValue))"),
    "objectives": array(
      .object(["$ref": "#/$defs/objective"]), "The team's objectives; more than 5 is a focus warning", minItems: 1),
    "micro_goals": array(
      .object(["$ref": "#/$defs/topLevelMicroGoal"]),
      "Work not under a sprint goal: chores and run-the-business work, weighed by the planner"),
    "objective.id": identifier("Unique in the file; referred to as team/O1"),
    "objective.title": text("What the team wants to achieve"),
    "aligns_to": string("The objective this one serves, as team/objective", pattern: "^[a-z0-9-]+/[A-Za-z0-9._-]+$"),
    "key_results": array(
      .object(["$ref": "#/$defs/keyResult"]),
      "How the objective is measured; none, or more than 5, is a warning"),
    "keyResult.id": identifier("Unique in its objective; referred to as O1/KR1"),
    "keyResult.title": text("What will be measured"),
    "type": words(KeyResultKind.allCases.map(\.rawValue), "How the key result is measured (default numeric)"),
    "unit": text("The unit values are in (%, ms, €k)"),
    "commitment": words(
      ["aspirational", "committed"], "Committed key results below 1.0 are missed (default aspirational)"),
    "weight": number("Its weight in the objective's score (default 1)", exclusiveMinimum: 0),
    "current": number("Numeric and threshold: the latest known value; newer check-ins win"),
    "pace": words(["linear", "front", "back"], "The shape of expected progress (default linear)"),
    "sprint_goals": array(
      .object(["$ref": "#/$defs/sprintGoal"]), "Hand-written goals per sprint; the planner derives the rest"),
    "score": number("A person's score overriding the computed one", minimum: 0, maximum: 1),
    "score_note": text("Why the score was overridden; only with 'score'"),
    "dropped.on": string("The first day the key result no longer counts, YYYY-MM-DD", pattern: datePattern),
    "dropped.note": text("Why the team dropped it"),
    "change_note": text(
      "Why the definition changed after the planning day; a change without one is a moved goal post"),
    "sprint": .object([
      "type": "integer", "minimum": 1, "description": "The sprint's number, from 1",
    ]),
    "goal": text("What the sprint aims at for this key result"),
    "checkpoint": number("The key result's expected value at the sprint's end"),
    "microGoal.title": text("A small, specific task of one or two hours"),
    "due": string("When it is due, YYYY-MM-DD", pattern: datePattern),
    "estimate": string("How long it takes: 90m, 1.5h, 2h (at most 2h)", pattern: "^[0-9]+(\\.[0-9]+)?[hm]([0-9]+m)?$"),
    "done_when": text("How anyone can tell it is done"),
    "status": words(["todo", "doing", "done", "dropped"], "Where it stands (default todo)"),
    "kr": string(
      "The key result it serves, as O1/KR1; without it the hours feed no key result", pattern: "^[^/]+/[^/]+$"),
    "milestone.title": text("The milestone; check-ins name milestones by title"),
    "milestone.done": .object(["type": "boolean", "description": "Whether it is done (default false)"]),
    "milestone.weight": number("Its share of the key result (default 1)", exclusiveMinimum: 0),
    // Check-in logs.
    "checkin.team": text("The team checking in (its slug; okr lint checks that it exists)"),
    "checkin.quarter": text("The cycle: YYYY-Qn, or a custom cycle's label"),
    "week": string("The ISO week, YYYY-Www", pattern: "^[0-9]{4}-W[0-9]{2}$"),
    "date": string(
      "The day the check-in counts from, inside its week (default: the week's check-in day)", pattern: datePattern),
    "by": text("Who checked in"),
    "import": string(
      "Written by okr checkin import: sha256: and the digest of the imported file, so that importing it again records nothing twice"
    ),
    "checkin.key_results": .object([
      "type": "object", "description": "Per key result, named O1/KR1, what was measured",
      "patternProperties": .object(["^[^/]+/[^/]+$": .object(["$ref": "#/$defs/checkinEntry"])]),
      "additionalProperties": false,
    ]),
    "value": number("Numeric and threshold key results: the measured value"),
    "entry.done": .object(["type": "boolean", "description": "Boolean key results: whether it is done"]),
    "milestones_done": array(
      text("A milestone's title"), "Milestones key results: every milestone done so far, by title"),
    "confidence": confidence,
    "note": text("What changed"),
    "blockers": array(text("A blocker"), "What is in the way"),
    // okr.yaml.
    "organization": text("The organization's name, shown on reports"),
    "alerts": array(
      .object(["$ref": "#/$defs/alertRule"]),
      "The feedback loop: each rule fires on a condition and names the response"),
    "rule": words(AlertKind.allCases.map(\.rawValue), "What the rule watches"),
    "threshold": number("When it fires; its unit depends on the rule"),
    "action": text("The predefined response"),
    // Their range is part of `0 <= yellow_from < green_from <= 1`, which okr lint checks.
    "yellow_from": number(
      "The lowest yellow score (default \(Format.number(Grading.standard.yellowFrom))); 0 <= yellow_from < green_from <= 1"
    ),
    "green_from": number(
      "The lowest green score (default \(Format.number(Grading.standard.greenFrom))); 0 <= yellow_from < green_from <= 1"
    ),
  ]

  /// The kinds' own keys, each as its kind describes it.
  static let kindParameters: [String: JSONValue] = Dictionary(
    KeyResultKind.allCases.flatMap { $0.measureType.parameters }.map { parameter in
      let definition: JSONValue
      switch parameter.shape {
      case .number: definition = number(parameter.summary)
      case .flag: definition = .object(["type": "boolean", "description": .string(parameter.summary)])
      case .word(let choices): definition = words(choices, parameter.summary)
      case .milestoneList:
        definition = array(.object(["$ref": "#/$defs/milestone"]), parameter.summary, minItems: 1)
      }
      return (parameter.key, definition)
    }, uniquingKeysWith: { first, _ in first })

  static func document(title: String, description: String, root: JSONValue, defs: [String: JSONValue]) -> JSONValue {
    guard case .object(var object) = root else { return root }
    object["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    object["title"] = .string(title)
    object["description"] = .string(description)
    if !defs.isEmpty { object["$defs"] = .object(defs) }
    return .object(object)
  }

  private func quarterSchema() -> JSONValue {
    let typeKeys = FileDecoder.keysByType
    let allTypeKeys = Set(typeKeys.values.joined())
    // Keys of one type only are refused on the others.
    let perType: [JSONValue] = typeKeys.keys.sorted().map { type in
      let foreign = allTypeKeys.subtracting(typeKeys[type]!).sorted()
      let condition: JSONValue =
        type == KeyResultKind.implicit.rawValue
        ? .object([
          "anyOf": [
            .object(["not": .object(["required": ["type"]])]),
            .object(["properties": .object(["type": .object(["const": .string(type)])])]),
            // `type: null` is the key left out: the default kind.
            .object(["properties": .object(["type": .object(["const": .null])])]),
          ]
        ])
        : .object(["properties": .object(["type": .object(["const": .string(type)])]), "required": ["type"]])
      var then: [String: JSONValue] = [
        "properties": .object(Dictionary(uniqueKeysWithValues: foreign.map { ($0, JSONValue.bool(false)) }))
      ]
      let required = KeyResultKind(rawValue: type)?.requiredKeys ?? []
      if !required.isEmpty {
        then["required"] = .array(required.map { .string($0) })
        if case .object(var properties)? = then["properties"] {
          for key in required { properties[key] = Self.notNull }
          then["properties"] = .object(properties)
        }
      }
      return .object(["if": condition, "then": .object(then)])
    }
    guard
      case .object(var keyResult) = Self.object(
        FileDecoder.keyResultKeys, in: "keyResult", required: ["id", "title"], overrides: Self.kindParameters)
    else { preconditionFailure() }
    keyResult["allOf"] = .array(perType)
    guard
      case .object(var root) = Self.object(
        FileDecoder.quarterFileKeys, in: "quarterFile", required: ["team", "objectives"])
    else { preconditionFailure() }
    root["anyOf"] = [
      .object(["required": ["quarter"], "properties": .object(["quarter": Self.notNull])]),
      .object(["required": ["period"], "properties": .object(["period": Self.notNull])]),
    ]
    return Self.document(
      title: "okr quarter file",
      description: "One team's objectives and key results for one cycle: okrs/<quarter>/<team>.yaml",
      root: .object(root),
      defs: [
        "objective": Self.object(
          FileDecoder.objectiveKeys, in: "objective", required: ["id", "title", "key_results"]),
        "keyResult": .object(keyResult),
        "sprintGoal": Self.object(FileDecoder.sprintGoalKeys, in: "sprintGoal", required: ["sprint"]),
        "microGoal": Self.object(FileDecoder.microGoalKeys, in: "microGoal", required: ["title"]),
        "topLevelMicroGoal": Self.object(FileDecoder.topLevelMicroGoalKeys, in: "microGoal", required: ["title"]),
        "milestone": Self.object(FileDecoder.milestoneKeys, in: "milestone", required: ["title"]),
      ])
  }

  private func checkinSchema() -> JSONValue {
    Self.document(
      title: "okr check-in",
      description: "One document of a check-in log (checkins/<quarter>/<team>.yaml); the log is a stream of them",
      root: Self.object(FileDecoder.checkinKeys, in: "checkin", required: ["team", "quarter", "week", "key_results"]),
      defs: ["checkinEntry": Self.object(FileDecoder.checkinEntryKeys, in: "entry")])
  }

  private func configSchema() -> JSONValue {
    Self.document(
      title: "okr repository configuration",
      description: "okr.yaml at the repository's root: organization, cadence, alert rules, grade bands",
      root: Self.object(FileDecoder.configKeys, in: "config"),
      defs: ["alertRule": Self.object(FileDecoder.alertKeys, in: "alert", required: ["rule"])])
  }
}
