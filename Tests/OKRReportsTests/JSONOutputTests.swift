import Foundation
import OKRCore
import OKRFiles
import TestSupport
import Testing

@_spi(Fuzzing) @testable import OKRReports

/// okr's JSON writer spells every value exactly as Foundation's `JSONEncoder`
/// does with okr's options, which stays the reference here and nowhere else.
@Suite struct JSONOutputTests {
  // MARK: Real reports

  /// Every report okr writes as JSON, from every fixture repository that loads, on several days.
  @Test(arguments: ["examples/acme", "Tests/Fixtures/hostileStrings", "Tests/Fixtures/scoreAgileGuideExample"])
  func everyReportOfARealRepositoryIsFoundationsBytes(_ fixture: String) throws {
    let repository = RepositoryLoader().load(root: PackagePaths.path(fixture)).repository
    #expect(!repository.cycleLabels.isEmpty)
    for label in repository.cycleLabels {
      let cycle = try #require(repository.teamQuarters.first { $0.cycle.label == label }?.cycle)
      let period = cycle.period
      let middle = period.start.adding(days: period.start.days(to: period.end) / 2)
      for day in [period.start, middle, period.end, period.end.adding(days: 30)] {
        let history = CheckinHistory(repository, cycle: label)
        let card = try #require(ScoreCard(repository: repository, cycle: label, asOf: day, history: history))
        let organization = repository.config.organization
        expectFoundationsBytes(ScoreReport(card, organization: organization), "\(fixture) score \(day)")
        let alerts = AlertEvaluator(config: repository.config).evaluate(
          repository: repository, card: card, history: history)
        let status = StatusReport(card: card, history: history, alerts: alerts, organization: organization)
        expectFoundationsBytes(status, "\(fixture) status \(day)")
        expectFoundationsBytes(AlertsReport(status), "\(fixture) alerts \(day)")
        expectFoundationsBytes(CheckinPromptsReport(status), "\(fixture) checkin \(day)")
        let history2 = HistoryReport(
          card: card, history: history, changes: nil, keyResult: nil, organization: organization)
        expectFoundationsBytes(history2, "\(fixture) history \(day)")
        let plans = repository.teamQuarters.filter { $0.cycle == cycle }.map { TeamPlan($0, in: repository) }
        let plan = PlanReport(plans: plans, cycle: cycle, asOf: day, sprint: nil, organization: organization)
        expectFoundationsBytes(plan, "\(fixture) plan \(day)")
        let diff = DiffReport(changes: [], old: repository, new: repository, from: "a", to: "b", asOf: day)
        expectFoundationsBytes(diff, "\(fixture) diff \(day)")
      }
      let tree = TreeReport(AlignmentTree(repository: repository, cycle: label), organization: nil)
      expectFoundationsBytes(tree, "\(fixture) tree \(label)")
    }
    let quarters = repository.cycleLabels.compactMap(Quarter.init)
    if let last = repository.teamQuarters.map(\.cycle.period.end).max() {
      let trend = TrendReport(repository: repository, quarters: quarters, asOf: last, teams: [])
      expectFoundationsBytes(trend, "\(fixture) trend")
    }
  }

  /// Lint's JSON and SARIF on the fixtures written to be wrong, and the JSON schemas.
  @Test func lintOutputAndSchemasAreFoundationsBytes() throws {
    let fixtures = [
      "lintTenMistakes", "lintWarnings", "lintYAMLProblems", "lintCheckinMistakes", "lintConfigMistakes",
      "hostileStrings",
    ]
    var diagnostics = 0
    for name in fixtures {
      let root = PackagePaths.fixture(name)
      let result = Linter().lint(paths: [], repository: root, workingDirectory: root)
      let report = LintReport(diagnostics: result.diagnostics, fileCount: result.fileCount)
      diagnostics += report.diagnostics.count
      expectFoundationsBytes(DiagnosticJSONRenderer().document(report), "\(name) lint json")
      expectFoundationsBytes(DiagnosticSARIFRenderer(toolVersion: "1.2.3").log(report), "\(name) sarif")
    }
    #expect(diagnostics > 20)
    for schema in OKRSchema.allCases {
      expectFoundationsBytes(schema.document, "schema \(schema)")
    }
  }

  // MARK: Hostile values

  @Test func everyControlCharacterQuoteSlashAndScalarIsEscapedAsFoundationDoes() {
    let controls = (0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) }
    let others = [
      "", "\"", "\\", "/", "a/b", "</script>", "\\\"", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}",
      "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{200B}", "\u{202E}", "e\u{301}", "\u{E9}", "👩‍👩‍👧", "🇺🇸", "𝒜",
      "\u{FFFD}", "\u{10FFFF}", "tab\tnew\nline\r\u{0}nul", String(repeating: "long \"quoted\" text/ ", count: 50),
    ]
    expectFoundationsBytes(controls + others, "strings")
    // "e\u{301}" and "\u{E9}" are one key to a dictionary: the first spelling stays.
    expectFoundationsBytes(
      Dictionary((controls + others).map { ($0, $0) }, uniquingKeysWith: { first, _ in first }), "keys")
    for text in controls + others { expectFoundationsBytes(text, "top-level \(text.debugDescription)") }
  }

  /// Keys whose order differs by UTF-16 code units, UTF-8 bytes, normalized scalars (Swift's `<`),
  /// case, digits and length: "e\u{301}" sorts before "f" by its bytes, after it by Swift's `<`.
  @Test func keysSortByTheirUTF8BytesAsFoundationSortsThem() {
    let keys = [
      "b", "B", "a", "A", "_", "~", "a10", "a2", "a1", "aa", "Z", "z", "\u{E000}", "\u{FF21}", "𝒜", "\u{1F600}",
      "e\u{301}", "\u{C9}", "\u{212B}", "f", "\u{7F}", "\u{80}", "ß", "ss", "İ", "i", "\u{2028}", "key with space", "",
    ]
    let dictionary = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    expectFoundationsBytes(dictionary, "keys")
    expectFoundationsBytes([dictionary, [:], ["only": 1]], "nested keys")
    // Objects whose keys are equal as Swift strings but not as bytes, one after the other.
    let twins = [
      OrderedKeys(["\u{E9}", "f"]), OrderedKeys(["e\u{301}", "f"]), OrderedKeys(["K", "Z"]),
      OrderedKeys(["\u{212A}", "Z"]), OrderedKeys(["K", "Z"]),
    ]
    expectFoundationsBytes(twins, "canonically equal keys")
  }

  @Test func numbersAreSpelledAsFoundationSpellsThem() {
    let doubles: [Double] = [
      0, -0.0, 1, -1, 0.5, 100, 1e-7, 1e-5, 1e15, 1e16, 1e21, 1e22, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, .pi, -.pi,
      123_456_789.125, 9_007_199_254_740_992, 9_007_199_254_740_994, .greatestFiniteMagnitude,
      -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, .ulpOfOne, .infinity, -.infinity,
      .nan, -.nan, 12.0, 1.5e300, 4.35, 0.000001, 0.0001,
    ]
    expectFoundationsBytes(doubles, "doubles")
    for double in doubles {
      expectFoundationsBytes(double, "top-level \(double)")
      expectFoundationsBytes(["value": double], "member \(double)")
      expectFoundationsBytes(Optional(double), "optional \(double)")
    }
    let floats: [Float] = [0, -0.0, 1, 0.1, 1.0 / 3, 1e-7, 1e21, .greatestFiniteMagnitude, .infinity, -.infinity, .nan]
    expectFoundationsBytes(floats, "floats")
    expectFoundationsBytes(Integers(), "integers")
    expectFoundationsBytes([Int.min, Int.max, 0, -1], "ints")
    expectFoundationsBytes([UInt8.max], "bytes")
    expectFoundationsBytes(Decimal(string: "3.14159265358979323846")!, "decimal")
    expectFoundationsBytes(["price": Decimal(string: "-0.001")!], "decimal member")
  }

  @Test func emptyContainersNullsAndMissingValuesAreFoundations() {
    expectFoundationsBytes(Shapes(), "shapes")
    expectFoundationsBytes([Int](), "top-level empty array")
    expectFoundationsBytes([String: Int](), "top-level empty object")
    expectFoundationsBytes([[[Int]]](), "empty nested")
    let nested: [[[Int]]] = [[[]], [[], [1]]]
    expectFoundationsBytes(nested, "nested empties")
    expectFoundationsBytes(true, "top-level bool")
    expectFoundationsBytes(Optional<Int>.none, "top-level null")
    expectFoundationsBytes(Deep(levels: 30), "deeper than any indentation table")
    // Foundation refuses a top-level value that encodes nothing; so does okr, with `null`.
    #expect(JSONOutput.encode(Nothing()) == "null\n")
    #expect(JSONOutput.foundationEncode(Nothing()) == "null\n")
  }

  /// Random trees of objects, arrays and scalars built from the hostile pieces above.
  @Test func randomTreesAreFoundationsBytes() {
    var generator = SeededGenerator(seed: 20_260_930)
    for _ in 0..<300 {
      let value = RandomJSON.make(depth: 4, using: &generator)
      expectFoundationsBytes(value, "random \(value)")
    }
  }

  /// Shapes the writer does not write itself are left to Foundation, whole.
  @Test func shapesTheWriterLeavesAloneAreWrittenByFoundation() {
    let cases: [(String, any Encodable)] = [
      ("nested container", NestedContainers()), ("key twice", KeyTwice()), ("super encoder", SuperEncoding()),
      ("equivalent keys", EquivalentKeys()), ("keyed after single", KeyedAfterSingle()),
    ]
    for (name, value) in cases {
      #expect(SortedJSONWriter.encode(value) == nil, "\(name)")
      #expect(JSONOutput.encode(value) == JSONOutput.foundationEncode(value), "\(name)")
    }
  }

  // MARK: Helpers

  /// The writer's bytes, serial and concurrent, equal Foundation's; and it did not give up.
  private func expectFoundationsBytes(
    _ value: some Encodable, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let oracle = JSONOutput.foundationEncode(value)
    for concurrently in [true, false] {
      guard let text = SortedJSONWriter.encode(value, concurrently: concurrently) else {
        Issue.record("\(label): the writer gave up", sourceLocation: sourceLocation)
        return
      }
      if text != oracle {
        let common = zip(text.utf8, oracle.utf8).prefix { $0 == $1 }.count
        let context = { (full: String) in
          String(decoding: Array(full.utf8).dropFirst(max(0, common - 80)).prefix(160), as: UTF8.self)
        }
        Issue.record(
          "\(label) (concurrently: \(concurrently)) differs at byte \(common):\nwriter:  \(context(text).debugDescription)\nFoundation: \(context(oracle).debugDescription)",
          sourceLocation: sourceLocation)
      }
    }
    #expect(JSONOutput.encode(value) == oracle, "\(label)", sourceLocation: sourceLocation)
  }
}

// MARK: - Values

private struct Integers: Encodable {
  var int = Int.min
  var intMax = Int.max
  var int8 = Int8.min
  var int16 = Int16.max
  var int32 = Int32.min
  var int64 = Int64.max
  var uint = UInt.max
  var uint8 = UInt8.max
  var uint16 = UInt16.max
  var uint32 = UInt32.max
  var uint64 = UInt64.max
  var zero = 0
  var negative = -42
}

private struct Nothing: Encodable {
  func encode(to encoder: any Encoder) throws {}
}

private struct ExplicitNull: Encodable {
  enum CodingKeys: String, CodingKey { case value, other }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeNil(forKey: .value)
    try container.encode(Optional<Int>.none, forKey: .other)
  }
}

private struct Shapes: Encodable {
  var emptyArray: [Int] = []
  var emptyObject: [String: Int] = [:]
  var emptyStrings: [String] = []
  var emptyNested: [[String: [Int]]] = [[:], ["a": []]]
  var nothing = Nothing()
  var nothings = [Nothing(), Nothing()]
  var missing: String? = nil
  var present: String? = "here"
  var explicitNull = ExplicitNull()
  var optionals: [Int?] = [1, nil, 3]
  var flags = [true, false]
  var single = SingleValue(wrapped: ["x": [1, 2]])
  var merged = Merged()
}

/// A value written through a single-value container.
private struct SingleValue<Wrapped: Encodable>: Encodable {
  var wrapped: Wrapped
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(wrapped)
  }
}

/// Two keyed containers for one object, as a report's header and its own fields.
private struct Merged: Encodable {
  enum First: String, CodingKey { case zeta, alpha }
  enum Second: String, CodingKey { case middle, beta }
  func encode(to encoder: any Encoder) throws {
    var first = encoder.container(keyedBy: First.self)
    try first.encode(1, forKey: .zeta)
    try first.encode("a", forKey: .alpha)
    var second = encoder.container(keyedBy: Second.self)
    try second.encode([2.5], forKey: .middle)
    try second.encode(Nothing(), forKey: .beta)
  }
}

private indirect enum Deep: Encodable {
  case leaf
  case level(Deep)

  init(levels: Int) { self = levels == 0 ? .leaf : .level(Deep(levels: levels - 1)) }

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .leaf:
      var container = encoder.singleValueContainer()
      try container.encode("bottom")
    case .level(let inner):
      var container = encoder.unkeyedContainer()
      try container.encode(1)
      try container.encode(["k": inner])
    }
  }
}

/// A JSON value made at random.
private indirect enum RandomJSON: Encodable, CustomStringConvertible {
  case string(String)
  case double(Double)
  case int(Int)
  case bool(Bool)
  case null
  case array([RandomJSON])
  case object([String: RandomJSON])

  static let pieces = [
    "a", "B", "é", "e\u{301}", "\u{2028}", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "😀", "𝒜",
    "\u{FF21}", "\u{E000}", "1", "10", " ", "_", "~", "",
  ]
  static let doubles: [Double] = [0, -0.0, 0.1, 1e-7, 1e21, 1.0 / 3, .infinity, -.infinity, .nan, 42, -7.25]

  static func text(using generator: inout SeededGenerator) -> String {
    (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
  }

  static func make(depth: Int, using generator: inout SeededGenerator) -> RandomJSON {
    let choice = Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &generator)
    switch choice {
    case 0: return .string(text(using: &generator))
    case 1: return .double(doubles.randomElement(using: &generator)!)
    case 2: return .int(Int.random(in: Int.min...Int.max, using: &generator))
    case 3: return .bool(Bool.random(using: &generator))
    case 4: return .null
    case 5:
      return .array(
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in make(depth: depth - 1, using: &generator) })
    default:
      var members: [String: RandomJSON] = [:]
      for _ in 0..<Int.random(in: 0...5, using: &generator) {
        members[text(using: &generator)] = make(depth: depth - 1, using: &generator)
      }
      return .object(members)
    }
  }

  var description: String {
    switch self {
    case .string(let text): return text.debugDescription
    case .double(let value): return "\(value)"
    case .int(let value): return "\(value)"
    case .bool(let value): return "\(value)"
    case .null: return "null"
    case .array(let items): return "[\(items.map(\.description).joined(separator: ", "))]"
    case .object(let members):
      return "{\(members.map { "\($0.key.debugDescription): \($0.value)" }.joined(separator: ", "))}"
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .double(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .null: try container.encodeNil()
    case .array(let items): try container.encode(items)
    case .object(let members): try container.encode(members)
    }
  }
}

private enum AnyKey: String, CodingKey { case a, b, inner }

/// A key made at run time.
private struct NamedKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// An object whose keys are encoded in the order given.
private struct OrderedKeys: Encodable {
  var keys: [String]
  init(_ keys: [String]) { self.keys = keys }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: NamedKey.self)
    for (index, key) in keys.enumerated() { try container.encode(index, forKey: NamedKey(stringValue: key)) }
  }
}

private struct NestedContainers: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    var inner = container.nestedContainer(keyedBy: AnyKey.self, forKey: .inner)
    try container.encode(1, forKey: .a)
    try inner.encode(2, forKey: .b)
  }
}

private struct KeyTwice: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(1, forKey: .b)
    try container.encode(2, forKey: .a)
    try container.encode(3, forKey: .b)
  }
}

private struct SuperEncoding: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(1, forKey: .a)
    try Merged().encode(to: container.superEncoder())
  }
}

/// Two spellings of one key: equal as Swift strings, different as bytes.
private struct EquivalentKeys: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: NamedKey.self)
    try container.encode(1, forKey: NamedKey(stringValue: "\u{E9}"))
    try container.encode(2, forKey: NamedKey(stringValue: "z"))
    try container.encode(3, forKey: NamedKey(stringValue: "e\u{301}"))
  }
}

/// An object encoded as a single value, then added to through a keyed container.
private struct KeyedAfterSingle: Encodable {
  func encode(to encoder: any Encoder) throws {
    var single = encoder.singleValueContainer()
    try single.encode(["b": 1])
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(2, forKey: .a)
  }
}
