/// A position in YAML input.
///
/// `line` and `column` are 1-based; columns count Unicode scalars, as libyaml
/// does. `offset` is the 0-based byte offset into the UTF-8 input, so tools
/// can splice text at a node's position. libyaml's own 0-based, character
/// counting marks are converted exactly once, where events leave the C library.
public struct Mark: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, counted in Unicode scalars.
  public var column: Int
  /// The 0-based byte offset into the UTF-8 input.
  public var offset: Int

  /// Creates a mark from 1-based line and column and a 0-based byte offset.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static func < (lhs: Mark, rhs: Mark) -> Bool {
    (lhs.line, lhs.column, lhs.offset) < (rhs.line, rhs.column, rhs.offset)
  }

  /// `line:column`, the way compilers print positions.
  public var description: String { "\(line):\(column)" }
}

/// Locates byte offsets as 1-based lines and columns.
///
/// libyaml reports encoding problems with a byte offset only; this finds the
/// line and column people see in their editor. It counts the line breaks
/// libyaml counts (LF, CRLF, lone CR, NEL, LS, PS) and skips a leading UTF-8
/// byte order mark, as libyaml does.
struct ByteLocator {
  let bytes: UnsafeBufferPointer<UInt8>

  func mark(atByteOffset target: Int) -> Mark {
    let end = min(max(target, 0), bytes.count)
    var line = 1
    var column = 1
    var index = hasByteOrderMark(bytes) ? 3 : 0
    while index < end {
      let byte = bytes[index]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte == 0x0D {
        if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
          index += 1
        }
        line += 1
        column = 1
      } else if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0x85 {
        // NEL (U+0085)
        index += 1
        line += 1
        column = 1
      } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80,
        bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
      {
        // LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029)
        index += 2
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      index += 1
    }
    return Mark(line: line, column: column, offset: end)
  }
}

/// Converts libyaml's character indices into byte offsets.
///
/// libyaml counts characters; the tree promises byte offsets. Events arrive in
/// input order, so a cursor that only moves forward makes the conversion linear
/// over the input read, and free while it is ASCII: up to the first non-ASCII
/// byte a character's index is its byte offset. That prefix is checked ahead
/// of the events, as far again as was checked before (512 bytes at first, at
/// most 64 KB a time), so a parse that stops at a file's first lines checks
/// little more than those.
struct OffsetTranslator {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let start: Int
  /// Every byte before this one is ASCII; `Int.max` when all are, -1 after a byte order mark (no fast path).
  private var asciiPrefix: Int
  /// Whether `asciiPrefix` stopped at a non-ASCII byte or the end, and grows no more.
  private var isPrefixFinal: Bool
  private var characterIndex = 0
  private var byteOffset: Int

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    self.start = hasByteOrderMark(bytes) ? 3 : 0
    self.byteOffset = start
    self.asciiPrefix = start == 0 ? 0 : -1
    self.isPrefixFinal = start != 0
  }

  mutating func byteOffset(forCharacterIndex index: Int) -> Int {
    if index <= asciiPrefix { return index }
    if !isPrefixFinal {
      extendASCIIPrefix(past: index)
      if index <= asciiPrefix { return index }
    }
    if index < characterIndex {
      characterIndex = 0
      byteOffset = start
    }
    while characterIndex < index, byteOffset < bytes.count {
      byteOffset += 1
      while byteOffset < bytes.count, bytes[byteOffset] & 0xC0 == 0x80 {
        byteOffset += 1
      }
      characterIndex += 1
    }
    return byteOffset
  }

  /// Checks at least up to `index`, and as much again as was checked before
  /// (512 bytes at first, at most 64 KB), eight bytes at a time: a parse
  /// stopped at a file's head checks little more than the head.
  private mutating func extendASCIIPrefix(past index: Int) {
    let ahead = min(max(asciiPrefix, 512), 1 << 16)
    let end = min(bytes.count, max(index, asciiPrefix + ahead))
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while asciiPrefix + 8 <= end,
        raw.loadUnaligned(fromByteOffset: asciiPrefix, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        asciiPrefix += 8
      }
    }
    while asciiPrefix < end, bytes[asciiPrefix] < 0x80 { asciiPrefix += 1 }
    if asciiPrefix == bytes.count {
      // All ASCII: every index is its offset, even the one libyaml gives past the end.
      asciiPrefix = .max
      isPrefixFinal = true
    } else if asciiPrefix < end {
      isPrefixFinal = true
    }
  }
}

func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
}
