import OKRCore
import YAMLKit

/// Decodes check-in documents and okr.yaml.
extension FileDecoder {
  static let checkinKeys = ["team", "quarter", "week", "date", "by", "import", "key_results"]
  static let checkinEntryKeys = ["value", "done", "milestones_done", "confidence", "note", "blockers"]
  static let configKeys = ["organization", "cadence", "alerts", "scoring"]
  static let configCadenceKeys = ["sprint_length", "checkin_day"]
  static let alertKeys = ["rule", "threshold", "action"]
  static let scoringKeys = ["yellow_from", "green_from"]

  mutating func decodeCheckin(_ root: Node) -> Checkin? {
    guard let fields = fields(of: root, "check-in", allowed: Self.checkinKeys) else { return nil }
    let team = required("team", in: fields).flatMap { node in text(node, "team").map { Located($0, at: location(node)) }
    }
    let cycle = required("quarter", in: fields).flatMap { node in
      text(node, "quarter").map { Located($0, at: location(node)) }
    }
    let week = required("week", in: fields).flatMap { node in
      parsed(node, "week", must: "be an ISO week written YYYY-Www (like 2026-W03) that exists", ISOWeek.init)
    }
    let date = date("date", in: fields)
    var entries: [CheckinEntry] = []
    if let node = required("key_results", in: fields) {
      if let pairs = node.pairs {
        entries = pairs.compactMapExactly { decodeCheckinEntry($0) }
      } else {
        report(
          .wrongType,
          "'key_results' must be a mapping from key result (like O1/KR1) to values, not \(node.kindDescription)",
          at: node)
      }
    }
    guard let team, let cycle, let week else { return nil }
    return Checkin(
      team: team, cycle: cycle, week: week, date: date, by: text("by", in: fields),
      importID: text("import", in: fields), entries: entries, location: location(root))
  }

  private mutating func decodeCheckinEntry(_ pair: Node.Pair) -> CheckinEntry? {
    let key = pair.key.scalarText ?? ""
    guard let reference = KeyResultReference(key) else {
      report(
        .invalidValue, "check-in key '\(shown(key))' must name a key result as objective/key-result (like O1/KR1)",
        at: pair.key)
      return nil
    }
    guard let fields = fields(of: pair.value, "check-in for", naming: key, allowed: Self.checkinEntryKeys) else {
      return nil
    }
    var confidence: Located<Confidence>?
    if let node = optional("confidence", in: fields) {
      confidence = decodeConfidence(node).map { Located($0, at: location(node)) }
    }
    let milestones = sequence("milestones_done", in: fields).map { items in
      items.compactMapExactly { node in text(node, "milestones_done").map { Located($0, at: location(node)) } }
    }
    return CheckinEntry(
      keyResult: Located(reference, at: location(pair.key)), value: number("value", in: fields),
      done: boolean("done", in: fields), milestonesDone: milestones, confidence: confidence,
      note: text("note", in: fields), blockers: texts("blockers", in: fields) ?? [], location: location(pair.key))
  }

  /// A confidence as a file may write it: a level 0 to 10, or a colour word.
  ///
  /// The one definition of what is taken; anything else is a problem the
  /// node decoder reports.
  static func confidence(_ value: ScalarValue?) -> Confidence? {
    switch value {
    case .int(let level)?: return Confidence(level: level)
    // 7.0 is the whole number 7, as JSON Schema (and so the editor) sees it.
    case .float(let level)? where level == level.rounded() && abs(level) <= 10: return Confidence(level: Int(level))
    case .string(let word)?: return Confidence.Band(rawValue: word).map(Confidence.init)
    default: return nil
    }
  }

  private mutating func decodeConfidence(_ node: Node) -> Confidence? {
    let value = node.resolvedScalar
    if let confidence = Self.confidence(value) { return confidence }
    switch value {
    case .int(let level)?:
      report(.invalidValue, "'confidence' must be from 0 to 10, not \(level)", at: node)
    case .string(let word)?:
      if let level = Int(word), node.scalarStyle != .plain {
        // confidence: "7" is a number written as a string: say that, not just what is allowed.
        report(
          .wrongType,
          "'confidence' must be a number, not the string '\(shown(word))'; remove the quotes"
            + (Confidence(level: level) == nil ? " (and use 0 to 10)" : ""), at: node)
        return nil
      }
      report(
        .invalidValue,
        "'confidence' must be 0 to 10 or 'green', 'yellow', 'red', not '\(shown(word))'"
          + Suggestion.hint(for: word, in: Confidence.Band.allCases.map(\.rawValue).reversed()), at: node)
    default:
      report(
        .invalidValue,
        "'confidence' must be a whole number from 0 to 10 or 'green', 'yellow', 'red', not \(describe(node))", at: node)
    }
    return nil
  }

  mutating func decodeConfig(_ root: Node) -> RepositoryConfig {
    var config = RepositoryConfig(location: location(root))
    // An empty okr.yaml is a valid way to mark a repository's root.
    if root.resolvedScalar == .null { return config }
    guard let fields = fields(of: root, "okr.yaml", allowed: Self.configKeys) else { return config }
    config.organization = text("organization", in: fields)
    if let node = optional("cadence", in: fields) {
      // A first sprint is a date in one cycle: only quarter files may set it.
      config.cadence = decodeCadence(node, allowed: Self.configCadenceKeys)
    }
    config.alerts = (sequence("alerts", in: fields)?.compactMap { decodeAlertRule($0) } ?? [])
    if let node = optional("scoring", in: fields),
      let scoring = self.fields(of: node, "scoring", allowed: Self.scoringKeys)
    {
      let yellow = number("yellow_from", in: scoring)
      let green = number("green_from", in: scoring)
      let grading = Grading(yellowFrom: yellow?.value, greenFrom: green?.value)
      if (0...1).contains(grading.yellowFrom), (0...1).contains(grading.greenFrom),
        grading.yellowFrom < grading.greenFrom
      {
        config.grading = grading
      } else {
        report(.invalidValue, "'scoring' needs 0 <= yellow_from < green_from <= 1", at: node)
      }
    }
    return config
  }

  private mutating func decodeAlertRule(_ node: Node) -> AlertRule? {
    guard let fields = fields(of: node, "alert rule", allowed: Self.alertKeys) else { return nil }
    guard let kind = word("rule", in: fields, as: AlertKind.self, required: true) else { return nil }
    let threshold = number("threshold", in: fields)
    let value = threshold?.value ?? kind.defaultThreshold
    if let threshold, [.staleCheckin, .staleKeyResult].contains(kind), threshold.value != threshold.value.rounded() {
      report(
        .invalidValue, "'threshold' of \(kind.rawValue) counts whole weeks, not \(Format.number(threshold.value))",
        at: fields["threshold"]!)
      return nil
    }
    if let threshold, !kind.thresholdRange.contains(threshold.value) {
      report(
        .invalidValue,
        "'threshold' of \(kind.rawValue) must be from \(Format.number(kind.thresholdRange.lowerBound)) to \(Format.number(kind.thresholdRange.upperBound)), not \(Format.number(threshold.value))",
        at: fields["threshold"]!)
      return nil
    }
    return AlertRule(kind: kind, threshold: value, action: text("action", in: fields), location: location(node))
  }
}
