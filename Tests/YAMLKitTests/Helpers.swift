import YAMLKit

/// The UTF-8 byte order mark.
let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

extension YAMLParser {
  /// Parses text followed by raw bytes, for input a Swift string cannot hold.
  static func parse(_ text: String, then bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLStream {
    parse(Array(text.utf8) + bytes, limits: limits)
  }
}

extension YAMLStream {
  /// Every problem as `line:column: message`, the way people see them.
  var messages: [String] { errors.map(\.description) }

  /// The first document's root, for single-document input.
  var root: Node? { documents.first?.root }
}

extension Node {
  /// The tree in flow style, for asserting shape and order in one line.
  ///
  /// Like `{a: 1, b: [x, 'y']}`. Quoted scalars keep their quotes, tags their shorthand.
  var outline: String {
    let tagPrefix = tag.map { $0.shorthand + " " } ?? ""
    switch content {
    case .scalar(let text, let style):
      switch style {
      case .singleQuoted: return tagPrefix + "'\(text)'"
      case .doubleQuoted: return tagPrefix + "\"\(text)\""
      case .plain, .literal, .folded: return tagPrefix + text
      }
    case .sequence(let items):
      return tagPrefix + "[" + items.map(\.outline).joined(separator: ", ") + "]"
    case .mapping(let pairs):
      return tagPrefix + "{" + pairs.map { "\($0.key.outline): \($0.value.outline)" }.joined(separator: ", ") + "}"
    }
  }

  /// The mapping's keys in order.
  var keys: [String] { pairs?.compactMap(\.key.scalarText) ?? [] }
}
