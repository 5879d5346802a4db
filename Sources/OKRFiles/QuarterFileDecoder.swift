import OKRCore
import YAMLKit

/// Decodes a quarter file (`okrs/<quarter>/<team>.yaml`) into a ``TeamQuarter``.
extension FileDecoder {
  static let quarterFileKeys = [
    "quarter", "period", "team", "name", "parent", "owner", "capacity", "cadence", "objectives", "micro_goals",
  ]
  static let objectiveKeys = ["id", "title", "aligns_to", "owner", "key_results"]
  static let keyResultKeys: [String] = {
    let table = [
      "id", "title", "type", "baseline", "target", "unit", "commitment", "weight", "owner", "current", "pace",
      "sprint_goals", "done", "milestones", "keep", "bound", "score", "score_note", "change_note", "dropped", "source",
    ]
    // Every kind's own keys are accepted; those the table does not list yet come last, in registry order.
    var keys = table
    for kind in KeyResultKind.allCases {
      for key in kind.measureType.parameters.map(\.key) where !keys.contains(key) { keys.append(key) }
    }
    return keys
  }()
  static let sprintGoalKeys = ["sprint", "goal", "checkpoint", "micro_goals"]
  static let microGoalKeys = ["title", "owner", "due", "estimate", "done_when", "status"]
  static let topLevelMicroGoalKeys = microGoalKeys + ["kr", "sprint"]
  static let milestoneKeys = ["title", "weight", "done"]
  static let cadenceKeys = ["sprint_length", "first_sprint", "checkin_day"]

  /// The keys each key result type uses beyond the common ones, from ``KeyResultKind``.
  static let keysByType: [String: Set<String>] = Dictionary(
    uniqueKeysWithValues: KeyResultKind.allCases.map { ($0.rawValue, $0.ownKeys) })

  mutating func decodeTeamQuarter(_ root: Node) -> TeamQuarter? {
    guard let fields = fields(of: root, "quarter file", allowed: Self.quarterFileKeys) else { return nil }
    let cycle = decodeCycle(fields)
    var team: Located<String>?
    if let node = required("team", in: fields), let slug = text(node, "team") {
      var isNumber = false
      if case .int? = node.resolvedScalar { isNumber = true }
      if case .float? = node.resolvedScalar { isNumber = true }
      if isNumber {
        // A plain number is no slug: JSON Schema, and so the editor, cannot tell 1.0 from 1 or 1e3 from 1000.
        report(
          .wrongType,
          "'team' must be a slug of a-z, 0-9 and '-', not the number \(shown(slug)); quote it: '\(shown(slug))'",
          at: node)
      } else if !Slug.isValid(slug) {
        report(.invalidValue, "'team' must be a slug of a-z, 0-9 and '-', not '\(shown(slug))'", at: node)
      }
      // Kept even when invalid (the error is reported), so the file's other checks still run.
      team = Located(slug, at: location(node))
    }
    let parent = optional("parent", in: fields).flatMap { node in
      text(node, "parent").map { Located($0, at: location(node)) }
    }
    var hoursPerSprint: Double?
    if let node = optional("capacity", in: fields),
      let capacity = self.fields(of: node, "capacity", allowed: ["hours_per_sprint"]),
      let hours = number("hours_per_sprint", in: capacity)
    {
      if hours.value > 0 {
        hoursPerSprint = hours.value
      } else {
        report(.invalidValue, "'hours_per_sprint' must be greater than 0", at: capacity["hours_per_sprint"]!)
      }
    }
    let cadence = optional("cadence", in: fields).map { decodeCadence($0) } ?? Cadence()
    var objectives: [Objective] = []
    if let node = required("objectives", in: fields) {
      if let items = node.items {
        if items.isEmpty {
          report(.invalidValue, "'objectives' needs at least one objective", at: node)
        }
        objectives = items.compactMapExactly { decodeObjective($0) }
      } else {
        report(.wrongType, "'objectives' must be a sequence, not \(node.kindDescription)", at: node)
      }
    }
    let microGoals =
      (sequence("micro_goals", in: fields)?.compactMapExactly { decodeMicroGoal($0, topLevel: true) } ?? [])
    guard let cycle, let team else { return nil }
    return TeamQuarter(
      cycle: cycle, team: team, name: text("name", in: fields), parent: parent, owner: text("owner", in: fields),
      hoursPerSprint: hoursPerSprint, cadence: cadence, objectives: objectives, microGoals: microGoals,
      location: location(root))
  }

  private mutating func decodeCycle(_ fields: Fields) -> Cycle? {
    var quarter: Quarter?
    var quarterIsValid = true
    if let node = optional("quarter", in: fields), let text = text(node, "quarter") {
      quarter = Quarter(text)
      if quarter == nil {
        quarterIsValid = false
        report(.invalidValue, "'quarter' must be written YYYY-Qn with n from 1 to 4, not '\(shown(text))'", at: node)
      }
    }
    var period: Period?
    var periodIsValid = true
    if let node = optional("period", in: fields) {
      period = decodePeriod(node)
      periodIsValid = period != nil
    }
    // A null value is the key left out, as everywhere: `quarter: null` names no cycle either.
    if fields["quarter"]?.isNull ?? true, fields["period"]?.isNull ?? true {
      report(.missingKey, "quarter file is missing required key 'quarter' (or a custom 'period')", at: fields.node)
    }
    guard quarterIsValid, periodIsValid else { return nil }
    if let quarter { return Cycle(quarter: quarter, period: period) }
    return period.map { Cycle(period: $0) }
  }

  private mutating func decodePeriod(_ node: Node) -> Period? {
    guard let fields = fields(of: node, "period", allowed: ["start", "end"]) else { return nil }
    guard let start = date("start", in: fields, required: true), let end = date("end", in: fields, required: true)
    else { return nil }
    guard let period = Period(start: start.value, end: end.value) else {
      report(.invalidValue, "'period' ends on \(end.value), before it starts on \(start.value)", at: fields["end"]!)
      return nil
    }
    guard period.dayCount <= Period.longestCycle else {
      report(
        .invalidValue,
        "'period' from \(start.value) to \(end.value) is \(period.dayCount) days long; a cycle may be at most \(Period.longestCycle) days",
        at: fields["end"]!)
      return nil
    }
    return period
  }

  mutating func decodeCadence(_ node: Node, allowed: [String] = cadenceKeys) -> Cadence {
    guard let fields = fields(of: node, "cadence", allowed: allowed) else { return Cadence() }
    var cadence = Cadence()
    cadence.sprintLength =
      parsed("sprint_length", in: fields, must: "be written Nd or Nw (like 2w or 10d)", DayCount.init)?.value
    if allowed.contains("first_sprint") {
      cadence.firstSprint = date("first_sprint", in: fields)
    }
    cadence.checkinDay = word("checkin_day", in: fields, as: Weekday.self)
    return cadence
  }

  private mutating func decodeObjective(_ node: Node) -> Objective? {
    guard let fields = fields(of: node, "objective", allowed: Self.objectiveKeys) else { return nil }
    let id = identifier(in: fields, of: "objective", like: "O1")
    let title = text("title", in: fields, required: true)
    let alignsTo = parsed(
      "aligns_to", in: fields, must: "name an objective as team/objective (like company/O1)",
      ObjectiveReference.init)
    var keyResults: [KeyResult] = []
    if let node = required("key_results", in: fields) {
      if let items = node.items {
        keyResults = items.compactMapExactly { decodeKeyResult($0) }
      } else {
        report(.wrongType, "'key_results' must be a sequence, not \(node.kindDescription)", at: node)
      }
    }
    guard let id else { return nil }
    return Objective(
      id: id, title: title ?? "", alignsTo: alignsTo, owner: text("owner", in: fields), keyResults: keyResults,
      location: location(node))
  }

  /// The required `id`, checked against ``Identifier``: an id outside the
  /// pattern is an error at its position, and is kept so later checks still
  /// see the objective or key result.
  private mutating func identifier(in fields: Fields, of what: String, like example: String) -> Located<String>? {
    guard let node = required("id", in: fields), let id = text(node, "id") else { return nil }
    if !Identifier.isValid(id) {
      report(
        .idFormat,
        "\(what) id '\(shown(id))' may use only ASCII letters, digits, '.', '_' and '-', like '\(example)'",
        at: node)
    }
    return Located(id, at: location(node))
  }

  private mutating func decodeKeyResult(_ node: Node) -> KeyResult? {
    guard let fields = fields(of: node, "key result", allowed: Self.keyResultKeys) else { return nil }
    let id = identifier(in: fields, of: "key result", like: "KR1")
    let title = text("title", in: fields, required: true)
    var kind: KeyResultKind? = .implicit
    if let node = optional("type", in: fields), let text = text(node, "type") {
      kind = KeyResultKind(rawValue: text)
      if kind == nil {
        let types = KeyResultKind.allCases.map(\.rawValue)
        report(
          .invalidValue,
          "'type' must be one of \(types.map { "'\($0)'" }.joined(separator: ", ")), not '\(shown(text))'"
            + Suggestion.hint(for: text, in: types), at: node)
      }
    }
    // With an unknown type, the rest is still read for its own problems.
    let measure = kind.flatMap { decodeMeasure($0, fields) }
    let typeName = kind?.rawValue
    // Keys that belong to another type are mistakes worth naming, not noise to ignore.
    let ownKeys = typeName.flatMap { Self.keysByType[$0] } ?? Set(Self.keysByType.values.joined())
    if let typeName {
      let foreignKeys = Set(Self.keysByType.values.joined()).subtracting(ownKeys)
      for key in foreignKeys.sorted() {
        if let keyNode = fields.keyNode(key) {
          report(.unknownKey, "key '\(shown(key))' does not apply to a \(typeName) key result", at: keyNode)
        }
      }
    }
    var weight = 1.0
    if let located = number("weight", in: fields) {
      if located.value > 0 {
        weight = located.value
      } else {
        report(
          .invalidValue, "'weight' must be greater than 0, not \(Format.number(located.value))", at: fields["weight"]!)
      }
    }
    var scoreOverride: ScoreOverride?
    if let located = number("score", in: fields) {
      if (0...1).contains(located.value) {
        scoreOverride = ScoreOverride(score: located.value, note: text("score_note", in: fields))
      } else {
        report(
          .invalidValue, "'score' must be between 0 and 1, not \(Format.number(located.value))", at: fields["score"]!)
      }
    } else if let keyNode = fields.keyNode("score_note"), fields["score"] == nil {
      report(.missingKey, "'score_note' explains a 'score' override, but there is no 'score'", at: keyNode)
    }
    let sprintGoals = (sequence("sprint_goals", in: fields)?.compactMapExactly { decodeSprintGoal($0) } ?? [])
    let commitment = word("commitment", in: fields, as: Commitment.self) ?? .aspirational
    let pace = word("pace", in: fields, as: Pace.self) ?? .linear
    let current = ownKeys.contains("current") ? number("current", in: fields)?.value : nil
    let source = ownKeys.contains("source") ? optional("source", in: fields).flatMap { decodeSource($0) } : nil
    var dropped: Dropped?
    if let node = optional("dropped", in: fields),
      let droppedFields = self.fields(of: node, "dropped", allowed: ["on", "note"]),
      let day = date("on", in: droppedFields, required: true)
    {
      dropped = Dropped(on: day.value, note: text("note", in: droppedFields))
    }
    guard let id else { return nil }
    return KeyResult(
      id: id, title: title ?? "", measure: measure ?? .invalid, unit: text("unit", in: fields), commitment: commitment,
      weight: weight,
      owner: text("owner", in: fields), current: current, pace: pace, sprintGoals: sprintGoals,
      scoreOverride: scoreOverride, changeNote: text("change_note", in: fields), dropped: dropped, source: source,
      location: location(node))
  }

  /// Reads a kind's parameters, each in its shape, then lets the kind build
  /// its measure; `nil` (the key result is invalid) when a required parameter
  /// is missing or wrong, or the kind finds them at odds, each reported.
  private mutating func decodeMeasure(_ kind: KeyResultKind, _ fields: Fields) -> Measure? {
    var values: [String: MeasureParameterValue] = [:]
    var isComplete = true
    for parameter in kind.measureType.parameters {
      let value = parameterValue(parameter, in: fields)
      values[parameter.key] = value
      if value == nil, parameter.isRequired { isComplete = false }
    }
    guard isComplete else { return nil }
    switch Measure.make(kind, MeasureParameterValues(values)) {
    case .success(let measure):
      return measure
    case .failure(let problem):
      report(.invalidValue, problem.message, at: fields[problem.key] ?? fields.node)
      return nil
    }
  }

  /// One parameter's value, read in its shape; `nil` when it is absent or wrong (reported).
  private mutating func parameterValue(_ parameter: MeasureParameter, in fields: Fields) -> MeasureParameterValue? {
    let key = parameter.key
    switch parameter.shape {
    case .number:
      return number(key, in: fields, required: parameter.isRequired).map { .number($0.value) }
    case .flag:
      return boolean(key, in: fields).map { .flag($0.value) }
    case .word(let words):
      return word(key, in: fields, oneOf: words, required: parameter.isRequired).map { .word($0) }
    case .milestoneList:
      guard let node = parameter.isRequired ? required(key, in: fields) : optional(key, in: fields) else { return nil }
      guard let items = node.items, !items.isEmpty else {
        report(.wrongType, "'\(key)' must be a non-empty sequence, not \(node.kindDescription)", at: node)
        return nil
      }
      let milestones = items.compactMapExactly { decodeMilestone($0) }
      return milestones.count == items.count ? .milestoneList(milestones) : nil
    }
  }

  private mutating func decodeMilestone(_ node: Node) -> Milestone? {
    guard let fields = fields(of: node, "milestone", allowed: Self.milestoneKeys) else { return nil }
    let title = text("title", in: fields, required: true)
    var weight = 1.0
    if let located = number("weight", in: fields) {
      if located.value > 0 {
        weight = located.value
      } else {
        report(
          .invalidValue, "'weight' must be greater than 0, not \(Format.number(located.value))", at: fields["weight"]!)
      }
    }
    let done = boolean("done", in: fields)?.value ?? false
    return title.map { Milestone(title: $0, weight: weight, done: done) }
  }

  private mutating func decodeSprintGoal(_ node: Node) -> SprintGoal? {
    guard let fields = fields(of: node, "sprint goal", allowed: Self.sprintGoalKeys) else { return nil }
    let sprint = sprintNumber(required("sprint", in: fields))
    let microGoals =
      (sequence("micro_goals", in: fields)?.compactMapExactly { decodeMicroGoal($0, topLevel: false) } ?? [])
    let goal = text("goal", in: fields)
    let checkpoint = number("checkpoint", in: fields)?.value
    guard let sprint else { return nil }
    return SprintGoal(
      sprint: sprint, goal: goal, checkpoint: checkpoint, microGoals: microGoals, location: location(node))
  }

  private mutating func sprintNumber(_ node: Node?) -> Located<Int>? {
    guard let node, let number = integer(node, "sprint") else { return nil }
    guard number >= 1 else {
      report(.invalidValue, "'sprint' counts from 1, not \(number)", at: node)
      return nil
    }
    return Located(number, at: location(node))
  }

  private mutating func decodeMicroGoal(_ node: Node, topLevel: Bool) -> MicroGoal? {
    let allowed = topLevel ? Self.topLevelMicroGoalKeys : Self.microGoalKeys
    let errorsBefore = diagnostics.count
    guard let fields = fields(of: node, "micro-goal", allowed: allowed) else { return nil }
    let title = text("title", in: fields, required: true)
    let estimate = parsed("estimate", in: fields, must: "be a duration like 90m, 1.5h or 2h", Effort.init)
    let keyResult = parsed(
      "kr", in: fields, must: "name a key result as objective/key-result (like O1/KR2)", KeyResultReference.init)
    let sprint = sprintNumber(optional("sprint", in: fields))
    let status = word("status", in: fields, as: MicroGoalStatus.self) ?? .todo
    let due = date("due", in: fields)
    // A micro-goal with an error is left out of the model: its error is
    // reported, and SMART warnings about a half-read micro-goal would only
    // repeat it ("no due date" for a due date that does not exist).
    guard diagnostics.count == errorsBefore else { return nil }
    return MicroGoal(
      title: title ?? "", keyResult: keyResult, sprint: sprint, owner: text("owner", in: fields),
      due: due, estimate: estimate, doneWhen: text("done_when", in: fields), status: status,
      location: location(node))
  }
}
