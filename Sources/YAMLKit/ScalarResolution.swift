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
    guard case .scalar(let text, let style) = content else { return false }
    switch tag {
    case nil: return style == .plain && ScalarResolver.null(text) != nil
    case .null?: return ScalarResolver.null(text) != nil
    default: return false
    }
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
    guard case .scalar(let text, let style) = content else { return nil }
    switch tag {
    case .string?, .nonSpecific?:
      return .string(text)
    case .null?:
      return ScalarResolver.null(text) ?? .string(text)
    case .bool?:
      return ScalarResolver.bool(text) ?? .string(text)
    case .int?:
      return ScalarResolver.int(text) ?? .string(text)
    case .float?:
      switch ScalarResolver.number(text) {
      case .int(let value)?: return .float(Double(value))
      case let number?: return number
      case nil: return .string(text)
      }
    case .mapping?, .sequence?:
      return .string(text)
    case nil:
      guard style == .plain else { return .string(text) }
      return ScalarResolver.resolvePlain(text)
    }
  }
}

/// The YAML 1.2 core schema's resolution rules, written out by hand: they are
/// short, and regular expressions would cost more than the parse itself.
enum ScalarResolver {
  static func resolvePlain(_ text: String) -> ScalarValue {
    if let null = null(text) { return null }
    guard let first = text.utf8.first else { return .null }
    // Fast path: a scalar that cannot start a boolean or number is a string.
    switch first {
    case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
      return bool(text) ?? .string(text)
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."):
      return number(text) ?? .string(text)
    default:
      return .string(text)
    }
  }

  static func null(_ text: String) -> ScalarValue? {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    default: return nil
    }
  }

  static func bool(_ text: String) -> ScalarValue? {
    switch text {
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: return nil
    }
  }

  /// An integer or a float, as the core schema spells them.
  static func number(_ text: String) -> ScalarValue? {
    int(text) ?? float(text)
  }

  static func int(_ text: String) -> ScalarValue? {
    let utf8 = Array(text.utf8)
    guard !utf8.isEmpty else { return nil }
    if utf8.count > 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "o") || utf8[1] == UInt8(ascii: "x") {
      // 0o17 and 0x1F: digits only, no sign after the prefix (Int(_:radix:) would take one).
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
    if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
    // Leading zeros are decimal in YAML 1.2 (`010` is 10). Too large for Int
    // is still a number: resolve it as a float rather than as text.
    if let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text, radix: 10) {
      return .int(value)
    }
    return Double(text).map(ScalarValue.float)
  }

  static func float(_ text: String) -> ScalarValue? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    default: break
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let utf8 = Array(text.utf8)
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
    return Double(text).map(ScalarValue.float)
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
