import ArgumentParser
import Foundation
import OKRReports
import TestSupport
import Testing

@testable import okr

/// Commands run in process: parsed by ArgumentParser, run with a context the test holds.
@Suite struct InProcessTests {
  private let midQuarter = ["--repo", "examples/acme", "--as-of", "2026-08-07"]

  /// A command's status other than 0 is the `ExitCode` it throws; its report is in the kept stream.
  @Test func alertsThrowExitCodeOneWithTheReportWritten() throws {
    let command = try #require(try OKR.parseAsRoot(["alerts"] + midQuarter) as? OKR.Alerts)
    var context = CommandContext.kept(workingDirectory: PackagePaths.root)
    #expect(throws: ExitCode.failure) { try command.run(in: &context) }
    #expect(Snapshot.mismatch(context.standardOutput.text, named: "alertsAcme-text") == nil)
    #expect(context.standardError.text == "")
  }

  /// The kept stream's width is the terminal's: status fits it, as on a real one; without a width
  /// it keeps its full layout.
  @Test(arguments: [40, 60, 80, 120])
  func statusFitsAKeptTerminal(_ columns: Int) {
    let result = InProcess.run(["status", "--color", "never"] + midQuarter, width: columns)
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count > 40)
    for line in lines { #expect(line.count <= columns, "\(line)") }
    #expect(InProcess.run(["status"] + midQuarter).standardOutput.split(separator: "\n").contains { $0.count > 120 })
  }

  /// `--color auto` colours a kept terminal and leaves a kept file plain; `never` and `always` win.
  @Test func colourFollowsTheStreamAndTheChoice() {
    let arguments = ["score", "--as-of", "2026-09-30", "--repo", "examples/acme"]
    let escape = "\u{1B}["
    #expect(!InProcess.run(arguments).standardOutput.contains(escape))
    #expect(InProcess.run(arguments, width: 200).standardOutput.contains(escape))
    #expect(!InProcess.run(arguments + ["--color", "never"], width: 200).standardOutput.contains(escape))
    #expect(InProcess.run(arguments + ["--color", "always"]).standardOutput.contains(escape))
  }

  /// What `--format` accepts is the command's list of renderers, and every format is offered somewhere.
  @Test func formatsComeFromTheRendererLists() {
    #expect(FormatChoice<OKR.Score>.allValueStrings == ["text", "markdown", "json", "csv", "html"])
    #expect(FormatChoice<OKR.Lint>.allValueStrings == ["text", "json", "github", "sarif"])
    #expect(FormatChoice<OKR.Alerts>(argument: "markdown") == nil)
    #expect(FormatChoice<OKR.Status>(argument: "html")?.format == .html)
    let offered: [[OutputFormat]] = [
      OKR.Score.formats, OKR.Status.formats, OKR.Alerts.formats, OKR.Plan.formats, OKR.Tree.formats,
      OKR.Checkin.Prompts.formats, OKR.Lint.formats, OKR.Diff.formats, OKR.History.formats, OKR.Digest.formats,
    ]
    #expect(FormatChoice<OKR.Digest>.allValueStrings == ["text", "markdown", "slack", "json"])
    #expect(Set(offered.joined()) == Set(OutputFormat.allCases))
  }

  /// A format a command does not write is refused before it runs, with ArgumentParser's usage error.
  @Test func anUnsupportedFormatIsAUsageError() {
    let result = InProcess.run(["alerts", "--format", "markdown"] + midQuarter)
    #expect(result.status == 64)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError.hasPrefix(
        "Error: The value 'markdown' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.\n"))
    let trend = InProcess.run(["score", "--quarters", "2026-Q3", "--format", "html"] + midQuarter)
    #expect(trend.status == 64)
    #expect(trend.standardError.hasPrefix("Error: --quarters gives text, markdown, json or csv, not html\n"))
  }
}
