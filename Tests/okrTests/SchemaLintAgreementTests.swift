import Foundation
import TestSupport
import Testing
import YAMLKit

/// The editor's schema and `okr lint` give the same structural verdict (type, unknown key, missing
/// key, enum word, pattern) on many mutated quarter files, check-in logs and okr.yaml, in both
/// directions; the semantic rules stay lint's own (docs/format.md lists them).
@Suite struct SchemaLintAgreementTests {
  /// The rules whose errors are structural: what a JSON Schema can say too.
  static let structuralRules: Set<String> = ["unknown-key", "missing-key", "wrong-type", "id-format", "invalid-value"]

  /// `invalid-value` messages that are about meaning, not shape: lint's alone.
  static let semanticMessages = [
    "'threshold' of",  // an alert threshold's range depends on its rule
    "needs 0 <=",  // scoring bands in order
  ]

  /// A date or week of the right shape that is not on the calendar (2026-13-01, 2026-W54): lint's alone.
  static func isCalendarProblem(_ message: String) -> Bool {
    guard message.contains("that exists") else { return false }
    if message.hasPrefix("'week'") { return message.firstMatch(of: /not '[0-9]{4}-W[0-9]{2}'/) != nil }
    return message.firstMatch(of: /not '[0-9]{4}-[0-9]{2}-[0-9]{2}'/) != nil
  }

  /// Values each scalar is replaced with in turn.
  static let replacements = [
    "2026", "true", "1.0", "6_5", "-1", "0", "1.5", "1e3", "x", "''", "null", "[]", "2026-13-01", "O1/KR1", "green",
  ]

  struct Sample {
    var kind: String
    var what: String
    var text: String
  }

  /// One file's mutations: every scalar value replaced by each of ``replacements``, every key
  /// dropped, and an unknown key added to every mapping.
  static func mutations(of text: String, kind: String) -> [Sample] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var samples: [Sample] = []
    for (index, line) in lines.enumerated() {
      guard let colon = line.range(of: ": ") ?? (line.hasSuffix(":") ? line.range(of: ":", options: .backwards) : nil)
      else { continue }
      let head = String(line[..<colon.upperBound])
      let key = head.trimmingCharacters(in: CharacterSet(charactersIn: " -:"))
      let value = String(line[colon.upperBound...])
      func with(_ replacement: [String]) -> String {
        (lines[..<index] + replacement + lines[(index + 1)...]).joined(separator: "\n")
      }
      if !value.isEmpty {
        for replacement in replacements where replacement != value {
          samples.append(
            Sample(kind: kind, what: "\(key): \(replacement) (line \(index + 1))", text: with([head + replacement])))
        }
      }
      // Dropping a key that opens a block (or a list item's first key) would change the shape around it.
      if !value.isEmpty, !head.trimmingCharacters(in: .whitespaces).hasPrefix("-") {
        samples.append(Sample(kind: kind, what: "without \(key) (line \(index + 1))", text: with([])))
        let indent = String(head.prefix { $0 == " " })
        samples.append(
          Sample(
            kind: kind, what: "unknown key beside \(key) (line \(index + 1))",
            text: with([line, indent + "colour: red"])))
      }
    }
    return samples
  }

  /// `source:` declarations, right and wrong, in place of KR1's: shapes a line-by-line mutation does not reach.
  static let sourceVariants = [
    "{file: m.json, pointer: ''}", "{file: m.json, pointer: /a~0b/c~1d/0}", "{file: m.csv, column: 2026}",
    "{command: [x]}", "{command: [python3, s.py, '2']}", "{command: [python3, 2]}", "{command: [python3, [a]]}",
    "{command: ['']}", "{command: []}", "{command: x}", "{command: [x], file: m.json}", "{command: [x], column: c}",
    "{file: m.json}", "{pointer: /a}", "{column: c}", "{}", "{file: m.json, pointer: /a, column: c}",
    "{file: m.json, pointer: a}", "{file: m.json, pointer: /a~2}", "{file: m.json, pointer: 2}",
    "{file: '', column: c}", "{file: m.csv, column: ''}", "{file: m.csv, colum: c}", "{file: null, pointer: /a}",
    "{command: null}", "[file, m.json]", "m.json", "null",
  ]

  static let fixture = PackagePaths.fixture("schemaAgreement")

  @Test(.enabled(if: SchemaTests.hasJSONSchema, "needs python3 with jsonschema"))
  func schemaAgreement() throws {
    let quarter = try String(contentsOfFile: Self.fixture + "/quarter.yaml", encoding: .utf8)
    let checkins = try String(contentsOfFile: Self.fixture + "/checkins.yaml", encoding: .utf8)
    let config = try String(contentsOfFile: Self.fixture + "/okr.yaml", encoding: .utf8)
    var samples = [
      Sample(kind: "quarter", what: "as written", text: quarter),
      Sample(kind: "checkins", what: "as written", text: checkins),
      Sample(kind: "config", what: "as written", text: config),
    ]
    let declared = "        source:\n          file: metrics/weekly.json\n          pointer: /trials/conversion\n"
    #expect(quarter.contains(declared))
    for variant in Self.sourceVariants {
      samples.append(
        Sample(
          kind: "quarter", what: "source: \(variant)",
          text: quarter.replacingOccurrences(of: declared, with: "        source: \(variant)\n")))
    }
    samples +=
      Self.mutations(of: quarter, kind: "quarter") + Self.mutations(of: checkins, kind: "checkins")
      + Self.mutations(of: config, kind: "config")
    #expect(samples.count > 900)

    // Each sample is a repository of its own, and one run of okr lint reads them all.
    let repositories = try TemporaryDirectory()
    var documents: [[Any]] = []
    for (index, sample) in samples.enumerated() {
      try repositories.write("s\(index)/okrs/2026-Q1/growth.yaml", sample.kind == "quarter" ? sample.text : quarter)
      try repositories.write(
        "s\(index)/checkins/2026-Q1/growth.yaml", sample.kind == "checkins" ? sample.text : checkins)
      try repositories.write("s\(index)/okr.yaml", sample.kind == "config" ? sample.text : config)
      let stream = YAMLParser.parse(sample.text)
      documents.append(stream.documents.filter { !$0.root.isNull }.map { SchemaTests.json($0.root) })
    }
    let lint = InProcess.run(["lint", "--format", "json"] + samples.indices.map { "s\($0)" }, in: repositories.path)
    let lintReport = try JSONSerialization.jsonObject(with: Data(lint.standardOutput.utf8)) as? [String: Any]
    var lintVerdicts = Array(repeating: "", count: samples.count)
    for entry in lintReport?["diagnostics"] as? [[String: Any]] ?? [] {
      let rule = entry["rule"] as? String ?? ""
      let message = entry["message"] as? String ?? ""
      let structural =
        entry["severity"] as? String == "error" && Self.structuralRules.contains(rule)
        && !(rule == "invalid-value"
          && (Self.semanticMessages.contains { message.contains($0) } || Self.isCalendarProblem(message)))
      let path = entry["path"] as? String ?? ""
      guard structural, let index = Int(path.dropFirst().prefix { $0 != "/" }) else { continue }
      lintVerdicts[index] += (lintVerdicts[index].isEmpty ? "" : "; ") + "\(rule): \(message)"
    }
    let input = try TemporaryDirectory()
    try input.write(
      "samples.json",
      String(
        decoding: try JSONSerialization.data(
          withJSONObject: samples.indices.map { [samples[$0].kind, documents[$0]] as [Any] }),
        as: UTF8.self))
    try input.write(
      "check.py",
      """
      import json, sys, jsonschema
      validators = {}
      for kind in ("quarter", "checkins", "config"):
          validators[kind] = jsonschema.Draft202012Validator(json.load(open(sys.argv[1] + "/" + kind + ".schema.json")))
      out = []
      for kind, documents in json.load(open(sys.argv[2])):
          errors = [e.message for d in documents for e in validators[kind].iter_errors(d)]
          out.append("; ".join(errors))
      print(json.dumps(out))
      """)
    let check = try OKRCommand.run(
      [input.path + "/check.py", PackagePaths.path("schemas"), input.path + "/samples.json"],
      executable: SchemaTests.python!)
    #expect(check.status == 0, "\(check.standardError)")
    let schemaVerdicts = try #require(
      try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String])
    #expect(schemaVerdicts.count == samples.count)
    // Both directions are exercised: many samples are wrong, and many are fine.
    #expect(lintVerdicts.count { !$0.isEmpty } > 300)
    #expect(lintVerdicts.count { $0.isEmpty } > 200)
    #expect(lintVerdicts.first == "" && schemaVerdicts.first == "")
    var disagreements: [String] = []
    for (index, sample) in samples.enumerated() where lintVerdicts[index].isEmpty != schemaVerdicts[index].isEmpty {
      disagreements.append(
        "\(sample.kind) \(sample.what): lint [\(lintVerdicts[index])] schema [\(schemaVerdicts[index])]")
    }
    let report = "\(disagreements.count) disagreements:\n" + disagreements.joined(separator: "\n")
    #expect(disagreements.isEmpty, "\(report)")
  }
}
