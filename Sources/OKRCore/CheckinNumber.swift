/// What counts as a check-in number: the one rule for a value typed at the
/// interview, given with `--value`, imported from a CSV, written to a log and
/// read back from one.
///
/// A number is decimal text a double reads (no hexadecimal, no infinity or
/// NaN), with at most ``mostSignificantDigits`` significant digits, so the
/// double keeps it exactly, and not so close to zero that it would be subnormal.
public enum CheckinNumber {
  /// The most significant digits okr keeps exactly: 15, which every double holds.
  public static let mostSignificantDigits = 15

  /// Why text is not a check-in number.
  public enum Problem: Error, Equatable, Sendable {
    /// Not decimal text a double reads, or not finite.
    case notANumber
    /// More significant digits than a double keeps (`nil`: too many to count).
    case tooManyDigits(Int?)
    /// Closer to zero than the smallest normal double.
    case tooCloseToZero
  }

  /// The number `text` says, or why it is not one under the rule.
  public static func read(_ text: String) -> Result<Double, Problem> {
    guard let number = Double(text), number.isFinite, !text.contains(where: { $0 == "x" || $0 == "X" }) else {
      return .failure(.notANumber)
    }
    let digits = significantDigits(text)
    guard let digits, digits <= mostSignificantDigits else { return .failure(.tooManyDigits(digits)) }
    guard number == 0 || abs(number) >= Double.leastNormalMagnitude else { return .failure(.tooCloseToZero) }
    return .success(number)
  }

  /// The significant digits of a decimal number as written, from the first
  /// nonzero digit to the last (`0.00120` and `1.2e-3` have 2, `1e41` has 1);
  /// `nil` for hexadecimal or octal.
  public static func significantDigits(_ text: String) -> Int? {
    var text = text
    return text.withUTF8(significantDigits)
  }

  /// ``significantDigits(_:)`` of a number's UTF-8 bytes, in one pass: this
  /// runs for every number a repository holds, so it is inlined into the decoders.
  @inlinable
  public static func significantDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var digits = 0
    var firstNonzero = -1
    var lastNonzero = -1
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "e"), UInt8(ascii: "E"):
        break
      case UInt8(ascii: "x"), UInt8(ascii: "o"):
        return nil
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if byte != UInt8(ascii: "0") {
          if firstNonzero < 0 { firstNonzero = digits }
          lastNonzero = digits
        }
        digits += 1
        continue
      default:
        continue
      }
      break
    }
    return firstNonzero < 0 ? 0 : lastNonzero - firstNonzero + 1
  }

  /// The significant digits of a whole number, from the first nonzero digit to the last (`1200` has 2).
  public static func significantDigits(of value: Int) -> Int {
    var magnitude = value.magnitude
    guard magnitude != 0 else { return 0 }
    while magnitude % 10 == 0 { magnitude /= 10 }
    var count = 0
    while magnitude != 0 {
      magnitude /= 10
      count += 1
    }
    return count
  }
}
