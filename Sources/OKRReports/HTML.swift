/// HTML built so that a person's string can only enter escaped.
///
/// The pattern of Plot's `Node`: markup is only what okr's source spells out,
/// as string literals (typed `StaticString`, so a runtime `String` cannot pose
/// as markup), and other ``HTML`` values built the same way. Every interpolated
/// value — a title, an id, a unit, a number — is first made visible (see
/// ``TerminalText/visible(_:keepingLineBreaks:)``) and then has `&`, `<`, `>`, `"` and `'`
/// escaped, scalar by scalar, which makes it safe both as element text and as
/// a quoted attribute value. Values for `id`, `href="#…"` and
/// `aria-labelledby` are ``HTMLAnchor``s, which hold only `[A-Za-z0-9_-]`.
///
/// ```swift
/// let heading: HTML = "<h3>\(objective.id) · \(objective.title)</h3>\n"
/// ```
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
  /// The markup.
  public private(set) var description: String

  /// Markup from okr's source, kept as written.
  public init(stringLiteral literal: StaticString) {
    description = literal.description
  }

  /// Literals kept, interpolations escaped.
  public init(stringInterpolation: Interpolation) {
    description = stringInterpolation.markup
  }

  /// A person's text (or any value's description) as escaped HTML text.
  public init(text value: some CustomStringConvertible) {
    description = Self.escaped(value.description)
  }

  private init(markup: String) {
    description = markup
  }

  /// Builds HTML: literals are okr's own markup, every interpolated value is escaped.
  public struct Interpolation: StringInterpolationProtocol {
    var markup = ""

    public init(literalCapacity: Int, interpolationCount: Int) {
      markup.reserveCapacity(literalCapacity + 16 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: StaticString) {
      markup += literal.description
    }

    /// HTML already built: kept as it is.
    public mutating func appendInterpolation(_ html: HTML) {
      markup += html.description
    }

    /// An anchor name: only `[A-Za-z0-9_-]`, so nothing to escape.
    public mutating func appendInterpolation(_ anchor: HTMLAnchor) {
      markup += anchor.name
    }

    /// Any other value: its description as escaped text.
    public mutating func appendInterpolation<Value>(_ value: Value) {
      markup += HTML.escaped(String(describing: value))
    }
  }

  /// No markup.
  public static let empty = HTML(markup: "")

  /// One after the other.
  public static func + (left: HTML, right: HTML) -> HTML {
    HTML(markup: left.description + right.description)
  }

  /// Appends `right`.
  public static func += (left: inout HTML, right: HTML) {
    left.description += right.description
  }

  /// `parts` with `separator` between them.
  public static func joined(_ parts: [HTML], separator: HTML = .empty) -> HTML {
    HTML(markup: parts.map(\.description).joined(separator: separator.description))
  }

  /// Text as HTML: unsafe scalars shown, then `&`, `<`, `>`, `"` and `'` escaped.
  ///
  /// Scalar by scalar: a `"` followed by a combining mark is one Character,
  /// and matching Characters would let it close an attribute.
  static func escaped(_ text: String) -> String {
    // Into a `String` in place: `+=` on a `String.UnicodeScalarView` copies
    // all that came before, so escaping was quadratic in the text's length.
    let visible = TerminalText.visible(text)
    var out = ""
    out.reserveCapacity(visible.utf8.count)
    for scalar in visible.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// A name for an HTML `id`, unique in its page, usable in `href="#…"` and `aria-labelledby`.
///
/// Made only by ``HTMLAnchors/unique(_:)``, from any text: scalars outside
/// `[A-Za-z0-9_-]` become `-`, so a name never holds a space (which would split
/// an `aria-labelledby` list), a quote or markup.
public struct HTMLAnchor: Sendable, Hashable {
  /// The name.
  public let name: String

  fileprivate init(name: String) {
    self.name = name
  }

  /// This name with `suffix` (`-t`, `-d`), which keeps it unique as long as no other name ends so.
  func suffixed(_ suffix: StaticString) -> HTMLAnchor {
    HTMLAnchor(name: name + suffix.description)
  }
}

/// Hands out the page's anchor names, each once.
public struct HTMLAnchors: Sendable {
  private var used: Set<String> = []

  /// No names used yet.
  public init() {}

  /// A name made from `text`: its safe scalars, others as `-`, with `-2`, `-3`… when already used.
  ///
  /// Names end in a digit only when `text` does or a counter was added; the
  /// suffixes okr adds (`-t`, `-d`) end in letters, so they never collide
  /// with a counted name.
  public mutating func unique(_ text: String) -> HTMLAnchor {
    var base = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-": base.unicodeScalars.append(scalar)
      default: base += "-"
      }
    }
    var name = base
    var counter = 1
    while used.contains(name) || used.contains(name + "-t") || used.contains(name + "-d") {
      counter += 1
      name = base + "-\(counter)"
    }
    used.insert(name)
    used.insert(name + "-t")
    used.insert(name + "-d")
    return HTMLAnchor(name: name)
  }
}
