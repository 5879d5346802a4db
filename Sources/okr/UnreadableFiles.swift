import ArgumentParser
import OKRCore
import OKRFiles
import OKRReports
import OKRWorkspace

/// Files that are there but could not be read, which may hold what a command looked for.
enum UnreadableFiles {
  /// Ends the command with a load's `io` errors (exit 74), when it has any.
  ///
  /// A command that looks a team or cycle up and does not find it would
  /// otherwise say "no quarter file; create one with okr init" (exit 64)
  /// when the file is there and could not be read: no permission, a FIFO, a
  /// folder where a file belongs, a link out of the repository. What was
  /// looked for may be in that file, so the read is the error to report.
  ///
  /// - Parameters:
  ///   - loaded: The load whose lookup found nothing.
  ///   - outcome: The line after the errors (`nothing was recorded`).
  ///   - context: Where the errors are written.
  /// - Throws: `ExitCode(74)` when some file could not be read.
  static func refuse(_ loaded: LoadedRepository, outcome: String, in context: inout CommandContext) throws {
    let unreadable = loaded.diagnostics.filter { $0.rule == .io && $0.severity == .error }
    guard !unreadable.isEmpty else { return }
    let shown = DisplayPath.forDisplay(unreadable, workingDirectory: context.workingDirectory)
    context.standardError.write(
      rendered: DiagnosticTextRenderer(colors: false).render(
        LintReport(diagnostics: shown, fileCount: loaded.files.count)))
    context.standardError.write("\(outcome)\n")
    throw ExitCode(74)
  }
}
