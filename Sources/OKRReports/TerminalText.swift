import YAMLKit

/// Text for a terminal, built so that a person's string can only enter escaped.
///
/// The only raw text is what okr's own source spells out: string literals
/// (typed `StaticString`, so a runtime `String` cannot pose as one) and the
/// colour escapes of ``styled(_:sgr:)``. Everything interpolated — a title, an
/// id, a unit, a note, a number — goes through ``visible(_:keepingLineBreaks:)``: line breaks and
/// tabs become spaces, and control characters (C0, DEL, C1) and the
/// bidirectional overrides and isolates that reorder what a reader sees
/// (U+202A–U+202E, U+2066–U+2069) are shown as `\u{1B}`-style escapes.
///
/// ```swift
/// let line: TerminalText = "\(objective.id)  \(objective.title)\n"
/// ```
public struct TerminalText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
  /// The text as it goes to the terminal.
  public private(set) var description: String

  /// Text from okr's source, kept as written.
  public init(stringLiteral literal: StaticString) {
    description = literal.description
  }

  /// Literals kept, interpolations escaped.
  public init(stringInterpolation: Interpolation) {
    description = stringInterpolation.text
  }

  /// A person's text (or any value's description), escaped.
  public init(text value: some CustomStringConvertible) {
    description = Self.visible(value.description)
  }

  private init(raw: String) {
    description = raw
  }

  /// Builds terminal text: literals are okr's own, every interpolated value is escaped.
  public struct Interpolation: StringInterpolationProtocol {
    var text = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      text.reserveCapacity(literalCapacity + 16 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: StaticString) {
      text += literal.description
    }

    /// Terminal text already built: kept as it is.
    public mutating func appendInterpolation(_ text: TerminalText) {
      self.text += text.description
    }

    /// Any other value: its description, escaped.
    public mutating func appendInterpolation<Value>(_ value: Value) {
      text += TerminalText.visible(String(describing: value))
    }
  }

  /// The empty text.
  public static let empty = TerminalText(raw: "")

  /// Whether there is no text.
  public var isEmpty: Bool { description.isEmpty }

  /// How many columns it takes on screen (``TerminalLayout/displayWidth(of:)``), not counting colour escapes.
  public var width: Int { TerminalLayout.displayWidth(of: description) }

  /// Text escaped already, such as pieces of a ``TerminalText`` put back together.
  init(escaped text: String) {
    description = text
  }

  /// One text after the other.
  public static func + (left: TerminalText, right: TerminalText) -> TerminalText {
    TerminalText(raw: left.description + right.description)
  }

  /// Appends `right`.
  public static func += (left: inout TerminalText, right: TerminalText) {
    left.description += right.description
  }

  /// `parts` with `separator` between them.
  public static func joined(_ parts: [TerminalText], separator: TerminalText = .empty) -> TerminalText {
    TerminalText(raw: parts.map(\.description).joined(separator: separator.description))
  }

  /// `text` wrapped in an SGR colour escape (`"31"` red, `"1;33"` bold yellow) when `enabled`.
  ///
  /// The one place a control character is written on purpose; `sgr` is a literal.
  public static func styled(_ text: TerminalText, sgr: StaticString, enabled: Bool = true) -> TerminalText {
    guard enabled else { return text }
    return TerminalText(raw: "\u{1B}[\(sgr)m\(text.description)\u{1B}[0m")
  }

  /// The text padded with spaces to `width` on screen.
  public func padded(to width: Int) -> TerminalText {
    let missing = width - self.width
    return missing > 0 ? TerminalText(raw: description + String(repeating: " ", count: missing)) : self
  }

  /// The text without trailing spaces.
  public func trimmingTrailingSpaces() -> TerminalText {
    var text = description
    while text.last == " " { text.removeLast() }
    return TerminalText(raw: text)
  }

  /// A person's text escaped, then cut to `width` columns with `…` (``TerminalLayout/cut(_:to:)``).
  ///
  /// Cutting after escaping can split an escape like `\u{1B}`, which is only
  /// ever shorter text, never a control character.
  public static func cut(_ value: String, to width: Int) -> TerminalText {
    TerminalLayout.cut(value, to: width)
  }

  // MARK: The rule

  /// Whether a scalar must not reach a terminal (or any other output) raw: YAMLKit's ``DisplayText/isUnsafe(_:)``, the one rule.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    DisplayText.isUnsafe(scalar)
  }

  /// A person's text on one line with nothing a terminal would act on.
  ///
  /// Every output format applies this first: line breaks and tabs become
  /// spaces (`\r\n` one space), and every other unsafe scalar (see
  /// ``isUnsafe(_:)``) is shown as `\u{…}` with its hexadecimal code.
  ///
  /// - Parameters:
  ///   - text: A person's text.
  ///   - keepingLineBreaks: Keep `\n` and `\r` as they are, for a format
  ///     that quotes them (a CSV cell).
  /// - Returns: The text with nothing left to act on.
  public static func visible(_ text: some StringProtocol, keepingLineBreaks: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return String(text) }
    // Appended to a `String` in place, one scalar or escape at a time: a
    // `String.UnicodeScalarView`'s `append(contentsOf:)` copies the whole
    // text so far, which made a title of a million escapes take minutes.
    var out = ""
    out.reserveCapacity(text.utf8.count)
    let scalars = text.unicodeScalars
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      index = scalars.index(after: index)
      if keepingLineBreaks && (scalar == "\n" || scalar == "\r") {
        out.unicodeScalars.append(scalar)
      } else if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" {
        // `\r\n` is one line break, so one space.
        out += " "
        index = scalars.index(after: index)
      } else if scalar == "\n" || scalar == "\t" {
        out += " "
      } else if isUnsafe(scalar) {
        appendEscape(of: scalar, to: &out)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Appends `\u{…}` with the scalar's hexadecimal code.
  static func appendEscape(of scalar: Unicode.Scalar, to out: inout String) {
    out += "\\u{"
    out += String(scalar.value, radix: 16, uppercase: true)
    out += "}"
  }
}
