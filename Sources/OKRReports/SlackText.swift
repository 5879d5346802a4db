/// Slack `mrkdwn` built so that a person's string can only enter escaped.
///
/// Markup is only what okr's source spells out, as string literals (typed
/// `StaticString`) and other ``SlackText`` values. Every interpolated value is
/// first made visible on one line (see ``TerminalText/visible(_:keepingLineBreaks:)``:
/// line breaks and tabs become spaces, control characters and bidirectional
/// overrides are shown as `\u{…}`), then:
///
/// - `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;`, the three escapes
///   Slack documents (https://api.slack.com/reference/surfaces/formatting#escaping),
///   so a value cannot ping `<!channel>`, mention `<@U123>` or smuggle a
///   `<http://x|label>` link; `&amp;` written by a person shows as `&amp;`;
/// - mrkdwn has no backslash escape, so its formatting characters `*`, `_`,
///   `~` and `` ` `` become their fullwidth forms (`＊`, `＿`, `～`, `｀`):
///   they read the same, and a title cannot bold, italicise, strike or
///   code-format the message around it;
/// - `@`, `[` and `]` become `＠`, `［` and `］` too: Mattermost, which takes
///   the same payload (docs/ci.md), renders its text as Markdown and links
///   `@channel` and `[label](url)` itself, which Slack does not.
///
/// The same fullwidth rule serves every character it touches: the scalar
/// plus `U+FEE0`, the distance from ASCII to its fullwidth block.
public struct SlackText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
  /// The mrkdwn.
  public private(set) var description: String

  /// mrkdwn from okr's source, kept as written.
  public init(stringLiteral literal: StaticString) {
    description = literal.description
  }

  /// Literals kept, interpolations escaped.
  public init(stringInterpolation: Interpolation) {
    description = stringInterpolation.mrkdwn
  }

  /// A person's text (or any value's description), escaped.
  public init(text value: some CustomStringConvertible) {
    description = Self.escaped(value.description)
  }

  private init(mrkdwn: String) {
    description = mrkdwn
  }

  /// Builds mrkdwn: literals are okr's own, every interpolated value is escaped.
  public struct Interpolation: StringInterpolationProtocol {
    var mrkdwn = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      mrkdwn.reserveCapacity(literalCapacity + 16 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: StaticString) {
      mrkdwn += literal.description
    }

    /// mrkdwn already built: kept as it is.
    public mutating func appendInterpolation(_ text: SlackText) {
      mrkdwn += text.description
    }

    /// Any other value: its description, escaped.
    public mutating func appendInterpolation<Value>(_ value: Value) {
      mrkdwn += SlackText.escaped(String(describing: value))
    }
  }

  /// No text.
  public static let empty = SlackText(mrkdwn: "")

  /// Whether there is no text.
  public var isEmpty: Bool { description.isEmpty }

  /// How long Slack counts the text: UTF-16 code units, the most any count of characters gives.
  public var length: Int { description.utf16.count }

  /// One after the other.
  public static func + (left: SlackText, right: SlackText) -> SlackText {
    SlackText(mrkdwn: left.description + right.description)
  }

  /// Appends `right`.
  public static func += (left: inout SlackText, right: SlackText) {
    left.description += right.description
  }

  /// `parts` with `separator` between them.
  public static func joined(_ parts: [SlackText], separator: SlackText = .empty) -> SlackText {
    SlackText(mrkdwn: parts.map(\.description).joined(separator: separator.description))
  }

  /// An id, slug or rule name as a code span: `` `confidence_drop` ``.
  ///
  /// Only text of ASCII letters, digits and `.`, `_`, `-`, `/`, `:` and spaces
  /// is shown as code, where nothing is formatted and nothing can close the
  /// span; anything else is escaped as text, like ``init(text:)``.
  public static func code(_ value: some CustomStringConvertible) -> SlackText {
    let text = value.description
    let isPlain =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
          || [" ", ".", "_", "-", "/", ":"].contains(scalar)
      }
    return isPlain ? SlackText(mrkdwn: "`" + text + "`") : SlackText(text: text)
  }

  /// The text cut to at most `length` UTF-16 code units, ending in `…` when cut.
  ///
  /// It is cut between scalars and never inside an entity (`&amp;`), so what
  /// is left is still escaped: no bare `&` and no half a surrogate pair.
  public func cut(to length: Int) -> SlackText {
    guard self.length > length else { return self }
    var kept = ""
    var used = 0
    var entityStart: String.Index?
    let budget = max(0, length - 1)
    for scalar in description.unicodeScalars {
      let size = scalar.utf16.count
      if used + size > budget { break }
      if scalar == "&" { entityStart = kept.endIndex }
      if scalar == ";" { entityStart = nil }
      kept.unicodeScalars.append(scalar)
      used += size
    }
    if let entityStart { kept = String(kept[..<entityStart]) }
    return SlackText(mrkdwn: kept + "…")
  }

  /// Text escaped for mrkdwn; see the type's documentation.
  static func escaped(_ text: String) -> String {
    var out = ""
    let visible = TerminalText.visible(text)
    out.reserveCapacity(visible.utf8.count)
    for scalar in visible.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "*", "_", "~", "`", "@", "[", "]":
        out.unicodeScalars.append(Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
