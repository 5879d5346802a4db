import Foundation
import OKRCore
import Testing

@_spi(Fuzzing) @testable import OKRFiles

/// The JSON pointer reader agrees with Foundation's `JSONSerialization` on tricky documents: whether they are
/// JSON, and the value a pointer names (`JSONPointerAgreement`, which the fuzzer runs on any bytes).
@Suite struct JSONPointerAgreementTests {
  /// A document as `JSONSerialization` reads it; `nil` when it refuses it.
  static func foundation(_ bytes: [UInt8]) -> JSONValue? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
      return nil
    }
    return jsonValue(object)
  }

  static func jsonValue(_ object: Any) -> JSONValue {
    switch object {
    case let text as String: return .string(text)
    case let members as [String: Any]: return .object(members.mapValues(jsonValue))
    case let items as [Any]: return .array(items.map(jsonValue))
    case let number as NSNumber:
      // Foundation's true and false are NSNumbers too; only the boolean class says which is which.
      if String(describing: type(of: number)).contains("Boolean") { return .bool(number.boolValue) }
      return .number(number.doubleValue)
    default: return .null
    }
  }

  static func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
  }

  /// Documents and pointers, each with what the reader finds (`nil`: nothing, or not JSON).
  static let cases: [(document: String, pointer: String, found: JSONPointerReader.Found?)] = [
    // Escapes, and a surrogate pair as one character.
    (#"{"a\"b": "\u00e9\n\t\/\\"}"#, "/a\"b", .string("é\n\t/\\")),
    (#"{"e": "\ud83d\ude00"}"#, "/e", .string("😀")),
    (#"{"\u0061": 1}"#, "/a", .number("1")),
    (#"{"e": "\ud800"}"#, "/e", nil),
    (#"{"e": "\udc00x"}"#, "/e", nil),
    (#"{"e": "\ud800\u0041"}"#, "/e", nil),
    (#"{"e": "\u+123"}"#, "/e", nil),
    // Numbers: exponents, -0, the edges of a double.
    (#"{"n": 1.5E+3}"#, "/n", .number("1.5E+3")),
    (#"{"n": 2e-3}"#, "/n", .number("2e-3")),
    (#"{"n": -0}"#, "/n", .number("-0")),
    (#"{"n": -0.0}"#, "/n", .number("-0.0")),
    (#"{"n": 1e-400}"#, "/n", .number("1e-400")),
    (#"{"n": 1e400}"#, "/n", nil),
    (#"{"m": -1e400, "n": 1}"#, "/n", nil),
    (#"{"n": 12345678901234567890}"#, "/n", .number("12345678901234567890")),
    (#"{"n": 01}"#, "/n", nil),
    (#"{"n": 1.}"#, "/n", nil),
    (#"{"n": .5}"#, "/n", nil),
    (#"{"n": +1}"#, "/n", nil),
    // A name given twice: the last wins, here and in JSONSerialization.
    (#"{"a": 1, "a": 2}"#, "/a", .number("2")),
    (#"{"a": {"b": 1}, "a": {"c": 2}}"#, "/a/c", .number("2")),
    (#"{"a": {"b": 1}, "a": {"c": 2}}"#, "/a/b", nil),
    (#"{"a": [1], "a": 3}"#, "/a", .number("3")),
    // Deep nesting: 512 arrays are read, 513 are not, by both.
    (nested(512), "", .array),
    (nested(513), "", nil),
    // Whole text checked before a missing member is said.
    (#"{"a": {}, "b": [}"#, "/a/x", nil),
    (#"{"a": {}}"#, "/a/x", nil),
    // Byte order mark, spaces, and scalars at the top.
    ("\u{FEFF} {\"a\": true} ", "/a", .bool(true)),
    ("null", "", .null),
    ("\"x\"", "", .string("x")),
    ("", "", nil),
    ("[1] x", "", nil),
    // A trailing comma: JSONSerialization takes it, okr does not (the agreement removes it before comparing).
    ("[1,]", "", nil),
    (#"{"a": 1,}"#, "/a", nil),
  ]

  @Test(arguments: cases.indices)
  func theReaderFindsWhatItShould(_ index: Int) {
    let (document, pointer, expected) = Self.cases[index]
    let found = try? JSONPointerReader.value(at: JSONPointer(pointer)!, in: Array(document.utf8)).get()
    #expect(found == expected, "\(document) at '\(pointer)'")
  }

  @Test(arguments: cases.indices)
  func theReaderAgreesWithJSONSerialization(_ index: Int) {
    let (document, pointer, _) = Self.cases[index]
    let disagreement = JSONPointerAgreement.disagreement(
      Array(document.utf8), pointer: JSONPointer(pointer)!, reference: Self.foundation)
    #expect(disagreement == nil, "\(document) at '\(pointer)'")
  }

  @Test func bytesThatAreNotUTF8AreRefusedByBoth() {
    for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
      #expect(JSONPointerReader.value(at: JSONPointer("")!, in: bytes) == .failure(SourceFailure("is not UTF-8 text")))
      #expect(Self.foundation(bytes) == nil)
      #expect(JSONPointerAgreement.disagreement(bytes, pointer: JSONPointer("")!, reference: Self.foundation) == nil)
    }
  }

  @Test func theAgreementNoticesADifference() {
    // A reference that reads every document as the number 1 disagrees with the reader.
    #expect(
      JSONPointerAgreement.disagreement(Array("[2]".utf8), pointer: JSONPointer("/0")!, reference: { _ in .array([1]) })
        == "the reader finds the number 2; the reference number(1.0)")
    #expect(
      JSONPointerAgreement.disagreement(Array("[".utf8), pointer: JSONPointer("")!, reference: { _ in .null })
        == "the reader refuses what the reference takes")
  }
}
