import OKRCore

/// Renders diagnostics as GitHub Actions workflow commands, so a pull request shows them inline.
///
/// `::error file=okrs/2026-Q1/growth.yaml,line=14,col=9,title=okr lint [unknown-key]::message`,
/// one per line, `::warning` for warnings. Values are escaped exactly as
/// actions/toolkit's `escapeData` and `escapeProperty` escape them: `%`, CR
/// and LF everywhere, and `:` and `,` in properties too; the runner undoes
/// exactly that, so any other character (a tab, an escape) reaches the
/// annotation as it was written. A problem with a whole file has no line or column.
///
/// GitHub shows at most ``annotationLimit`` errors and as many warnings per
/// step; when more would be dropped, a last `::notice` says how many there are.
public struct DiagnosticGitHubRenderer: ReportRenderer {
  /// How many error annotations, and how many warning annotations, GitHub shows for one step.
  public static let annotationLimit = 10

  /// Creates a renderer.
  public init() {}

  /// The workflow commands, one per diagnostic, and the notice when GitHub would not show them all.
  public func render(_ report: LintReport) -> String {
    var text = report.diagnostics.map { diagnostic in
      let command = diagnostic.severity == .error ? "error" : "warning"
      var properties = ["file=" + Self.property(diagnostic.location.path)]
      if diagnostic.location.line > 0 {
        properties += ["line=\(diagnostic.location.line)", "col=\(diagnostic.location.column)"]
      }
      properties.append("title=" + Self.property("okr lint [\(diagnostic.rule.rawValue)]"))
      return "::\(command) \(properties.joined(separator: ","))::\(Self.data(diagnostic.message))\n"
    }.joined()
    if report.errorCount > Self.annotationLimit || report.warningCount > Self.annotationLimit {
      let counts = "\(Format.count(report.errorCount, "error")) and \(Format.count(report.warningCount, "warning"))"
      let notice =
        "okr lint found \(counts) in all; GitHub shows at most \(Self.annotationLimit) of each per step, "
        + "so the step's log and okr lint have the whole list"
      text += "::notice title=\(Self.property("okr lint"))::\(Self.data(notice))\n"
    }
    return text
  }

  /// A command's message, as actions/toolkit's `escapeData`: `%`, CR and LF escaped.
  static func data(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A property value, as actions/toolkit's `escapeProperty`: as ``data(_:)``, and `:` and `,` escaped too.
  static func property(_ text: String) -> String {
    Format.replacing(",", with: "%2C", in: Format.replacing(":", with: "%3A", in: data(text)))
  }
}

/// Renders diagnostics as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
///
/// One run of the tool `okr`. `tool.driver.rules` lists every registered lint
/// rule in the registry's order (so a rule's `ruleIndex` never moves between
/// runs), each with its description, its severity and, as help, the examples
/// that trigger it and the near misses that do not. Each result has a region
/// (1-based; columns count Unicode code points, as libyaml's marks do, hence
/// `columnKind: unicodeCodePoints`; a problem with a whole file starts at 1:1),
/// a URI relative to its repository's root under `%SRCROOT%`, and
/// `partialFingerprints` made of the rule, the path and the message (which
/// names the key result), not the line, so code scanning follows a finding
/// across unrelated edits.
public struct DiagnosticSARIFRenderer: ReportRenderer {
  /// The version okr reports itself as.
  public var toolVersion: String

  /// The key of okr's own fingerprint in `partialFingerprints`.
  public static let fingerprintKey = "okrFinding/v1"

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
    var originalUriBaseIds: [String: BaseLocation] = [
      "%SRCROOT%": BaseLocation(description: Text(text: "The root of the repository okr read"))
    ]
    var columnKind = "unicodeCodePoints"
    var results: [Result]
  }

  struct BaseLocation: Encodable { var description: Text }

  struct Tool: Encodable { var driver: Driver }

  struct Driver: Encodable {
    var name = "okr"
    var version: String
    var semanticVersion: String
    var rules: [RuleDescriptor]
  }

  struct Text: Encodable { var text: String }

  struct Message: Encodable {
    var text: String
    var markdown: String
  }

  struct RuleDescriptor: Encodable {
    var id: String
    var name: String
    var shortDescription: Text
    var fullDescription: Message
    var help: Message
    var defaultConfiguration: Configuration
    var properties: Properties
  }

  struct Configuration: Encodable { var level: String }

  struct Properties: Encodable {
    var tags: [String]
    /// How often a finding is right; okr's checks are exact, so code scanning may rank them first.
    var precision = "very-high"
  }

  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Text
    var locations: [Location]
    var partialFingerprints: [String: String]
  }

  struct Location: Encodable { var physicalLocation: PhysicalLocation }

  struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region
  }

  struct ArtifactLocation: Encodable {
    var uri: String
    var uriBaseId: String?
  }

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
    let index = Dictionary(uniqueKeysWithValues: LintRules.all.enumerated().map { ($1.id, $0) })
    // Two findings alike in rule, path and message are told apart by their order, as GitHub's own
    // fingerprints are.
    var seen: [String: Int] = [:]
    let results = report.diagnostics.map { diagnostic in
      let location = diagnostic.location
      let repositoryPath = report.repositoryPaths[location.path]
      let identity = [
        diagnostic.rule.rawValue, repositoryPath ?? location.path, Self.withoutPositions(diagnostic.message),
      ]
      .joined(separator: "\u{0}")
      seen[identity, default: 0] += 1
      return Result(
        ruleId: diagnostic.rule.rawValue, ruleIndex: index[diagnostic.rule] ?? -1,
        level: Self.level(diagnostic.severity), message: Text(text: diagnostic.message),
        locations: [
          Location(
            physicalLocation: PhysicalLocation(
              artifactLocation: ArtifactLocation(
                uri: Self.uri(repositoryPath ?? location.path), uriBaseId: repositoryPath == nil ? nil : "%SRCROOT%"),
              region: location.line > 0
                ? Region(startLine: location.line, startColumn: max(1, location.column))
                : Region(startLine: 1, startColumn: 1)))
        ],
        partialFingerprints: [Self.fingerprintKey: Self.fingerprint(identity) + ":\(seen[identity]!)"])
    }
    let driver = Driver(version: toolVersion, semanticVersion: toolVersion, rules: LintRules.all.map(Self.descriptor))
    return Log(runs: [Run(tool: Tool(driver: driver), results: results)])
  }

  /// A rule as SARIF describes it, all from the rule's own description and examples.
  static func descriptor(_ rule: any LintRule) -> RuleDescriptor {
    let severity = rule.severity == .error ? "an error" : "a warning"
    let summary = plain(rule.description)
    var helpText = "\(rule.id.rawValue): \(summary) (\(severity)).\n"
    var helpMarkdown = "**`\(rule.id.rawValue)`** (\(severity)): \(rule.description).\n"
    if !rule.triggeringExamples.isEmpty {
      helpText += "\nFires on:\n"
      helpMarkdown += "\nFires on:\n\n"
      for example in rule.triggeringExamples {
        let said = example.expectation.map { " (\($0.message))" } ?? ""
        helpText += "- \(plain(example.summary))\(said)\n"
        helpMarkdown += "- \(example.summary)\(said)\n"
      }
    }
    if !rule.nonTriggeringExamples.isEmpty {
      helpText += "\nStays quiet on:\n"
      helpMarkdown += "\nStays quiet on:\n\n"
      for example in rule.nonTriggeringExamples {
        helpText += "- \(plain(example.summary))\n"
        helpMarkdown += "- \(example.summary)\n"
      }
    }
    if let example = rule.triggeringExamples.first, let file = example.files.first {
      helpMarkdown +=
        "\nFor example, `\(file.path)`:\n\n```yaml\n\(file.text)\(file.text.hasSuffix("\n") ? "" : "\n")```\n"
    }
    return RuleDescriptor(
      id: rule.id.rawValue, name: rule.id.rawValue, shortDescription: Text(text: summary),
      fullDescription: Message(
        text: "\(summary). It is \(severity) of okr lint.",
        markdown: "\(rule.description). It is \(severity) of okr lint."),
      help: Message(text: helpText, markdown: helpMarkdown),
      defaultConfiguration: Configuration(level: level(rule.severity)),
      properties: Properties(tags: ["okr", rule.severity == .error ? "correctness" : "practice"]))
  }

  /// One line of the rules' Markdown as plain text: code marks and link targets left out.
  static func plain(_ markdown: String) -> String {
    var out = ""
    var rest = Substring(markdown)
    while let open = rest.firstIndex(of: "[") {
      guard let close = rest[open...].firstIndex(of: "]"), rest[close...].dropFirst().first == "(",
        let end = rest[close...].firstIndex(of: ")")
      else { break }
      out += rest[..<open] + rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: end)...]
    }
    out += rest
    return Format.replacing("`", with: "", in: out)
  }

  /// A message with the positions it quotes (`already set at line 5, column 1`) left out, so that
  /// moving the lines it points at does not change the finding's fingerprint.
  static func withoutPositions(_ message: String) -> String {
    var out = ""
    var rest = Substring(message)
    while let range = rest.firstRange(of: /(line|column) [0-9]+/) {
      out += rest[..<range.lowerBound] + rest[range].prefix { !$0.isNumber } + "#"
      rest = rest[range.upperBound...]
    }
    return out + rest
  }

  /// A short stable digest of a finding's identity (64-bit FNV-1a, in hex): the same text gives the same
  /// fingerprint on every machine and every run.
  static func fingerprint(_ identity: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in identity.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
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
