import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension OKR {
  /// Validates OKR files and reports every problem with its source position.
  struct Lint: ContextCommand, FormattedCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
      abstract: "Check OKR files for errors and SMART problems.",
      discussion: """
        Reads the repository (or the files and folders named) with libyaml and reports every problem \
        at once, compiler-style, on standard error:

          okrs/2026-Q1/growth.yaml:12:9: error: unknown key 'tittle' in key result; did you mean 'title'? [unknown-key]

        Errors make the exit code 1. Warnings (focus, SMART micro-goals, sprints that do not exist) \
        do not, unless --strict is given. With --format json, standard output gets \
        {schema_version, file_count, error_count, warning_count, diagnostics: [{path, line, column, \
        severity, rule, message}]} ('okr schema lint').
        """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    @Option(
      help: ArgumentHelp(
        "Output format: text (diagnostics on standard error), json (schema_version and the diagnostics), github (workflow commands that "
          + "annotate a pull request) or sarif (SARIF 2.1.0 for code scanning); all but text on standard output."))
    var format: FormatChoice<Lint> = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Argument(help: ArgumentHelp("Files or folders to check (default: the whole repository).", valueName: "path"))
    var paths: [String] = []

    /// The diagnostics' formats; text goes to standard error, the others to standard output.
    static let renderers: [FormatRenderer<LintReport>] = [
      FormatRenderer(.text) { DiagnosticTextRenderer(colors: $0.colors, width: $0.width) },
      FormatRenderer(.json) { _ in DiagnosticJSONRenderer() },
      FormatRenderer(.github) { _ in DiagnosticGitHubRenderer() },
      FormatRenderer(.sarif) { _ in DiagnosticSARIFRenderer(toolVersion: OKR.version) },
    ]

    static var formats: [OutputFormat] { renderers.formats() }

    func run(in context: inout CommandContext) throws {
      let found = repository.workspace(in: context).lint(
        paths: paths, quarter: self.report.quarter, teams: self.report.team)
      let workingDirectory = context.workingDirectory
      let shown = { (path: String) in DisplayPath.relative(path, to: workingDirectory) }
      let report = LintReport(
        diagnostics: DisplayPath.forDisplay(found.diagnostics, workingDirectory: context.workingDirectory),
        fileCount: found.fileCount,
        repositoryPaths: Dictionary(found.repositoryPaths.map { (shown($0.key), $0.value) }) { first, _ in first })
      // Text diagnostics are read by people, like a compiler's: on standard error.
      let stream: WritableKeyPath<CommandContext, CommandStream> =
        format.format == .text ? \.standardError : \.standardOutput
      try context.write(
        report, as: format.format, with: Self.renderers, style: context[keyPath: stream].style(output.color),
        to: stream)
      if report.diagnostics.contains(where: { $0.rule == .io }) {
        throw ExitCode(74)
      }
      if report.errorCount > 0 || (strict && report.warningCount > 0) {
        throw ExitCode.failure
      }
    }
  }
}
