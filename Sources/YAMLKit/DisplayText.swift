/// Text from a file, made safe to put in a message.
///
/// A file's keys and values end up in messages printed on terminals: control
/// characters (an ESC starts an escape sequence that can rewrite the screen)
/// are shown as `\u{1B}`-style escapes, and very long values are cut, so a
/// 10,000-character key makes a readable line, not a wall.
public enum DisplayText {
  /// The longest value shown in full.
  public static let maxLength = 80

  /// `value`'s text with control characters escaped, cut to ``maxLength`` characters with `…`.
  public static func shown(_ value: some CustomStringConvertible) -> String {
    let text = value.description
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count == maxLength {
        out += "…"
        break
      }
      switch scalar.value {
      case 0..<0x20, 0x7F..<0xA0:
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default:
        out.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return out
  }
}
