import Foundation
import OKRCore

/// The result of `okr lint`: every diagnostic, sorted, and how many files were read.
public struct LintReport: Sendable {
  /// The diagnostics, sorted by path, line and column, with paths as they should be shown.
  public var diagnostics: [Diagnostic]
  /// How many files were checked.
  public var fileCount: Int

  /// Creates a report; diagnostics are sorted here, so every renderer shows the same order.
  public init(diagnostics: [Diagnostic], fileCount: Int) {
    self.diagnostics = diagnostics.sortedByLocation()
    self.fileCount = fileCount
  }

  /// How many errors.
  public var errorCount: Int { diagnostics.count { $0.severity == .error } }
  /// How many warnings.
  public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}

/// Renders diagnostics the way compilers print them.
public struct DiagnosticTextRenderer: Sendable {
  /// Whether to colour severities with ANSI escapes.
  public var colors: Bool

  /// Creates a renderer.
  public init(colors: Bool) {
    self.colors = colors
  }

  /// One line per diagnostic, `path:line:column: severity: message [rule]`;
  /// problems with a whole file (it could not be read) print as `path: severity: ...`.
  public func render(_ diagnostic: Diagnostic) -> String {
    let location = diagnostic.location
    let place = location.line > 0 ? "\(location.path):\(location.line):\(location.column)" : location.path
    let severity: String
    switch (diagnostic.severity, colors) {
    case (.error, true): severity = "\u{1B}[1;31merror:\u{1B}[0m"
    case (.warning, true): severity = "\u{1B}[1;33mwarning:\u{1B}[0m"
    case (let plain, false): severity = "\(plain.rawValue):"
    }
    let message = colors ? "\u{1B}[1m\(escaped(diagnostic.message))\u{1B}[0m" : escaped(diagnostic.message)
    return "\(place): \(severity) \(message) [\(diagnostic.rule.rawValue)]\n"
  }

  /// Control characters from files shown as escapes: a message must not be able
  /// to move the cursor or recolour the terminal.
  private func escaped(_ message: String) -> String {
    guard message.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) else {
      return message
    }
    var out = ""
    for scalar in message.unicodeScalars {
      if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Every diagnostic, then a summary line when there are any.
  public func render(_ report: LintReport) -> String {
    var text = report.diagnostics.map(render).joined()
    if !report.diagnostics.isEmpty {
      let files = report.fileCount == 1 ? "1 file" : "\(report.fileCount) files"
      text += "\(count(report.errorCount, "error")) and \(count(report.warningCount, "warning")) in \(files)\n"
    }
    return text
  }

  private func count(_ number: Int, _ noun: String) -> String {
    number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
  }
}

/// Renders diagnostics as a JSON array of `{path, line, column, severity, rule, message}`.
///
/// The shape is a stable contract for editors and CI annotations: fields are
/// only ever added. `line` and `column` are 1-based, and 0 when a problem
/// concerns a whole file.
public struct DiagnosticJSONRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  private struct Entry: Encodable {
    var path: String
    var line: Int
    var column: Int
    var severity: Diagnostic.Severity
    var rule: Rule
    var message: String
  }

  /// The JSON text, pretty-printed with sorted keys, ending in a newline.
  public func render(_ report: LintReport) -> String {
    let entries = report.diagnostics.map {
      Entry(
        path: $0.location.path, line: $0.location.line, column: $0.location.column, severity: $0.severity,
        rule: $0.rule, message: $0.message)
    }
    return JSONOutput.encode(entries)
  }
}

/// The one place JSON is encoded: sorted keys, pretty-printed, no escaped slashes.
public enum JSONOutput {
  /// Encodes a value the way every okr JSON output is encoded, with a final newline.
  public static func encode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Encoding our own value types cannot fail: they hold only strings, numbers and arrays.
    guard let data = try? encoder.encode(value) else { return "null\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
