import OKRCore

/// The result of `okr lint`: every diagnostic, sorted, and how many files were read.
public struct LintReport: Sendable {
  /// The diagnostics, sorted by path, line and column, with paths as they should be shown.
  public var diagnostics: [Diagnostic]
  /// How many files were checked.
  public var fileCount: Int
  /// Each shown path's path from the root of the repository it is in, for
  /// SARIF's `%SRCROOT%`; a path outside every repository read is not here.
  public var repositoryPaths: [String: String]

  /// Creates a report; diagnostics are sorted here, so every renderer shows the same order.
  ///
  /// - Parameters:
  ///   - diagnostics: The problems, with paths as they should be shown.
  ///   - fileCount: How many files were checked.
  ///   - repositoryPaths: Each shown path's path from its repository's root.
  public init(diagnostics: [Diagnostic], fileCount: Int, repositoryPaths: [String: String] = [:]) {
    self.diagnostics = diagnostics.sortedByLocation()
    self.fileCount = fileCount
    self.repositoryPaths = repositoryPaths
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
  /// The terminal's width, to fit diagnostics and the summary to; `nil` for one line each.
  ///
  /// Only a person reads a terminal: piped to an editor or CI, each diagnostic
  /// stays on one line, `path:line:column:` first.
  public var width: Int?

  /// Creates a renderer.
  public init(colors: Bool, width: Int? = nil) {
    self.colors = colors
    self.width = width
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
    var text = report.diagnostics.map {
      TerminalLayout.fitted(TerminalText(escaped: render($0)), width: width, hang: 4).description
    }.joined()
    if !report.diagnostics.isEmpty {
      let files = report.fileCount == 0 ? "" : " in " + Format.count(report.fileCount, "file")
      let summary =
        "\(Format.count(report.errorCount, "error")) and \(Format.count(report.warningCount, "warning"))\(files)"
      text += "\(TerminalLayout.wrap(TerminalText(text: summary), width: width))\n"
    }
    return text
  }
}

/// Renders diagnostics as JSON: `{schema_version, diagnostics: [{path, line, column, severity, rule, message}], …}`.
///
/// The shape is a stable contract for editors and CI annotations, published as
/// `okr schema lint`: fields are only ever added. `line` and `column` are
/// 1-based, and 0 when a problem concerns a whole file.
public struct DiagnosticJSONRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The whole JSON document.
  struct Document: Encodable {
    /// The JSON contract's version, 1.
    var schemaVersion = ReportHeader.version
    /// How many files were checked.
    var fileCount: Int
    /// How many errors.
    var errorCount: Int
    /// How many warnings.
    var warningCount: Int
    /// The diagnostics, sorted by path, line and column.
    var diagnostics: [Entry]

    enum CodingKeys: String, CodingKey {
      case schemaVersion = "schema_version"
      case fileCount = "file_count"
      case errorCount = "error_count"
      case warningCount = "warning_count"
      case diagnostics
    }
  }

  /// One diagnostic.
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
    JSONOutput.encode(document(report))
  }

  /// The value the JSON encodes.
  func document(_ report: LintReport) -> Document {
    Document(
      fileCount: report.fileCount, errorCount: report.errorCount, warningCount: report.warningCount,
      diagnostics: report.diagnostics.map {
        Entry(
          path: $0.location.path, line: $0.location.line, column: $0.location.column, severity: $0.severity,
          rule: $0.rule, message: $0.message)
      })
  }
}
