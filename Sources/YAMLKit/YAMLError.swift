/// A problem found while reading YAML, with the position where it is.
///
/// The kinds mirror libyaml's stages (reader, scanner, parser) plus the
/// composer that builds the tree here (duplicate keys, aliases, tags) and the
/// resource limits that keep hostile input bounded.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Which stage found the problem.
  public enum Kind: String, Sendable {
    /// The bytes are not valid UTF-8, or hold characters YAML forbids.
    case reader
    /// libyaml's scanner could not form a token.
    case scanner
    /// libyaml's parser found tokens in an order YAML does not allow.
    case parser
    /// The tree builder: unknown tags, complex keys, aliases, merge keys.
    case composer
    /// The tree builder found a mapping that sets the same key twice.
    case duplicateKey
    /// A resource limit (input size, nesting depth, alias nodes or bytes) was reached.
    case limit
  }

  /// Which stage found the problem.
  public var kind: Kind
  /// What is wrong, lower-case, with user values in single quotes.
  public var problem: String
  /// What was being read when the problem was found (`while parsing a block mapping`).
  public var context: String?
  /// Where the construct named by `context` started.
  public var contextMark: Mark?
  /// Where the problem is.
  public var mark: Mark
  /// Whether reading stopped here: after a fatal error the tree is incomplete.
  public var isFatal: Bool
  /// For a `.limit` error, which limit was reached.
  public var limit: YAMLLimits.Kind?

  /// Creates an error.
  public init(
    kind: Kind, problem: String, context: String? = nil, contextMark: Mark? = nil, mark: Mark,
    isFatal: Bool, limit: YAMLLimits.Kind? = nil
  ) {
    self.limit = limit
    self.kind = kind
    self.problem = problem
    self.context = context
    self.contextMark = contextMark
    self.mark = mark
    self.isFatal = isFatal
  }

  /// The message without the position: the problem, then its context.
  public var message: String {
    guard let context else { return problem }
    if let contextMark, contextMark != mark {
      return "\(problem) (\(context) started at line \(contextMark.line), column \(contextMark.column))"
    }
    return "\(problem) (\(context))"
  }

  /// `line:column: message`.
  public var description: String { "\(mark): \(message)" }
}

/// Bounds that keep hostile input cheap to reject.
///
/// libyaml itself has none of these: it nests without limit (and parses deep
/// flow collections in quadratic time), and never expands aliases, so an alias
/// bomb is only a bomb for whoever expands it. The defaults are far above what
/// any hand-written OKR file needs.
public struct YAMLLimits: Sendable, Equatable {
  /// The limits there are.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case inputBytes, depth, aliasExpansion, aliasBytes
  }

  /// The largest input accepted, in bytes.
  public var maxInputBytes: Int
  /// The deepest nesting of sequences and mappings accepted.
  public var maxDepth: Int
  /// The most nodes that aliases may add to one stream, counting each alias as
  /// the size of the subtree it copies.
  public var maxAliasExpansion: Int
  /// The most bytes of scalar text (keys included) that aliases may add to one
  /// stream, counting each alias as the text of the subtree it copies.
  public var maxAliasBytes: Int

  /// Default input size cap: 16 MiB.
  public static let defaultMaxInputBytes = 16 << 20
  /// Default nesting depth cap: 64 levels (an OKR quarter file needs 8).
  public static let defaultMaxDepth = 64
  /// Default alias expansion cap: 10,000 nodes.
  public static let defaultMaxAliasExpansion = 10_000
  /// Default alias text cap: 1 MiB, far more than any shared owner or
  /// `done_when` needs, and a bound on what aliases can make of a file.
  public static let defaultMaxAliasBytes = 1 << 20

  /// The defaults.
  public static let `default` = YAMLLimits()

  /// Creates limits; each defaults to its named default.
  public init(
    maxInputBytes: Int = defaultMaxInputBytes,
    maxDepth: Int = defaultMaxDepth,
    maxAliasExpansion: Int = defaultMaxAliasExpansion,
    maxAliasBytes: Int = defaultMaxAliasBytes
  ) {
    self.maxInputBytes = maxInputBytes
    self.maxDepth = maxDepth
    self.maxAliasExpansion = maxAliasExpansion
    self.maxAliasBytes = maxAliasBytes
  }
}
