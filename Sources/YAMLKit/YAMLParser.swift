#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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
  /// The key at which a ``YAMLHeadProbe`` stopped reading; `nil` when the whole input was read.
  ///
  /// When set, the only document is the first one's head: its root mapping's entries before that key.
  public var stoppedAtKey: String?

  /// Creates a stream.
  public init(documents: [YAMLDocument], errors: [YAMLError], stoppedAtKey: String? = nil) {
    self.documents = documents
    self.errors = errors
    self.stoppedAtKey = stoppedAtKey
  }
}

/// A look at the top of a stream, to stop reading when the rest is not wanted.
///
/// A file often says what it is in its first lines (a quarter file's
/// `quarter:` comes before its objectives). The probe is asked once, when the
/// first document whose root is a mapping reaches a top-level key among
/// `stopKeys`; it sees that mapping's entries so far (the head) and says
/// whether to stop. When it stops, the stream holds the head as its only
/// document and libyaml reads nothing more. It is not asked when a problem was
/// found before that key, or when the head uses a merge key (`<<`), so a
/// stream is cut short only where its head reads exactly as in a full parse.
public struct YAMLHeadProbe {
  /// The top-level keys at which the head ends.
  public var stopKeys: [String]
  /// Whether to stop reading there.
  public var shouldStop: (YAMLHead) -> Bool

  /// Creates a probe.
  public init(stopKeys: [String], shouldStop: @escaping (YAMLHead) -> Bool) {
    self.stopKeys = stopKeys
    self.shouldStop = shouldStop
  }
}

/// The head of a stream's first document, as a ``YAMLHeadProbe`` sees it.
///
/// It lives only while the probe runs.
public struct YAMLHead {
  /// The first document's root mapping, with the entries before ``stopKey``.
  public let root: Node
  /// The top-level key that ends the head.
  public let stopKey: String
  /// The input from the stop key to the end, unread.
  let rest: UnsafeBufferPointer<UInt8>

  /// Whether the unread rest of the input holds `text`'s bytes anywhere, in a
  /// comment, a key or a value alike: when it does not, and holds no `\` (an
  /// escape could spell anything), no scalar in the rest is `text`, since YAML
  /// writes a scalar without spaces or escapes as its own bytes.
  public func restContains(_ text: String) -> Bool { YAMLText.contains(rest, text) }
}

/// Searches over a file's bytes.
public enum YAMLText {
  /// Whether `bytes` hold `text`'s UTF-8 bytes anywhere.
  public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
    var text = text
    return text.withUTF8 { needle in
      guard let needleBase = needle.baseAddress, !needle.isEmpty else { return true }
      guard let base = bytes.baseAddress else { return false }
      // memchr looks for one byte of the needle: an upper-case letter when it
      // has one (`Q` in `2026-Q3`), rarer in OKR files than digits and lower case.
      let probe = needle.firstIndex { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ?? 0
      var index = probe
      let last = bytes.count - needle.count + probe
      while index <= last {
        guard let found = memchr(base + index, Int32(needle[probe]), last - index + 1) else { return false }
        let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if memcmp(base + position - probe, needleBase, needle.count) == 0 { return true }
        index = position + 1
      }
      return false
    }
  }
}

/// Parses YAML with libyaml into ``Node`` trees.
public enum YAMLParser {
  /// Parses UTF-8 bytes.
  ///
  /// - Parameters:
  ///   - bytes: The input. A UTF-8 byte order mark is skipped; UTF-16 is refused.
  ///   - limits: Bounds on input size, nesting depth and alias expansion.
  ///   - probe: Looks at the first document's head, and may stop reading there.
  /// - Returns: The documents and every problem found; this never throws and never traps.
  public static func parse<Bytes: Collection>(
    _ bytes: Bytes, limits: YAMLLimits = .default, probe: YAMLHeadProbe? = nil
  ) -> YAMLStream
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
    // The reader borrows the bytes: both live only inside this call.
    func run(_ input: UnsafeBufferPointer<UInt8>) -> YAMLStream {
      var builder = TreeBuilder(reader: LibYAMLEventReader(borrowing: input), limits: limits, probe: probe)
      return builder.run()
    }
    if let stream = bytes.withContiguousStorageIfAvailable(run) { return stream }
    return Array(bytes).withUnsafeBufferPointer(run)
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

/// Builds trees from libyaml's events, iteratively, into one flat ``NodeArena``.
///
/// An explicit stack instead of recursion: a recursive builder overflows the
/// thread's stack at some ten thousand levels, and libyaml nests without limit.
/// The depth cap is checked as each collection opens, so deep input stops
/// libyaml early, before its quadratic flow-level bookkeeping costs seconds.
///
/// The children of every open collection wait on one shared stack (`pending`)
/// and move to the arena in one piece when their collection closes, so
/// building a tree allocates a handful of growing arrays, not one per node.
/// An alias is a second record pointing at the anchored node's contents:
/// nothing is copied, and the expansion limits still count its full size, in
/// nodes and in bytes of text.
struct TreeBuilder {
  private struct Frame {
    var isMapping: Bool
    var mark: Mark
    var tag: YAMLTag?
    var anchor: String?
    /// Where this collection's children start in `pending`; a mapping's come in key, value order.
    var firstPending: Int
    /// Where this mapping's key fingerprints start in `keyFingerprints`.
    var firstFingerprint: Int
    /// Set after a complex key was rejected: its value is read and dropped.
    var skipsValue = false
    var hasMergeKey = false
    /// The node of each key set so far, once a linear scan costs more.
    ///
    /// `nil` while a linear scan is cheaper, built once the mapping outgrows
    /// it, so a mapping with a million keys stays linear. An index, not a
    /// mark: less memory per key.
    var keyIndices: [String: Int]?
    /// Nodes in this subtree so far, with aliases counted at their expanded size.
    var size = 1
    /// Scalar bytes in this subtree so far (keys included), aliases at their expanded size.
    var bytes = 0
  }

  private struct Anchored {
    var index: Int
    var size: Int
    var bytes: Int
  }

  private let reader: LibYAMLEventReader
  private let limits: YAMLLimits
  private var arena = NodeArena()
  private var pending: [Int] = []
  /// A fingerprint of each complete entry's key in the open mappings, in
  /// `pending`'s order: a duplicate check compares eight bytes per key before
  /// comparing any text.
  private var keyFingerprints: [UInt64] = []
  private var stack: [Frame] = []
  private var anchors: [String: Anchored] = [:]
  private var aliasExpansion = 0
  private var aliasBytes = 0
  private var documentMark = Mark(line: 1, column: 1, offset: 0)
  private var documentRoot: Int?
  private var documents: [(root: Int, mark: Mark)] = []
  private var errors: [YAMLError] = []
  /// Asked once at the first document's head; `nil` once asked, or once a document with content ended.
  private var probe: YAMLHeadProbe?
  private var stoppedAtKey: String?

  init(reader: LibYAMLEventReader, limits: YAMLLimits, probe: YAMLHeadProbe? = nil) {
    self.reader = reader
    self.limits = limits
    self.probe = probe
  }

  mutating func run() -> YAMLStream {
    loop: while true {
      switch reader.next({ self.handle($0) }) {
      case .failure(let error):
        errors.append(error)
        break loop
      case .success(let goesOn):
        if !goesOn { break loop }
      }
    }
    let storage = NodeStorage(arena)
    // Merge keys are checked when their mapping closes, after problems found
    // inside it; the stream promises input order. The sort is stable, and a
    // fatal error, which ends reading, is never before a problem found earlier.
    let ordered = errors.enumerated().sorted { ($0.element.mark, $0.offset) < ($1.element.mark, $1.offset) }
    return YAMLStream(
      documents: documents.map { YAMLDocument(root: Node(storage: storage, index: $0.root), mark: $0.mark) },
      errors: ordered.map(\.element), stoppedAtKey: stoppedAtKey)
  }

  /// Whether the scalar at `key` ends the first document's head and the probe says to stop there.
  ///
  /// `key` is about to become a key of the first document's root mapping.
  /// When reading stops, the head becomes the stream's only document.
  private mutating func stopsAtHead(_ key: Int) -> Bool {
    guard let probe, stack.count == 1, stack[0].isMapping, !stack[0].skipsValue,
      (pending.count - stack[0].firstPending) % 2 == 0, arena.records[key].kind == .scalar,
      let stopKey = probe.stopKeys.first(where: { arena.scalarHasText(key, $0) })
    else { return false }
    self.probe = nil
    guard errors.isEmpty, !stack[0].hasMergeKey else { return false }
    let frame = stack[0]
    let head = arena.appendCollection(
      .mapping, childIndices: pending[frame.firstPending...], tag: frame.tag, mark: frame.mark)
    // The head's storage shares the arena's arrays only while the probe runs.
    let input = reader.bytes
    let offset = min(max(arena.records[key].mark.offset, 0), input.count)
    let stops = probe.shouldStop(
      YAMLHead(
        root: Node(storage: NodeStorage(arena), index: head), stopKey: stopKey,
        rest: UnsafeBufferPointer(rebasing: input[offset...])))
    if stops {
      documents = [(head, documentMark)]
      stoppedAtKey = stopKey
    }
    return stops
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
      // The head is the first document's with content: an empty one before it does not count.
      if documentRoot.map({ arena.records[$0].kind != .scalar || arena.records[$0].count > 0 }) ?? false {
        probe = nil
      }
      let root =
        documentRoot
        ?? arena.appendScalar(UnsafeBufferPointer(start: nil, count: 0), style: .plain, tag: nil, mark: documentMark)
      documents.append((root, documentMark))
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
      let resolved = resolveTag(tag.string, at: mark, isMapping ? .mapping : .sequence)
      stack.append(
        Frame(
          isMapping: isMapping, mark: mark, tag: resolved, anchor: anchor.string, firstPending: pending.count,
          firstFingerprint: keyFingerprints.count))
      return true
    case .sequenceEnd:
      let frame = stack.removeLast()
      let index = arena.appendCollection(
        .sequence, childIndices: pending[frame.firstPending...], tag: frame.tag, mark: frame.mark)
      pending.removeLast(pending.count - frame.firstPending)
      return complete(index, size: frame.size, bytes: frame.bytes, anchor: frame.anchor)
    case .mappingEnd:
      let frame = stack.removeLast()
      // libyaml never ends a mapping after a key without its value; drop one if it did.
      let end = pending.count - (pending.count - frame.firstPending) % 2
      // No slice of `pending` may outlive this branch: one still alive when
      // `pending` shrinks makes the array copy itself.
      let index =
        frame.hasMergeKey
        ? arena.appendCollection(
          .mapping, childIndices: merged(Array(pending[frame.firstPending..<end])), tag: frame.tag, mark: frame.mark)
        : arena.appendCollection(
          .mapping, childIndices: pending[frame.firstPending..<end], tag: frame.tag, mark: frame.mark)
      pending.removeLast(pending.count - frame.firstPending)
      keyFingerprints.removeLast(keyFingerprints.count - frame.firstFingerprint)
      return complete(index, size: frame.size, bytes: frame.bytes, anchor: frame.anchor)
    case .scalar(let value, let style, let anchor, let tag, let mark):
      let resolved = resolveTag(tag.string, at: mark, nil)
      if let resolved, resolved != .string, resolved != .nonSpecific,
        case .string = ScalarResolver.resolve(value, style: style, tag: resolved)
      {
        let text = String(decoding: value, as: UTF8.self)
        report(.composer, "'\(DisplayText.shown(text))' is not a valid \(resolved.shorthand)", at: mark)
      }
      let index = arena.appendScalar(value, style: style, tag: resolved, mark: mark)
      if probe != nil, stopsAtHead(index) { return false }
      return complete(index, size: 1, bytes: value.count, anchor: anchor.string)
    case .alias(let anchor, let mark):
      let name = anchor.string ?? ""
      guard let anchored = anchors[name] else {
        report(.composer, "alias '*\(DisplayText.shown(name))' refers to no anchor defined before it", at: mark)
        let index = arena.appendScalar(UnsafeBufferPointer(start: nil, count: 0), style: .plain, tag: nil, mark: mark)
        return complete(index, size: 1, bytes: 0, anchor: nil)
      }
      aliasExpansion += anchored.size
      guard aliasExpansion <= limits.maxAliasExpansion else {
        fail(
          .aliasExpansion,
          "aliases expand to more than the limit of \(limits.maxAliasExpansion) nodes (an alias bomb?)",
          at: mark)
        return false
      }
      // A node count alone lets one alias of a megabyte scalar count as one
      // node: whoever turns the tree into strings then copies the megabyte
      // once per alias. So the text an alias copies is counted as well.
      aliasBytes += anchored.bytes
      guard aliasBytes <= limits.maxAliasBytes else {
        fail(
          .aliasBytes,
          "aliases expand to more than the limit of \(formatBytes(limits.maxAliasBytes)) of text (an alias bomb?)",
          at: mark)
        return false
      }
      // The alias starts where it is written (so problems with how it is used
      // point there); the nodes inside are the anchor's, with the anchor's marks.
      return complete(
        arena.appendCopy(of: anchored.index, at: mark), size: anchored.size, bytes: anchored.bytes, anchor: nil)
    }
  }

  /// Hands a finished node to its parent collection, or makes it the document's root.
  private mutating func complete(_ index: Int, size: Int, bytes: Int, anchor: String?) -> Bool {
    if let anchor {
      anchors[anchor] = Anchored(index: index, size: size, bytes: bytes)
    }
    guard !stack.isEmpty else {
      documentRoot = index
      return true
    }
    let top = stack.count - 1
    stack[top].size += size
    stack[top].bytes += bytes
    if !stack[top].isMapping {
      pending.append(index)
    } else if stack[top].skipsValue {
      stack[top].skipsValue = false
    } else if (pending.count - stack[top].firstPending) % 2 == 1 {
      addValue(index, toFrameAt: top)
    } else if arena.records[index].kind != .scalar {
      report(.composer, "a mapping key must be a scalar; complex keys are not supported", at: arena.records[index].mark)
      stack[top].skipsValue = true
    } else {
      pending.append(index)
    }
    return true
  }

  /// Completes the entry whose key is the last pending node, unless the key is a duplicate.
  private mutating func addValue(_ value: Int, toFrameAt top: Int) {
    let key = pending[pending.count - 1]
    if isMergeKey(key) {
      stack[top].hasMergeKey = true
      pending.append(value)
      keyFingerprints.append(Self.anyText)
      return
    }
    let fingerprint = stack[top].keyIndices == nil ? arena.fingerprint(key) : Self.anyText
    if let first = firstMark(ofKey: key, fingerprint: fingerprint, inFrameAt: top) {
      report(
        .duplicateKey,
        "duplicate key '\(DisplayText.shown(arena.text(key)))'; it is already set at line \(first.line), column \(first.column)",
        at: arena.records[key].mark)
      pending.removeLast()
      return
    }
    let keyCount = (pending.count - 1 - stack[top].firstPending) / 2
    if stack[top].keyIndices == nil, keyCount >= Self.linearScanLimit {
      var indices: [String: Int] = [:]
      for position in earlierKeys(inFrameAt: top) where !isMergeKey(pending[position]) {
        indices[arena.text(pending[position])] = pending[position]
      }
      stack[top].keyIndices = indices
    }
    if stack[top].keyIndices != nil {
      stack[top].keyIndices?[arena.text(key)] = key
    }
    pending.append(value)
    keyFingerprints.append(fingerprint)
  }

  /// Mappings with more keys than this check duplicates with a dictionary.
  private static let linearScanLimit = 64
  /// The fingerprint that matches every key: a non-ASCII key's, whose canonically equivalent spellings differ in bytes.
  private static let anyText: UInt64 = 0

  /// The keys of the frame's complete entries (all but the last pending key).
  private func earlierKeys(inFrameAt index: Int) -> StrideTo<Int> {
    stride(from: stack[index].firstPending, to: pending.count - 1, by: 2)
  }

  private func firstMark(ofKey key: Int, fingerprint: UInt64, inFrameAt index: Int) -> Mark? {
    if let indices = stack[index].keyIndices { return indices[arena.text(key)].map { arena.records[$0].mark } }
    let frame = stack[index]
    for slot in frame.firstFingerprint..<keyFingerprints.count {
      let other = keyFingerprints[slot]
      if fingerprint != Self.anyText, other != Self.anyText, other != fingerprint { continue }
      let existing = pending[frame.firstPending + 2 * (slot - frame.firstFingerprint)]
      if arena.scalarsEqual(existing, key), !isMergeKey(existing) { return arena.records[existing].mark }
    }
    return nil
  }

  private func isMergeKey(_ index: Int) -> Bool {
    let record = arena.records[index]
    return record.kind == .scalar && record.style == .plain && record.tag == nil && record.count == 2
      && arena.bytes[record.start] == UInt8(ascii: "<") && arena.bytes[record.start + 1] == UInt8(ascii: "<")
  }

  /// Applies merge keys (`<<`): merged entries take the place of the `<<`
  /// entry, and never override a key the mapping sets itself or an earlier merge.
  private mutating func merged(_ entries: [Int]) -> [Int] {
    var taken = Set<String>()
    for position in stride(from: entries.startIndex, to: entries.endIndex, by: 2)
    where !isMergeKey(entries[position]) {
      taken.insert(arena.text(entries[position]))
    }
    var result: [Int] = []
    for position in stride(from: entries.startIndex, to: entries.endIndex, by: 2) {
      let key = entries[position]
      let value = entries[position + 1]
      guard isMergeKey(key) else {
        result += [key, value]
        continue
      }
      let record = arena.records[value]
      let sources: [Int]
      switch record.kind {
      case .mapping:
        sources = [value]
      case .sequence
      where arena.children[record.start..<record.start + record.count].allSatisfy({
        arena.records[$0].kind == .mapping
      }):
        sources = Array(arena.children[record.start..<record.start + record.count])
      default:
        report(.composer, "a merge key '<<' needs a mapping or a sequence of mappings", at: record.mark)
        continue
      }
      for source in sources {
        let mapping = arena.records[source]
        for child in stride(from: mapping.start, to: mapping.start + 2 * mapping.count, by: 2) {
          let sourceKey = arena.children[child]
          guard taken.insert(arena.text(sourceKey)).inserted else { continue }
          result += [sourceKey, arena.children[child + 1]]
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
