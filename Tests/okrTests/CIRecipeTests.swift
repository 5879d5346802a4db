import Foundation
import TestSupport
import Testing

/// Every okr command in docs/ci.md's workflows runs against examples/acme, so the recipes cannot rot.
@Suite struct CIRecipeTests {
  /// The okr commands of the workflows' `run:` lines, without redirections and pipes.
  static func commands() throws -> [[String]] {
    let doc = try String(contentsOfFile: PackagePaths.path("docs/ci.md"), encoding: .utf8)
    var commands: [[String]] = []
    for line in doc.split(separator: "\n") {
      guard let run = line.range(of: "run: okr ") else { continue }
      var command = String(line[run.lowerBound...].dropFirst("run: ".count))
      for end in [" >", " &&", " |"] {
        if let cut = command.range(of: end) { command = String(command[..<cut.lowerBound]) }
      }
      command = command.replacingOccurrences(of: "origin/${{ github.base_ref }}", with: "HEAD")
      commands.append(command.split(separator: " ").map(String.init))
    }
    return commands
  }

  @Test func everyWorkflowCommandRunsOnTheExample() throws {
    let commands = try Self.commands()
    #expect(commands.count >= 8)
    for command in commands {
      #expect(command.first == "okr")
      let result = InProcess.run(
        Array(command.dropFirst()) + ["--repo", "examples/acme", "--as-of", "2026-08-07"])
      // 0, or 1 where the command reports problems (alerts fire mid-quarter); never a usage error.
      let allowed: Set<Int32> = command.contains("alerts") ? [1] : [0]
      #expect(allowed.contains(result.status), "\(command.joined(separator: " ")): \(result.standardError)")
      #expect(!result.standardError.contains("error:"), "\(command.joined(separator: " ")): \(result.standardError)")
      #expect(
        !result.standardOutput.isEmpty || command.contains("github") || command.contains("--fail-on-moved-goalposts"))
    }
  }
}
