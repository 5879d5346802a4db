/// A scalar's typed value under the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
}

extension Node {
  /// Whether the node is null (`~`, `null`, an empty plain scalar, `!!null`),
  /// without resolving other scalars' types.
  public var isNull: Bool {
    let record = record
    guard record.kind == .scalar else { return false }
    switch record.tag {
    case nil: guard record.style == .plain else { return false }
    case .null?: break
    default: return false
    }
    return storage.withBytes(of: record) { ScalarResolver.isNull($0) }
  }

  /// The scalar's typed value under the YAML 1.2 core schema, or `nil` for collections.
  ///
  /// Only plain scalars are resolved; quoted and block scalars are strings. So
  /// `true`/`false` (any of their core-schema spellings) are booleans, while
  /// `yes`, `no`, `on` and `off` stay strings; `010` is the integer 10, not
  /// octal 8; `1:30` is a string, not sexagesimal 90. Explicit standard tags
  /// (`!!str`, `!!int`, ...) are honoured; a value that does not fit its tag
  /// resolves to a string so the caller reports a type mismatch.
  public var resolvedScalar: ScalarValue? {
    let record = record
    guard record.kind == .scalar else { return nil }
    return storage.withBytes(of: record) { ScalarResolver.resolve($0, style: record.style, tag: record.tag) }
  }
}

/// The YAML 1.2 core schema's resolution rules, written out by hand over the
/// scalar's bytes: they are short, and regular expressions (or a `String` per
/// scalar) would cost more than the parse itself.
enum ScalarResolver {
  typealias Bytes = UnsafeBufferPointer<UInt8>

  static func resolve(_ bytes: Bytes, style: ScalarStyle, tag: YAMLTag?) -> ScalarValue {
    switch tag {
    case .string?, .nonSpecific?, .mapping?, .sequence?:
      return string(bytes)
    case .null?:
      return isNull(bytes) ? .null : string(bytes)
    case .bool?:
      return bool(bytes) ?? string(bytes)
    case .int?:
      return int(bytes) ?? string(bytes)
    case .float?:
      switch int(bytes) ?? float(bytes) {
      case .int(let value)?: return .float(Double(value))
      case let number?: return number
      case nil: return string(bytes)
      }
    case nil:
      guard style == .plain else { return string(bytes) }
      return resolvePlain(bytes)
    }
  }

  static func resolvePlain(_ bytes: Bytes) -> ScalarValue {
    guard let first = bytes.first else { return .null }
    // Fast path: a scalar that cannot start a null, boolean or number is a string.
    switch first {
    case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
      return isNull(bytes) ? .null : string(bytes)
    case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
      return bool(bytes) ?? string(bytes)
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
      return int(bytes) ?? float(bytes) ?? string(bytes)
    default:
      return string(bytes)
    }
  }

  private static func string(_ bytes: Bytes) -> ScalarValue {
    .string(String(decoding: bytes, as: UTF8.self))
  }

  private static func equals(_ bytes: Bytes, _ words: String...) -> Bool {
    words.contains { $0.utf8.count == bytes.count && $0.utf8.elementsEqual(bytes) }
  }

  static func isNull(_ bytes: Bytes) -> Bool {
    // Asked of every optional value a decoder reads: the first byte settles nearly all.
    guard let first = bytes.first else { return true }
    guard first == UInt8(ascii: "~") || first == UInt8(ascii: "n") || first == UInt8(ascii: "N") else { return false }
    return equals(bytes, "~", "null", "Null", "NULL")
  }

  static func bool(_ bytes: Bytes) -> ScalarValue? {
    if equals(bytes, "true", "True", "TRUE") { return .bool(true) }
    if equals(bytes, "false", "False", "FALSE") { return .bool(false) }
    return nil
  }

  static func int(_ utf8: Bytes) -> ScalarValue? {
    guard !utf8.isEmpty else { return nil }
    if utf8.count > 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "o") || utf8[1] == UInt8(ascii: "x") {
      // 0o17 and 0x1F: digits only, no sign after the prefix.
      let radix = utf8[1] == UInt8(ascii: "o") ? 8 : 16
      var value = 0.0
      var exact: Int? = 0
      for byte in utf8[2...] {
        guard let digit = hexDigit(byte), digit < radix else { return nil }
        value = value * Double(radix) + Double(digit)
        exact = exact.flatMap { current in
          let (product, overflow) = current.multipliedReportingOverflow(by: radix)
          let (sum, carry) = product.addingReportingOverflow(digit)
          return overflow || carry ? nil : sum
        }
      }
      // Too large for Int is still a number, as for decimal integers.
      return exact.map(ScalarValue.int) ?? .float(value)
    }
    var digits = utf8[...]
    let isNegative = digits.first == UInt8(ascii: "-")
    if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
    // Leading zeros are decimal in YAML 1.2 (`010` is 10). Accumulated
    // negatively, so Int.min fits; too large for Int is still a number:
    // resolve it as a float rather than as text.
    var value = 0
    for byte in digits {
      let (product, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, borrow) = product.subtractingReportingOverflow(Int(byte - UInt8(ascii: "0")))
      guard !overflow, !borrow else {
        return Double(String(decoding: utf8, as: UTF8.self)).map(ScalarValue.float)
      }
      value = sum
    }
    if isNegative { return .int(value) }
    guard value != .min else { return .float(-Double(value)) }
    return .int(-value)
  }

  static func float(_ utf8: Bytes) -> ScalarValue? {
    // Infinities and NaN end in a letter, numbers in a digit or a point: most scalars skip the comparisons.
    if let last = utf8.last, !isDigit(last), last != UInt8(ascii: ".") {
      if equals(utf8, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF") { return .float(.infinity) }
      if equals(utf8, "-.inf", "-.Inf", "-.INF") { return .float(-.infinity) }
      if equals(utf8, ".nan", ".NaN", ".NAN") { return .float(.nan) }
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    var index = 0
    if index < utf8.count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
      index += 1
    }
    let integerStart = index
    while index < utf8.count, isDigit(utf8[index]) { index += 1 }
    let integerDigits = index - integerStart
    var fractionDigits = 0
    if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < utf8.count, isDigit(utf8[index]) { index += 1 }
      fractionDigits = index - fractionStart
    }
    guard integerDigits > 0 || fractionDigits > 0 else { return nil }
    if index < utf8.count, utf8[index] == UInt8(ascii: "e") || utf8[index] == UInt8(ascii: "E") {
      index += 1
      if index < utf8.count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
        index += 1
      }
      let exponentStart = index
      while index < utf8.count, isDigit(utf8[index]) { index += 1 }
      guard index > exponentStart else { return nil }
    }
    guard index == utf8.count else { return nil }
    return Double(String(decoding: utf8, as: UTF8.self)).map(ScalarValue.float)
  }

  private static func hexDigit(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
    default: return nil
    }
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
