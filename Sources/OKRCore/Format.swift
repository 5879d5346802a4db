/// How numbers and file text appear in messages and reports.
public enum Format {
  /// A number as written: `35`, not `35.0`; `2.1`; never exponent notation for everyday values.
  public static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }

  /// A number with its unit: `58%` (no space for `%`), `240 ms`.
  public static func quantity(_ value: Double, unit: String?) -> String {
    guard let unit, !unit.isEmpty else { return number(value) }
    return unit == "%" ? number(value) + "%" : number(value) + " " + unit
  }

  /// `text` with every `scalar` replaced, matched scalar by scalar.
  ///
  /// Unlike `String.replacing`, which matches whole characters, this finds a
  /// `"` or `|` even when a combining mark follows it (`"\u{301}` is one
  /// character): escaping for CSV and Markdown must not miss one.
  public static func replacing(_ scalar: Unicode.Scalar, with replacement: String, in text: String) -> String {
    guard text.unicodeScalars.contains(scalar) else { return text }
    // Into a `String` in place: `append(contentsOf:)` on a
    // `String.UnicodeScalarView` copies all that came before (quadratic).
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for each in text.unicodeScalars {
      if each == scalar {
        out += replacement
      } else {
        out.unicodeScalars.append(each)
      }
    }
    return out
  }

  /// A share as a whole percentage: `65%`.
  public static func percent(_ fraction: Double) -> String {
    "\(Int((fraction * 100).rounded()))%"
  }

  /// `1 file`, `2 files`.
  public static func count(_ number: Int, _ noun: String) -> String {
    number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
  }
}
