import OKRCore

/// Renders diagnostics as GitHub Actions workflow commands, so a pull request shows them inline.
///
/// `::error file=okrs/2026-Q1/growth.yaml,line=14,col=9,title=okr lint [unknown-key]::message`,
/// one per line, `::warning` for warnings. Values are escaped as the runner
/// expects: `%`, CR and LF everywhere, and `:` and `,` in properties too. A
/// problem with a whole file has no line or column.
public struct DiagnosticGitHubRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The workflow commands, one per diagnostic.
  public func render(_ report: LintReport) -> String {
    report.diagnostics.map { diagnostic in
      let command = diagnostic.severity == .error ? "error" : "warning"
      var properties = ["file=" + Self.property(diagnostic.location.path)]
      if diagnostic.location.line > 0 {
        properties += ["line=\(diagnostic.location.line)", "col=\(diagnostic.location.column)"]
      }
      properties.append("title=" + Self.property("okr lint [\(diagnostic.rule.rawValue)]"))
      return "::\(command) \(properties.joined(separator: ","))::\(Self.data(diagnostic.message))\n"
    }.joined()
  }

  /// A command's message: `%`, CR and LF escaped; control characters shown as escapes first.
  static func data(_ text: String) -> String {
    var out = ""
    for scalar in TerminalText.visible(text).unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A property value: as ``data(_:)``, and `:` and `,` escaped too.
  static func property(_ text: String) -> String {
    Format.replacing(",", with: "%2C", in: Format.replacing(":", with: "%3A", in: data(text)))
  }
}

/// Renders diagnostics as SARIF 2.1.0, for code-scanning views.
///
/// One run of the tool `okr` with the rules it reported and one result per
/// diagnostic. Regions are 1-based and columns count Unicode code points, as
/// libyaml's marks do (`columnKind: unicodeCodePoints`); a problem with a whole
/// file has no region. Paths become relative URI references.
public struct DiagnosticSARIFRenderer: ReportRenderer {
  /// The version okr reports itself as.
  public var toolVersion: String

  /// Creates a renderer.
  public init(toolVersion: String) {
    self.toolVersion = toolVersion
  }

  struct Log: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]
    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  struct Run: Encodable {
    var tool: Tool
    var columnKind = "unicodeCodePoints"
    var results: [Result]
  }

  struct Tool: Encodable { var driver: Driver }

  struct Driver: Encodable {
    var name = "okr"
    var version: String
    var rules: [RuleDescriptor]
  }

  struct Text: Encodable { var text: String }

  struct RuleDescriptor: Encodable {
    var id: String
    var shortDescription: Text
    var defaultConfiguration: Configuration
  }

  struct Configuration: Encodable { var level: String }

  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Text
    var locations: [Location]
  }

  struct Location: Encodable { var physicalLocation: PhysicalLocation }

  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }

  struct ArtifactLocation: Encodable { var uri: String }

  struct Region: Encodable {
    var startLine: Int
    var startColumn: Int
  }

  /// The SARIF log as JSON.
  public func render(_ report: LintReport) -> String {
    JSONOutput.encode(log(report))
  }

  /// The SARIF log the JSON encodes.
  func log(_ report: LintReport) -> Log {
    let reported = Set(report.diagnostics.map(\.rule))
    let rules = LintRules.all.filter { reported.contains($0.id) }
    let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
    let results = report.diagnostics.map { diagnostic in
      let location = diagnostic.location
      return Result(
        ruleId: diagnostic.rule.rawValue, ruleIndex: index[diagnostic.rule]!, level: Self.level(diagnostic.severity),
        message: Text(text: diagnostic.message),
        locations: [
          Location(
            physicalLocation: PhysicalLocation(
              artifactLocation: ArtifactLocation(uri: Self.uri(location.path)),
              region: location.line > 0 ? Region(startLine: location.line, startColumn: location.column) : nil))
        ])
    }
    let driver = Driver(
      version: toolVersion,
      rules: rules.map {
        RuleDescriptor(
          id: $0.id.rawValue, shortDescription: Text(text: $0.description),
          defaultConfiguration: Configuration(level: Self.level($0.severity)))
      })
    return Log(runs: [Run(tool: Tool(driver: driver), results: results)])
  }

  private static func level(_ severity: Diagnostic.Severity) -> String {
    severity == .error ? "error" : "warning"
  }

  /// A path as a URI reference: unreserved characters and `/` as they are, the rest percent-encoded.
  static func uri(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        || "-._~/".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
