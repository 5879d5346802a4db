/// A node of a parsed YAML document: a scalar, a sequence or a mapping.
///
/// Every node carries the mark where it starts, so code that decodes the tree
/// can point people at the exact spot of a problem. Aliases are already
/// expanded (within ``YAMLLimits/maxAliasExpansion``) and merge keys (`<<`)
/// already applied, so consumers never see either.
public struct Node: Sendable {
  /// What the node holds.
  public enum Content: Sendable {
    /// A scalar's text, exactly as decoded by libyaml, and how it was written.
    case scalar(String, ScalarStyle)
    /// The items of a sequence, in order.
    case sequence([Node])
    /// The entries of a mapping, in the order they were written.
    case mapping([Pair])
  }

  /// One entry of a mapping.
  ///
  /// Keys are always scalars: complex keys are rejected.
  public struct Pair: Sendable {
    /// The key node, always a scalar.
    public var key: Node
    /// The value node.
    public var value: Node

    /// Creates a mapping entry.
    public init(key: Node, value: Node) {
      self.key = key
      self.value = value
    }
  }

  /// What the node holds.
  public var content: Content
  /// The node's explicit tag, or `nil` when it was written without one.
  public var tag: YAMLTag?
  /// Where the node starts in the input.
  public var mark: Mark

  /// Creates a node.
  public init(_ content: Content, tag: YAMLTag? = nil, mark: Mark) {
    self.content = content
    self.tag = tag
    self.mark = mark
  }
}

/// How a scalar was written; only plain scalars are resolved to typed values.
public enum ScalarStyle: Sendable, Hashable {
  case plain, singleQuoted, doubleQuoted, literal, folded
}

/// The tags okr accepts: YAML's standard types and the non-specific `!`.
///
/// Anything else (`!!python/object`, `!custom`) is rejected by the parser with
/// a positioned error, because honouring it would mean running someone's idea
/// of a type, and ignoring it would silently change meaning.
public enum YAMLTag: String, Sendable, Hashable, CaseIterable {
  /// `!`: the scalar is a string, whatever it looks like.
  case nonSpecific = "!"
  case string = "tag:yaml.org,2002:str"
  case int = "tag:yaml.org,2002:int"
  case float = "tag:yaml.org,2002:float"
  case bool = "tag:yaml.org,2002:bool"
  case null = "tag:yaml.org,2002:null"
  case mapping = "tag:yaml.org,2002:map"
  case sequence = "tag:yaml.org,2002:seq"

  /// The tag as people write it (`!!str`).
  public var shorthand: String {
    self == .nonSpecific ? "!" : "!!" + rawValue.dropFirst("tag:yaml.org,2002:".count)
  }
}

extension Node {
  /// The scalar's text, or `nil` for a sequence or mapping.
  public var scalarText: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// The mapping's entries, or `nil` for a scalar or sequence.
  public var pairs: [Pair]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// The sequence's items, or `nil` for a scalar or mapping.
  public var items: [Node]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The value for a scalar key in a mapping, or `nil`.
  ///
  /// Mappings in OKR files are small, so a linear scan beats building an index.
  public subscript(key: String) -> Node? {
    guard case .mapping(let pairs) = content else { return nil }
    return pairs.first { $0.key.scalarText == key }?.value
  }

  /// A word for the node's kind, for messages: `a string`, `a sequence`, `a mapping`.
  public var kindDescription: String {
    switch content {
    case .scalar:
      switch resolvedScalar {
      case .null: return "null"
      case .bool: return "a boolean"
      case .int, .float: return "a number"
      case .string, nil: return "a string"
      }
    case .sequence: return "a sequence"
    case .mapping: return "a mapping"
    }
  }
}
