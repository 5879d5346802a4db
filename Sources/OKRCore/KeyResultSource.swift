/// Where a key result's value lives (`source:`), for `okr checkin pull` to record it.
///
/// One of three shapes:
///
/// ```yaml
/// source: {file: metrics/weekly.json, pointer: /trials/conversion}  # RFC 6901 JSON pointer
/// source: {file: metrics/export.csv, column: conversion}             # the last non-empty row's cell
/// source: {command: [python3, scripts/nps.py]}                       # argv, no shell; prints one value
/// ```
///
/// This is only a declaration: reading it never runs anything. Only
/// `okr checkin pull` reads a file source or runs a command source.
public enum KeyResultSource: Sendable, Equatable {
  /// A number (or `true`/`false`) in a JSON file of the repository, at a pointer.
  case json(file: Located<String>, pointer: JSONPointer)
  /// The cell of a CSV file's column in its last non-empty row.
  case csv(file: Located<String>, column: String)
  /// A program and its arguments, run from the repository's root with no shell; the program with where it
  /// is written.
  case command(program: Located<String>, arguments: [String])

  /// The keys a `source:` mapping may have.
  public static let keys = ["file", "pointer", "column", "command"]

  /// The `by:` of the check-ins `okr checkin pull` writes: values read from sources, not a person's check-in.
  public static let recordedBy = "source"

  /// Whether `name` can name an environment variable for `--source-env`: ASCII letters, digits and `_`, not
  /// first a digit.
  ///
  /// - Parameter name: The name as given.
  /// - Returns: `true` when it is one.
  public static func isVariableName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
    }
  }

  /// The file it reads, with where the file is named; `nil` for a command.
  public var file: Located<String>? {
    switch self {
    case .json(let file, _), .csv(let file, _): return file
    case .command: return nil
    }
  }

  /// The program and its arguments, for a command source.
  public var arguments: [String]? {
    if case .command(let program, let arguments) = self { return [program.value] + arguments }
    return nil
  }

  /// The program, with where it is written, for a command source.
  public var program: Located<String>? {
    if case .command(let program, _) = self { return program }
    return nil
  }
}

extension KeyResultKind {
  /// Whether a key result of this kind may have a `source:`: the kinds a
  /// check-in records one value or one flag for (numeric, threshold, boolean).
  public var takesSource: Bool {
    switch self {
    case .numeric, .threshold, .boolean: return true
    case .milestones: return false
    }
  }
}

/// A JSON pointer (RFC 6901): `/trials/conversion`, with `~1` for `/` and `~0` for `~` in a name.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
  /// The reference tokens, unescaped; none for the whole document (the pointer `""`).
  public var tokens: [String]
  /// The pointer as written.
  public var description: String

  /// Reads a pointer, or `nil` when it is not one: it must be empty or start
  /// with `/`, and every `~` must be followed by `0` or `1`.
  ///
  /// - Parameter text: The pointer as written.
  public init?(_ text: String) {
    guard text.isEmpty || text.hasPrefix("/") else { return nil }
    var tokens: [String] = []
    for part in text.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
      var token = ""
      var scalars = part.unicodeScalars.makeIterator()
      while let scalar = scalars.next() {
        guard scalar == "~" else {
          token.unicodeScalars.append(scalar)
          continue
        }
        switch scalars.next() {
        case "0": token += "~"
        case "1": token += "/"
        default: return nil
        }
      }
      tokens.append(token)
    }
    self.tokens = tokens
    self.description = text
  }
}
