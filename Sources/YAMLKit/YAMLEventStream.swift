/// A YAML stream read event by event, for decoders that take their values
/// straight from the parser instead of from a tree of nodes.
///
/// Building a check-in log's nodes and decoding them cost about as much again
/// as libyaml's own parse; a file of a regular, known shape (a check-in log is hundreds of small
/// mappings) can skip it. Only plain trees are read: the stream ends, with
/// ``isComplete`` false, at an anchor, alias or tag, at nesting deeper than
/// the limits allow, and at any error libyaml reports. Those need what
/// ``YAMLParser/parse(_:limits:probe:)`` does (aliases expanded within
/// bounds, tags checked, every problem positioned), so a reader that meets
/// one parses the same bytes that way instead.
public final class YAMLEventStream {
  /// One step of the stream.
  public enum Event {
    /// A document starts at the mark.
    case documentStart(Mark)
    /// The document ends.
    case documentEnd
    /// A mapping starts at the mark: keys and values follow, one after the other.
    case mappingStart(Mark)
    /// The mapping ends.
    case mappingEnd
    /// A sequence starts at the mark.
    case sequenceStart(Mark)
    /// The sequence ends.
    case sequenceEnd
    /// A scalar.
    case scalar(Scalar)
  }

  /// A scalar as libyaml decoded it; its bytes live until the stream's next event.
  public struct Scalar {
    /// The scalar's UTF-8 bytes.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// How it was written.
    public let style: ScalarStyle
    /// Where it starts.
    public let mark: Mark

    /// The text, as ``Node/scalarText`` gives it.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The typed value, as ``Node/resolvedScalar`` gives it for an untagged scalar.
    public var value: ScalarValue { ScalarResolver.resolve(bytes, style: style, tag: nil) }

    /// Whether it is null, as ``Node/isNull`` says for an untagged scalar.
    public var isNull: Bool { style == .plain && ScalarResolver.isNull(bytes) }

    /// Whether its bytes are exactly `text`'s.
    public func hasBytes(of text: String) -> Bool { bytesEqual(bytes, text) }

    /// Which of `words` (given as UTF-8 bytes) the scalar's bytes are exactly, if any.
    public func position(in words: [[UInt8]]) -> Int? {
      words.firstIndex { $0.count == bytes.count && $0.elementsEqual(bytes) }
    }
  }

  private let reader: LibYAMLEventReader
  private let maxDepth: Int
  // One reader at a time by construction (the stream lives inside
  // `withEvents`): the runtime need not check each access.
  @exclusivity(unchecked) private var depth = 0
  @exclusivity(unchecked) private var hasEnded = false

  /// Whether the whole stream was read: its end reached, nothing refused.
  @exclusivity(unchecked) public private(set) var isComplete = false

  init(reader: LibYAMLEventReader, limits: YAMLLimits) {
    self.reader = reader
    self.maxDepth = limits.maxDepth
  }

  /// The next event; `nil` at the end of the stream and when it cannot go on.
  public func next() -> Event? {
    guard !hasEnded else { return nil }
    while let event = reader.advance() {
      switch event {
      case .streamStart:
        continue
      case .streamEnd:
        isComplete = true
      case .documentStart(let mark):
        return .documentStart(mark)
      case .documentEnd:
        return .documentEnd
      case .mappingStart(let anchor, let tag, let mark), .sequenceStart(let anchor, let tag, let mark):
        guard anchor.pointer == nil, tag.pointer == nil, depth < maxDepth else { break }
        depth += 1
        if case .mappingStart = event { return .mappingStart(mark) }
        return .sequenceStart(mark)
      case .mappingEnd:
        depth -= 1
        return .mappingEnd
      case .sequenceEnd:
        depth -= 1
        return .sequenceEnd
      case .scalar(let bytes, let style, let anchor, let tag, let mark):
        guard anchor.pointer == nil, tag.pointer == nil else { break }
        return .scalar(Scalar(bytes: bytes, style: style, mark: mark))
      case .alias:
        break
      }
      break
    }
    hasEnded = true
    return nil
  }
}

extension YAMLParser {
  /// Reads `bytes` as a stream of events; see ``YAMLEventStream``.
  ///
  /// - Parameters:
  ///   - bytes: The input, UTF-8 (a UTF-8 byte order mark is skipped).
  ///   - limits: The nesting depth allowed; the input's size is the caller's to check.
  ///   - body: Reads the events; the stream and its bytes live only while it runs.
  /// - Returns: What `body` returns.
  public static func withEvents<Result>(
    of bytes: [UInt8], limits: YAMLLimits = .default, _ body: (YAMLEventStream) -> Result
  ) -> Result {
    bytes.withUnsafeBufferPointer { input in
      // A UTF-16 byte order mark makes libyaml fail at once: the stream is then incomplete.
      body(YAMLEventStream(reader: LibYAMLEventReader(borrowing: input), limits: limits))
    }
  }
}
