import Foundation
import TestSupport
import Testing
import YAMLKit

/// `okr schema`: the schemas editors read accept what okr accepts and refuse what it refuses,
/// checked with Python's jsonschema package on the files as the YAML language server sees them.
@Suite struct SchemaTests {
  static let python = Tool.find("python3")
  static let hasJSONSchema: Bool = {
    guard let python else { return false }
    return (try? OKRCommand.run(["-c", "import jsonschema"], executable: python))?.status == 0
  }()

  /// The committed schemas/ are what `okr schema` prints now.
  @Test(arguments: ["quarter", "checkins", "config"])
  func theCommittedSchemasAreCurrent(_ kind: String) throws {
    let result = InProcess.run(["schema", kind])
    #expect(result.status == 0)
    let committed = try String(contentsOfFile: PackagePaths.path("schemas/\(kind).schema.json"), encoding: .utf8)
    #expect(result.standardOutput == committed, "run: okr schema \(kind) > schemas/\(kind).schema.json")
  }

  /// A YAML document as JSON under the YAML 1.2 core schema, as the YAML language server reads it.
  static func json(_ node: Node) -> Any {
    switch node.content {
    case .scalar(let text, _):
      switch node.resolvedScalar {
      case .null: return NSNull()
      case .bool(let flag): return flag
      case .int(let number): return number
      case .float(let number): return number
      case .string, nil: return text
      }
    case .sequence(let items): return items.map(json)
    case .mapping(let pairs):
      var object: [String: Any] = [:]
      for pair in pairs { object[pair.key.scalarText ?? ""] = json(pair.value) }
      return object
    }
  }

  /// Validates each YAML document against a schema; returns the number of documents that fail.
  static func failures(_ files: [String], schema kind: String) throws -> Int {
    let directory = try TemporaryDirectory()
    var documents: [Any] = []
    for file in files {
      let stream = YAMLParser.parse(try String(contentsOfFile: file, encoding: .utf8))
      documents += stream.documents.filter { !$0.root.isNull }.map { json($0.root) }
    }
    try directory.write(
      "documents.json", String(decoding: try JSONSerialization.data(withJSONObject: documents), as: UTF8.self))
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      validator = jsonschema.Draft202012Validator(schema)
      failed = 0
      for document in json.load(open(sys.argv[2])):
          errors = list(validator.iter_errors(document))
          for error in errors: print(error.message, file=sys.stderr)
          failed += bool(errors)
      print(failed)
      """
    try directory.write("check.py", script)
    let result = try OKRCommand.run(
      [
        directory.path + "/check.py", PackagePaths.path("schemas/\(kind).schema.json"),
        directory.path + "/documents.json",
      ],
      executable: python!)
    #expect(result.status == 0, "\(result.standardError)")
    return Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  static func yamlFiles(_ folder: String) -> [String] {
    let root = PackagePaths.path(folder)
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      if relative.hasSuffix(".yaml") { files.append(root + "/" + relative) }
    }
    return files.sorted()
  }

  @Test(.enabled(if: hasJSONSchema, "needs python3 with jsonschema (pip install jsonschema)"))
  func everyLintCleanFileIsValid() throws {
    let quarterFiles =
      Self.yamlFiles("examples/acme/okrs") + Self.yamlFiles("templates")
      + Self.yamlFiles("Tests/Fixtures/hostileStrings/okrs")
    #expect(quarterFiles.count >= 8)
    #expect(try Self.failures(quarterFiles, schema: "quarter") == 0)
    #expect(try Self.failures(Self.yamlFiles("examples/acme/checkins"), schema: "checkins") == 0)
    #expect(try Self.failures([PackagePaths.path("examples/acme/okr.yaml")], schema: "config") == 0)
  }

  /// What lint refuses for a key, a type or a word, the schema refuses too.
  @Test(
    .enabled(if: hasJSONSchema, "needs python3 with jsonschema"),
    arguments: [
      (
        "quarter",
        "quarter: 2026-Q1\nteam: a\nobjectives:\n  - {id: O1, title: T, key_results: [{id: KR1, tittle: K, baseline: 0, target: 1}]}\n"
      ),
      (
        "quarter",
        "quarter: 2026-Q1\nteam: a\nobjectives:\n  - {id: O1, title: T, key_results: [{id: KR1, title: K, baseline: 0, target: '65'}]}\n"
      ),
      (
        "quarter",
        "quarter: 2026-Q1\nteam: a\nobjectives:\n  - {id: O1, title: T, key_results: [{id: KR1, title: K, type: bool}]}\n"
      ),
      (
        "quarter",
        "quarter: 2026-Q1\nteam: a\nobjectives:\n  - {id: O1, title: T, key_results: [{id: KR1, title: K, type: boolean, baseline: 3}]}\n"
      ),
      (
        "quarter",
        "quarter: 2026-Q5\nteam: a\nobjectives:\n  - {id: O1, title: T, key_results: [{id: KR1, title: K, type: boolean}]}\n"
      ),
      ("checkins", "team: a\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results: {O1/KR1: {value: 1, confidence: 11}}\n"),
      ("config", "alerts:\n  - {rule: confidence-drop, threshold: 2}\n"),
    ])
  func lintRejectedFilesAreRejectedByTheSchema(_ kind: String, _ text: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write("file.yaml", text)
    #expect(try Self.failures([directory.path + "/file.yaml"], schema: kind) == 1)
  }

  /// `okr init` gives a new okr.yaml its schema line (and leaves an existing one alone), and
  /// `okr checkin record` gives a log it creates one; both files lint clean.
  @Test func initAndRecordWriteTheSchemaLine() throws {
    let directory = try TemporaryDirectory()
    let initialized = InProcess.run(["init", "--team", "growth", "--quarter", "2026-Q4"], in: directory.path)
    #expect(initialized.status == 0, "\(initialized.standardError)")
    #expect(initialized.standardOutput.hasPrefix("created okr.yaml\n"))
    let config = try directory.read("okr.yaml")
    #expect(config.hasPrefix("# yaml-language-server: $schema=.okr/schemas/config.schema.json\n"))
    let recorded = InProcess.run(
      [
        "checkin", "record", "--team", "growth", "--kr", "O1/KR1", "--value", "3", "--confidence", "7", "--as-of",
        "2026-10-09",
      ], in: directory.path)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let log = try directory.read("checkins/2026-Q4/growth.yaml")
    #expect(log.hasPrefix("# yaml-language-server: $schema=../../.okr/schemas/checkins.schema.json\n---\n"))
    // A second check-in appends a document, never a second schema line.
    _ = InProcess.run(
      [
        "checkin", "record", "--team", "growth", "--kr", "O1/KR1", "--value", "4", "--confidence", "7", "--as-of",
        "2026-10-16",
      ], in: directory.path)
    #expect(
      try directory.read("checkins/2026-Q4/growth.yaml").components(separatedBy: "yaml-language-server").count == 2)
    let lint = InProcess.run(["lint", "--strict"], in: directory.path)
    #expect(lint.status == 0, "\(lint.standardError)")
    // An okr.yaml of the team's own is never rewritten.
    let other = try TemporaryDirectory()
    try other.write("okr.yaml", "organization: Acme\n")
    let again = InProcess.run(["init", "--team", "web", "--quarter", "2026-Q4"], in: other.path)
    #expect(again.status == 0)
    #expect(!again.standardOutput.contains("created okr.yaml"))
    #expect(try other.read("okr.yaml") == "organization: Acme\n")
  }
}
