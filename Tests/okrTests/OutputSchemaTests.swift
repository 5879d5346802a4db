import Foundation
import TestSupport
import Testing

/// `okr schema score|status|…`: every JSON output has a published schema, generated from the types
/// that write it, committed under schemas/, and every output on examples/acme validates against it.
@Suite struct OutputSchemaTests {
  static let outputs = [
    "score", "status", "alerts", "checkin", "lint", "plan", "diff", "history", "trend", "digest", "pull",
  ]
  static let days = ["2026-07-10", "2026-08-07", "2026-09-30"]

  /// The committed schemas/ are what `okr schema` prints now.
  @Test(arguments: outputs)
  func theCommittedOutputSchemasAreCurrent(_ output: String) throws {
    let result = InProcess.run(["schema", output])
    #expect(result.status == 0, "\(result.standardError)")
    let committed = try String(contentsOfFile: PackagePaths.path("schemas/\(output).schema.json"), encoding: .utf8)
    #expect(result.standardOutput == committed, "run: okr schema \(output) > schemas/\(output).schema.json")
  }

  /// Every object in a schema is closed, so a key the encoder writes and the schema lacks cannot pass.
  @Test(arguments: outputs)
  func everyObjectIsClosed(_ output: String) throws {
    let text = try String(contentsOfFile: PackagePaths.path("schemas/\(output).schema.json"), encoding: .utf8)
    let schema = try JSONSerialization.jsonObject(with: Data(text.utf8))
    var open: [String] = []
    func walk(_ value: Any, _ path: String) {
      if let object = value as? [String: Any] {
        if object["type"] as? String == "object", object["additionalProperties"] as? Bool != false {
          open.append(path)
        }
        for (key, child) in object { walk(child, path + "/" + key) }
      } else if let array = value as? [Any] {
        for (index, child) in array.enumerated() { walk(child, path + "/\(index)") }
      }
    }
    walk(schema, "")
    #expect(open.isEmpty, "\(open)")
    #expect((schema as? [String: Any])?["required"] as? [String] != nil)
    #expect(text.contains("\"schema_version\""))
  }

  /// A copy of examples/acme with the `moved_goalposts` alert rule on.
  static func acmeCopy() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let copy = try OKRCommand.run(
      ["-R", PackagePaths.path("examples/acme") + "/.", directory.path], executable: Tool.find("cp")!)
    #expect(copy.status == 0)
    try directory.write("okr.yaml", try directory.read("okr.yaml") + "  - rule: moved_goalposts\n")
    return directory
  }

  /// ``acmeCopy()`` in a git repository of its own: planned on 2026-07-01, then a target moved on
  /// 2026-08-03, so diff, history, status and alerts have a moved goal post to show.
  static func acmeWithHistory() throws -> TemporaryDirectory {
    let directory = try acmeCopy()
    func git(_ arguments: [String], on day: String) throws {
      try FixedGit.run(arguments, in: directory.path, on: day)
    }
    try git(["init", "-q", "-b", "main"], on: "2026-07-01")
    try git(["add", "-A"], on: "2026-07-01")
    try git(["commit", "-q", "-m", "Plan the quarter"], on: "2026-07-01")
    let company = try directory.read("okrs/2026-Q3/company.yaml")
    try directory.write(
      "okrs/2026-Q3/company.yaml", company.replacingOccurrences(of: "target: 650", with: "target: 600"))
    try git(["commit", "-q", "-am", "Lower the ARR target"], on: "2026-08-03")
    return directory
  }

  /// The arguments that print each output as JSON on `day`.
  static func arguments(_ output: String, on day: String) -> [String] {
    switch output {
    case "lint": return ["lint", "--format", "json"]
    case "trend": return ["score", "--quarters", "2026-Q2..2026-Q3", "--as-of", day, "--format", "json"]
    case "diff": return ["diff", "HEAD~1", "HEAD", "--as-of", day, "--format", "json"]
    case "pull": return ["checkin", "pull", "--as-of", day, "--dry-run", "--format", "json"]
    default: return [output, "--as-of", day, "--format", "json"]
    }
  }

  /// Every output, at three dates of the quarter, validates against its committed schema with Python's
  /// jsonschema; and every output carries `schema_version`.
  @Test(
    .enabled(if: SchemaTests.hasJSONSchema && Tool.find("git") != nil, "needs git and python3 with jsonschema"))
  func everyOutputOnAcmeValidatesAgainstItsSchema() throws {
    let acme = try Self.acmeWithHistory()
    let documents = try TemporaryDirectory()
    var cases: [[String]] = []
    for output in Self.outputs {
      for day in Self.days {
        let result = InProcess.run(Self.arguments(output, on: day), in: acme.path)
        #expect([0, 1].contains(result.status), "\(output) \(day): \(result.standardError)")
        #expect(result.standardOutput.contains("\"schema_version\" : 1"), "\(output) \(day)")
        let name = "\(output)-\(day).json"
        try documents.write(name, result.standardOutput)
        cases.append([PackagePaths.path("schemas/\(output).schema.json"), documents.path + "/" + name])
      }
    }
    // Without git, status and alerts skip the rule that needs history (and say so on standard error).
    let withoutGit = try Self.acmeCopy()
    for output in ["status", "alerts", "digest"] {
      let result = InProcess.run(Self.arguments(output, on: "2026-08-07"), in: withoutGit.path)
      try documents.write("\(output)-without-git.json", result.standardOutput)
      cases.append([
        PackagePaths.path("schemas/\(output).schema.json"), documents.path + "/\(output)-without-git.json",
      ])
    }
    // A version git cannot read: status and alerts say moved_goalposts could not be checked (`unchecked`).
    let broken = try Self.acmeWithHistory()
    let blob = try OKRCommand.run(
      ["-C", broken.path, "rev-parse", "HEAD~1:okrs/2026-Q3/company.yaml"], executable: Tool.find("git")!
    ).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    try FileManager.default.removeItem(atPath: "\(broken.path)/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
    for output in ["status", "alerts", "digest"] {
      let result = InProcess.run(Self.arguments(output, on: "2026-08-07"), in: broken.path)
      #expect(result.status == 74, "\(output): \(result.standardError)")
      #expect(result.standardOutput.contains("\"unchecked\""), "\(output)")
      try documents.write("\(output)-unchecked.json", result.standardOutput)
      cases.append([
        PackagePaths.path("schemas/\(output).schema.json"), documents.path + "/\(output)-unchecked.json",
      ])
    }
    // A key result marked dropped and one deleted in git: the `dropped` marker, with `deleted` and `commit`.
    let dropped = try DroppedKeyResultTests.gitRepository()
    for output in ["score", "history"] {
      let result = InProcess.run(Self.arguments(output, on: "2026-03-31"), in: dropped.path)
      #expect(result.standardOutput.contains("\"deleted\" : true") || output == "history", "\(output)")
      try documents.write("\(output)-dropped.json", result.standardOutput)
      cases.append([PackagePaths.path("schemas/\(output).schema.json"), documents.path + "/\(output)-dropped.json"])
    }
    // A pull that reads values (acme's key results have no source), as written and as a dry run.
    let pulling = try CheckinPullTests.repository()
    for extra in [["--dry-run"], []] {
      let result = InProcess.run(
        ["checkin", "pull", "--as-of", "2026-01-16", "--format", "json"] + extra, in: pulling.path)
      #expect(result.status == 0, "\(result.standardError)")
      try documents.write("pull-values\(extra.count).json", result.standardOutput)
      cases.append([PackagePaths.path("schemas/pull.schema.json"), documents.path + "/pull-values\(extra.count).json"])
    }
    // The outputs are not trivially empty: the diff has the moved target, history its change, status
    // and alerts the moved goal post.
    #expect(try documents.read("diff-2026-08-07.json").contains("\"moved_goalpost\" : true"))
    #expect(try documents.read("history-2026-09-30.json").contains("\"kind\" : \"changed\""))
    #expect(try documents.read("status-2026-08-07.json").contains("\"definition_changes\""))
    #expect(try documents.read("alerts-2026-08-07.json").contains("\"rule\" : \"moved_goalposts\""))
    #expect(try documents.read("digest-2026-08-07.json").contains("\"moved_goalpost\" : true"))
    try documents.write(
      "cases.json", String(decoding: try JSONSerialization.data(withJSONObject: cases), as: UTF8.self))
    try documents.write(
      "check.py",
      """
      import json, sys, jsonschema
      failed = 0
      for schema_path, document_path in json.load(open(sys.argv[1])):
          schema = json.load(open(schema_path))
          jsonschema.Draft202012Validator.check_schema(schema)
          for error in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(document_path))):
              failed += 1
              print(document_path.rsplit('/', 1)[-1], '/'.join(map(str, error.absolute_path)), error.message)
      sys.exit(1 if failed else 0)
      """)
    let check = try OKRCommand.run(
      [documents.path + "/check.py", documents.path + "/cases.json"], executable: SchemaTests.python!)
    #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
  }
}
