import Foundation
import TestSupport
import Testing

/// git run in a test's repository as Dana, on a fixed day, without the user's or the system's
/// config: commits, and so their names, are the same on every run.
enum FixedGit {
  /// The git on `PATH`; tests that need it are enabled only when it is there.
  static let executable = Tool.find("git")

  /// Runs git with `arguments` in `path`, authored and committed at noon UTC on `day`, and expects it to succeed.
  @discardableResult
  static func run(_ arguments: [String], in path: String, on day: String) throws -> CommandResult {
    let stamp = day + "T12:00:00Z"
    let result = try OKRCommand.run(
      arguments, in: path,
      environment: [
        "GIT_AUTHOR_NAME": "Dana", "GIT_AUTHOR_EMAIL": "dana@example.com", "GIT_COMMITTER_NAME": "Dana",
        "GIT_COMMITTER_EMAIL": "dana@example.com", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
      ], executable: executable!)
    #expect(result.status == 0, "git \(arguments): \(result.standardError)")
    return result
  }
}
