import OKRCore
import YAMLKit

/// Decodes a key result's `source:` into a ``KeyResultSource``, every problem at its node.
///
/// Only the declaration is read here; whether the file exists, and whether it
/// lies inside the repository, is lint's to say (``Linter``), and nothing but
/// `okr checkin pull` ever opens the file or runs the command.
extension FileDecoder {
  mutating func decodeSource(_ node: Node) -> Located<KeyResultSource>? {
    guard let fields = fields(of: node, "source", allowed: KeyResultSource.keys) else { return nil }
    if fields.keyNode("command") != nil { return commandSource(fields, at: node) }
    guard fields.keyNode("file") != nil else {
      let given = ["pointer", "column"].filter { fields.keyNode($0) != nil }
      if let key = given.first {
        report(.missingKey, "a source with '\(key)' needs a 'file' to read it from", at: node)
      } else if fields.unknownKeys.isEmpty {
        report(.missingKey, "source is missing a 'file' or a 'command'; \(Self.sourceShapes)", at: node)
      }
      return nil
    }
    return fileSource(fields, at: node)
  }

  /// How a source may look, for messages about one that looks otherwise.
  private static var sourceShapes: String {
    "give {file, pointer} for JSON, {file, column} for CSV, or {command: [program, arguments...]}"
  }

  /// `{command: [...]}`, with none of a file source's keys.
  private mutating func commandSource(_ fields: Fields, at node: Node) -> Located<KeyResultSource>? {
    var isShaped = true
    for key in ["file", "pointer", "column"] {
      guard let keyNode = fields.keyNode(key) else { continue }
      report(.invalidValue, "a source with 'command' takes no '\(key)'; \(Self.sourceShapes)", at: keyNode)
      isShaped = false
    }
    guard let commandNode = required("command", in: fields), let argv = command(commandNode), isShaped
    else { return nil }
    return Located(.command(program: argv.program, arguments: argv.arguments), at: location(node))
  }

  /// `{file, pointer}` or `{file, column}`.
  private mutating func fileSource(_ fields: Fields, at node: Node) -> Located<KeyResultSource>? {
    let file = required("file", in: fields).flatMap { sourceFile($0) }
    switch (fields.keyNode("pointer"), fields.keyNode("column")) {
    case (_?, let column?):
      report(
        .invalidValue, "a source with 'file' takes a 'pointer' or a 'column', not both; \(Self.sourceShapes)",
        at: column)
      return nil
    case (_?, nil):
      guard let pointerNode = required("pointer", in: fields), let pointer = pointer(pointerNode), let file
      else { return nil }
      return Located(.json(file: file, pointer: pointer), at: location(node))
    case (nil, _?):
      guard let columnNode = required("column", in: fields), let column = text(columnNode, "column") else {
        return nil
      }
      guard !column.isEmpty else {
        report(.invalidValue, "'column' must name a column of the CSV file's header, not ''", at: columnNode)
        return nil
      }
      guard let file else { return nil }
      return Located(.csv(file: file, column: column), at: location(node))
    case (nil, nil):
      if !fields.unknownKeys.contains(where: { Suggestion.closest(to: $0, in: ["pointer", "column"]) != nil }) {
        report(.missingKey, "a source with 'file' needs a 'pointer' (JSON) or a 'column' (CSV)", at: node)
      }
      return nil
    }
  }

  /// The file's path as written; lint checks it lies inside the repository and exists.
  private mutating func sourceFile(_ node: Node) -> Located<String>? {
    guard let path = text(node, "file") else { return nil }
    guard !path.isEmpty else {
      report(.invalidValue, "'file' must be a path in the repository, not ''", at: node)
      return nil
    }
    return Located(path, at: location(node))
  }

  private mutating func pointer(_ node: Node) -> JSONPointer? {
    guard case .string(let text)? = node.resolvedScalar else {
      report(
        .wrongType, "'pointer' must be a JSON pointer like '/trials/conversion', not \(describeSourceValue(node))",
        at: node)
      return nil
    }
    guard let pointer = JSONPointer(text) else {
      report(
        .invalidValue,
        "'pointer' must be a JSON pointer (RFC 6901) like '/trials/conversion': empty, or '/' before each name, "
          + "'~0' for '~' and '~1' for '/', not '\(shown(text))'", at: node)
      return nil
    }
    return pointer
  }

  /// The argv: a non-empty list of strings, the program first (with its place, where lint points at it).
  private mutating func command(_ node: Node) -> (program: Located<String>, arguments: [String])? {
    guard let items = node.items else {
      report(
        .wrongType, "'command' must be a list: the program, then its arguments (no shell), not \(node.kindDescription)",
        at: node)
      return nil
    }
    guard !items.isEmpty else {
      report(.invalidValue, "'command' must name at least the program to run, not an empty list", at: node)
      return nil
    }
    var arguments: [String] = []
    var isRight = true
    for (index, item) in items.enumerated() {
      guard case .string(let argument)? = item.resolvedScalar else {
        report(
          .wrongType,
          "each argument of 'command' must be a string, not \(describeSourceValue(item)); quote it to pass it as text",
          at: item)
        isRight = false
        continue
      }
      if index == 0, argument.isEmpty {
        report(.invalidValue, "'command' must start with the program to run, not ''", at: item)
        isRight = false
      }
      arguments.append(argument)
    }
    guard isRight, let first = arguments.first else { return nil }
    return (Located(first, at: location(items[0])), Array(arguments.dropFirst()))
  }

  /// How a value that should have been a string reads in a message: `the number 2026`, `a mapping`.
  private func describeSourceValue(_ node: Node) -> String {
    switch node.resolvedScalar {
    case .int?, .float?: return "the number \(shown(node.scalarText ?? ""))"
    case .bool?: return "the boolean \(shown(node.scalarText ?? ""))"
    case .null?: return "null"
    default: return node.kindDescription
    }
  }
}
