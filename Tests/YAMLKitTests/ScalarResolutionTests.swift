import Testing
import YAMLKit

/// `Node.resolvedScalar`: the YAML 1.2 core schema, not YAML 1.1's guesses.
@Suite struct ScalarResolutionTests {
  /// Resolves `value` as written after `v: ` in a one-entry mapping.
  private func resolve(_ value: String) throws -> ScalarValue? {
    let stream = YAMLParser.parse("v: \(value)\n")
    #expect(stream.messages == [])
    return try #require(stream.root?["v"]).resolvedScalar
  }

  @Test(arguments: [
    ("true", true), ("True", true), ("TRUE", true),
    ("false", false), ("False", false), ("FALSE", false),
  ])
  func coreSchemaBooleans(_ text: String, _ value: Bool) throws {
    #expect(try resolve(text) == .bool(value))
  }

  @Test(arguments: ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "Y", "tRUE", "fALSE"])
  func yaml11BooleansStayStrings(_ text: String) throws {
    #expect(try resolve(text) == .string(text))
  }

  @Test(arguments: ["~", "null", "Null", "NULL", ""])
  func nulls(_ text: String) throws {
    #expect(try resolve(text) == .null)
  }

  @Test(arguments: [
    ("0", 0), ("-0", 0), ("42", 42), ("-12", -12), ("+12", 12),
    // Leading zeros are decimal in YAML 1.2, not octal.
    ("010", 10), ("007", 7), ("00", 0),
    ("0o17", 15), ("0o0", 0), ("0x1F", 31), ("0x1f", 31), ("0xff", 255),
    ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
  ])
  func integers(_ text: String, _ value: Int) throws {
    #expect(try resolve(text) == .int(value))
  }

  @Test(arguments: [
    ("1.5", 1.5), ("1e3", 1000), ("1E3", 1000), ("1e+3", 1000), ("-2.5E-3", -0.0025), (".5", 0.5),
    ("+.5", 0.5), ("1.", 1), ("-1.", -1), ("0.", 0), ("3.25e2", 325),
    (".inf", .infinity), (".Inf", .infinity), (".INF", .infinity), ("+.inf", .infinity),
    ("-.inf", -.infinity), ("-.Inf", -.infinity), ("-.INF", -.infinity),
  ])
  func floats(_ text: String, _ value: Double) throws {
    #expect(try resolve(text) == .float(value))
  }

  @Test(arguments: [".nan", ".NaN", ".NAN"])
  func notANumber(_ text: String) throws {
    // NaN is not equal to itself, so match the case rather than compare values.
    guard case .float(let value)? = try resolve(text) else {
      Issue.record("'\(text)' did not resolve to a float")
      return
    }
    #expect(value.isNaN)
  }

  @Test(arguments: [
    ("99999999999999999999", 1e20), ("-99999999999999999999", -1e20),
    ("9223372036854775808", 9_223_372_036_854_775_808.0), ("1e400", .infinity),
  ])
  func integersTooLargeForIntAreStillNumbers(_ text: String, _ value: Double) throws {
    #expect(try resolve(text) == .float(value))
  }

  @Test(arguments: ["0x10000000000000000", "0o7777777777777777777777"])
  func hexAndOctalTooLargeForIntAreStillNumbers(_ text: String) throws {
    // Like decimal overflow above: too large for Int is still a number, not text.
    let node = try #require(YAMLParser.parse("v: \(text)\n").root?["v"])
    #expect(node.kindDescription == "a number")
  }

  @Test(arguments: [
    // Sexagesimal, underscores, dates and binary are YAML 1.1 only.
    "1:30", "12:30:00", "1_000", "2026-01-05", "2026-01-05T10:00:00Z", "0b101",
    // Not quite numbers.
    "0o8", "0o", "0x", "0x1G", "-0x1F", "+0o7", "0O17", "0X1F", "1e", "e3", ".", "+", "1.5.2", "1,000", "1 000",
    ".infinity", "inf", "nan", "NaN", "-.nan", "1e3.5",
    // Signs belong before the prefix, and the core schema allows none there.
    "0x-1F", "0x+1F", "0o-7", "0o+7",
    "nUll", "none", "nil", "okr",
  ])
  func lookalikesStayStrings(_ text: String) throws {
    #expect(try resolve(text) == .string(text))
  }

  @Test(arguments: [
    ("\"true\"", "true"), ("'1'", "1"), ("\"null\"", "null"), ("'~'", "~"), ("\"\"", ""), ("''", ""),
    ("\"1.5\"", "1.5"), ("'.inf'", ".inf"), ("|\n  12\n", "12\n"), (">\n  false\n", "false\n"),
  ])
  func quotedAndBlockScalarsAreStrings(_ written: String, _ text: String) throws {
    #expect(try resolve(written) == .string(text))
  }

  @Test(arguments: [
    ("!!str 1", ScalarValue.string("1")), ("!!str true", .string("true")), ("!!str ~", .string("~")),
    ("! 12", .string("12")), ("!!int \"12\"", .int(12)), ("!!int 0x1F", .int(31)),
    ("!!float '2.5'", .float(2.5)), ("!!float .inf", .float(.infinity)),
    ("!!bool \"true\"", .bool(true)), ("!!null ''", .null), ("!!null ~", .null),
    ("!<tag:yaml.org,2002:int> 7", .int(7)),
  ])
  func explicitStandardTagsAreHonoured(_ written: String, _ value: ScalarValue) throws {
    #expect(try resolve(written) == value)
  }

  @Test(arguments: [("!!float 1", 1.0), ("!!float -3", -3.0), ("!!float 010", 10.0)])
  func floatTagMakesIntegersFloats(_ written: String, _ value: Double) throws {
    #expect(try resolve(written) == .float(value))
  }

  @Test(arguments: [
    ("!!int abc", "1:4: 'abc' is not a valid !!int"),
    ("!!int 1.5", "1:4: '1.5' is not a valid !!int"),
    ("!!float abc", "1:4: 'abc' is not a valid !!float"),
    ("!!bool yes", "1:4: 'yes' is not a valid !!bool"),
    ("!!null x", "1:4: 'x' is not a valid !!null"),
  ])
  func taggedValuesThatDoNotFitAreStringsAndErrors(_ written: String, _ message: String) throws {
    let stream = YAMLParser.parse("v: \(written)\n")
    #expect(stream.messages == [message])
    #expect(stream.errors.map(\.kind) == [.composer])
    #expect(stream.errors.map(\.isFatal) == [false])
    let node = try #require(stream.root?["v"])
    #expect(node.resolvedScalar == .string(node.scalarText ?? ""))
  }

  @Test func collectionsHaveNoScalarValue() throws {
    let root = try #require(YAMLParser.parse("s: [1]\nm: {a: 1}\n").root)
    #expect(root.resolvedScalar == nil)
    #expect(root["s"]?.resolvedScalar == nil)
    #expect(root["m"]?.resolvedScalar == nil)
  }

  @Test(arguments: [
    ("1", "a number"), ("-1.5", "a number"), ("0x1F", "a number"), (".inf", "a number"),
    ("true", "a boolean"), ("~", "null"), ("", "null"), ("okr", "a string"), ("'1'", "a string"),
    ("yes", "a string"), ("[1]", "a sequence"), ("{a: 1}", "a mapping"),
  ])
  func kindDescriptionsForMessages(_ written: String, _ kind: String) throws {
    let node = try #require(YAMLParser.parse("v: \(written)\n").root?["v"])
    #expect(node.kindDescription == kind)
  }

  @Test func resolutionDoesNotNeedTheParser() {
    let mark = Mark(line: 1, column: 1, offset: 0)
    #expect(Node(.scalar("0x1F", .plain), mark: mark).resolvedScalar == .int(31))
    #expect(Node(.scalar("0x1F", .doubleQuoted), mark: mark).resolvedScalar == .string("0x1F"))
    #expect(Node(.scalar("12", .plain), tag: .string, mark: mark).resolvedScalar == .string("12"))
    #expect(Node(.scalar("x", .plain), tag: .mapping, mark: mark).resolvedScalar == .string("x"))
  }
}
