import ArgumentParser
import OKRCore
import OKRReports
import OKRWorkspace

extension CommandContext {
  /// Runs one workspace call; a failure is printed as cli.md says and ends the command with its exit code.
  mutating func workspace<Value>(
    colors: Bool = false, _ call: () throws(WorkspaceFailure) -> Value
  ) throws -> Value {
    do {
      return try call()
    } catch {
      throw fail(error, colors: colors)
    }
  }

  /// Prints a failure the way cli.md says and returns the exit code to end with.
  mutating func fail(_ failure: WorkspaceFailure, colors: Bool = false) -> ExitCode {
    switch failure {
    case .refused(let diagnostics, let fileCount, let preface, let outcome):
      if let preface { standardError.write("error: \(preface)\n") }
      printDiagnostics(diagnostics, fileCount: fileCount, colors: colors)
      if !outcome.isEmpty { standardError.write("\(outcome)\n") }
    case .usage(let message):
      standardError.write("error: \(message)\n")
    case .problems(let messages, let outcome, _):
      for message in messages { standardError.write("error: \(message)\n") }
      if !outcome.isEmpty { standardError.write("\(outcome)\n") }
    }
    return ExitCode(failure.exitCode)
  }

  /// Prints what the workspace noticed besides the report: warnings, then problems in files.
  mutating func show(_ notices: WorkspaceNotices) {
    for warning in notices.warnings { standardError.write("warning: \(warning)\n") }
    if !notices.problems.isEmpty { printDiagnostics(notices.problems, fileCount: 1, colors: false) }
  }

  /// Writes `report` in `format`, then ends with the exit code the notices call for (74 when a file could not be read).
  mutating func finish<Report>(
    _ report: Report, notices: WorkspaceNotices, as format: OutputFormat, with renderers: [FormatRenderer<Report>],
    style: TextStyle
  ) throws {
    show(notices)
    try write(report, as: format, with: renderers, style: style)
    if let exitCode = notices.exitCode { throw ExitCode(exitCode) }
  }

  /// Diagnostics as `okr lint` prints them, with paths relative to the working directory.
  mutating func printDiagnostics(_ diagnostics: [Diagnostic], fileCount: Int, colors: Bool) {
    let shown = DisplayPath.forDisplay(diagnostics, workingDirectory: workingDirectory)
    standardError.write(
      rendered: DiagnosticTextRenderer(colors: colors, width: standardError.width).render(
        LintReport(diagnostics: shown, fileCount: fileCount)))
  }
}

extension RepositoryOptions {
  /// The workspace these options describe, seen from the context's working directory.
  func workspace(in context: CommandContext) -> Workspace {
    Workspace(options, workingDirectory: context.workingDirectory)
  }

  /// The options in the workspace's terms.
  var options: WorkspaceOptions {
    var options = WorkspaceOptions(repo: repo)
    options.maxFileSizeMiB = maxFileSize
    options.maxDepth = maxDepth
    options.maxAliasNodes = maxAliasNodes
    options.maxAliasBytes = maxAliasBytes
    options.maxFiles = maxFiles
    return options
  }
}

extension ReportOptions {
  /// Opens the report session these options scope, in `repository`'s workspace.
  func session(_ repository: RepositoryOptions, colors: Bool, in context: inout CommandContext) throws
    -> ReportSession
  {
    let workspace = repository.workspace(in: context)
    return try context.workspace(colors: colors) { () throws(WorkspaceFailure) in
      try workspace.openReport(quarter: quarter, teams: team, day: day)
    }
  }
}
