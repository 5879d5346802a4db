import OKRCore
import YAMLKit

/// Reads the value a key result's `source:` gives: what `okr checkin pull` records.
///
/// A file source is read inside the repository (``SourceFile``); a command
/// source runs with no shell, from the repository's root, with `/dev/null`
/// as standard input, under a deadline and an output cap
/// (``Subprocess/runBounded(_:_:directory:timeout:outputLimit:environment:)``),
/// with a small environment (``environment``), not okr's: a CI job's secrets
/// reach a command only when the person running the pull names them. The value
/// must be one number under the check-in rule (``CheckinNumber``), or `true`
/// or `false` for a boolean key result. Nothing else in okr calls this.
public struct SourceReader: Sendable {
  /// The most bytes kept of a command's standard output and of its standard error.
  public static let outputLimit = 64 << 10
  /// The most characters of a command's standard error shown in a failure.
  public static let shownErrorLength = 300

  /// The repository's root: files are read inside it and commands run in it.
  public var root: String
  /// Seconds a command may run before its process group is killed.
  public var timeout: Double
  /// All a command sees of the environment, as `NAME=value` entries.
  public var environment: [String]

  /// The variables every command gets from okr's environment, where set: where to find programs, whose home,
  /// which language.
  public static let passedVariables = ["PATH", "HOME", "LANG"]

  /// What a key result's check-in records.
  public enum Value: Sendable, Equatable {
    /// A number, as the source wrote it.
    case number(String)
    /// Done or not (a boolean key result).
    case done(Bool)
  }

  /// Creates a reader.
  ///
  /// - Parameters:
  ///   - root: The repository's root.
  ///   - timeout: Seconds a command may run.
  ///   - passing: Variables of okr's environment a command gets besides ``passedVariables`` (`--source-env`).
  public init(root: String, timeout: Double, passing: [String] = []) {
    self.root = root
    self.timeout = timeout
    environment = Self.environment(passing: Self.passedVariables + passing, from: Subprocess.currentEnvironment())
  }

  /// The entries of `current` whose names are in `names`, in `current`'s order.
  ///
  /// - Parameters:
  ///   - names: The variables passed.
  ///   - current: `NAME=value` entries, as the process has them.
  /// - Returns: The entries passed.
  static func environment(passing names: [String], from current: [String]) -> [String] {
    let wanted = Set(names)
    return current.filter { entry in
      guard let equals = entry.firstIndex(of: "=") else { return false }
      return wanted.contains(String(entry[..<equals]))
    }
  }

  /// Reads a source.
  ///
  /// - Parameters:
  ///   - source: The declaration.
  ///   - wantsFlag: The key result is boolean: `true`/`false`, not a number.
  /// - Returns: The value, or why there is none (lower-case, about the source).
  public func read(_ source: KeyResultSource, wantsFlag: Bool) -> Result<Value, SourceFailure> {
    switch source {
    case .json(let file, let pointer):
      return SourceFile.read(file.value, root: root).flatMap { bytes in
        let shownFile = "'\(DisplayText.shown(file.value))'"
        switch JSONPointerReader.value(at: pointer, in: bytes) {
        case .failure(let failure):
          return .failure(SourceFailure("file \(shownFile) \(failure.reason)"))
        case .success(.number(let text)) where !wantsFlag:
          return Self.number(text, from: "'\(pointer)' in \(shownFile)")
        case .success(.bool(let flag)) where wantsFlag:
          return .success(.done(flag))
        case .success(let found):
          let wanted = wantsFlag ? "true or false" : "a number"
          return .failure(SourceFailure("'\(pointer)' in \(shownFile) is \(found.described), not \(wanted)"))
        }
      }
    case .csv(let file, let column):
      return SourceFile.read(file.value, root: root).flatMap { bytes in
        csvValue(bytes, file: file.value, column: column, wantsFlag: wantsFlag)
      }
    case .command(let program, let arguments):
      return run(program.value, arguments).flatMap { text in
        Self.value(text, from: "the command's output", wantsFlag: wantsFlag)
      }
    }
  }

  private func csvValue(_ bytes: [UInt8], file: String, column: String, wantsFlag: Bool)
    -> Result<Value, SourceFailure>
  {
    let shownFile = "'\(DisplayText.shown(file))'"
    let table: CSVTable
    switch Self.csvTable(bytes, shownFile: shownFile) {
    case .success(let read): table = read
    case .failure(let failure): return .failure(failure)
    }
    guard let header = table.records.first else { return .failure(SourceFailure("file \(shownFile) is empty")) }
    let names = header.map { $0.text.trimmingCharacters(in: " \t") }
    guard let index = names.firstIndex(of: column) else {
      return .failure(
        SourceFailure(
          "file \(shownFile) has no column '\(DisplayText.shown(column))'\(Suggestion.hint(for: column, in: names))"))
    }
    // The last row with anything in it: an export's trailing ",,," row is no reading.
    guard
      let row = table.records.dropFirst().last(where: { record in
        record.contains { !$0.text.trimmingCharacters(in: " \t").isEmpty }
      })
    else {
      return .failure(SourceFailure("file \(shownFile) has no rows under its header"))
    }
    let cell = index < row.count ? row[index].text.trimmingCharacters(in: " \t") : ""
    let line = row.first?.line ?? 0
    guard !cell.isEmpty else {
      return .failure(SourceFailure("the '\(DisplayText.shown(column))' cell of line \(line) in \(shownFile) is empty"))
    }
    return Self.value(
      cell, from: "the '\(DisplayText.shown(column))' cell of line \(line) in \(shownFile)", wantsFlag: wantsFlag)
  }

  /// The file's bytes as a CSV table, or why they are not one.
  private static func csvTable(_ bytes: [UInt8], shownFile: String) -> Result<CSVTable, SourceFailure> {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return .failure(SourceFailure("file \(shownFile) is not UTF-8 text"))
    }
    do {
      return .success(try CSVTable(text))
    } catch {
      return .failure(
        SourceFailure("file \(shownFile) is not CSV at line \(error.line), column \(error.column): \(error.message)"))
    }
  }

  /// Runs the command; its standard output, or why it gave none.
  private func run(_ program: String, _ arguments: [String]) -> Result<String, SourceFailure> {
    let executable: String
    switch SourceFile.program(program, root: root) {
    case .success(let found): executable = found
    case .failure(let failure): return .failure(failure)
    }
    let result: Subprocess.BoundedResult
    do {
      result = try Subprocess.runBounded(
        executable, arguments, directory: root, timeout: timeout, outputLimit: Self.outputLimit,
        environment: environment)
    } catch {
      return .failure(SourceFailure("the command could not start: \(error.reason)"))
    }
    return output(of: result)
  }

  /// A finished run's standard output, or why it is no answer: stopped, too long, failed, or not text.
  private func output(of result: Subprocess.BoundedResult) -> Result<String, SourceFailure> {
    let errorText = Self.shortened(result.errorOutput, cut: result.errorCut)
    let said = errorText.isEmpty ? "" : ": \(errorText)"
    if result.timedOut {
      return .failure(
        SourceFailure("the command was still running after \(Format.number(timeout)) s and was stopped\(said)"))
    }
    if result.outputCut {
      return .failure(
        SourceFailure("the command printed more than \(Self.outputLimit >> 10) KiB; it must print one value"))
    }
    guard result.status == 0 else {
      let how = result.status > 128 ? "was killed by signal \(result.status - 128)" : "exited with \(result.status)"
      return .failure(SourceFailure("the command \(how)\(said)"))
    }
    guard let text = String(validating: result.output, as: UTF8.self) else {
      return .failure(SourceFailure("the command's output is not UTF-8 text"))
    }
    return .success(text)
  }

  /// Standard error on one line, control characters shown, cut to ``shownErrorLength``.
  static func shortened(_ bytes: [UInt8], cut: Bool) -> String {
    let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \t\r\n")
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: " \t") }
    var joined = lines.joined(separator: " / ")
    var isCut = cut
    if joined.count > shownErrorLength {
      joined = String(joined.prefix(shownErrorLength))
      isCut = true
    }
    var shown = ""
    for scalar in joined.unicodeScalars {
      if DisplayText.isUnsafe(scalar) {
        shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown + (isCut ? " [cut short]" : "")
  }

  /// One value: the text, spaces and line breaks around it aside, is a number (or `true`/`false`).
  static func value(_ text: String, from origin: String, wantsFlag: Bool) -> Result<Value, SourceFailure> {
    let trimmed = text.trimmingCharacters(in: " \t\r\n")
    let shown = "'\(DisplayText.shown(trimmed))'"
    if wantsFlag {
      switch trimmed {
      case "true": return .success(.done(true))
      case "false": return .success(.done(false))
      default: return .failure(SourceFailure("\(origin) is \(trimmed.isEmpty ? "empty" : shown), not true or false"))
      }
    }
    guard !trimmed.isEmpty else { return .failure(SourceFailure("\(origin) is empty, not a number")) }
    return number(trimmed, from: origin)
  }

  static func number(_ text: String, from origin: String) -> Result<Value, SourceFailure> {
    switch CheckinNumber.read(text) {
    case .success: return .success(.number(text))
    case .failure(.notANumber):
      return .failure(SourceFailure("\(origin) is '\(DisplayText.shown(text))', not one number"))
    case .failure(.tooManyDigits):
      return .failure(
        SourceFailure(
          "\(origin) is '\(DisplayText.shown(text))', more significant digits than the \(CheckinNumber.mostSignificantDigits) okr keeps; round it"
        ))
    case .failure(.tooCloseToZero):
      return .failure(SourceFailure("\(origin) is '\(DisplayText.shown(text))', too close to zero to keep exactly"))
    }
  }
}

extension String {
  /// Without the given characters at either end.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
