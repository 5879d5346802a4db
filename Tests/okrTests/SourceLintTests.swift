import Foundation
import TestSupport
import Testing

/// `okr lint` on `source:` declarations: every wrong shape at its node, and a file outside the repository or
/// missing at its `file:` value; nothing is run or read to say so.
@Suite struct SourceLintTests {
  /// A quarter file whose KR1 has `source: <declaration>` on line 11, the value from column 17.
  static func quarterFile(source declaration: String, type: String = "") -> String {
    """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: Grow
        key_results:
          - id: KR1
            title: Conversion\(type)
            baseline: 0
            target: 10
            source: \(declaration)

    """
  }

  static func repository(source declaration: String) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    try directory.write("okrs/2026-Q1/growth.yaml", quarterFile(source: declaration))
    try directory.write("metrics/weekly.json", "{\"a\": 1}\n")
    return directory
  }

  /// A declaration, the text its one error is at (the first occurrence in it), and the error.
  static let wrong: [(String, String, String)] = [
    ("[file, m.json]", "[", "source must be a mapping, not a sequence [wrong-type]"),
    (
      "{file: metrics/weekly.json, pointr: /a}", "pointr",
      "unknown key 'pointr' in source; did you mean 'pointer'? [unknown-key]"
    ),
    (
      "{command: []}", "[]", "'command' must name at least the program to run, not an empty list [invalid-value]"
    ),
    (
      "{command: [python3, 2]}", "2",
      "each argument of 'command' must be a string, not the number 2; quote it to pass it as text [wrong-type]"
    ),
    (
      "{command: [python3, {a: b}]}", "{a",
      "each argument of 'command' must be a string, not a mapping; quote it to pass it as text [wrong-type]"
    ),
    (
      "{command: python3}", "python3",
      "'command' must be a list: the program, then its arguments (no shell), not a string [wrong-type]"
    ),
    ("{command: ['']}", "''", "'command' must start with the program to run, not '' [invalid-value]"),
    (
      "{command: [x], file: metrics/weekly.json}", "file",
      "a source with 'command' takes no 'file'; give {file, pointer} for JSON, {file, column} for CSV, "
        + "or {command: [program, arguments...]} [invalid-value]"
    ),
    (
      "{file: metrics/weekly.json}", "{",
      "a source with 'file' needs a 'pointer' (JSON) or a 'column' (CSV) [missing-key]"
    ),
    ("{pointer: /a}", "{", "a source with 'pointer' needs a 'file' to read it from [missing-key]"),
    (
      "{file: metrics/weekly.json, pointer: a/b}", "a/b",
      "'pointer' must be a JSON pointer (RFC 6901) like '/trials/conversion': empty, or '/' before each name, "
        + "'~0' for '~' and '~1' for '/', not 'a/b' [invalid-value]"
    ),
    (
      "{file: metrics/weekly.json, pointer: /a~2}", "/a~2",
      "'pointer' must be a JSON pointer (RFC 6901) like '/trials/conversion': empty, or '/' before each name, "
        + "'~0' for '~' and '~1' for '/', not '/a~2' [invalid-value]"
    ),
    (
      "{file: metrics/weekly.json, pointer: 12}", "12",
      "'pointer' must be a JSON pointer like '/trials/conversion', not the number 12 [wrong-type]"
    ),
    (
      "{file: metrics/weekly.json, pointer: /a, column: c}", "column",
      "a source with 'file' takes a 'pointer' or a 'column', not both; give {file, pointer} for JSON, "
        + "{file, column} for CSV, or {command: [program, arguments...]} [invalid-value]"
    ),
    ("{file: null, pointer: /a}", "file", "'file' in source needs a value [missing-key]"),
    ("{file: m.csv, column: ''}", "''", "'column' must name a column of the CSV file's header, not '' [invalid-value]"),
    (
      "{file: ../x.json, pointer: /a}", "../x.json",
      "source file '../x.json' is outside the repository; okr reads a source only inside it [unresolved-reference]"
    ),
    (
      "{file: metrics/../../x.json, pointer: /a}", "metrics",
      "source file 'metrics/../../x.json' is outside the repository; okr reads a source only inside it [unresolved-reference]"
    ),
    (
      "{file: /etc/hostname, pointer: /a}", "/etc",
      "source file '/etc/hostname' is an absolute path; name it from the repository's root [unresolved-reference]"
    ),
    (
      "{file: metrics/out.json, pointer: /a}", "metrics",
      "source file 'metrics/out.json' leads (through a symbolic link) outside the repository; okr reads a source "
        + "only inside it [unresolved-reference]"
    ),
    (
      "{file: metrics/daily.json, pointer: /a}", "metrics",
      "source file 'metrics/daily.json' does not exist [unresolved-reference]"
    ),
    ("{file: metrics, column: c}", "metrics", "source file 'metrics' is not a regular file [unresolved-reference]"),
    (
      "{command: [../../tmp/x.sh]}", "../",
      "source program '../../tmp/x.sh' is outside the repository; a program with a '/' is named from the "
        + "repository's root and must lie inside it [unresolved-reference]"
    ),
    (
      "{command: [sh, -c, x], pointer: /a}", "pointer",
      "a source with 'command' takes no 'pointer'; give {file, pointer} for JSON, {file, column} for CSV, "
        + "or {command: [program, arguments...]} [invalid-value]"
    ),
    (
      "{command: [metrics/run/x.sh, --all]}", "metrics",
      "source program 'metrics/run/x.sh' is outside the repository; a program with a '/' is named from the "
        + "repository's root and must lie inside it [unresolved-reference]"
    ),
  ]

  @Test(arguments: wrong.indices)
  func eachWrongDeclarationIsOneErrorAtItsNode(_ index: Int) throws {
    let (declaration, marker, message) = Self.wrong[index]
    let directory = try Self.repository(source: declaration)
    let outside = try TemporaryDirectory()
    try outside.write("out.json", "{\"a\": 1}\n")
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/metrics/out.json", withDestinationPath: outside.path + "/out.json")
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/metrics/run", withDestinationPath: outside.path)
    let result = InProcess.run(["lint"], in: directory.path)
    let column =
      17
      + declaration.distance(
        from: declaration.startIndex, to: try #require(declaration.range(of: marker)).lowerBound)
    let errors = result.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors == ["okrs/2026-Q1/growth.yaml:11:\(column): error: \(message)"], "\(result.standardError)")
    #expect(result.status == 1)
  }

  @Test(arguments: [
    "{file: metrics/weekly.json, pointer: /a}", "{file: ./metrics/weekly.json, pointer: ''}",
    "{file: metrics/weekly.json, column: conversion}", "{command: [python3, scripts/nps.py, --quarter, '2026']}",
    "{command: [/bin/sh, -c, 'touch marker']}", "{command: [scripts/nps.sh]}", "{command: [./scripts/../x]}",
    "null",
  ])
  func aRightDeclarationIsQuietAndNothingRuns(_ declaration: String) throws {
    let directory = try Self.repository(source: declaration)
    let result = InProcess.run(["lint"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError == "", "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/marker"))
  }

  @Test func aMilestonesKeyResultTakesNoSource() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      Self.quarterFile(source: "{command: [x]}", type: "\n        type: milestones\n        milestones: [{title: A}]")
        .replacingOccurrences(of: "        baseline: 0\n        target: 10\n", with: ""))
    let result = InProcess.run(["lint"], in: directory.path)
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/growth.yaml:11:9: error: key 'source' does not apply to a milestones key result [unknown-key]"),
      "\(result.standardError)")
  }
}
