import OKRCore

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// Writes an `Encodable` value as okr's JSON straight into one byte buffer.
///
/// The bytes are exactly those of Foundation's `JSONEncoder` with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` and non-conforming
/// floats as the strings `"Infinity"`, `"-Infinity"` and `"NaN"`: two-space
/// indentation, `"key" : value`, keys in the order of their UTF-8 bytes, empty
/// containers as `[\n\n]` and `{\n\n}`, numbers spelled as Swift describes them
/// (a double's trailing `.0` dropped), strings escaped only where JSON requires it.
///
/// It is faster because it builds no tree of boxed values: each value's bytes
/// are written as its `encode(to:)` runs, and an object's members, written in
/// the order they were encoded, are put in key order when the object closes.
/// The large arrays near the top of a report (teams, alerts) are written in
/// chunks on every core and joined, which changes nothing in the bytes.
///
/// Shapes it does not write directly (nested containers, super encoders, a key
/// encoded twice, a container used after its value was closed) make it give up:
/// ``encode(_:)`` then returns `nil` and the caller uses Foundation's encoder.
final class SortedJSONWriter: Encoder {
  /// Why a direct write stopped.
  struct GaveUp: Error {}

  /// The JSON text so far.
  private(set) var bytes: [UInt8] = []
  /// The keys and indices from the top-level value to the value being written.
  var codingPath: [any CodingKey]
  /// Empty, as Foundation's encoder has it by default.
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  /// Whether a shape it cannot write directly was met; the bytes are then worthless.
  private(set) var gaveUp = false

  /// The arrays at or above this depth are written in chunks concurrently.
  private let concurrentDepth: Int

  /// A value being written: what it has become so far, and where.
  private struct Slot {
    enum State { case empty, object, array, scalar }
    var state = State.empty
    /// The indentation level of the line the value starts on.
    var depth: Int
    /// Tells apart the slots that have held this position in the stack.
    var serial: Int
    /// How many members or elements are written.
    var count = 0
    /// Where this object's members begin in `members`.
    var firstMember = 0
  }

  /// An object's member as written: its key and the bytes of `"key" : value`.
  private struct Member {
    var key: String
    var start: Int
    var end: Int
  }

  private var slots: [Slot] = []
  private var members: [Member] = []
  private var nextSerial = 0
  /// Reused while an object's members are put in order.
  private var scratch: [UInt8] = []
  private var order: [Int] = []

  private init(codingPath: [any CodingKey], concurrentDepth: Int) {
    self.codingPath = codingPath
    self.concurrentDepth = concurrentDepth
  }

  /// The JSON of `value` followed by a newline, or `nil` when it has to be left to Foundation.
  ///
  /// - Parameters:
  ///   - value: The value to write.
  ///   - concurrently: Whether the big arrays near the top are written on every core.
  static func encode(_ value: some Encodable, concurrently: Bool = true) -> [UInt8]? {
    let writer = SortedJSONWriter(codingPath: [], concurrentDepth: concurrently ? 1 : -1)
    do {
      try writer.writeTopLevel(value)
    } catch {
      return nil
    }
    guard !writer.gaveUp else { return nil }
    writer.bytes.append(UInt8(ascii: "\n"))
    return writer.bytes
  }

  private func writeTopLevel<T: Encodable>(_ value: T) throws {
    if let scalar = Self.scalar(value) { return write(scalar) }
    if concurrentDepth >= 0, let array = value as? any ConcurrentlyWrittenArray, array.count > 1 {
      return try array.writeConcurrently(into: self, depth: 0)
    }
    pushSlot(depth: 0)
    try value.encode(to: self)
    // Foundation's encoder refuses a top-level value that encodes nothing.
    guard slots[0].state != .empty else { throw GaveUp() }
    try popSlot()
  }

  // MARK: Values

  /// The spellings Foundation's encoder gives some types instead of their own `encode(to:)`.
  private enum Scalar {
    case string(String)
    case number(String)
  }

  private static func scalar<T: Encodable>(_ value: T) -> Scalar? {
    if T.self == URL.self { return .string(unsafeBitCast(value, to: URL.self).absoluteString) }
    if T.self == Data.self { return .string(unsafeBitCast(value, to: Data.self).base64EncodedString()) }
    if T.self == Decimal.self { return .number(unsafeBitCast(value, to: Decimal.self).description) }
    return nil
  }

  private func write(_ scalar: Scalar) {
    switch scalar {
    case .string(let text): writeString(text)
    case .number(let text): writeRaw(text)
    }
  }

  /// Writes any value whose first line is indented to `depth`.
  fileprivate func writeValue<T: Encodable>(_ value: T, depth: Int) throws {
    if T.self == String.self { return writeString(unsafeBitCast(value, to: String.self)) }
    if T.self == Double.self { return writeFloatingPoint(unsafeBitCast(value, to: Double.self)) }
    if T.self == Int.self { return writeInteger(unsafeBitCast(value, to: Int.self)) }
    if T.self == Bool.self { return writeBool(unsafeBitCast(value, to: Bool.self)) }
    if let scalar = Self.scalar(value) { return write(scalar) }
    if depth <= concurrentDepth, let array = value as? any ConcurrentlyWrittenArray, array.count > 1 {
      return try array.writeConcurrently(into: self, depth: depth)
    }
    pushSlot(depth: depth)
    try value.encode(to: self)
    try popSlot()
  }

  private func pushSlot(depth: Int) {
    nextSerial += 1
    slots.append(Slot(depth: depth, serial: nextSerial, firstMember: members.count))
  }

  /// Closes the value on top: an object's members put in order, the closing bracket written.
  private func popSlot() throws {
    let slot = slots.removeLast()
    switch slot.state {
    case .scalar: return
    case .empty:
      // A value that encodes nothing is an empty object to Foundation.
      writeStatic("{\n\n")
      writeIndent(slot.depth)
      writeStatic("}")
    case .array:
      writeStatic("\n")
      writeIndent(slot.depth)
      writeStatic("]")
    case .object:
      try sortMembers(from: slot.firstMember)
      members.removeSubrange(slot.firstMember...)
      writeStatic("\n")
      writeIndent(slot.depth)
      writeStatic("}")
    }
  }

  /// Puts the members from `first` on in the order of their keys' UTF-8 bytes, as Foundation sorts them.
  private func sortMembers(from first: Int) throws {
    let count = members.count - first
    guard count > 1 else { return }
    var sorted = true
    var allASCII = true
    for index in first..<members.count {
      if index > first, !Self.precedes(members[index - 1].key, members[index].key) { sorted = false }
      if !members[index].key.utf8.allSatisfy({ $0 < 0x80 }) { allASCII = false }
    }
    // Foundation keeps one value per key, and its keys are equal when canonically equivalent;
    // which value and spelling win is its dictionary's business, so leave such objects to it.
    if !allASCII {
      for index in first..<members.count {
        for other in first..<index where members[index].key == members[other].key { throw GaveUp() }
      }
    }
    if sorted { return }
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: first..<members.count)
    order.sort { Self.precedes(members[$0].key, members[$1].key) }
    for position in 1..<order.count
    where !Self.precedes(members[order[position - 1]].key, members[order[position]].key) {
      throw GaveUp()  // a key encoded twice
    }
    let regionStart = members[first].start
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: bytes[regionStart...])
    bytes.removeSubrange(regionStart...)
    for (position, index) in order.enumerated() {
      if position > 0 { writeStatic(",\n") }
      let member = members[index]
      bytes.append(contentsOf: scratch[(member.start - regionStart)..<(member.end - regionStart)])
    }
  }

  /// Whether `left` sorts before `right` by their UTF-8 bytes.
  private static func precedes(_ left: String, _ right: String) -> Bool {
    var left = left
    var right = right
    return left.withUTF8 { leftBytes in
      right.withUTF8 { rightBytes in
        let common = min(leftBytes.count, rightBytes.count)
        if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
          for offset in 0..<common where leftBase[offset] != rightBase[offset] {
            return leftBase[offset] < rightBase[offset]
          }
        }
        return leftBytes.count < rightBytes.count
      }
    }
  }

  // MARK: Containers

  /// Whether a container made for the slot at `index` with `serial` may still write.
  fileprivate func isCurrent(_ index: Int, _ serial: Int) -> Bool {
    !gaveUp && index == slots.count - 1 && slots[index].serial == serial
  }

  /// Stops the direct write; the caller falls back to Foundation.
  fileprivate func giveUp() -> GaveUp {
    gaveUp = true
    return GaveUp()
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    guard !gaveUp, let index = slots.indices.last else {
      _ = giveUp()
      return KeyedEncodingContainer(KeyedContainer(writer: self, slot: -1, serial: -1))
    }
    switch slots[index].state {
    case .empty:
      slots[index].state = .object
      writeStatic("{\n")
    case .object: break  // a second container for the same object adds to it, as in Foundation
    case .array, .scalar: _ = giveUp()
    }
    return KeyedEncodingContainer(KeyedContainer(writer: self, slot: index, serial: slots[index].serial))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    guard !gaveUp, let index = slots.indices.last else {
      _ = giveUp()
      return UnkeyedContainer(writer: self, slot: -1, serial: -1)
    }
    switch slots[index].state {
    case .empty:
      slots[index].state = .array
      writeStatic("[\n")
    case .array: break
    case .object, .scalar: _ = giveUp()
    }
    return UnkeyedContainer(writer: self, slot: index, serial: slots[index].serial)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    guard let index = slots.indices.last else {
      _ = giveUp()
      return SingleValueContainer(writer: self, slot: -1, serial: -1)
    }
    return SingleValueContainer(writer: self, slot: index, serial: slots[index].serial)
  }

  /// Begins an object's member: the separator, the indentation and `"key" : `.
  fileprivate func beginMember(_ key: String, slot index: Int, serial: Int) throws -> Int {
    guard isCurrent(index, serial) else { throw giveUp() }
    if slots[index].count > 0 { writeStatic(",\n") }
    let start = bytes.count
    writeIndent(slots[index].depth + 1)
    writeString(key)
    writeStatic(" : ")
    return start
  }

  /// Ends the member begun at `start`.
  fileprivate func endMember(_ key: String, slot index: Int, start: Int) {
    members.append(Member(key: key, start: start, end: bytes.count))
    slots[index].count += 1
  }

  /// Begins an array's element: the separator and the indentation.
  fileprivate func beginElement(slot index: Int, serial: Int) throws {
    guard isCurrent(index, serial) else { throw giveUp() }
    if slots[index].count > 0 { writeStatic(",\n") }
    writeIndent(slots[index].depth + 1)
  }

  fileprivate func endElement(slot index: Int) {
    slots[index].count += 1
  }

  fileprivate func elementCount(slot index: Int) -> Int {
    slots.indices.contains(index) ? slots[index].count : 0
  }

  fileprivate func depth(ofSlot index: Int) -> Int { slots[index].depth }

  /// Begins a single value: it must be the slot's first and only.
  fileprivate func beginSingleValue(slot index: Int, serial: Int) throws {
    guard isCurrent(index, serial), slots[index].state == .empty else { throw giveUp() }
    slots[index].state = .scalar
  }

  // MARK: Bytes

  fileprivate func writeStatic(_ text: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  private func writeRaw(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

  fileprivate func writeIndent(_ depth: Int) {
    var remaining = depth * 2
    while remaining > 0 {
      let chunk = min(remaining, Self.spaces.count)
      bytes.append(contentsOf: Self.spaces[..<chunk])
      remaining -= chunk
    }
  }

  fileprivate func writeBool(_ value: Bool) {
    if value { writeStatic("true") } else { writeStatic("false") }
  }

  fileprivate func writeNull() { writeStatic("null") }

  fileprivate func writeInteger(_ value: some FixedWidthInteger) {
    writeRaw(value.description)
  }

  /// A finite float as Swift describes it, less a trailing `.0`; the others as strings.
  fileprivate func writeFloatingPoint<Value: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Value) {
    if value.isNaN { return writeStatic("\"NaN\"") }
    if value.isInfinite { return value < 0 ? writeStatic("\"-Infinity\"") : writeStatic("\"Infinity\"") }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    writeRaw(text)
  }

  /// A string in quotes, escaped as Foundation escapes it: `"`, `\` and the control
  /// characters; slashes, DEL and every other scalar left as they are.
  fileprivate func writeString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { text in
      var pending = 0
      for (offset, byte) in text.enumerated() {
        let escape: StaticString
        switch byte {
        case UInt8(ascii: "\""): escape = "\\\""
        case UInt8(ascii: "\\"): escape = "\\\\"
        case 0x08: escape = "\\b"
        case 0x0C: escape = "\\f"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x00..<0x20: escape = "\\u00"
        default: continue
        }
        if offset > pending { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[pending..<offset])) }
        writeStatic(escape)
        if byte < 0x20, escape.utf8CodeUnitCount == 4 {
          bytes.append(Self.hexDigits[Int(byte >> 4)])
          bytes.append(Self.hexDigits[Int(byte & 0xF)])
        }
        pending = offset + 1
      }
      if text.count > pending { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[pending...])) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  // MARK: Concurrent arrays

  /// Writes `elements` as an array at `depth`, in chunks on every core, joined in order.
  fileprivate func writeConcurrently<Element: Encodable & Sendable>(_ elements: [Element], depth: Int) throws {
    let chunkCount = min(elements.count, 16)
    let chunks = (0..<chunkCount).map { chunk in
      (elements.count * chunk / chunkCount)..<(elements.count * (chunk + 1) / chunkCount)
    }
    let path = codingPath
    let written = chunks.concurrentMap { range -> [UInt8]? in
      let writer = SortedJSONWriter(codingPath: path, concurrentDepth: -1)
      do {
        for index in range {
          if index > range.lowerBound { writer.writeStatic(",\n") }
          writer.writeIndent(depth + 1)
          writer.codingPath.append(IndexKey(index))
          try writer.writeValue(elements[index], depth: depth + 1)
          writer.codingPath.removeLast()
        }
      } catch {
        return nil
      }
      return writer.gaveUp ? nil : writer.bytes
    }
    writeStatic("[\n")
    for (position, chunk) in written.enumerated() {
      guard let chunk else { throw giveUp() }
      if position > 0 { writeStatic(",\n") }
      bytes.append(contentsOf: chunk)
    }
    writeStatic("\n")
    writeIndent(depth)
    writeStatic("]")
  }
}

/// An element of a report's big arrays (teams, alerts): its JSON can be written
/// on any thread, so an array of them is written in chunks on every core.
protocol ConcurrentJSONElement: Encodable, Sendable {}

/// An array whose elements can be written on several threads.
private protocol ConcurrentlyWrittenArray {
  var count: Int { get }
  func writeConcurrently(into writer: SortedJSONWriter, depth: Int) throws
}

extension Array: ConcurrentlyWrittenArray where Element: ConcurrentJSONElement {
  fileprivate func writeConcurrently(into writer: SortedJSONWriter, depth: Int) throws {
    try writer.writeConcurrently(self, depth: depth)
  }
}

/// An array element's place in the coding path, named as Foundation names it.
private struct IndexKey: CodingKey {
  var stringValue: String { "Index \(index)" }
  var intValue: Int? { index }
  let index: Int

  init(_ index: Int) { self.index = index }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { index = intValue }
}

// MARK: - Containers

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let writer: SortedJSONWriter
  let slot: Int
  let serial: Int

  var codingPath: [any CodingKey] { writer.codingPath }

  private func member(_ key: Key, _ write: () throws -> Void) throws {
    let name = key.stringValue
    let start = try writer.beginMember(name, slot: slot, serial: serial)
    try write()
    writer.endMember(name, slot: slot, start: start)
  }

  mutating func encodeNil(forKey key: Key) throws { try member(key) { writer.writeNull() } }
  mutating func encode(_ value: Bool, forKey key: Key) throws { try member(key) { writer.writeBool(value) } }
  mutating func encode(_ value: String, forKey key: Key) throws { try member(key) { writer.writeString(value) } }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    try member(key) { writer.writeFloatingPoint(value) }
  }
  mutating func encode(_ value: Float, forKey key: Key) throws { try member(key) { writer.writeFloatingPoint(value) } }
  mutating func encode(_ value: Int, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: Int128, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: UInt128, forKey key: Key) throws { try member(key) { writer.writeInteger(value) } }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try member(key) {
      writer.codingPath.append(key)
      defer { writer.codingPath.removeLast() }
      try writer.writeValue(value, depth: writer.depth(ofSlot: slot) + 1)
    }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    _ = writer.giveUp()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, slot: -1, serial: -1))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    _ = writer.giveUp()
    return UnkeyedContainer(writer: writer, slot: -1, serial: -1)
  }

  mutating func superEncoder() -> any Encoder {
    _ = writer.giveUp()
    return writer
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    _ = writer.giveUp()
    return writer
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let writer: SortedJSONWriter
  let slot: Int
  let serial: Int

  var codingPath: [any CodingKey] { writer.codingPath }
  var count: Int { writer.elementCount(slot: slot) }

  private func element(_ write: () throws -> Void) throws {
    try writer.beginElement(slot: slot, serial: serial)
    try write()
    writer.endElement(slot: slot)
  }

  mutating func encodeNil() throws { try element { writer.writeNull() } }
  mutating func encode(_ value: Bool) throws { try element { writer.writeBool(value) } }
  mutating func encode(_ value: String) throws { try element { writer.writeString(value) } }
  mutating func encode(_ value: Double) throws { try element { writer.writeFloatingPoint(value) } }
  mutating func encode(_ value: Float) throws { try element { writer.writeFloatingPoint(value) } }
  mutating func encode(_ value: Int) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: Int8) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: Int16) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: Int32) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: Int64) throws { try element { writer.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: Int128) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt8) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt16) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt32) throws { try element { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt64) throws { try element { writer.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: UInt128) throws { try element { writer.writeInteger(value) } }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let index = count
    try element {
      writer.codingPath.append(IndexKey(index))
      defer { writer.codingPath.removeLast() }
      try writer.writeValue(value, depth: writer.depth(ofSlot: slot) + 1)
    }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
    NestedKey
  > {
    _ = writer.giveUp()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, slot: -1, serial: -1))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    _ = writer.giveUp()
    return UnkeyedContainer(writer: writer, slot: -1, serial: -1)
  }

  mutating func superEncoder() -> any Encoder {
    _ = writer.giveUp()
    return writer
  }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
  let writer: SortedJSONWriter
  let slot: Int
  let serial: Int

  var codingPath: [any CodingKey] { writer.codingPath }

  private func single(_ write: () throws -> Void) throws {
    try writer.beginSingleValue(slot: slot, serial: serial)
    try write()
  }

  mutating func encodeNil() throws { try single { writer.writeNull() } }
  mutating func encode(_ value: Bool) throws { try single { writer.writeBool(value) } }
  mutating func encode(_ value: String) throws { try single { writer.writeString(value) } }
  mutating func encode(_ value: Double) throws { try single { writer.writeFloatingPoint(value) } }
  mutating func encode(_ value: Float) throws { try single { writer.writeFloatingPoint(value) } }
  mutating func encode(_ value: Int) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: Int8) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: Int16) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: Int32) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: Int64) throws { try single { writer.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: Int128) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt8) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt16) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt32) throws { try single { writer.writeInteger(value) } }
  mutating func encode(_ value: UInt64) throws { try single { writer.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: UInt128) throws { try single { writer.writeInteger(value) } }

  /// A whole value in place of this one, at the same depth.
  mutating func encode<T: Encodable>(_ value: T) throws {
    try single { try writer.writeValue(value, depth: writer.depth(ofSlot: slot)) }
  }
}
