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
public struct DiagnosticTextRenderer: ReportRenderer {
  /// A whole lint run: every diagnostic, then the counts.
  public typealias Report = LintReport

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
    let place: TerminalText =
      location.line > 0 ? "\(location.path):\(location.line):\(location.column)" : "\(location.path)"
    let severity: TerminalText
    switch diagnostic.severity {
    case .error: severity = TerminalText.styled("error:", sgr: "1;31", enabled: colors)
    case .warning: severity = TerminalText.styled("warning:", sgr: "1;33", enabled: colors)
    }
    let message = TerminalText.styled(TerminalText(text: diagnostic.message), sgr: "1", enabled: colors)
    let line: TerminalText = "\(place): \(severity) \(message) [\(diagnostic.rule.rawValue)]\n"
    return line.description
  }

  /// Every diagnostic, then a summary line when there are any.
  public func render(_ report: LintReport) -> String {
    var text = report.diagnostics.map(render).joined()
    if !report.diagnostics.isEmpty {
      let files = report.fileCount == 0 ? "" : " in " + Format.count(report.fileCount, "file")
      text +=
        "\(Format.count(report.errorCount, "error")) and \(Format.count(report.warningCount, "warning"))\(files)\n"
    }
    return text
  }
}

/// Renders diagnostics as a JSON array of `{path, line, column, severity, rule, message}`.
///
/// The shape is a stable contract for editors and CI annotations: fields are
/// only ever added. `line` and `column` are 1-based, and 0 when a problem
/// concerns a whole file.
public struct DiagnosticJSONRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  struct Entry: Encodable {
    var path: String
    var line: Int
    var column: Int
    var severity: Diagnostic.Severity
    var rule: Rule
    var message: String
  }

  /// The JSON text, pretty-printed with sorted keys, ending in a newline.
  public func render(_ report: LintReport) -> String {
    JSONOutput.encode(entries(report))
  }

  /// The value the JSON encodes: one entry per diagnostic.
  func entries(_ report: LintReport) -> [Entry] {
    report.diagnostics.map {
      Entry(
        path: $0.location.path, line: $0.location.line, column: $0.location.column, severity: $0.severity,
        rule: $0.rule, message: $0.message)
    }
  }
}
