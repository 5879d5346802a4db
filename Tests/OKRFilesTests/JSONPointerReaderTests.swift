import OKRCore
import Testing

@testable import OKRFiles

/// RFC 6901 pointers over JSON text: escapes, array indexes, numbers kept as written, and every malformed text
/// refused with its place.
@Suite struct JSONPointerReaderTests {
  static let document = """
    \u{FEFF}{"a/b": {"m~n": [10, 2.50e1, {"\\u00e9t\\u00e9": -0.5}]}, "": true, "s": "x\\"y", "01": 7}
    """

  static func value(_ pointer: String, in text: String = document) -> Result<JSONPointerReader.Found, SourceFailure> {
    JSONPointerReader.value(at: JSONPointer(pointer)!, in: Array(text.utf8))
  }

  @Test(arguments: [
    ("/a~1b/m~0n/0", JSONPointerReader.Found.number("10")), ("/a~1b/m~0n/1", .number("2.50e1")),
    ("/a~1b/m~0n/2/été", .number("-0.5")), ("/", .bool(true)), ("/s", .string("x\"y")), ("/01", .number("7")),
    ("/a~1b/m~0n", .array), ("", .object),
  ])
  func aPointerFindsItsValueAsWritten(_ pointer: String, _ expected: JSONPointerReader.Found) throws {
    #expect(try Self.value(pointer).get() == expected)
  }

  @Test(arguments: [
    ("/a~1b/m~0n/01", Self.document, "has no item '01' in '/a~1b/m~0n', an array of 3 items"),
    ("/a~1b/m~0n/-", Self.document, "has no item '-' in '/a~1b/m~0n', an array of 3 items"),
    ("/s/x", Self.document, "has no member 'x': '/s' is the string 'x\"y'"),
    ("/a", "{\"a\": 1", "is not JSON at line 1, column 8: the text ends inside an object"),
    ("/a", "{\"a\": 01}", "is not JSON at line 1, column 8: a number with a leading zero"),
    ("/a", "{\"a\": 1} x", "is not JSON at line 1, column 10: text after the JSON value"),
    ("/a", "{\"a\": \"\n\"}", "is not JSON at line 2, column 1: a control character in a string"),
    ("/a", "{\"b\": \"\\q\", \"a\": 1}", "is not JSON at line 1, column 10: an unknown escape in a string"),
    ("/a", "{\"a\": tru}", "is not JSON at line 1, column 7: a value belongs here"),
    ("", "", "is not JSON at line 1, column 1: the text ends where a value belongs"),
  ])
  func aMissingValueOrBrokenTextIsSaid(_ pointer: String, _ text: String, _ reason: String) {
    #expect(Self.value(pointer, in: text) == .failure(SourceFailure(reason)))
  }
}
