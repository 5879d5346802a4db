/// One document of a YAML stream.
public struct YAMLDocument: Sendable {
  /// The document's root node; an empty document holds a null scalar.
  public var root: Node
  /// Where the document starts (its `---`, or its first node).
  public var mark: Mark

  /// Creates a document.
  public init(root: Node, mark: Mark) {
    self.root = root
    self.mark = mark
  }
}

/// A parsed YAML stream: the documents read, and every problem found.
///
/// Problems that do not stop reading (a duplicate key, an unknown tag) are
/// collected and reading goes on, so people see all of them at once. A fatal
/// problem (a syntax error, a limit) ends reading; the documents completed
/// before it are kept.
public struct YAMLStream: Sendable {
  /// The complete documents, in input order.
  public var documents: [YAMLDocument]
  /// The problems found, in input order; at most the last one is fatal.
  public var errors: [YAMLError]

  /// Creates a stream.
  public init(documents: [YAMLDocument], errors: [YAMLError]) {
    self.documents = documents
    self.errors = errors
  }
}

/// Parses YAML with libyaml into ``Node`` trees.
public enum YAMLParser {
  /// Parses UTF-8 bytes.
  ///
  /// - Parameters:
  ///   - bytes: The input. A UTF-8 byte order mark is skipped; UTF-16 is refused.
  ///   - limits: Bounds on input size, nesting depth and alias expansion.
  /// - Returns: The documents and every problem found; this never throws and never traps.
  public static func parse<Bytes: Collection>(_ bytes: Bytes, limits: YAMLLimits = .default) -> YAMLStream
  where Bytes.Element == UInt8 {
    let start = Mark(line: 1, column: 1, offset: 0)
    if bytes.count > limits.maxInputBytes {
      return tooLarge(bytes.count, limits: limits)
    }
    var prefix = bytes.prefix(2).makeIterator()
    if let first = prefix.next(), let second = prefix.next(),
      (first, second) == (0xFE, 0xFF) || (first, second) == (0xFF, 0xFE)
    {
      let problem = "the input is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"
      return YAMLStream(
        documents: [], errors: [YAMLError(kind: .reader, problem: problem, mark: start, isFatal: true)])
    }
    var builder = TreeBuilder(reader: LibYAMLEventReader(bytes), limits: limits)
    return builder.run()
  }

  /// Parses a string.
  ///
  /// - Parameters:
  ///   - text: The YAML text.
  ///   - limits: Bounds on input size, nesting depth and alias expansion.
  /// - Returns: The documents and every problem found.
  public static func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLStream {
    parse(Array(text.utf8), limits: limits)
  }
}

extension YAMLParser {
  /// The error for input over the size limit.
  ///
  /// - Parameters:
  ///   - size: The input's size, or a lower bound of it when `isLowerBound`.
  ///   - isLowerBound: Reading stopped at the limit (a pipe), so the real size is unknown.
  static func tooLarge(_ size: Int, limits: YAMLLimits, isLowerBound: Bool = false) -> YAMLStream {
    var shown = formatBytes(size)
    var limit = formatBytes(limits.maxInputBytes)
    if shown == limit {
      // Rounded, both would read the same: say it in bytes.
      shown = "\(size) bytes"
      limit = "\(limits.maxInputBytes) bytes"
    }
    let problem =
      isLowerBound
      ? "input is larger than the limit of \(limit)"
      : "input is \(shown), larger than the limit of \(limit)"
    let error = YAMLError(
      kind: .limit, problem: problem, mark: Mark(line: 1, column: 1, offset: 0), isFatal: true, limit: .inputBytes)
    return YAMLStream(documents: [], errors: [error])
  }
}

func formatBytes(_ count: Int) -> String {
  if count >= 1 << 20 {
    let tenths = (count * 10 + (1 << 19)) >> 20
    return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
  }
  if count >= 1 << 10 { return "\((count + 512) >> 10) KiB" }
  return "\(count) bytes"
}

/// Builds trees from libyaml's events, iteratively.
///
/// An explicit stack instead of recursion: a recursive builder overflows the
/// thread's stack at some ten thousand levels, and libyaml nests without limit.
/// The depth cap is checked as each collection opens, so deep input stops
/// libyaml early, before its quadratic flow-level bookkeeping costs seconds.
struct TreeBuilder {
  private struct Frame {
    var isMapping: Bool
    var mark: Mark
    var tag: YAMLTag?
    var anchor: String?
    var items: [Node] = []
    var pairs: [Node.Pair] = []
    var pendingKey: Node?
    /// Set after a complex key was rejected: its value is read and dropped.
    var skipsValue = false
    var hasMergeKey = false
    /// Where each key was first set: `nil` while a linear scan is cheaper, built
    /// once the mapping outgrows it, so a mapping with a million keys stays linear.
    var keyMarks: [String: Mark]?
    /// Nodes in this subtree so far, with aliases counted at their expanded size.
    var size = 1
  }

  private struct Anchored {
    var node: Node
    var size: Int
  }

  private let reader: LibYAMLEventReader
  private let limits: YAMLLimits
  private var stack: [Frame] = []
  private var anchors: [String: Anchored] = [:]
  private var aliasExpansion = 0
  private var documentMark = Mark(line: 1, column: 1, offset: 0)
  private var documentRoot: Node?
  private var documents: [YAMLDocument] = []
  private var errors: [YAMLError] = []

  init(reader: LibYAMLEventReader, limits: YAMLLimits) {
    self.reader = reader
    self.limits = limits
  }

  mutating func run() -> YAMLStream {
    loop: while true {
      switch reader.next() {
      case .failure(let error):
        errors.append(error)
        break loop
      case .success(let event):
        if handle(event) == false { break loop }
      }
    }
    // Merge keys are checked when their mapping closes, after problems found
    // inside it; the stream promises input order. The sort is stable, and a
    // fatal error, which ends reading, is never before a problem found earlier.
    let ordered = errors.enumerated().sorted { ($0.element.mark, $0.offset) < ($1.element.mark, $1.offset) }
    return YAMLStream(documents: documents, errors: ordered.map(\.element))
  }

  /// Handles one event; returns `false` when reading must stop.
  private mutating func handle(_ event: Event) -> Bool {
    switch event {
    case .streamStart:
      return true
    case .streamEnd:
      return false
    case .documentStart(let mark):
      documentMark = mark
      documentRoot = nil
      anchors.removeAll(keepingCapacity: true)
      return true
    case .documentEnd:
      documents.append(
        YAMLDocument(root: documentRoot ?? Node(.scalar("", .plain), mark: documentMark), mark: documentMark))
      return true
    case .sequenceStart(let anchor, let tag, let mark), .mappingStart(let anchor, let tag, let mark):
      guard stack.count < limits.maxDepth else {
        fail(
          .depth, "nesting is deeper than the limit of \(limits.maxDepth) \(limits.maxDepth == 1 ? "level" : "levels")",
          at: mark)
        return false
      }
      var isMapping = false
      if case .mappingStart = event { isMapping = true }
      let resolved = resolveTag(tag, at: mark, isMapping ? .mapping : .sequence)
      stack.append(Frame(isMapping: isMapping, mark: mark, tag: resolved, anchor: anchor))
      return true
    case .sequenceEnd:
      let frame = stack.removeLast()
      return complete(
        Node(.sequence(frame.items), tag: frame.tag, mark: frame.mark), size: frame.size, anchor: frame.anchor)
    case .mappingEnd:
      let frame = stack.removeLast()
      let pairs = frame.hasMergeKey ? merged(frame.pairs) : frame.pairs
      return complete(Node(.mapping(pairs), tag: frame.tag, mark: frame.mark), size: frame.size, anchor: frame.anchor)
    case .scalar(let value, let style, let anchor, let tag, let mark):
      let resolved = resolveTag(tag, at: mark, nil)
      let node = Node(.scalar(value, style), tag: resolved, mark: mark)
      if let resolved, resolved != .string, resolved != .nonSpecific, node.resolvedScalar == .string(value) {
        report(.composer, "'\(DisplayText.shown(value))' is not a valid \(resolved.shorthand)", at: mark)
      }
      return complete(node, size: 1, anchor: anchor)
    case .alias(let name, let mark):
      guard let anchored = anchors[name] else {
        report(.composer, "alias '*\(DisplayText.shown(name))' refers to no anchor defined before it", at: mark)
        return complete(Node(.scalar("", .plain), mark: mark), size: 1, anchor: nil)
      }
      aliasExpansion += anchored.size
      guard aliasExpansion <= limits.maxAliasExpansion else {
        fail(
          .aliasExpansion,
          "aliases expand to more than the limit of \(limits.maxAliasExpansion) nodes (an alias bomb?)",
          at: mark)
        return false
      }
      // The copy starts where the alias is (so problems with how it is used
      // point there); the nodes inside keep the anchor's marks.
      var copy = anchored.node
      copy.mark = mark
      return complete(copy, size: anchored.size, anchor: nil)
    }
  }

  /// Hands a finished node to its parent collection, or makes it the document's root.
  private mutating func complete(_ node: Node, size: Int, anchor: String?) -> Bool {
    if let anchor {
      anchors[anchor] = Anchored(node: node, size: size)
    }
    guard !stack.isEmpty else {
      documentRoot = node
      return true
    }
    let top = stack.count - 1
    stack[top].size += size
    if !stack[top].isMapping {
      stack[top].items.append(node)
    } else if stack[top].skipsValue {
      stack[top].skipsValue = false
    } else if let key = stack[top].pendingKey {
      stack[top].pendingKey = nil
      addPair(Node.Pair(key: key, value: node), toFrameAt: top)
    } else if node.scalarText == nil {
      report(.composer, "a mapping key must be a scalar; complex keys are not supported", at: node.mark)
      stack[top].skipsValue = true
    } else {
      stack[top].pendingKey = node
    }
    return true
  }

  private mutating func addPair(_ pair: Node.Pair, toFrameAt index: Int) {
    if case .scalar("<<", .plain) = pair.key.content, pair.key.tag == nil {
      stack[index].hasMergeKey = true
      stack[index].pairs.append(pair)
      return
    }
    let key = pair.key.scalarText ?? ""
    if let first = firstMark(ofKey: key, inFrameAt: index) {
      report(
        .duplicateKey,
        "duplicate key '\(DisplayText.shown(key))'; it is already set at line \(first.line), column \(first.column)",
        at: pair.key.mark)
      return
    }
    if stack[index].keyMarks == nil, stack[index].pairs.count >= Self.linearScanLimit {
      var marks: [String: Mark] = [:]
      for existing in stack[index].pairs where !Self.isMergeKey(existing.key) {
        marks[existing.key.scalarText ?? ""] = existing.key.mark
      }
      stack[index].keyMarks = marks
    }
    stack[index].keyMarks?[key] = pair.key.mark
    stack[index].pairs.append(pair)
  }

  private static let linearScanLimit = 16

  private func firstMark(ofKey key: String, inFrameAt index: Int) -> Mark? {
    if let marks = stack[index].keyMarks { return marks[key] }
    return stack[index].pairs.first { $0.key.scalarText == key && !Self.isMergeKey($0.key) }?.key.mark
  }

  private static func isMergeKey(_ key: Node) -> Bool {
    if case .scalar("<<", .plain) = key.content, key.tag == nil { return true }
    return false
  }

  /// Applies merge keys (`<<`): merged entries take the place of the `<<`
  /// entry, and never override a key the mapping sets itself or an earlier merge.
  private mutating func merged(_ pairs: [Node.Pair]) -> [Node.Pair] {
    var taken = Set(pairs.lazy.filter { !Self.isMergeKey($0.key) }.compactMap { $0.key.scalarText })
    var result: [Node.Pair] = []
    for pair in pairs {
      guard Self.isMergeKey(pair.key) else {
        result.append(pair)
        continue
      }
      let sources: [Node]
      switch pair.value.content {
      case .mapping: sources = [pair.value]
      case .sequence(let items) where items.allSatisfy({ $0.pairs != nil }): sources = items
      default:
        report(.composer, "a merge key '<<' needs a mapping or a sequence of mappings", at: pair.value.mark)
        continue
      }
      for source in sources {
        for entry in source.pairs ?? [] {
          guard let key = entry.key.scalarText, taken.insert(key).inserted else { continue }
          result.append(entry)
        }
      }
    }
    return result
  }

  private enum CollectionKind { case sequence, mapping }

  private mutating func resolveTag(_ tag: String?, at mark: Mark, _ collection: CollectionKind?) -> YAMLTag? {
    guard let tag else { return nil }
    guard let known = YAMLTag(rawValue: tag) else {
      let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
      report(
        .composer,
        "unknown tag '\(DisplayText.shown(shown))'; only YAML's standard tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are accepted",
        at: mark)
      return nil
    }
    let fits: Bool
    switch known {
    case .mapping: fits = collection == .mapping
    case .sequence: fits = collection == .sequence
    case .nonSpecific: fits = true
    default: fits = collection == nil
    }
    if !fits {
      let what = collection.map { $0 == .mapping ? "a mapping" : "a sequence" } ?? "a scalar"
      report(.composer, "tag '\(DisplayText.shown(known.shorthand))' cannot be used on \(what)", at: mark)
      return nil
    }
    return known
  }

  private mutating func report(_ kind: YAMLError.Kind, _ problem: String, at mark: Mark) {
    errors.append(YAMLError(kind: kind, problem: problem, mark: mark, isFatal: false))
  }

  private mutating func fail(_ limit: YAMLLimits.Kind, _ problem: String, at mark: Mark) {
    errors.append(YAMLError(kind: .limit, problem: problem, mark: mark, isFatal: true, limit: limit))
  }
}
