import OKRCore
import YAMLKit

/// Walks one file's YAML nodes into domain values, collecting a diagnostic at
/// the node's position for every problem instead of stopping at the first.
///
/// Each accessor reports what is wrong with a value and returns `nil`, so a
/// decoder can go on and find the next problem; a missing optional key is not
/// a problem and returns `nil` silently.
struct FileDecoder {
  /// The path diagnostics name.
  let path: String
  /// The start of the file: every location in it shares its path.
  private let origin: SourceLocation
  /// Everything listed so far; see ``finishedDiagnostics`` for the whole file's.
  private(set) var diagnostics: [Diagnostic] = []
  /// At most so many of each rule are listed; the rest are counted.
  private var limit = DiagnosticLimit()

  /// The file's diagnostics: those listed, and a summary per rule that had too many.
  var finishedDiagnostics: [Diagnostic] { diagnostics + limit.summaries }

  init(path: String) {
    self.path = path
    self.origin = SourceLocation(path: path, line: 1, column: 1)
  }

  func location(_ mark: Mark) -> SourceLocation {
    origin.at(line: mark.line, column: mark.column)
  }

  func location(_ node: Node) -> SourceLocation { location(node.mark) }

  /// Reports a problem at a node; past the rule's limit it is only counted.
  mutating func report(_ rule: Rule, _ message: String, at node: Node) {
    add(Diagnostic(rule.severity, message, rule: rule, at: location(node)))
  }

  /// Lists a diagnostic, unless its rule has had its fill in this file.
  mutating func add(_ diagnostic: Diagnostic) {
    if limit.admit(diagnostic) { diagnostics.append(diagnostic) }
  }

  // MARK: Mappings

  /// A mapping's entries by key, after checking that every key is known.
  struct Fields {
    /// The mapping node.
    let node: Node
    /// What the mapping is, for messages (`key result`); built only when a message needs it.
    var what: String { name.map { "\(kind) '\(shown($0))'" } ?? kind }
    /// The kind of mapping (`key result`, `check-in for`).
    let kind: String
    /// What `kind` is about, if anything (`O1/KR1` in `check-in for 'O1/KR1'`).
    let name: String?
    /// The keys the mapping's type defines.
    let allowed: [String]
    /// The mapping's entries.
    let pairs: Node.Pairs
    /// For each allowed key, the position of its entry in `pairs`, or -1.
    ///
    /// Keys are matched once, byte by byte, when the fields are made; looking
    /// a field up then compares short literal strings, never the file's text.
    let positions: [Int]
    /// Keys the mapping has that its type does not define, as far as they were listed.
    let unknownKeys: [String]

    subscript(key: String) -> Node? { entry(key)?.value }

    func keyNode(_ key: String) -> Node? { entry(key)?.key }

    private func entry(_ key: String) -> Node.Pair? {
      // Lengths first: `==` on two different strings takes the slow path that
      // checks canonical equivalence, and most allowed keys differ in length.
      let length = key.utf8.count
      guard let slot = allowed.firstIndex(where: { $0.utf8.count == length && $0 == key }), positions[slot] >= 0
      else { return nil }
      return pairs[positions[slot]]
    }
  }

  /// Checks that `node` is a mapping whose keys are all in `allowed`, reporting
  /// each unknown key with the closest known one as a suggestion.
  ///
  /// - Parameters:
  ///   - node: The node that should be a mapping.
  ///   - kind: What the mapping is, for messages (`key result`).
  ///   - name: What `kind` is about, quoted after it in messages (`check-in for 'O1/KR1'`).
  ///   - allowed: The keys the mapping's type defines.
  mutating func fields(of node: Node, _ kind: String, naming name: String? = nil, allowed: [String]) -> Fields? {
    guard let pairs = node.pairs else {
      let what = name.map { "\(kind) '\(shown($0))'" } ?? kind
      report(.wrongType, "\(what) must be a mapping, not \(node.kindDescription)", at: node)
      return nil
    }
    var positions = [Int](repeating: -1, count: allowed.count)
    var unknownKeys: [String] = []
    for (position, pair) in pairs.enumerated() {
      if let slot = pair.key.position(in: allowed) {
        // A duplicate key was reported by the parser and left out of the mapping.
        if positions[slot] < 0 { positions[slot] = position }
      } else if limit.admits(.unknownKey) {
        let key = pair.key.scalarText ?? ""
        let what = name.map { "\(kind) '\(shown($0))'" } ?? kind
        unknownKeys.append(key)
        report(
          .unknownKey, "unknown key '\(shown(key))' in \(what)\(Suggestion.hint(for: key, in: allowed))", at: pair.key)
      } else {
        // Past the limit an unknown key is only counted: no text, no "did you mean".
        _ = limit.count(.unknownKey, at: location(pair.key))
      }
    }
    return Fields(
      node: node, kind: kind, name: name, allowed: allowed, pairs: pairs, positions: positions,
      unknownKeys: unknownKeys)
  }

  /// The value of a required key, or a `missing-key` diagnostic at the mapping.
  mutating func required(_ key: String, in fields: Fields) -> Node? {
    if let value = fields[key], !value.isNull { return value }
    if let keyNode = fields.keyNode(key) {
      report(.missingKey, "'\(shown(key))' in \(fields.what) needs a value", at: keyNode)
    } else if fields.unknownKeys.contains(where: { Suggestion.closest(to: $0, in: [key]) != nil }) {
      // A misspelt key was already reported with this key as its suggestion.
    } else {
      report(.missingKey, "\(fields.what) is missing required key '\(shown(key))'", at: fields.node)
    }
    return nil
  }

  /// The value of an optional key, treating an explicit null as absent.
  func optional(_ key: String, in fields: Fields) -> Node? {
    guard let value = fields[key], !value.isNull else { return nil }
    return value
  }

  // MARK: Scalars

  /// Text: any scalar's text.
  ///
  /// `title: 2026` is a fine title. Booleans and numbers are kept as written
  /// (`no` stays "no", not false).
  mutating func text(_ node: Node, _ key: String) -> String? {
    guard let text = node.scalarText else {
      report(.wrongType, "'\(shown(key))' must be a string, not \(node.kindDescription)", at: node)
      return nil
    }
    return text
  }

  mutating func text(_ key: String, in fields: Fields, required isRequired: Bool = false) -> String? {
    guard let node = isRequired ? required(key, in: fields) : optional(key, in: fields) else { return nil }
    return text(node, key)
  }

  /// The most significant digits a number may have: a double keeps every
  /// decimal of 15 significant digits exactly (DBL_DIG), so two numbers a file
  /// holds are equal exactly when their doubles are, and messages show them
  /// as written.
  static let mostSignificantDigits = CheckinNumber.mostSignificantDigits

  /// A number.
  ///
  /// Quoted numbers are strings, and a string is an error, never zero. A
  /// number a double cannot keep exactly is an error too: with 41 digits, two
  /// different numbers would be one double, and a message would print neither.
  mutating func number(_ node: Node, _ key: String) -> Double? {
    let reading = Self.number(
      node.resolvedScalar, significantDigits: { node.withScalarBytes(Self.significantDigits) ?? nil })
    switch reading {
    case .success(let value):
      return value
    case .failure(.tooManyDigits(let digits)):
      reportTooManyDigits(digits, node, key)
    case .failure(.tooCloseToZero):
      report(
        .invalidValue,
        "'\(shown(key))' '\(shown(node.scalarText ?? ""))' is too close to zero to be kept exactly; okr keeps numbers from 2.2250738585072014e-308 in size",
        at: node)
    case .failure(.notFinite):
      report(.invalidValue, "'\(shown(key))' must be a finite number, not '\(node.scalarText ?? "")'", at: node)
    case .failure(.string(let text)):
      report(.wrongType, "'\(shown(key))' must be a number, not the string '\(shown(text))'", at: node)
    case .failure(.notAScalarNumber):
      report(.wrongType, "'\(shown(key))' must be a number, not \(node.kindDescription)", at: node)
    }
    return nil
  }

  /// Why a value is not a number okr keeps.
  enum NumberProblem: Error {
    /// More significant digits than a double keeps exactly (`nil`: hexadecimal or octal, too large for an `Int`).
    case tooManyDigits(Int?)
    /// Nonzero but below the smallest normal double.
    case tooCloseToZero
    /// Infinity or not a number.
    case notFinite
    /// A string (a quoted number is one).
    case string(String)
    /// Null, a boolean or a collection.
    case notAScalarNumber
  }

  /// What a resolved scalar says as a number: the one definition of which
  /// numbers okr takes, for the node decoder and the event decoder alike.
  ///
  /// - Parameters:
  ///   - value: The scalar's resolved value; `nil` for a collection.
  ///   - significantDigits: The digits as written, asked only of floats (see ``significantDigits(_:)``).
  static func number(_ value: ScalarValue?, significantDigits: () -> Int?) -> Result<Double, NumberProblem> {
    switch value {
    case .int(let value)?:
      let digits = Self.significantDigits(of: value)
      guard digits <= Self.mostSignificantDigits else { return .failure(.tooManyDigits(digits)) }
      return .success(Double(value))
    case .float(let value)? where value.isFinite:
      // Hexadecimal and octal too large for an Int resolve to floats; they have well over 15 digits.
      let digits = significantDigits()
      guard let digits, digits <= Self.mostSignificantDigits else { return .failure(.tooManyDigits(digits)) }
      guard value == 0 || abs(value) >= Double.leastNormalMagnitude else { return .failure(.tooCloseToZero) }
      return .success(value)
    case .float?:
      return .failure(.notFinite)
    case .string(let text)?:
      return .failure(.string(text))
    default:
      return .failure(.notAScalarNumber)
    }
  }

  /// Reports a number of more significant digits than a double keeps (`nil`: too many to count).
  private mutating func reportTooManyDigits(_ digits: Int?, _ node: Node, _ key: String) {
    let count = digits.map { "\($0)" } ?? "more than \(Self.mostSignificantDigits)"
    report(
      .invalidValue,
      "'\(shown(key))' '\(shown(node.scalarText ?? ""))' has \(count) significant digits; okr keeps numbers exactly up to \(Self.mostSignificantDigits), so round it",
      at: node)
  }

  /// The significant digits of a decimal number as written: ``CheckinNumber``'s count, the one rule.
  static func significantDigits(_ text: String) -> Int? { CheckinNumber.significantDigits(text) }

  /// ``significantDigits(_:)`` of a number's UTF-8 bytes, in one pass.
  @inline(__always)
  static func significantDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? { CheckinNumber.significantDigits(bytes) }

  /// The significant digits of a whole number.
  static func significantDigits(of value: Int) -> Int { CheckinNumber.significantDigits(of: value) }

  mutating func number(_ key: String, in fields: Fields, required isRequired: Bool = false) -> Located<Double>? {
    guard let node = isRequired ? required(key, in: fields) : optional(key, in: fields) else { return nil }
    return number(node, key).map { Located($0, at: location(node)) }
  }

  mutating func integer(_ node: Node, _ key: String) -> Int? {
    switch node.resolvedScalar {
    case .int(let value)?:
      return value
    case .string(let text)?:
      report(.wrongType, "'\(shown(key))' must be a whole number, not the string '\(shown(text))'", at: node)
    case .float?:
      report(
        .wrongType, "'\(shown(key))' must be a whole number of reasonable size, not '\(shown(node.scalarText ?? ""))'",
        at: node)
    default:
      report(.wrongType, "'\(shown(key))' must be a whole number, not \(node.kindDescription)", at: node)
    }
    return nil
  }

  /// A boolean: `true` or `false` only.
  ///
  /// YAML 1.1's `yes`/`no`/`on`/`off` are strings in YAML 1.2, and accepting
  /// them would make `no` mean false.
  mutating func boolean(_ key: String, in fields: Fields) -> Located<Bool>? {
    guard let node = optional(key, in: fields) else { return nil }
    if case .bool(let value)? = node.resolvedScalar { return Located(value, at: location(node)) }
    report(.wrongType, "'\(shown(key))' must be true or false, not \(describe(node))", at: node)
    return nil
  }

  /// One of a fixed set of words (an enum's raw values).
  mutating func word<Value: RawRepresentable & CaseIterable>(
    _ key: String, in fields: Fields, as type: Value.Type, required isRequired: Bool = false
  ) -> Value? where Value.RawValue == String {
    word(key, in: fields, oneOf: Value.allCases.map(\.rawValue), required: isRequired).flatMap(Value.init(rawValue:))
  }

  /// One of `words`, or an `invalid-value` diagnostic that lists them.
  mutating func word(_ key: String, in fields: Fields, oneOf words: [String], required isRequired: Bool = false)
    -> String?
  {
    guard let node = isRequired ? required(key, in: fields) : optional(key, in: fields), let text = text(node, key)
    else { return nil }
    if words.contains(text) { return text }
    report(
      .invalidValue,
      "'\(shown(key))' must be one of \(words.map { "'\($0)'" }.joined(separator: ", ")), not '\(shown(text))'"
        + Suggestion.hint(for: text, in: words), at: node)
    return nil
  }

  /// A scalar that `parse` understands, or an `invalid-value` diagnostic at
  /// the node saying what the key must do: `'kr' must name a key result as …, not 'x'`.
  mutating func parsed<Value: Sendable>(
    _ node: Node, _ key: String, must requirement: String, _ parse: (String) -> Value?
  ) -> Located<Value>? {
    guard let text = text(node, key) else { return nil }
    guard let value = parse(text) else {
      report(.invalidValue, "'\(shown(key))' must \(requirement), not '\(shown(text))'", at: node)
      return nil
    }
    return Located(value, at: location(node))
  }

  /// An optional key's scalar that `parse` understands; see ``parsed(_:_:must:_:)``.
  mutating func parsed<Value: Sendable>(
    _ key: String, in fields: Fields, must requirement: String, _ parse: (String) -> Value?
  ) -> Located<Value>? {
    guard let node = optional(key, in: fields) else { return nil }
    return parsed(node, key, must: requirement, parse)
  }

  mutating func date(_ node: Node, _ key: String) -> Located<CalendarDate>? {
    parsed(node, key, must: "be a date written YYYY-MM-DD that exists", CalendarDate.init)
  }

  mutating func date(_ key: String, in fields: Fields, required isRequired: Bool = false) -> Located<CalendarDate>? {
    guard let node = isRequired ? required(key, in: fields) : optional(key, in: fields) else { return nil }
    return date(node, key)
  }

  /// A sequence's items; a lone scalar is not silently taken as a list of one.
  mutating func sequence(_ key: String, in fields: Fields) -> Node.Items? {
    guard let node = optional(key, in: fields) else { return nil }
    guard let items = node.items else {
      report(.wrongType, "'\(shown(key))' must be a sequence, not \(node.kindDescription)", at: node)
      return nil
    }
    return items
  }

  /// A list of strings.
  mutating func texts(_ key: String, in fields: Fields) -> [String]? {
    sequence(key, in: fields)?.compactMapExactly { text($0, key) }
  }

  /// How a value reads in a message: `the string 'yes'`, `a mapping`.
  func describe(_ node: Node) -> String {
    if case .string(let text)? = node.resolvedScalar { return "the string '\(shown(text))'" }
    if let text = node.scalarText { return "'\(shown(text))'" }
    return node.kindDescription
  }
}

extension Collection {
  /// `compactMap` into an array with room for every element and no more.
  ///
  /// The decoded model is kept for a whole run, and a list grown one append
  /// at a time keeps up to half its capacity unused: a check-in's 25 entries
  /// would hold room for 32. Decoders keep all or nearly all of a list's items.
  func compactMapExactly<Transformed>(_ transform: (Element) throws -> Transformed?) rethrows -> [Transformed] {
    var result: [Transformed] = []
    result.reserveCapacity(count)
    for element in self {
      if let transformed = try transform(element) { result.append(transformed) }
    }
    return result
  }
}

/// A file's text as messages show it: control characters escaped, long values cut.
func shown(_ value: some CustomStringConvertible) -> String {
  DisplayText.shown(value)
}
