internal import CLibYAML

/// A value to write as YAML: text, a number, a boolean, a list or an ordered mapping.
public indirect enum YAMLValue: Sendable, Equatable {
  /// Text; always reads back as the same string, whatever it looks like.
  case text(String)
  /// A number, written as given (`41`, `2.5`); must be a valid YAML 1.2 number.
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// A block sequence.
  case list([YAMLValue])
  /// A block mapping with text keys, in this order.
  case mapping([(String, YAMLValue)])

  public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
    switch (lhs, rhs) {
    case (.text(let a), .text(let b)), (.number(let a), .number(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.list(let a), .list(let b)): return a == b
    case (.mapping(let a), .mapping(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
    default: return false
    }
  }
}

/// Writes YAML documents through libyaml's emitter.
///
/// libyaml decides how each string must be written (plain, quoted, a block
/// literal for several lines) so that it reads back exactly; strings that
/// would read back as another type (`true`, `42`, `null`, `2026-01-05` is fine
/// as text) are double-quoted. The result is then parsed back and compared, and
/// anything that does not round-trip is refused rather than written.
public enum YAMLWriter {
  /// Why a value could not be written.
  public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
  }

  /// One document, starting with `---` and ending with a line break.
  ///
  /// - Parameter value: The document's root.
  /// - Returns: The YAML text.
  /// - Throws: ``WriteError`` when libyaml refuses a value or the text would not read back the same.
  public static func document(_ value: YAMLValue) throws(WriteError) -> String {
    let text = unescapingAstralCharacters(try emit(value))
    // Belt and braces: what is written must read back as exactly what was given.
    let stream = YAMLParser.parse(text)
    guard stream.errors.isEmpty, stream.documents.count == 1, let root = stream.documents.first?.root,
      matches(root, value)
    else {
      throw WriteError(description: "the YAML written would not read back as the values given")
    }
    return text
  }

  /// The emitted text with `\UXXXXXXXX` escapes of characters beyond the
  /// Basic Multilingual Plane written as the characters themselves.
  ///
  /// libyaml's emitter counts only the Basic Multilingual Plane as printable,
  /// so a note with 🚀 comes out as `"\U0001F680"`: it reads back, but a
  /// pull-request diff shows the escape instead of what the person wrote. YAML
  /// allows these characters as they are in a double-quoted scalar, the only
  /// place the emitter writes such escapes; a backslash itself is escaped
  /// there as `\\`, so a `\U` after an even number of backslashes is an escape.
  /// Noncharacters and anything not a scalar value stay escaped. The result
  /// is read back and compared like any other document.
  static func unescapingAstralCharacters(_ text: String) -> String {
    guard text.contains("\\U") else { return text }
    var out = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    var backslashes = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\", backslashes % 2 == 0, index + 9 < scalars.count, scalars[index + 1] == "U" {
        let hex = String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 10)]))
        if let value = UInt32(hex, radix: 16), value >= 0x10000, value & 0xFFFE != 0xFFFE,
          let character = Unicode.Scalar(value)
        {
          out.append(character)
          index += 10
          backslashes = 0
          continue
        }
      }
      backslashes = scalar == "\\" ? backslashes + 1 : 0
      out.append(scalar)
      index += 1
    }
    return String(out)
  }

  private final class Output {
    var bytes: [UInt8] = []
  }

  private static func emit(_ value: YAMLValue) throws(WriteError) -> String {
    let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
    defer { emitter.deallocate() }
    guard yaml_emitter_initialize(emitter) != 0 else {
      throw WriteError(description: "libyaml could not start its emitter")
    }
    defer { yaml_emitter_delete(emitter) }
    let output = Output()
    let box = Unmanaged.passRetained(output)
    defer { box.release() }
    yaml_emitter_set_output(
      emitter,
      { data, buffer, size in
        guard let data, let buffer else { return 0 }
        Unmanaged<Output>.fromOpaque(data).takeUnretainedValue().bytes.append(
          contentsOf: UnsafeBufferPointer(start: buffer, count: size))
        return 1
      }, box.toOpaque())
    yaml_emitter_set_unicode(emitter, 1)
    yaml_emitter_set_indent(emitter, 2)
    yaml_emitter_set_width(emitter, -1)
    yaml_emitter_set_break(emitter, YAML_LN_BREAK)

    /// Initializes one event and hands it to the emitter, which takes ownership of it.
    func send(_ initialize: (UnsafeMutablePointer<yaml_event_t>) -> Int32) throws(WriteError) {
      var event = yaml_event_t()
      guard initialize(&event) != 0, yaml_emitter_emit(emitter, &event) != 0 else {
        let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
        throw WriteError(description: "libyaml could not write the document: \(problem)")
      }
    }
    try send { yaml_stream_start_event_initialize($0, YAML_UTF8_ENCODING) }
    try send { yaml_document_start_event_initialize($0, nil, nil, nil, 0) }
    // An explicit stack keeps deep values from recursing; documents here are shallow anyway.
    enum Step {
      case value(YAMLValue)
      case endSequence
      case endMapping
    }
    var steps: [Step] = [.value(value)]
    while let step = steps.popLast() {
      switch step {
      case .endSequence:
        try send { yaml_sequence_end_event_initialize($0) }
      case .endMapping:
        try send { yaml_mapping_end_event_initialize($0) }
      case .value(.list(let items)):
        try send { yaml_sequence_start_event_initialize($0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
        steps.append(.endSequence)
        steps += items.reversed().map(Step.value)
      case .value(.mapping(let pairs)):
        try send { yaml_mapping_start_event_initialize($0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
        steps.append(.endMapping)
        for (key, value) in pairs.reversed() {
          steps.append(.value(value))
          steps.append(.value(.text(key)))
        }
      case .value(.text(let text)):
        try send { scalar($0, text, style: textStyle(text)) }
      case .value(.number(let text)):
        try send { scalar($0, text, style: YAML_PLAIN_SCALAR_STYLE) }
      case .value(.bool(let flag)):
        try send { scalar($0, flag ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE) }
      }
    }
    try send { yaml_document_end_event_initialize($0, 1) }
    try send { yaml_stream_end_event_initialize($0) }
    yaml_emitter_flush(emitter)
    return String(decoding: output.bytes, as: UTF8.self)
  }

  /// Initializes a scalar event; libyaml copies the text.
  private static func scalar(
    _ event: UnsafeMutablePointer<yaml_event_t>, _ text: String, style: yaml_scalar_style_t
  ) -> Int32 {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      yaml_scalar_event_initialize(event, nil, nil, buffer.baseAddress, Int32(buffer.count), 1, 1, style)
    }
  }

  /// How a string should be written: any style libyaml finds safe, unless
  /// plain text would read back as a number, boolean or null; a block literal
  /// for text with line breaks, which reads best.
  private static func textStyle(_ text: String) -> yaml_scalar_style_t {
    if text.contains("\n") { return YAML_LITERAL_SCALAR_STYLE }
    let plain = Node(.scalar(text, .plain), mark: Mark(line: 1, column: 1, offset: 0))
    if plain.resolvedScalar != .string(text) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
    // YAML 1.1 readers (PyYAML, older tools) take these for booleans: quote them for everyone.
    let yaml11Booleans: Set<String> = [
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]
    if yaml11Booleans.contains(text) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
    return YAML_ANY_SCALAR_STYLE
  }

  private static func matches(_ node: Node, _ value: YAMLValue) -> Bool {
    switch value {
    case .text(let text): return node.resolvedScalar == .string(text)
    case .number(let text):
      guard let resolved = node.resolvedScalar else { return false }
      switch resolved {
      case .int, .float: return node.scalarText == text
      default: return false
      }
    case .bool(let flag): return node.resolvedScalar == .bool(flag)
    case .list(let items):
      guard let nodes = node.items, nodes.count == items.count else { return false }
      return zip(nodes, items).allSatisfy { matches($0, $1) }
    case .mapping(let pairs):
      guard let nodes = node.pairs, nodes.count == pairs.count else { return false }
      return zip(nodes, pairs).allSatisfy { $0.key.scalarText == $1.0 && matches($0.value, $1.1) }
    }
  }
}
