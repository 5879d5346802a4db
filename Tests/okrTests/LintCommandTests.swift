import Foundation
import TestSupport
import Testing

/// `okr lint`: exit codes, standard output and standard error; as the binary where the process
/// itself is tested (usage errors, an unreadable file, colour from the environment, help).
@Suite struct LintCommandTests {
  /// A file that does not parse gives its own error, and none that only follow from it.
  ///
  /// One unquoted '%' in growth's quarter file: its own yaml-syntax error, saying to quote the
  /// value, and nothing else. Before, each of the three check-ins and the child team's `parent`
  /// said growth had no quarter file, ahead of the real error.
  @Test func aFileThatDoesNotParseReportsItsOwnErrorAlone() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: T\n")
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      "quarter: 2026-Q1\nteam: growth\nobjectives:\n  - id: O1\n    title: %grow\n    key_results:\n"
        + "      - {id: KR1, title: K, baseline: 0, target: 10}\n")
    try directory.write(
      "okrs/2026-Q1/web.yaml",
      "quarter: 2026-Q1\nteam: web\nparent: growth\nobjectives:\n  - id: O1\n    title: W\n    key_results:\n"
        + "      - {id: KR1, title: K, type: boolean}\n")
    try directory.write(
      "checkins/2026-Q1/growth.yaml",
      (3...5).map { "---\nteam: growth\nquarter: 2026-Q1\nweek: 2026-W0\($0)\nkey_results: {O1/KR1: {value: \($0)}}\n" }
        .joined())
    let result = InProcess.run(["lint"], in: directory.path)
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "okrs/2026-Q1/growth.yaml:5:12: error: a plain value cannot start with '%', which YAML reserves; quote "
        + "the value: \"%grow\" (while scanning for the next token) [yaml-syntax]\n1 error and 0 warnings in 4 files\n")
    let score = InProcess.run(["score", "--as-of", "2026-03-31"], in: directory.path)
    #expect(score.status == 1)
    #expect(!score.standardError.contains("has no quarter file"))
  }

  @Test(arguments: [("@", "@here"), ("`", "`make`")])
  func aReservedCharacterGetsTheHintToQuote(_ character: String, _ value: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      "quarter: 2026-Q1\nteam: growth\nowner: \(value)\nobjectives:\n  - id: O1\n    title: G\n    key_results:\n"
        + "      - {id: KR1, title: K, type: boolean}\n")
    let result = InProcess.run(["lint"], in: directory.path)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/growth.yaml:3:8: error: a plain value cannot start with '\(character)', which YAML reserves; "
          + "quote the value: \"\(value)\""))
  }

  @Test func theExampleRepositoryIsCleanAndSilent() throws {
    let result = InProcess.run(["lint", "examples/acme"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "")
    #expect(result.standardError == "")
  }

  /// A mistyped command gets a "did you mean", as a mistyped option does.
  @Test func aMistypedCommandGetsASuggestion() throws {
    let result = try OKRCommand.run(["scroe"])
    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("Error: unknown command 'scroe'; did you mean 'score'?\n"))
    // The word is all that was typed, quotes and all.
    #expect(
      try OKRCommand.run(["sco're"]).standardError.hasPrefix("Error: unknown command 'sco're'; did you mean 'score'?"))
    let unrelated = try OKRCommand.run(["zzzzzz"])
    #expect(unrelated.status == 64)
    #expect(unrelated.standardError.hasPrefix("Error: Unexpected argument 'zzzzzz'"))
  }

  @Test func lintingFromInsideARepositoryFindsItsRoot() throws {
    let result = InProcess.run(["lint"], in: PackagePaths.path("examples/acme/okrs/2026-Q3"))
    #expect(result.status == 0)
    #expect(result.standardError == "")
  }

  @Test func okrLintTenMistakes() throws {
    let result = InProcess.run(["lint", "Tests/Fixtures/lintTenMistakes"])
    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(Snapshot.mismatch(result.standardError, named: "okrLintTenMistakes") == nil)
    #expect(result.standardError.hasSuffix("10 errors and 0 warnings in 2 files\n"))
  }

  @Test func okrLintTenMistakesJSON() throws {
    let result = InProcess.run(["lint", "--format", "json", "Tests/Fixtures/lintTenMistakes"])
    #expect(result.status == 1)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "okrLintTenMistakesJSON") == nil)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(document["schema_version"] as? Int == 1)
    #expect(document["error_count"] as? Int == 10)
    let entries = try #require(document["diagnostics"] as? [[String: Any]])
    #expect(entries.count == 10)
    #expect(entries.allSatisfy { Set($0.keys) == ["path", "line", "column", "severity", "rule", "message"] })
    #expect(entries.first?["path"] as? String == "Tests/Fixtures/lintTenMistakes/okrs/2026-Q1/growth.yaml")
  }

  @Test func warningsFailOnlyUnderStrict() throws {
    let relaxed = InProcess.run(["lint", "Tests/Fixtures/lintWarnings"])
    #expect(relaxed.status == 0)
    #expect(relaxed.standardError.hasSuffix("0 errors and 12 warnings in 1 file\n"))
    let strict = InProcess.run(["lint", "--strict", "Tests/Fixtures/lintWarnings"])
    #expect(strict.status == 1)
    #expect(strict.standardError == relaxed.standardError)
  }

  @Test func aFileThatCannotBeReadExits74() throws {
    let result = try OKRCommand.run(["lint", "Tests/Fixtures/does-not-exist.yaml"])
    #expect(result.status == 74)
    #expect(
      result.standardError
        == "Tests/Fixtures/does-not-exist.yaml: error: no such file or directory [io]\n1 error and 0 warnings\n")
  }

  @Test func usageErrorsExit64() throws {
    let badFormat = try OKRCommand.run(["lint", "--format", "xml"])
    #expect(badFormat.status == 64)
    #expect(badFormat.standardError.contains("--format"))
    let unknownCommand = try OKRCommand.run(["lnt"])
    #expect(unknownCommand.status == 64)
  }

  @Test func colourOnlyWhenAskedOrOnATerminal() throws {
    let always = try OKRCommand.run(["lint", "--color", "always", "Tests/Fixtures/lintWarnings"])
    #expect(always.standardError.contains("\u{1B}[1;33mwarning:\u{1B}[0m"))
    let auto = try OKRCommand.run(["lint", "Tests/Fixtures/lintWarnings"])
    #expect(!auto.standardError.contains("\u{1B}["))
    let noColor = try OKRCommand.run(
      ["lint", "--color", "auto", "Tests/Fixtures/lintWarnings"], environment: ["NO_COLOR": "1"])
    #expect(!noColor.standardError.contains("\u{1B}["))
  }

  @Test func versionAndHelp() throws {
    let version = try OKRCommand.run(["--version"])
    #expect(version.status == 0)
    #expect(version.standardOutput == "0.1.0\n")
    let help = try OKRCommand.run(["lint", "--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.contains("Check OKR files for errors and SMART problems."))
    #expect(help.standardOutput.contains("--strict"))
  }

  @Test func teamAndQuarterNarrowTheReportButEveryFileIsRead() throws {
    let company = InProcess.run(["lint", "--team", "company", "Tests/Fixtures/lintTenMistakes"])
    #expect(company.status == 0)
    #expect(company.standardError == "")
    let growth = InProcess.run(["lint", "--team", "growth", "Tests/Fixtures/lintTenMistakes"])
    #expect(growth.status == 1)
    // growth's aligns_to is still checked against company's file, which is read though not reported on.
    #expect(growth.standardError.contains("did you mean 'O1'?"))
    #expect(growth.standardError.hasSuffix("10 errors and 0 warnings in 1 file\n"))
    let otherQuarter = InProcess.run(["lint", "--quarter", "2026-Q2", "Tests/Fixtures/lintTenMistakes"])
    #expect(otherQuarter.status == 0)
  }
}

/// Every example command in the help fits an 80-column terminal, so it is never wrapped mid-command.
@Suite struct HelpExampleTests {
  @Test func exampleCommandsFitEightyColumns() throws {
    let result = try OKRCommand.run(["--experimental-dump-help"])
    let dump = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    var examples = 0
    func walk(_ command: [String: Any]) {
      for line in (command["discussion"] as? String ?? "").split(separator: "\n")
      where line.drop { $0 == " " }.hasPrefix("okr ") {
        examples += 1
        #expect(line.count <= 80, "\(line)")
      }
      for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
    }
    walk(try #require(dump["command"] as? [String: Any]))
    #expect(examples > 20)
  }
}
