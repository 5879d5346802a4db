import OKRCore

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// Writes an `Encodable` value as okr's JSON straight into one byte buffer.
///
/// The bytes are exactly those of swift-foundation's `JSONEncoder` (the
/// Foundation of Linux, where the tests compare the two) with
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
/// chunks on every core and joined, which changes nothing in the bytes. The
/// bytes are the same on every platform, whatever the system's encoder does.
///
/// Shapes it does not write directly (nested containers, super encoders, a key
/// encoded twice, a container used after its value was closed) make it give up:
/// ``encode(_:)`` then returns `nil` and the caller uses Foundation's encoder.
final class SortedJSONWriter: Encoder {
  /// Why a direct write stopped.
  struct GaveUp: Error {}

  /// The text and the open values, behind a pointer: a class's stored properties
  /// would be checked for exclusive access at run time on every byte written.
  ///
  /// Held plainly, with an `[UInt8]` for the bytes, `okr status --format json`
  /// took 7% more instructions and CPU time and 6.5% more wall time on the
  /// one-quarter corpus (docs/performance.md, "What each second implementation buys").
  fileprivate let text: UnsafeMutablePointer<JSONText>
  /// The arrays at or above this depth are written in chunks concurrently.
  private let concurrentDepth: Int

  /// The keys and indices from the top-level value to the value being written.
  var codingPath: [any CodingKey] { text.pointee.codingPath }
  /// Empty, as Foundation's encoder has it by default.
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  private init(codingPath: [any CodingKey], concurrentDepth: Int) {
    text = .allocate(capacity: 1)
    text.initialize(to: JSONText(codingPath: codingPath))
    self.concurrentDepth = concurrentDepth
  }

  deinit {
    text.deinitialize(count: 1)
    text.deallocate()
  }

  /// The JSON of `value` followed by a newline, or `nil` when it has to be left to Foundation.
  ///
  /// - Parameters:
  ///   - value: The value to write.
  ///   - concurrently: Whether the big arrays near the top are written on every core.
  static func encode(_ value: some Encodable, concurrently: Bool = true) -> String? {
    let writer = SortedJSONWriter(codingPath: [], concurrentDepth: concurrently ? 1 : -1)
    do {
      try writer.writeTopLevel(value)
    } catch {
      return nil
    }
    // The text lives as long as the writer: keep it until the bytes are read.
    return withExtendedLifetime(writer) {
      guard !writer.text.pointee.gaveUp else { return nil }
      writer.text.pointee.bytes.append(UInt8(ascii: "\n"))
      return String(decoding: writer.text.pointee.bytes.written, as: UTF8.self)
    }
  }

  private func writeTopLevel<T: Encodable>(_ value: T) throws {
    if let scalar = JSONText.Scalar(value) { return text.pointee.write(scalar) }
    if concurrentDepth >= 0, let array = value as? any ConcurrentlyWrittenArray, array.count > 1 {
      return try array.writeConcurrently(into: self, depth: 0)
    }
    text.pointee.pushSlot(depth: 0)
    try value.encode(to: self)
    // Foundation's encoder refuses a top-level value that encodes nothing.
    guard text.pointee.slots[0].state != .empty else { throw GaveUp() }
    try text.pointee.popSlot()
  }

  /// Writes any value whose first line is indented to `depth`.
  fileprivate func writeValue<T: Encodable>(_ value: T, depth: Int) throws {
    if T.self == String.self { return text.pointee.writeString(unsafeBitCast(value, to: String.self)) }
    if T.self == Double.self { return text.pointee.writeFloatingPoint(unsafeBitCast(value, to: Double.self)) }
    if T.self == Int.self { return text.pointee.writeInteger(unsafeBitCast(value, to: Int.self)) }
    if T.self == Bool.self { return text.pointee.writeBool(unsafeBitCast(value, to: Bool.self)) }
    if let scalar = JSONText.Scalar(value) { return text.pointee.write(scalar) }
    if depth <= concurrentDepth, let array = value as? any ConcurrentlyWrittenArray, array.count > 1 {
      return try array.writeConcurrently(into: self, depth: depth)
    }
    text.pointee.pushSlot(depth: depth)
    try value.encode(to: self)
    try text.pointee.popSlot()
  }

  // MARK: Containers

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let (slot, serial) = text.pointee.open(.object)
    return KeyedEncodingContainer(KeyedContainer(writer: self, slot: slot, serial: serial))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let (slot, serial) = text.pointee.open(.array)
    return UnkeyedContainer(writer: self, slot: slot, serial: serial)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    guard let slot = text.pointee.slots.indices.last else {
      _ = text.pointee.giveUp()
      return SingleValueContainer(writer: self, slot: -1, serial: -1)
    }
    return SingleValueContainer(writer: self, slot: slot, serial: text.pointee.slots[slot].serial)
  }

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
          if index > range.lowerBound { writer.text.pointee.writeStatic(",\n") }
          writer.text.pointee.writeIndent(depth + 1)
          writer.text.pointee.codingPath.append(IndexKey(index))
          try writer.writeValue(elements[index], depth: depth + 1)
          writer.text.pointee.codingPath.removeLast()
        }
      } catch {
        return nil
      }
      return withExtendedLifetime(writer) {
        writer.text.pointee.gaveUp ? nil : Array(writer.text.pointee.bytes.written)
      }
    }
    text.pointee.writeStatic("[\n")
    for (position, chunk) in written.enumerated() {
      guard let chunk else { throw text.pointee.giveUp() }
      if position > 0 { text.pointee.writeStatic(",\n") }
      chunk.withUnsafeBufferPointer { text.pointee.bytes.append($0) }
    }
    text.pointee.writeStatic("\n")
    text.pointee.writeIndent(depth)
    text.pointee.writeStatic("]")
  }
}

/// The JSON text written so far and the stack of values still open.
private struct JSONText: ~Copyable {
  var bytes = ByteBuffer()
  var codingPath: [any CodingKey]
  /// Whether a shape the writer cannot write directly was met; the bytes are then worthless.
  var gaveUp = false

  /// A value being written: what it has become so far, and where.
  struct Slot {
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
  struct Member {
    var key: String
    var start: Int
    var end: Int
  }

  /// The order of an object's keys, learnt once for every object that has the same keys in the same order.
  struct KnownOrder {
    var keys: [String]
    /// The members' positions, in the order of their keys' UTF-8 bytes.
    var order: [Int]
    var isSorted: Bool
  }

  var slots: [Slot] = []
  var members: [Member] = []
  var nextSerial = 0
  /// Objects of one type encode the same keys in the same order, so their order is sorted out once.
  var knownOrders: [KnownOrder] = []
  /// Reused while an object's members are put in order.
  var scratch = ByteBuffer()

  init(codingPath: [any CodingKey]) {
    self.codingPath = codingPath
  }

  /// Stops the direct write; the caller falls back to Foundation.
  mutating func giveUp() -> SortedJSONWriter.GaveUp {
    gaveUp = true
    return SortedJSONWriter.GaveUp()
  }

  /// Whether a container made for the slot at `index` with `serial` may still write.
  func isCurrent(_ index: Int, _ serial: Int) -> Bool {
    !gaveUp && index == slots.count - 1 && slots[index].serial == serial
  }

  // MARK: Values

  mutating func pushSlot(depth: Int) {
    nextSerial += 1
    slots.append(Slot(depth: depth, serial: nextSerial, firstMember: members.count))
  }

  /// Closes the value on top: an object's members put in order, the closing bracket written.
  mutating func popSlot() throws {
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

  /// Makes the value on top an object or an array, or finds it is one; the slot and serial a container writes to.
  mutating func open(_ state: Slot.State) -> (slot: Int, serial: Int) {
    guard !gaveUp, let index = slots.indices.last else {
      _ = giveUp()
      return (-1, -1)
    }
    if slots[index].state == .empty {
      slots[index].state = state
      if state == .object { writeStatic("{\n") } else { writeStatic("[\n") }
    } else if slots[index].state != state {
      // Foundation would turn an object written as a single value back into a container; leave that to it.
      _ = giveUp()
    }
    // A second container for the same value adds to it, as in Foundation.
    return (index, slots[index].serial)
  }

  /// Puts the members from `first` on in the order of their keys' UTF-8 bytes, as Foundation sorts them.
  mutating func sortMembers(from first: Int) throws {
    guard members.count - first > 1 else { return }
    let known = try knownOrder(from: first) ?? learnOrder(from: first)
    if known.isSorted { return }
    let regionStart = members[first].start
    scratch.truncate(to: 0)
    scratch.append(UnsafeBufferPointer(rebasing: bytes.written[regionStart...]))
    bytes.truncate(to: regionStart)
    for (position, offset) in known.order.enumerated() {
      if position > 0 { writeStatic(",\n") }
      let member = members[first + offset]
      bytes.append(
        UnsafeBufferPointer(rebasing: scratch.written[(member.start - regionStart)..<(member.end - regionStart)]))
    }
  }

  /// The order learnt for an object with exactly these keys, if there is one.
  private func knownOrder(from first: Int) -> KnownOrder? {
    let count = members.count - first
    search: for known in knownOrders where known.keys.count == count {
      // The known keys are ASCII, and a string canonically equivalent to an ASCII one but
      // spelt otherwise ("K" and the Kelvin sign) is longer: equal and as long is the same bytes.
      for offset in 0..<count {
        let key = members[first + offset].key
        if known.keys[offset].utf8.count != key.utf8.count || known.keys[offset] != key { continue search }
      }
      return known
    }
    return nil
  }

  /// Sorts the keys from `first` on and remembers their order.
  private mutating func learnOrder(from first: Int) throws -> KnownOrder {
    let keys = members[first...].map(\.key)
    func precedes(_ left: Int, _ right: Int) -> Bool { keys[left].utf8.lexicographicallyPrecedes(keys[right].utf8) }
    // Foundation keeps one value per key, and its keys are equal when canonically equivalent;
    // which value and spelling win is its dictionary's business, so leave such objects to it.
    var allASCII = true
    for index in keys.indices where !keys[index].utf8.allSatisfy({ $0 < 0x80 }) {
      allASCII = false
      if keys.indices.contains(where: { $0 != index && keys[$0] == keys[index] }) { throw giveUp() }
    }
    // Insertion sort: objects have a few dozen members at most.
    var order: [Int] = []
    for index in keys.indices {
      var position = order.count
      order.append(index)
      while position > 0, precedes(index, order[position - 1]) {
        order[position] = order[position - 1]
        position -= 1
      }
      order[position] = index
      if position > 0, !precedes(order[position - 1], index) { throw giveUp() }  // a key encoded twice
    }
    let known = KnownOrder(keys: keys, order: order, isSorted: order == Array(keys.indices))
    // A few shapes per type; a value with keys of its own (a dictionary) need not fill the list.
    if allASCII, knownOrders.count < 256 { knownOrders.append(known) }
    return known
  }

  /// Begins an object's member: the separator, the indentation and `"key" : `.
  mutating func beginMember(_ key: String, slot index: Int, serial: Int) throws -> Int {
    guard isCurrent(index, serial) else { throw giveUp() }
    if slots[index].count > 0 { writeStatic(",\n") }
    let start = bytes.count
    writeIndent(slots[index].depth + 1)
    writeString(key)
    writeStatic(" : ")
    return start
  }

  /// Ends the member begun at `start`.
  mutating func endMember(_ key: String, slot index: Int, start: Int) {
    members.append(Member(key: key, start: start, end: bytes.count))
    slots[index].count += 1
  }

  /// Begins an array's element: the separator and the indentation.
  mutating func beginElement(slot index: Int, serial: Int) throws {
    guard isCurrent(index, serial) else { throw giveUp() }
    if slots[index].count > 0 { writeStatic(",\n") }
    writeIndent(slots[index].depth + 1)
  }

  mutating func endElement(slot index: Int) {
    slots[index].count += 1
  }

  func elementCount(slot index: Int) -> Int {
    slots.indices.contains(index) ? slots[index].count : 0
  }

  /// Begins a single value: it must be the slot's first and only.
  mutating func beginSingleValue(slot index: Int, serial: Int) throws {
    guard isCurrent(index, serial), slots[index].state == .empty else { throw giveUp() }
    slots[index].state = .scalar
  }

  // MARK: Scalars

  /// The spellings Foundation's encoder gives some types instead of their own `encode(to:)`.
  enum Scalar {
    case string(String)
    case number(String)

    init?<T: Encodable>(_ value: T) {
      if T.self == URL.self {
        self = .string(unsafeBitCast(value, to: URL.self).absoluteString)
      } else if T.self == Data.self {
        self = .string(unsafeBitCast(value, to: Data.self).base64EncodedString())
      } else if T.self == Decimal.self {
        self = .number(unsafeBitCast(value, to: Decimal.self).description)
      } else {
        return nil
      }
    }
  }

  mutating func write(_ scalar: Scalar) {
    switch scalar {
    case .string(let text): writeString(text)
    case .number(let text): writeRaw(text)
    }
  }

  mutating func writeStatic(_ text: StaticString) {
    bytes.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  mutating func writeRaw(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append($0) }
  }

  mutating func writeIndent(_ depth: Int) {
    bytes.append(repeating: UInt8(ascii: " "), count: depth * 2)
  }

  mutating func writeBool(_ value: Bool) {
    if value { writeStatic("true") } else { writeStatic("false") }
  }

  mutating func writeNull() { writeStatic("null") }

  mutating func writeInteger(_ value: some FixedWidthInteger) {
    writeRaw(value.description)
  }

  /// A finite float as Swift describes it, less a trailing `.0`; the others as strings.
  mutating func writeFloatingPoint<Value: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Value) {
    if value.isNaN { return writeStatic("\"NaN\"") }
    if value.isInfinite { return value < 0 ? writeStatic("\"-Infinity\"") : writeStatic("\"Infinity\"") }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    writeRaw(text)
  }

  /// A string in quotes, escaped as Foundation escapes it: `"`, `\` and the control
  /// characters; slashes, DEL and every other scalar left as they are.
  mutating func writeString(_ value: String) {
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
        if offset > pending { bytes.append(UnsafeBufferPointer(rebasing: text[pending..<offset])) }
        writeStatic(escape)
        if byte < 0x20, escape.utf8CodeUnitCount == 4 {
          bytes.append(Self.hexDigit(byte >> 4))
          bytes.append(Self.hexDigit(byte & 0xF))
        }
        pending = offset + 1
      }
      if text.count > pending { bytes.append(UnsafeBufferPointer(rebasing: text[pending...])) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The lower-case hexadecimal digit of `value`, 0...15.
  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }
}

/// Bytes written through a pointer, grown by doubling: appending a few bytes is
/// a store, without an array's uniqueness and capacity checks on each call.
///
/// It is not copyable, so its memory has one owner and is freed once.
private struct ByteBuffer: ~Copyable {
  private var start: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 1024) {
    start = .allocate(capacity: capacity)
    self.capacity = capacity
  }

  deinit { start.deallocate() }

  /// The bytes written, valid until the next change.
  var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

  /// Makes room for `extra` more bytes.
  private mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let newCapacity = max(count + extra, capacity * 2)
    let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStart.initialize(from: start, count: count)
    start.deallocate()
    start = newStart
    capacity = newCapacity
  }

  mutating func append(_ byte: UInt8) {
    reserve(1)
    start[count] = byte
    count += 1
  }

  mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
    guard let base = source.baseAddress, !source.isEmpty else { return }
    reserve(source.count)
    (start + count).initialize(from: base, count: source.count)
    count += source.count
  }

  mutating func append(repeating byte: UInt8, count repeated: Int) {
    guard repeated > 0 else { return }
    reserve(repeated)
    (start + count).initialize(repeating: byte, count: repeated)
    count += repeated
  }

  /// Forgets the bytes from `offset` on.
  mutating func truncate(to offset: Int) {
    count = offset
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
    let start = try writer.text.pointee.beginMember(name, slot: slot, serial: serial)
    try write()
    writer.text.pointee.endMember(name, slot: slot, start: start)
  }

  mutating func encodeNil(forKey key: Key) throws { try member(key) { writer.text.pointee.writeNull() } }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeBool(value) }
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeString(value) }
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeFloatingPoint(value) }
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeFloatingPoint(value) }
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: Int8, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: Int16, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: Int32, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: Int64, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  @available(macOS 15.0, *)
  mutating func encode(_ value: Int128, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: UInt, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: UInt8, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: UInt16, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: UInt32, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  mutating func encode(_ value: UInt64, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }
  @available(macOS 15.0, *)
  mutating func encode(_ value: UInt128, forKey key: Key) throws {
    try member(key) { writer.text.pointee.writeInteger(value) }
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try member(key) {
      writer.text.pointee.codingPath.append(key)
      defer { writer.text.pointee.codingPath.removeLast() }
      try writer.writeValue(value, depth: writer.text.pointee.slots[slot].depth + 1)
    }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    _ = writer.text.pointee.giveUp()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, slot: -1, serial: -1))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    _ = writer.text.pointee.giveUp()
    return UnkeyedContainer(writer: writer, slot: -1, serial: -1)
  }

  mutating func superEncoder() -> any Encoder {
    _ = writer.text.pointee.giveUp()
    return writer
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    _ = writer.text.pointee.giveUp()
    return writer
  }
}

/// The scalar `encode` overloads an unkeyed and a single-value container share:
/// each writes one scalar where the container puts its next value.
private protocol ScalarWritingContainer {
  var writer: SortedJSONWriter { get }
  /// Runs `write` to write a value in this container's next place.
  func place(_ write: () throws -> Void) throws
}

extension ScalarWritingContainer {
  mutating func encodeNil() throws { try place { writer.text.pointee.writeNull() } }
  mutating func encode(_ value: Bool) throws { try place { writer.text.pointee.writeBool(value) } }
  mutating func encode(_ value: String) throws { try place { writer.text.pointee.writeString(value) } }
  mutating func encode(_ value: Double) throws { try place { writer.text.pointee.writeFloatingPoint(value) } }
  mutating func encode(_ value: Float) throws { try place { writer.text.pointee.writeFloatingPoint(value) } }
  mutating func encode(_ value: Int) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: Int8) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: Int16) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: Int32) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: Int64) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: UInt) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: UInt8) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: UInt16) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: UInt32) throws { try place { writer.text.pointee.writeInteger(value) } }
  mutating func encode(_ value: UInt64) throws { try place { writer.text.pointee.writeInteger(value) } }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer, ScalarWritingContainer {
  let writer: SortedJSONWriter
  let slot: Int
  let serial: Int

  var codingPath: [any CodingKey] { writer.codingPath }
  var count: Int { writer.text.pointee.elementCount(slot: slot) }

  // The standard library has its own defaults for these two; naming them here picks ours.
  @available(macOS 15.0, *)
  mutating func encode(_ value: Int128) throws { try place { writer.text.pointee.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: UInt128) throws { try place { writer.text.pointee.writeInteger(value) } }

  func place(_ write: () throws -> Void) throws {
    try writer.text.pointee.beginElement(slot: slot, serial: serial)
    try write()
    writer.text.pointee.endElement(slot: slot)
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let index = count
    try place {
      writer.text.pointee.codingPath.append(IndexKey(index))
      defer { writer.text.pointee.codingPath.removeLast() }
      try writer.writeValue(value, depth: writer.text.pointee.slots[slot].depth + 1)
    }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
    NestedKey
  > {
    _ = writer.text.pointee.giveUp()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(writer: writer, slot: -1, serial: -1))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    _ = writer.text.pointee.giveUp()
    return UnkeyedContainer(writer: writer, slot: -1, serial: -1)
  }

  mutating func superEncoder() -> any Encoder {
    _ = writer.text.pointee.giveUp()
    return writer
  }
}

private struct SingleValueContainer: SingleValueEncodingContainer, ScalarWritingContainer {
  let writer: SortedJSONWriter
  let slot: Int
  let serial: Int

  var codingPath: [any CodingKey] { writer.codingPath }

  func place(_ write: () throws -> Void) throws {
    try writer.text.pointee.beginSingleValue(slot: slot, serial: serial)
    try write()
  }
  // The standard library has its own defaults for these two; naming them here picks ours.
  @available(macOS 15.0, *)
  mutating func encode(_ value: Int128) throws { try place { writer.text.pointee.writeInteger(value) } }
  @available(macOS 15.0, *)
  mutating func encode(_ value: UInt128) throws { try place { writer.text.pointee.writeInteger(value) } }

  /// A whole value in place of this one, at the same depth.
  mutating func encode<T: Encodable>(_ value: T) throws {
    try place { try writer.writeValue(value, depth: writer.text.pointee.slots[slot].depth) }
  }
}
