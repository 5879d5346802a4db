import OKRCore
import YAMLKit

/// The value a JSON pointer names in a JSON text, with a number kept as written.
///
/// A number is kept as its text (`0.35`, not the nearest double), so the
/// check-in records what the file says, read by ``CheckinNumber`` like a
/// typed value. Only the path the pointer takes is built; every other value
/// is checked and skipped. The whole text is checked before a missing
/// member is reported, so a broken file is always called broken.
///
/// What counts as JSON is RFC 8259's grammar in UTF-8, as Foundation's
/// `JSONSerialization` reads it (an agreement test and the fuzzer hold the
/// two together), with these decisions:
/// - A name given twice in one object: the last one wins, as in
///   `JSONSerialization`, JavaScript's `JSON.parse`, Python and jq.
/// - Refused: text that is not UTF-8, a lone surrogate escape (`"\ud800"`),
///   a number beyond a double's range (`1e400`), and more than ``maxDepth``
///   objects and arrays nested, as `JSONSerialization` refuses them.
/// - Refused where `JSONSerialization` is lenient: a comma before `]` or `}`.
/// - A UTF-8 byte order mark before the text is passed over.
enum JSONPointerReader {
  /// The most objects and arrays nested in one another.
  static let maxDepth = 512

  /// What the pointer found.
  enum Found: Equatable {
    case number(String)
    case bool(Bool)
    case string(String)
    case null
    case object
    case array

    /// How it reads in a message.
    var described: String {
      switch self {
      case .number(let text): return "the number \(text)"
      case .bool(let flag): return "\(flag)"
      case .string(let text): return "the string '\(DisplayText.shown(text))'"
      case .null: return "null"
      case .object: return "an object"
      case .array: return "an array"
      }
    }
  }

  /// What a value gave the pointer's remaining tokens: the value they name, or why there is none.
  private enum Lookup {
    case found(Found)
    /// The text is JSON so far, but the value is not there.
    case missing(SourceFailure)
  }

  /// The value at `pointer` in `bytes`, or why there is none (lower-case).
  static func value(at pointer: JSONPointer, in bytes: [UInt8]) -> Result<Found, SourceFailure> {
    // Outside strings every byte must be ASCII anyway; inside them, text must be UTF-8.
    if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil {
      return .failure(SourceFailure("is not UTF-8 text"))
    }
    var reader = Reader(bytes: bytes)
    do throws(SourceFailure) {
      let lookup = try reader.find(pointer.tokens[...], depth: 0)
      reader.skipSpace()
      guard reader.index == bytes.count else { throw reader.failure("text after the JSON value") }
      switch lookup {
      case .found(let found): return .success(found)
      case .missing(let failure): return .failure(failure)
      }
    } catch {
      return .failure(error)
    }
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    /// The tokens matched so far, for messages.
    var path = ""

    init(bytes: [UInt8]) {
      self.bytes = bytes
      // A UTF-8 byte order mark is not JSON, but exporters write one.
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func failure(_ what: String) -> SourceFailure {
      var line = 1
      var column = 1
      for byte in bytes[..<min(index, bytes.count)] {
        if byte == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else if byte & 0xC0 != 0x80 {
          column += 1
        }
      }
      return SourceFailure("is not JSON at line \(line), column \(column): \(what)")
    }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Reads the value here; when `tokens` is not empty, finds the member or item it names inside it.
    ///
    /// `depth` is how many objects and arrays hold this value. A value the
    /// tokens do not lead to is ``Lookup/missing(_:)``, not thrown: the rest
    /// of the text is still checked, and a later member of the same name may
    /// still have it.
    mutating func find(_ tokens: ArraySlice<String>, depth: Int, keep: Bool = true) throws(SourceFailure) -> Lookup {
      skipSpace()
      guard index < bytes.count else { throw failure("the text ends where a value belongs") }
      let opener = bytes[index]
      guard opener == UInt8(ascii: "{") || opener == UInt8(ascii: "[") else {
        let found = try scalar(keep: keep)
        guard let wanted = tokens.first else { return .found(found) }
        return .missing(
          SourceFailure(
            "has no member '\(DisplayText.shown(wanted))': '\(path.isEmpty ? "/" : path)' is \(found.described)"))
      }
      guard depth < JSONPointerReader.maxDepth else {
        throw SourceFailure("is nested deeper than \(JSONPointerReader.maxDepth) levels; okr reads at most that")
      }
      index += 1
      return opener == UInt8(ascii: "{")
        ? try object(tokens, depth: depth, keep: keep) : try array(tokens, depth: depth)
    }

    /// An object's members, from just after its `{`; the member the first token names, if it has one.
    private mutating func object(_ tokens: ArraySlice<String>, depth: Int, keep: Bool) throws(SourceFailure)
      -> Lookup
    {
      let wanted = tokens.first
      var found: Lookup?
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
      } else {
        repeat {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw failure("a member's name belongs here")
          }
          // A name is only compared when a member is wanted; otherwise it is passed over.
          let name = wanted == nil || !keep ? try skipString() : try string()
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':' belongs here") }
          index += 1
          // A name given twice: the last one wins, as JSONSerialization and JSON.parse read it.
          if let wanted, keep, name == wanted {
            found = try find(tokens.dropFirst(), depth: depth + 1, under: "/" + Self.escaped(name))
          } else {
            _ = try find([], depth: depth + 1, keep: false)
          }
        } while try another(closing: "}", inside: "an object")
      }
      guard let wanted else { return .found(.object) }
      guard let found else {
        return .missing(
          SourceFailure(
            "has no member '\(DisplayText.shown(wanted))' in \(path.isEmpty ? "the top object" : "'\(path)'")"))
      }
      return found
    }

    /// An array's items, from just after its `[`; the item the first token numbers, if it has one.
    private mutating func array(_ tokens: ArraySlice<String>, depth: Int) throws(SourceFailure) -> Lookup {
      let wanted = tokens.first
      let wantedIndex = wanted.flatMap(Self.arrayIndex)
      var found: Lookup?
      var position = 0
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
      } else {
        repeat {
          if let wantedIndex, wantedIndex == position {
            found = try find(tokens.dropFirst(), depth: depth + 1, under: "/\(position)")
          } else {
            _ = try find([], depth: depth + 1, keep: false)
          }
          position += 1
        } while try another(closing: "]", inside: "an array")
      }
      guard let wanted else { return .found(.array) }
      guard let found else {
        let at = path.isEmpty ? "the top array" : "'\(path)'"
        return .missing(
          SourceFailure(
            "has no item '\(DisplayText.shown(wanted))' in \(at), an array of \(position) item\(position == 1 ? "" : "s")"
          ))
      }
      return found
    }

    /// ``find(_:depth:keep:)`` one step down, with the step added to ``path`` for messages while it reads.
    private mutating func find(_ tokens: ArraySlice<String>, depth: Int, under step: String) throws(SourceFailure)
      -> Lookup
    {
      let outer = path
      defer { path = outer }
      path += step
      return try find(tokens, depth: depth)
    }

    /// After an item: `true` past a `,` (another follows), `false` past the `closing` bracket.
    private mutating func another(closing: Unicode.Scalar, inside container: String) throws(SourceFailure) -> Bool {
      skipSpace()
      guard index < bytes.count else { throw failure("the text ends inside \(container)") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        return true
      }
      guard bytes[index] == UInt8(ascii: closing) else { throw failure("',' or '\(closing)' belongs here") }
      index += 1
      return false
    }

    mutating func scalar(keep: Bool) throws(SourceFailure) -> Found {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { return .string(keep ? try string() : try skipString()) }
      for (word, value) in [("true", Found.bool(true)), ("false", .bool(false)), ("null", .null)]
      where bytes[index...].starts(with: word.utf8) {
        index += word.utf8.count
        return value
      }
      let start = index
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
      func digits() -> Int {
        let from = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - from
      }
      let whole = index
      guard digits() > 0 else { throw failure("a value belongs here") }
      // JSON writes no leading zero (`01`): what reads it as one would read it as octal.
      if bytes[whole] == UInt8(ascii: "0"), index - whole > 1 {
        index = whole + 1
        throw failure("a number with a leading zero")
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits() > 0 else { throw failure("a digit belongs after '.'") }
      }
      var hasExponent = false
      if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw failure("a digit belongs in the exponent") }
        hasExponent = true
      }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      // Only an exponent or more than 308 digits can leave a double's range; JSONSerialization refuses those.
      if hasExponent || index - start > 308, !(Double(text)?.isFinite ?? false) {
        index = start
        throw failure("a number beyond a double's range")
      }
      return .number(text)
    }

    /// Passes over a string, checking it, without building its text; returns "".
    mutating func skipString() throws(SourceFailure) -> String {
      index += 1
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\"") { return "" }
        if byte == UInt8(ascii: "\\") {
          guard index < bytes.count else { break }
          let escape = bytes[index]
          index += 1
          if escape == UInt8(ascii: "u") {
            _ = try escapedScalar()
          } else if !"\"\\/bfnrt".utf8.contains(escape) {
            throw failure("an unknown escape in a string")
          }
        } else if byte < 0x20 {
          throw failure("a control character in a string")
        }
      }
      throw failure("the text ends inside a string")
    }

    mutating func string() throws(SourceFailure) -> String {
      index += 1
      var scalars: [UInt8] = []
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(decoding: scalars, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { break }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
          case UInt8(ascii: "b"): scalars.append(0x08)
          case UInt8(ascii: "f"): scalars.append(0x0C)
          case UInt8(ascii: "n"): scalars.append(0x0A)
          case UInt8(ascii: "r"): scalars.append(0x0D)
          case UInt8(ascii: "t"): scalars.append(0x09)
          case UInt8(ascii: "u"):
            scalars.append(contentsOf: Array(String(Character(try escapedScalar())).utf8))
          default:
            throw failure("an unknown escape in a string")
          }
        case 0..<0x20:
          throw failure("a control character in a string")
        default:
          scalars.append(byte)
        }
      }
      throw failure("the text ends inside a string")
    }

    /// The scalar of a `\u` escape (the index after the `u`), a surrogate pair read as one.
    ///
    /// A lone surrogate is no character at all: refused, as JSONSerialization refuses it.
    mutating func escapedScalar() throws(SourceFailure) -> Unicode.Scalar {
      let escape = index - 2
      var code = try hex4()
      if (0xD800..<0xDC00).contains(code) {
        guard bytes[index...].starts(with: [0x5C, UInt8(ascii: "u")]) else {
          index = escape
          throw failure("a lone surrogate in a string")
        }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else {
          index = escape
          throw failure("a broken surrogate pair")
        }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(code) else {
        index = escape
        throw failure("a lone surrogate in a string")
      }
      return scalar
    }

    mutating func hex4() throws(SourceFailure) -> UInt32 {
      // Digit by digit: UInt32(_:radix:) would also take a sign (`\u+123`).
      guard index + 4 <= bytes.count else { throw failure("'\\u' needs four hexadecimal digits") }
      var code: UInt32 = 0
      for byte in bytes[index..<index + 4] {
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: throw failure("'\\u' needs four hexadecimal digits")
        }
        code = code << 4 | UInt32(digit)
      }
      index += 4
      return code
    }

    /// An array index as RFC 6901 writes it: `0`, or digits without a leading zero.
    static func arrayIndex(_ token: String) -> Int? {
      guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber),
        token == "0" || !token.hasPrefix("0")
      else { return nil }
      return Int(token)
    }

    static func escaped(_ name: String) -> String {
      var text = ""
      for character in name {
        switch character {
        case "~": text += "~0"
        case "/": text += "~1"
        default: text.append(character)
        }
      }
      return text
    }
  }
}
