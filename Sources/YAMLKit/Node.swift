#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A node of a parsed YAML document: a scalar, a sequence or a mapping.
///
/// Every node carries the mark where it starts, so code that decodes the tree
/// can point people at the exact spot of a problem. Aliases are already
/// expanded (within ``YAMLLimits/maxAliasExpansion`` nodes and
/// ``YAMLLimits/maxAliasBytes`` bytes of text) and merge keys (`<<`)
/// already applied, so consumers never see either.
///
/// A node is a position in its stream's flat storage: the records of all nodes
/// in one array, children as index ranges, and every scalar's bytes in one
/// buffer. Reading a file costs a few growing arrays instead of an allocation
/// per node and per string; a scalar becomes a `String` only when asked for
/// its text, and keys are compared byte by byte (``hasText(_:)``).
public struct Node: Sendable {
  /// What a node holds, as Swift values.
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

  let storage: NodeStorage
  let index: Int

  init(storage: NodeStorage, index: Int) {
    self.storage = storage
    self.index = index
  }

  /// Creates a node from Swift values (for tests and for checking text before writing it).
  ///
  /// Child nodes are copied into the new node's own storage.
  public init(_ content: Content, tag: YAMLTag? = nil, mark: Mark) {
    var arena = NodeArena()
    let index = arena.append(content, tag: tag, mark: mark)
    self.init(storage: NodeStorage(arena), index: index)
  }

  var record: NodeRecord { storage.records[index] }

  /// Where the node starts in the input.
  public var mark: Mark { record.mark }

  /// The node's explicit tag, or `nil` when it was written without one.
  public var tag: YAMLTag? { record.tag }

  /// What the node holds, built as Swift values: convenient, but it allocates;
  /// decoders use ``scalarText``, ``pairs`` and ``items``.
  public var content: Content {
    let record = record
    switch record.kind {
    case .scalar: return .scalar(storage.text(of: record), record.style)
    case .sequence: return .sequence(Array(Items(storage: storage, record: record)))
    case .mapping: return .mapping(Array(Pairs(storage: storage, record: record)))
    }
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
  /// A mapping's entries, in order, read from the stream's storage as they are visited.
  public struct Pairs: RandomAccessCollection, Sendable {
    let storage: NodeStorage
    let start: Int
    /// The number of entries.
    public let count: Int

    init(storage: NodeStorage, record: NodeRecord) {
      self.storage = storage
      self.start = record.start
      self.count = record.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Pair {
      precondition(position >= 0 && position < count, "mapping entry out of range")
      let keyIndex = storage.children[start + 2 * position]
      let valueIndex = storage.children[start + 2 * position + 1]
      return Pair(key: Node(storage: storage, index: keyIndex), value: Node(storage: storage, index: valueIndex))
    }
  }

  /// A sequence's items, in order, read from the stream's storage as they are visited.
  public struct Items: RandomAccessCollection, Sendable {
    let storage: NodeStorage
    let start: Int
    /// The number of items.
    public let count: Int

    init(storage: NodeStorage, record: NodeRecord) {
      self.storage = storage
      self.start = record.start
      self.count = record.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Node {
      precondition(position >= 0 && position < count, "sequence item out of range")
      return Node(storage: storage, index: storage.children[start + position])
    }
  }

  /// The scalar's text, or `nil` for a sequence or mapping.
  public var scalarText: String? {
    let record = record
    return record.kind == .scalar ? storage.text(of: record) : nil
  }

  /// `body` applied to the scalar's UTF-8 bytes, without making a `String`; `nil` for a sequence or mapping.
  ///
  /// The bytes live only while `body` runs.
  public func withScalarBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
    let record = record
    guard record.kind == .scalar else { return nil }
    return storage.withBytes(of: record, body)
  }

  /// The scalar's style, or `nil` for a sequence or mapping.
  public var scalarStyle: ScalarStyle? {
    let record = record
    return record.kind == .scalar ? record.style : nil
  }

  /// Whether the node is a scalar whose text equals `text`, as `String`'s `==`
  /// has it (canonical equivalence), compared byte by byte without making a
  /// `String` unless the scalar holds non-ASCII text.
  public func hasText(_ text: String) -> Bool {
    let record = record
    guard record.kind == .scalar else { return false }
    return storage.withBytes(of: record) { bytes in
      if bytesEqual(bytes, text) { return true }
      return !record.isASCII && String(decoding: bytes, as: UTF8.self) == text
    }
  }

  /// The position in `words` of the scalar's text, or `nil` when it is none of
  /// them (or no scalar): one pass over the bytes for a mapping key checked
  /// against the keys its type allows.
  public func position(in words: [String]) -> Int? {
    let record = record
    guard record.kind == .scalar else { return nil }
    return storage.withBytes(of: record) { bytes in
      if let found = words.firstIndex(where: { bytesEqual(bytes, $0) }) {
        return found
      }
      guard !record.isASCII else { return nil }
      let text = String(decoding: bytes, as: UTF8.self)
      return words.firstIndex(of: text)
    }
  }

  /// The mapping's entries, or `nil` for a scalar or sequence.
  public var pairs: Pairs? {
    let record = record
    return record.kind == .mapping ? Pairs(storage: storage, record: record) : nil
  }

  /// The sequence's items, or `nil` for a scalar or mapping.
  public var items: Items? {
    let record = record
    return record.kind == .sequence ? Items(storage: storage, record: record) : nil
  }

  /// The value for a scalar key in a mapping, or `nil`.
  ///
  /// Mappings in OKR files are small, so a linear scan beats building an index.
  public subscript(key: String) -> Node? {
    pairs?.first { $0.key.hasText(key) }?.value
  }

  /// A word for the node's kind, for messages: `a string`, `a sequence`, `a mapping`.
  public var kindDescription: String {
    switch record.kind {
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

/// What a stored node is.
enum NodeKind: UInt8, Sendable {
  case scalar, sequence, mapping
}

/// One node as stored: its kind, how it was written, and where its contents are.
///
/// The one-byte fields come first, together, so a record is 48 bytes, not 56:
/// a file of a million keys holds two million records.
struct NodeRecord: Sendable {
  var kind: NodeKind
  var style: ScalarStyle
  var tag: YAMLTag?
  /// Whether a scalar's text is all ASCII, so byte equality is `String` equality.
  var isASCII: Bool
  var mark: Mark
  /// A scalar's first byte in ``NodeStorage/bytes``; a collection's first child in ``NodeStorage/children``.
  var start: Int
  /// A scalar's byte count; a sequence's items; a mapping's entries (each two children: key, value).
  var count: Int
}

/// The nodes of one stream while it is being built.
struct NodeArena {
  var records: [NodeRecord] = []
  var children: [Int] = []
  var bytes: [UInt8] = []

  /// Stores a scalar and returns its index.
  mutating func appendScalar(
    _ text: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: YAMLTag?, mark: Mark
  ) -> Int {
    let start = bytes.count
    bytes.append(contentsOf: text)
    var combined: UInt8 = 0
    for byte in text { combined |= byte }
    records.append(
      NodeRecord(
        kind: .scalar, style: style, tag: tag, isASCII: combined < 0x80, mark: mark, start: start, count: text.count))
    return records.count - 1
  }

  /// Stores a collection whose children (for a mapping: key, value, key, ...) are `childIndices`.
  mutating func appendCollection(
    _ kind: NodeKind, childIndices: some Collection<Int>, tag: YAMLTag?, mark: Mark
  ) -> Int {
    let start = children.count
    children.append(contentsOf: childIndices)
    let count = kind == .mapping ? childIndices.count / 2 : childIndices.count
    records.append(
      NodeRecord(kind: kind, style: .plain, tag: tag, isASCII: true, mark: mark, start: start, count: count))
    return records.count - 1
  }

  /// Stores a second reference to a node (an alias), starting at another mark.
  mutating func appendCopy(of index: Int, at mark: Mark) -> Int {
    var record = records[index]
    record.mark = mark
    records.append(record)
    return records.count - 1
  }

  /// Whether the nodes at `index` and `other` are scalars with equal text, as
  /// `String`'s `==` has it: canonically equivalent spellings of `é` are one key.
  func scalarsEqual(_ index: Int, _ other: Int) -> Bool {
    let first = records[index]
    let second = records[other]
    guard first.kind == .scalar, second.kind == .scalar else { return false }
    if first.count == second.count {
      let same = bytes.withUnsafeBufferPointer { buffer in
        first.count == 0
          || memcmp(buffer.baseAddress! + first.start, buffer.baseAddress! + second.start, first.count) == 0
      }
      if same { return true }
    }
    return !(first.isASCII && second.isASCII) && text(index) == text(other)
  }

  /// A 64-bit FNV-1a hash of an ASCII scalar's bytes, never 0; 0 for a
  /// non-ASCII one, whose canonically equivalent spellings must compare equal.
  func fingerprint(_ index: Int) -> UInt64 {
    let record = records[index]
    guard record.isASCII else { return 0 }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
      for byte in buffer[record.start..<record.start + record.count] {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    return hash == 0 ? 1 : hash
  }

  /// Whether the scalar at `index` is exactly `text`'s bytes.
  func scalarHasText(_ index: Int, _ text: String) -> Bool {
    let record = records[index]
    return bytes.withUnsafeBufferPointer { buffer in
      bytesEqual(UnsafeBufferPointer(rebasing: buffer[record.start..<record.start + record.count]), text)
    }
  }

  /// The text of the scalar at `index`.
  func text(_ index: Int) -> String {
    let record = records[index]
    return String(decoding: bytes[record.start..<record.start + record.count], as: UTF8.self)
  }

  /// Stores Swift values, copying child nodes from wherever they live.
  mutating func append(_ content: Node.Content, tag: YAMLTag?, mark: Mark) -> Int {
    switch content {
    case .scalar(let text, let style):
      var text = text
      return text.withUTF8 { appendScalar($0, style: style, tag: tag, mark: mark) }
    case .sequence(let items):
      let indices = items.map { append($0.content, tag: $0.tag, mark: $0.mark) }
      return appendCollection(.sequence, childIndices: indices, tag: tag, mark: mark)
    case .mapping(let pairs):
      let indices = pairs.flatMap { pair in
        [
          append(pair.key.content, tag: pair.key.tag, mark: pair.key.mark),
          append(pair.value.content, tag: pair.value.tag, mark: pair.value.mark),
        ]
      }
      return appendCollection(.mapping, childIndices: indices, tag: tag, mark: mark)
    }
  }
}

/// The nodes of one parsed stream, immutable once built and shared by every
/// ``Node`` that points into it.
final class NodeStorage: Sendable {
  let records: [NodeRecord]
  let children: [Int]
  let bytes: [UInt8]

  init(_ arena: NodeArena) {
    records = arena.records
    children = arena.children
    bytes = arena.bytes
  }

  func withBytes<Result>(of record: NodeRecord, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    bytes.withUnsafeBufferPointer { buffer in
      body(UnsafeBufferPointer(rebasing: buffer[record.start..<record.start + record.count]))
    }
  }

  func text(of record: NodeRecord) -> String {
    withBytes(of: record) { String(decoding: $0, as: UTF8.self) }
  }
}

/// Whether `bytes` are exactly `text`'s UTF-8 bytes.
func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
  guard bytes.count == text.utf8.count else { return false }
  guard let base = bytes.baseAddress else { return true }
  var text = text
  return text.withUTF8 { memcmp(base, $0.baseAddress!, bytes.count) == 0 }
}
