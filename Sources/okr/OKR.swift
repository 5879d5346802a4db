import ArgumentParser
import OKRCore
import OKRReports

/// The `okr` command: OKRs kept as YAML in git, planned, checked in on and scored.
@main
struct OKR: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "okr",
    abstract: "Plan, check in on and score OKRs kept as YAML files in git.",
    discussion: """
      An OKR repository holds okr.yaml (optional settings), okrs/<quarter>/<team>.yaml \
      (one quarter file per team) and checkins/<quarter>/<team>.yaml (weekly check-ins). \
      A minimal quarter file:

        quarter: 2026-Q1
        team: growth
        objectives:
          - id: O1
            title: Customers get started without support
            key_results:
              - id: KR1
                title: Raise self-service onboarding from 35% to 65%
                baseline: 35
                target: 65
                unit: "%"

      Exit codes: 0 success; 1 problems found; 64 usage error; 74 a file could not be read or written.

      Every command that reads the repository takes limits on what files can ask for \
      (--max-file-size, --max-depth, --max-alias-nodes, --max-alias-bytes, --max-files); \
      'okr <command> --help-hidden' lists them.
      """,
    version: version,
    subcommands: [
      Init.self, Lint.self, Plan.self, Checkin.self, Status.self, Alerts.self, Digest.self, Score.self, Tree.self,
      Diff.self, History.self, Schema.self,
    ]
  )
}

extension OKR {
  /// Runs okr on the process's arguments and streams, then exits with its status.
  static func main() {
    var context = CommandContext.process()
    Terminal.exit(run(Array(CommandLine.arguments.dropFirst()), in: &context))
  }

  /// Runs one command line as ArgumentParser would, writing to `context`,
  /// except that its messages are escaped; returns the exit status.
  ///
  /// ArgumentParser quotes what was typed (`The value '…' is invalid for
  /// '--format'`), and so do okr's `ValidationError`s; a value with an escape
  /// sequence must reach the terminal shown, like every other message. Help and
  /// `--version` go to standard output, errors to standard error, each line
  /// escaped (a message may span lines; nothing in one is a person's line break).
  static func run(_ arguments: [String], in context: inout CommandContext) -> Int32 {
    do {
      var command = try parseAsRoot(arguments)
      if let command = command as? any ContextCommand {
        try command.run(in: &context)
      } else {
        try command.run()
      }
      return ExitCode.success.rawValue
    } catch {
      let code = exitCode(for: error)
      let message = messageSuggestingCommands(fullMessage(for: error))
      if !message.isEmpty {
        let shown =
          message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.visible($0) }
          .joined(separator: "\n") + "\n"
        if code == .success {
          context.standardOutput.write(rendered: shown)
        } else {
          context.standardError.write(rendered: shown)
        }
      }
      return code.rawValue
    }
  }

  /// ArgumentParser's message, with a "did you mean" for a mistyped command, as a mistyped option gets.
  ///
  /// The word is what ArgumentParser quoted on the first line: from its first quote to its last.
  static func messageSuggestingCommands(_ message: String) -> String {
    let firstLine = message.split(separator: "\n").first.map(String.init) ?? ""
    let prefix = "Error: Unexpected argument '"
    guard message.contains("Usage: okr <subcommand>"), firstLine.hasPrefix(prefix), firstLine.hasSuffix("'"),
      firstLine.count > prefix.count
    else { return message }
    let word = String(firstLine.dropFirst(prefix.count).dropLast())
    let names = configuration.subcommands.compactMap { $0.configuration.commandName }
    guard let closest = Suggestion.closest(to: word, in: names), closest != word else { return message }
    return "Error: unknown command '\(word)'; did you mean '\(closest)'?\n"
      + "Usage: okr <subcommand>\n  See 'okr --help' for more information."
  }
}
