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
/// over the whole input, and free for pure ASCII input.
struct OffsetTranslator {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let isASCII: Bool
  private let start: Int
  private var characterIndex = 0
  private var byteOffset: Int

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    self.start = hasByteOrderMark(bytes) ? 3 : 0
    self.byteOffset = start
    self.isASCII = isAllASCII(bytes)
  }

  mutating func byteOffset(forCharacterIndex index: Int) -> Int {
    if isASCII { return index }
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
}

func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
}

/// Whether every byte is below 0x80, checked eight bytes at a time: this runs
/// once over every file read.
func isAllASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let base = bytes.baseAddress else { return true }
  let raw = UnsafeRawPointer(base)
  var index = 0
  var combined: UInt64 = 0
  while index + 8 <= bytes.count {
    combined |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
    index += 8
  }
  while index < bytes.count {
    combined |= UInt64(bytes[index])
    index += 1
  }
  return combined & 0x8080_8080_8080_8080 == 0
}
