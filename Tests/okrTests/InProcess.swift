import TestSupport

@testable import okr

/// Runs okr's commands inside the test process, the way the binary runs them.
///
/// The command line goes through `OKR.run(_:in:)`, as `main` sends it: parsed
/// with `OKR.parseAsRoot`, run with kept output streams and the given working
/// directory, errors shown and turned into a status as ArgumentParser does. The
/// result is the same ``CommandResult`` a run of the binary gives, without
/// starting a process. Tests of what only a process has (exit by signal,
/// standard input, a real terminal, the environment) run the binary instead.
enum InProcess {
  /// Runs `arguments` in `directory`; standard output is a terminal `width` columns wide when given.
  static func run(_ arguments: [String], in directory: String = PackagePaths.root, width: Int? = nil)
    -> CommandResult
  {
    var context = CommandContext.kept(workingDirectory: directory, width: width)
    let status = OKR.run(arguments, in: &context)
    return CommandResult(
      status: status, standardOutput: context.standardOutput.text, standardError: context.standardError.text)
  }
}
