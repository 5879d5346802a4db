import OKRCore

/// The JSON pointer reader held to a reference reader (Foundation's
/// `JSONSerialization`, in the agreement test and the fuzzer): the two must
/// agree on whether bytes are JSON and on the value a pointer names.
///
/// Kept free of Foundation, which okr itself does not link: the caller parses
/// with the reference and hands over its verdict as a ``JSONValue``.
@_spi(Fuzzing) public enum JSONPointerAgreement {
  /// Why the reader and the reference disagree on `bytes`, or `nil` when they agree.
  ///
  /// The oracles: a number found is text a double reads, within a double's
  /// range, that ``CheckinNumber`` takes or refuses only for its digits or
  /// nearness to zero; the reader and the reference agree on whether the
  /// bytes are JSON, and on the value at `pointer` where the reference finds
  /// one. Known differences are left out, each a decision of the reader's:
  /// bytes with a NUL or a UTF-16/32 byte order mark (the reference guesses
  /// another encoding), and commas before `]` or `}`, which the reference
  /// takes and the reader refuses: those documents are compared with the
  /// commas removed.
  ///
  /// - Parameters:
  ///   - bytes: The document.
  ///   - pointer: The pointer to follow.
  ///   - reference: The document as the reference reads it; `nil` when it refuses it.
  /// - Returns: What differs, for a crash message; `nil` when nothing does.
  public static func disagreement(_ bytes: [UInt8], pointer: JSONPointer, reference: ([UInt8]) -> JSONValue?)
    -> String?
  {
    let found = JSONPointerReader.value(at: pointer, in: bytes)
    if case .success(.number(let text)) = found {
      guard let number = Double(text), number.isFinite else { return "the number '\(text)' is not a finite double" }
      if case .failure(.notANumber) = CheckinNumber.read(text) { return "CheckinNumber does not read '\(text)'" }
    }
    if bytes.contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return nil }
    let whole = JSONPointer("")!
    var ours = bytes
    var isJSON = isValid(JSONPointerReader.value(at: whole, in: ours))
    let theirs = reference(bytes)
    if !isJSON, theirs != nil {
      ours = withoutTrailingCommas(bytes)
      isJSON = isValid(JSONPointerReader.value(at: whole, in: ours))
    }
    guard isJSON == (theirs != nil) else {
      return isJSON ? "the reader takes what the reference refuses" : "the reader refuses what the reference takes"
    }
    guard let theirs else { return nil }
    let value = JSONPointerReader.value(at: pointer, in: ours)
    guard let expected = lookUp(pointer.tokens[...], in: theirs) else {
      if case .success(let found) = value { return "the reader finds \(found.described); the reference nothing" }
      return nil
    }
    switch value {
    case .failure(let failure): return "the reader finds nothing (\(failure.reason)); the reference \(expected)"
    case .success(let found):
      return agrees(found, expected) ? nil : "the reader finds \(found.described); the reference \(expected)"
    }
  }

  private static func isValid(_ result: Result<JSONPointerReader.Found, SourceFailure>) -> Bool {
    if case .success = result { return true }
    return false
  }

  /// The value `tokens` name in `value`, as RFC 6901 walks it.
  private static func lookUp(_ tokens: ArraySlice<String>, in value: JSONValue) -> JSONValue? {
    guard let token = tokens.first else { return value }
    switch value {
    case .object(let members): return members[token].flatMap { lookUp(tokens.dropFirst(), in: $0) }
    case .array(let items):
      guard token == "0" || (!token.hasPrefix("0") && !token.isEmpty), token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
        let position = Int(token), position < items.count
      else { return nil }
      return lookUp(tokens.dropFirst(), in: items[position])
    default: return nil
    }
  }

  private static func agrees(_ found: JSONPointerReader.Found, _ expected: JSONValue) -> Bool {
    switch (found, expected) {
    case (.number(let text), .number(let number)):
      // Compared where okr records a number; beyond that the reference's own conversions (Decimal) may round.
      guard case .success(let value) = CheckinNumber.read(text) else { return true }
      return value == number
    case (.bool(let flag), .bool(let other)): return flag == other
    // By scalars: `==` on strings would take canonically equivalent spellings as equal.
    case (.string(let text), .string(let other)): return text.unicodeScalars.elementsEqual(other.unicodeScalars)
    case (.null, .null), (.object, .object), (.array, .array): return true
    default: return false
    }
  }

  /// `bytes` without a comma that comes, spaces aside, right before `]` or `}` outside strings.
  static func withoutTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var inString = false
    var escaped = false
    var pendingComma: Int?
    for byte in bytes {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        result.append(byte)
        continue
      }
      switch byte {
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if let comma = pendingComma { result.remove(at: comma) }
        pendingComma = nil
      case 0x20, 0x09, 0x0A, 0x0D:
        break
      case UInt8(ascii: ","):
        pendingComma = result.count
      default:
        pendingComma = nil
      }
      if byte == UInt8(ascii: "\"") { inString = true }
      result.append(byte)
    }
    return result
  }
}
