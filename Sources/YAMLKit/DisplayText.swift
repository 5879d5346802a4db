/// Text from a file, made safe to put in a message.
///
/// A file's keys and values end up in messages printed on terminals: control
/// characters (an ESC starts an escape sequence that can rewrite the screen)
/// are shown as `\u{1B}`-style escapes, and very long values are cut, so a
/// 10,000-character key makes a readable line, not a wall.
public enum DisplayText {
  /// The longest value shown in full.
  public static let maxLength = 80

  /// Whether a scalar must not reach a terminal (or any other output) raw: okr's one rule.
  ///
  /// C0 and C1 control characters and DEL move cursors, clear screens and
  /// retitle windows; the bidirectional embeddings, overrides and isolates
  /// make text display in another order than it is read ("Trojan Source").
  /// Every output's escaping type (OKRReports' `TerminalText` first) asks this.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

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
      if isUnsafe(scalar) {
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return out
  }

  /// A name from the file system that is not valid UTF-8, as text: each
  /// byte that is not part of a UTF-8 character is shown as `\xFF`.
  ///
  /// Linear in the name's length: each position tries the at most four bytes
  /// a UTF-8 character can take.
  ///
  /// - Parameter bytes: The name's bytes, without a terminating NUL.
  /// - Returns: The name with its stray bytes escaped.
  public static func escapingInvalidUTF8(_ bytes: some Collection<UInt8>) -> String {
    let bytes = Array(bytes)
    var out = ""
    var index = 0
    while index < bytes.count {
      let character = (1...4).lazy.compactMap { length -> String? in
        guard index + length <= bytes.count,
          let text = String(validating: bytes[index..<(index + length)], as: UTF8.self),
          text.unicodeScalars.count == 1
        else { return nil }
        return text
      }.first
      if let character {
        out += character
        index += character.utf8.count
      } else {
        let hex = String(bytes[index], radix: 16, uppercase: true)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        index += 1
      }
    }
    return out
  }
}
