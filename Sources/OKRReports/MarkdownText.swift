import OKRCore

/// Markdown built so that a person's string can only enter escaped.
///
/// Markup is only what okr's source spells out, as string literals (typed
/// `StaticString`) and other ``MarkdownText`` values. Every interpolated value
/// is first made visible on one line (see ``TerminalText/visible(_:keepingLineBreaks:)``), then:
///
/// - HTML cannot start: `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;`;
/// - Markdown's inline syntax is escaped with a backslash: `\`, `` ` ``, `*`,
///   `_` (except inside a word, where it cannot mean emphasis), `[`, `]`, `~`
///   and `|` (so a table cell stays one cell);
/// - where the value would begin a line, a leading `#`, `-`, `+` or `=`, or
///   the `.` or `)` after a leading number, is escaped too, so it cannot
///   become a heading or list (a `>` is already `&gt;`).
///
/// Ids and slugs are shown as code with ``code(_:)`` when they hold nothing
/// a code span would need to escape, and as escaped text otherwise.
public struct MarkdownText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
  /// The Markdown.
  public private(set) var description: String

  /// Markdown from okr's source, kept as written.
  public init(stringLiteral literal: StaticString) {
    description = literal.description
  }

  /// Literals kept, interpolations escaped.
  public init(stringInterpolation: Interpolation) {
    description = stringInterpolation.markdown
  }

  /// A person's text (or any value's description), escaped as inline text.
  public init(text value: some CustomStringConvertible) {
    description = Self.escaped(value.description, atLineStart: false)
  }

  private init(markdown: String) {
    description = markdown
  }

  /// Builds Markdown: literals are okr's own, every interpolated value is escaped.
  public struct Interpolation: StringInterpolationProtocol {
    var markdown = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      markdown.reserveCapacity(literalCapacity + 16 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: StaticString) {
      markdown += literal.description
    }

    /// Markdown already built: kept as it is.
    public mutating func appendInterpolation(_ text: MarkdownText) {
      markdown += text.description
    }

    /// Any other value: its description, escaped as inline text.
    public mutating func appendInterpolation<Value>(_ value: Value) {
      let atLineStart = markdown.isEmpty || markdown.hasSuffix("\n")
      markdown += MarkdownText.escaped(String(describing: value), atLineStart: atLineStart)
    }
  }

  /// No Markdown.
  public static let empty = MarkdownText(markdown: "")

  /// One after the other.
  public static func + (left: MarkdownText, right: MarkdownText) -> MarkdownText {
    MarkdownText(markdown: left.description + right.description)
  }

  /// Appends `right`.
  public static func += (left: inout MarkdownText, right: MarkdownText) {
    left.description += right.description
  }

  /// `parts` with `separator` between them.
  public static func joined(_ parts: [MarkdownText], separator: MarkdownText = .empty) -> MarkdownText {
    MarkdownText(markdown: parts.map(\.description).joined(separator: separator.description))
  }

  /// A table row: `| a | b |` and a line break, each cell already Markdown.
  public static func row(_ cells: [MarkdownText]) -> MarkdownText {
    "| \(joined(cells, separator: " | ")) |\n"
  }

  /// A slug, id or reference as a code span: `` `growth` ``, `` `company O1/KR1` ``.
  ///
  /// Only text of letters, digits, spaces and `.`, `_`, `-`, `/`, `:` is
  /// shown as code: anything else could close the span, or would be shown
  /// raw by a renderer that ignores it, so such text (only ever in a file
  /// with errors, as ids and slugs are checked) is escaped as inline text
  /// instead, like ``init(text:)``.
  public static func code(_ value: some CustomStringConvertible) -> MarkdownText {
    let text = value.description
    let isPlain =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy { scalar in
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
          || [" ", ".", "_", "-", "/", ":"].contains(scalar)
      }
    return isPlain ? MarkdownText(markdown: "`" + text + "`") : MarkdownText(text: text)
  }

  /// Text escaped as inline Markdown; see the type's documentation.
  static func escaped(_ text: String, atLineStart: Bool) -> String {
    // Into a `String` in place: `+=` on a `String.UnicodeScalarView` copies
    // all that came before, so escaping was quadratic in the text's length.
    var out = ""
    let visible = TerminalText.visible(text)
    out.reserveCapacity(visible.utf8.count)
    let blockMark = atLineStart ? blockMarkOffset(visible) : nil
    let scalars = Array(visible.unicodeScalars)
    for (offset, scalar) in scalars.enumerated() {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "_"
      where offset > 0 && offset < scalars.count - 1 && isWordScalar(scalars[offset - 1])
        && isWordScalar(scalars[offset + 1]):
        // Inside a word (`trial_started`) `_` cannot open or close emphasis.
        out.unicodeScalars.append(scalar)
      case "\\", "`", "*", "_", "[", "]", "~", "|":
        out += "\\"
        out.unicodeScalars.append(scalar)
      default:
        if offset == blockMark { out += "\\" }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// Where text at the start of a line would open a block (a heading, list
  /// or setext underline): the offset of the scalar to escape, else `nil`.
  private static func blockMarkOffset(_ text: String) -> Int? {
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first else { return nil }
    if ["#", "-", "+", "="].contains(first) { return 0 }
    let digits = scalars.prefix { ("0"..."9").contains($0) }.count
    guard digits > 0, digits < scalars.count, scalars[digits] == "." || scalars[digits] == ")" else { return nil }
    return digits
  }
}
