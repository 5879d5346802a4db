internal import CLibYAML

/// One libyaml event.
///
/// An event only points into libyaml's memory (a scalar's bytes, an anchor's
/// or tag's name): it is valid until the reader's next event, so only inside
/// the closure given to ``LibYAMLEventReader/next(_:)``, or, from
/// ``LibYAMLEventReader/advance()``, until the next call. It holds no Swift object, so handing one
/// over costs no reference counting; names become `String`s only when written.
enum Event {
  case streamStart
  case streamEnd
  case documentStart(Mark)
  case documentEnd
  case sequenceStart(anchor: CText, tag: CText, mark: Mark)
  case sequenceEnd
  case mappingStart(anchor: CText, tag: CText, mark: Mark)
  case mappingEnd
  case scalar(UnsafeBufferPointer<UInt8>, style: ScalarStyle, anchor: CText, tag: CText, mark: Mark)
  case alias(anchor: CText, mark: Mark)
}

/// A NUL-terminated name in libyaml's memory (an anchor, a tag), or none.
struct CText {
  let pointer: UnsafePointer<UInt8>?

  /// The name as a `String`, or `nil` when there is none.
  var string: String? { pointer.map { String(cString: $0) } }
}

/// Owns a libyaml parser and hands out events from input it borrows.
///
/// The parser is allocated in `init` and freed in `deinit`; each C event is
/// deleted at the next call of `next(_:)` or `advance()`, or in `deinit`. The input is borrowed, not
/// copied: a reader must not outlive it (``YAMLParser/parse(_:limits:probe:)``
/// keeps both inside one call). No C type leaves this file.
final class LibYAMLEventReader {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  /// What libyaml has not been handed yet.
  private let feed: UnsafeMutablePointer<InputFeed>
  /// The byte order mark's bytes, not handed to libyaml: its byte offsets count from after them.
  private let skipped: Int
  private var offsets: OffsetTranslator

  /// The input, with a byte order mark if it has one.
  let bytes: UnsafeBufferPointer<UInt8>
  private var count: Int { bytes.count }

  /// Creates a reader of `input`, which must outlive it.
  init(borrowing input: UnsafeBufferPointer<UInt8>) {
    bytes = input
    offsets = OffsetTranslator(bytes: input)
    parser = .allocate(capacity: 1)
    // yaml_parser_initialize only fails when it cannot allocate its buffers;
    // the first yaml_parser_parse then reports YAML_MEMORY_ERROR, handled below.
    yaml_parser_initialize(parser)
    // With the encoding fixed below, libyaml would read a UTF-8 byte order
    // mark as part of the first key, so it is skipped here; marks still count
    // from the file's first byte (see OffsetTranslator).
    skipped = hasByteOrderMark(input) ? 3 : 0
    feed = .allocate(capacity: 1)
    feed.initialize(to: InputFeed(next: input.baseAddress.map { $0 + skipped }, remaining: input.count - skipped))
    yaml_parser_set_input(
      parser,
      { data, buffer, size, read in
        guard let data, let buffer, let read else { return 0 }
        read.pointee = data.assumingMemoryBound(to: InputFeed.self).pointee.hand(into: buffer, room: size)
        return 1
      }, feed)
    // A quarter file is UTF-8. Without this, libyaml would silently accept UTF-16.
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
  }

  /// The event ``advance()`` handed out last, alive until the next call.
  // One caller at a time by construction (a reader lives inside one parse):
  // the runtime need not check each access on this hot path.
  @exclusivity(unchecked) private var held = yaml_event_t()
  @exclusivity(unchecked) private var isHolding = false

  deinit {
    if isHolding { yaml_event_delete(&held) }
    yaml_parser_delete(parser)
    parser.deallocate()
    feed.deinitialize(count: 1)
    feed.deallocate()
  }

  /// Hands the next event to `body`, or returns the error libyaml reports instead.
  ///
  /// The event lives only while `body` runs: libyaml's memory for it (a
  /// scalar's bytes) is freed when `body` returns, so no copy is made that
  /// the caller does not make itself.
  func next<Output>(_ body: (Event) -> Output) -> Result<Output, YAMLError> {
    if let event = advance() { return .success(body(event)) }
    guard isHolding else { return .failure(currentError()) }
    return .failure(
      YAMLError(
        kind: .parser, problem: "libyaml produced an unknown event", mark: convert(held.start_mark), isFatal: true))
  }

  /// The next event, kept alive (with the bytes its scalar points at) until
  /// the next call; `nil` when libyaml reports an error (nothing is held
  /// then) or an event of a type it did not have when this was written.
  func advance() -> Event? {
    if isHolding {
      yaml_event_delete(&held)
      isHolding = false
    }
    guard yaml_parser_parse(parser, &held) != 0 else { return nil }
    isHolding = true
    return translate(held, at: convert(held.start_mark))
  }

  private func translate(_ event: yaml_event_t, at mark: Mark) -> Event? {
    switch event.type {
    case YAML_STREAM_START_EVENT:
      return .streamStart
    case YAML_STREAM_END_EVENT:
      return .streamEnd
    case YAML_DOCUMENT_START_EVENT:
      return .documentStart(mark)
    case YAML_DOCUMENT_END_EVENT:
      return .documentEnd
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      return .sequenceStart(anchor: text(data.anchor), tag: text(data.tag), mark: mark)
    case YAML_SEQUENCE_END_EVENT:
      return .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      return .mappingStart(anchor: text(data.anchor), tag: text(data.tag), mark: mark)
    case YAML_MAPPING_END_EVENT:
      return .mappingEnd
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      let value = UnsafeBufferPointer(start: data.value, count: data.length)
      return .scalar(value, style: style(data.style), anchor: text(data.anchor), tag: text(data.tag), mark: mark)
    case YAML_ALIAS_EVENT:
      return .alias(anchor: text(event.data.alias.anchor), mark: mark)
    default:
      return nil
    }
  }

  /// Converts libyaml's 0-based, character-counting mark, once, here.
  private func convert(_ mark: yaml_mark_t) -> Mark {
    let offset = offsets.byteOffset(forCharacterIndex: Int(mark.index))
    // At the end of input libyaml pretends a line break follows; without a
    // final newline that puts errors on a line the file does not have.
    if offset >= count, count > 0, bytes[count - 1] != 0x0A, bytes[count - 1] != 0x0D {
      return ByteLocator(bytes: bytes).mark(atByteOffset: count)
    }
    return Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: offset)
  }

  private func currentError() -> YAMLError {
    let state = parser.pointee
    let problem = string(state.problem) ?? "unknown libyaml error"
    switch state.error {
    case YAML_READER_ERROR:
      // Encoding problems come with a byte offset only. For a bad trailing
      // byte, point at the start of its sequence, where an editor shows the
      // broken character.
      let reported = Int(state.problem_offset) + skipped
      var offset = reported
      let isBadTrail = problem == "invalid trailing UTF-8 octet"
      if isBadTrail {
        while offset > 0, offset - 1 < count, bytes[offset - 1] & 0xC0 == 0x80 { offset -= 1 }
        if offset > 0 { offset -= 1 }
      }
      let mark = ByteLocator(bytes: bytes).mark(atByteOffset: offset)
      return YAMLError(
        kind: .reader,
        problem: readerProblem(
          problem, value: Int(state.problem_value), at: offset, through: Int(state.problem_offset)),
        mark: mark, isFatal: true)
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
      let mark = convert(state.problem_mark)
      let contextMark = state.context == nil ? nil : convert(state.context_mark)
      return YAMLError(
        kind: state.error == YAML_SCANNER_ERROR ? .scanner : .parser,
        problem: scannerProblem(problem, at: mark), context: string(state.context),
        contextMark: contextMark, mark: mark, isFatal: true)
    default:
      return YAMLError(
        kind: .reader, problem: "libyaml could not allocate memory",
        mark: Mark(line: 1, column: 1, offset: 0), isFatal: true)
    }
  }

  private func readerProblem(_ problem: String, value: Int, at offset: Int, through last: Int) -> String {
    if problem.contains("UTF-8") {
      let shown = (offset...max(offset, last)).filter { $0 < count }
        .map { "0x" + hex(bytes[$0], digits: 2) }.joined(separator: " ")
      return "invalid UTF-8 at byte \(offset) (\(problem)\(shown.isEmpty ? "" : ": " + shown)); save the file as UTF-8"
    }
    if value >= 0 {
      return "\(problem) (U+\(hex(value, digits: 4)))"
    }
    return problem
  }

  private func scannerProblem(_ problem: String, at mark: Mark) -> String {
    if problem == "found character that cannot start any token", mark.offset < count,
      bytes[mark.offset] == UInt8(ascii: "\t")
    {
      return "found a tab character where YAML expects indentation or a token; indent with spaces"
    }
    // '%', '@' and '`' are reserved in YAML: a value that starts with one must be quoted.
    if problem == "found character that cannot start any token", mark.offset < count,
      [UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`")].contains(bytes[mark.offset])
    {
      var end = mark.offset
      while end < count, end - mark.offset < 40, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
      var value = String(decoding: bytes[mark.offset..<end], as: UTF8.self)
      while value.last == " " { value.removeLast() }
      if end < count, end - mark.offset >= 40, bytes[end] != 0x0A, bytes[end] != 0x0D {
        // Cut before a character, not inside one.
        while end > mark.offset, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        value = String(decoding: bytes[mark.offset..<end], as: UTF8.self) + "…"
      }
      var quoted = ""
      for character in value {
        if character == "\\" || character == "\"" { quoted.append("\\") }
        quoted.append(character)
      }
      let character = String(UnicodeScalar(bytes[mark.offset]))
      return "a plain value cannot start with '\(character)', which YAML reserves; quote the value: \"\(quoted)\""
    }
    return problem
  }

  private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  /// Decodes a C string, repairing invalid UTF-8 rather than trusting it.
  private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  private func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> CText {
    CText(pointer: pointer.map { UnsafePointer($0) })
  }

  private func hex<Value: BinaryInteger>(_ value: Value, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}

/// Hands libyaml the input in pieces that start small and double.
///
/// libyaml decodes all it is handed before reading a token, and given a whole
/// string it takes 16 KB at once. A reader that stops at a file's first lines
/// (``YAMLHeadProbe``) would pay for decoding bytes it never reads; in doubling
/// pieces, a whole file costs a handful of extra calls.
private struct InputFeed {
  var next: UnsafePointer<UInt8>?
  var remaining: Int
  var piece = 512

  /// Copies the next piece into `buffer`, at most `room` bytes; returns how many (0 at the end).
  mutating func hand(into buffer: UnsafeMutablePointer<UInt8>, room: Int) -> Int {
    guard let next, remaining > 0 else { return 0 }
    let count = min(room, remaining, piece)
    buffer.update(from: next, count: count)
    self.next = next + count
    remaining -= count
    piece = piece < 1 << 20 ? piece * 2 : piece
    return count
  }
}
