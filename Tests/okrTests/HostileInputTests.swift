import Foundation
import TestSupport
import Testing

/// Hostile files end in a clear error and exit 1, never a crash or a hang.
///
/// No timings here: benchmarks are not tests. The parser's limits make each
/// of these stop early; YAMLKitTests check the limits themselves.
@Suite struct HostileInputTests {
  private func lint(_ name: String, _ contents: Data) throws -> CommandResult {
    let directory = try TemporaryDirectory()
    let url = URL(fileURLWithPath: directory.path + "/okrs/2026-Q1/\(name).yaml")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try contents.write(to: url)
    return InProcess.run(["lint"], in: directory.path)
  }

  @Test func aliasBomb() throws {
    var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
    }
    let result = try lint("bomb", Data(yaml.utf8))
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/bomb.yaml:5:8: error: aliases expand to more than the limit of 10000 nodes (an alias bomb?); raise it with --max-alias-nodes [yaml-limit]\n"
      ))
  }

  @Test func aliasesOfAMegabyteTitleStopAtTheByteLimitWithBoundedOutput() throws {
    // A 1 MB title aliased by 100 micro-goals counts as 100 nodes; lint used to
    // print it four times per micro-goal (400 MB) and, with 1,000, die allocating.
    let microGoals = String(repeating: "              - title: *t\n", count: 1_000)
    let yaml = """
      quarter: 2026-Q1
      team: growth
      objectives:
        - id: O1
          title: &t \(String(repeating: "x", count: 1_000_000))
          key_results:
            - id: KR1
              title: K
              baseline: 0
              target: 10
              sprint_goals:
                - sprint: 1
                  goal: G
                  micro_goals:

      """
    let result = try lint("amplified", Data((yaml + microGoals).utf8))
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "okrs/2026-Q1/amplified.yaml:16:24: error: aliases expand to more than the limit of 1 MiB of text (an alias bomb?); raise it with --max-alias-bytes [yaml-limit]\n1 error and 0 warnings in 1 file\n"
    )
  }

  @Test func deepNesting() throws {
    let result = try lint("deep", Data(String(repeating: "[", count: 100_000).utf8))
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/deep.yaml:1:65: error: nesting is deeper than the limit of 64 levels; raise it with --max-depth [yaml-limit]\n"
      ))
  }

  @Test func aFiftyMegabyteScalar() throws {
    var data = Data("name: ".utf8)
    data.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
    let result = try lint("huge", data)
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/huge.yaml:1:1: error: input is 50 MiB, larger than the limit of 16 MiB; raise it with --max-file-size [yaml-limit]\n"
      ))
  }

  @Test func invalidUTF8() throws {
    let result = try lint("latin1", Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0x43, 0x61, 0x66, 0xE9, 0x0A]))
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/latin1.yaml:1:10: error: invalid UTF-8 at byte 9 (incomplete UTF-8 octet sequence: 0xE9); save the file as UTF-8 [yaml-encoding]\n"
      ))
  }

  @Test func tabsAsIndentation() throws {
    let result = try lint("tabs", Data("quarter: 2026-Q1\nobjectives:\n\t- id: O1\n".utf8))
    #expect(result.status == 1)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/tabs.yaml:3:1: error: found a tab character where YAML expects indentation or a token; indent with spaces (while scanning for the next token) [yaml-syntax]\n"
      ))
  }

  @Test func aByteOrderMarkIsFine() throws {
    var data = Data([0xEF, 0xBB, 0xBF])
    data.append(
      Data(
        "quarter: 2026-Q1\nteam: bom\nobjectives:\n  - id: O1\n    title: T\n    key_results:\n      - {id: KR1, title: K, type: boolean}\n"
          .utf8))
    let result = try lint("bom", data)
    #expect(result.status == 0)
    #expect(result.standardError == "")
  }

  @Test func everyLimitCanBeRaisedOrLoweredByItsOption() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      "quarter: 2026-Q1\nteam: a\nobjectives:\n  - id: O1\n    title: &t T\n    key_results:\n      - {id: KR1, title: *t, type: boolean}\n"
    )
    #expect(InProcess.run(["lint"], in: directory.path).status == 0)
    let shallow = InProcess.run(["lint", "--max-depth", "3"], in: directory.path)
    #expect(shallow.status == 1)
    #expect(shallow.standardError.contains("nesting is deeper than the limit of 3 levels; raise it with --max-depth"))
    let noAliases = InProcess.run(["lint", "--max-alias-nodes", "1"], in: directory.path)
    #expect(noAliases.status == 0)
    // The alias copies one byte, "T".
    #expect(InProcess.run(["lint", "--max-alias-bytes", "1"], in: directory.path).status == 0)
    try directory.write(
      "okrs/2026-Q1/b.yaml",
      "quarter: 2026-Q1\nteam: b\nobjectives:\n  - id: O1\n    title: &t Two\n    key_results:\n      - {id: KR1, title: *t, type: boolean}\n"
    )
    let fewBytes = InProcess.run(["lint", "--max-alias-bytes", "2"], in: directory.path)
    #expect(fewBytes.status == 1)
    #expect(
      fewBytes.standardError.hasPrefix(
        "okrs/2026-Q1/b.yaml:7:26: error: aliases expand to more than the limit of 2 bytes of text (an alias bomb?); raise it with --max-alias-bytes [yaml-limit]\n"
      ))
    try FileManager.default.removeItem(atPath: directory.path + "/okrs/2026-Q1/b.yaml")
    let fewFiles = InProcess.run(["lint", "--max-files", "1"], in: directory.path)
    #expect(fewFiles.status == 0)
    try directory.write("okr.yaml", "organization: A\n")
    let tooMany = InProcess.run(["lint", "--max-files", "1"], in: directory.path)
    #expect(tooMany.status == 1)
    #expect(
      tooMany.standardError.hasPrefix(
        ".: error: the repository has 2 OKR files, more than the limit of 1; raise it with --max-files [yaml-limit]\n"))
    let bad = InProcess.run(["lint", "--max-depth", "0"], in: directory.path)
    #expect(bad.status == 64)
  }

  @Test func aFIFONamedOnTheCommandLineIsRefusedNotWaitedOn() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/.keep", "")
    #expect(mkfifo(directory.path + "/okrs/2026-Q1/pipe.yaml", 0o644) == 0)
    // Nothing ever writes to the pipe: opening it to read would block forever.
    let result = InProcess.run(["lint", "okrs/2026-Q1/pipe.yaml"], in: directory.path)
    #expect(result.status == 74)
    #expect(
      result.standardError
        == "okrs/2026-Q1/pipe.yaml: error: not a regular file (a pipe or a device); okr reads regular files only [io]\n1 error and 0 warnings in 1 file\n"
    )
  }
}
