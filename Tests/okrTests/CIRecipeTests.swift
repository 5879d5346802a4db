import Foundation
import TestSupport
import Testing
import YAMLKit

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

  /// The digest the Monday workflow posts is a Slack message, and the Teams one Markdown; both are
  /// posted with curl to a webhook in a secret, never written into the workflow.
  @Test func theDigestWorkflowsPostWhatTheirWebhooksTake() throws {
    let digests = try Self.commands().filter { $0.count > 1 && $0[1] == "digest" }
    #expect(
      digests.map { $0.joined(separator: " ") } == [
        "okr digest --format slack", "okr digest --format markdown",
      ])
    let slack = InProcess.run(["digest", "--format", "slack", "--repo", "examples/acme", "--as-of", "2026-08-10"])
    let message = try #require(
      try JSONSerialization.jsonObject(with: Data(slack.standardOutput.utf8)) as? [String: Any])
    #expect(message["text"] is String)
    #expect((message["blocks"] as? [[String: Any]])?.isEmpty == false)
    var posts = 0
    for (name, root) in try Self.workflows() {
      for job in Self.pairs(root["jobs"]) {
        for step in Self.items(job.value["steps"]) where step["run"]?.scalarText?.contains("curl") == true {
          posts += 1
          let run = step["run"]?.scalarText ?? ""
          let secret = try #require(Self.pairs(step["env"]).first, "\(name)")
          #expect(secret.value.scalarText?.hasPrefix("${{ secrets.") == true, "\(name)")
          #expect(run.contains("\"$\(secret.key.scalarText ?? "")\""), "\(name)")
          #expect(run.contains("--data @"), "\(name)")
        }
      }
    }
    #expect(posts == 2)
  }

  /// The Teams workflow's jq program wraps the Markdown digest, as it is, in an Adaptive Card.
  @Test(.enabled(if: Tool.find("jq") != nil, "needs jq"))
  func theTeamsCardHoldsTheMarkdownDigest() throws {
    let steps = try Self.workflows().flatMap { Self.pairs($0.root["jobs"]) }.flatMap { Self.items($0.value["steps"]) }
    let run = try #require(steps.compactMap { $0["run"]?.scalarText }.first { $0.hasPrefix("jq ") })
    let jq = try #require(run.components(separatedBy: " | curl").first)
    let directory = try TemporaryDirectory()
    let markdown = InProcess.run(["digest", "--format", "markdown", "--repo", "examples/acme", "--as-of", "2026-08-14"])
    try directory.write("digest.md", markdown.standardOutput)
    let card = try OKRCommand.run(["-c", jq], in: directory.path, executable: "/bin/sh")
    #expect(card.status == 0, "\(card.standardError)")
    let message = try #require(try JSONSerialization.jsonObject(with: Data(card.standardOutput.utf8)) as? [String: Any])
    let attachment = try #require((message["attachments"] as? [[String: Any]])?.first)
    let content = try #require(attachment["content"] as? [String: Any])
    let body = try #require((content["body"] as? [[String: Any]])?.first)
    #expect(body["text"] as? String == markdown.standardOutput)
  }

  static func pairs(_ node: Node?) -> [Node.Pair] { node?.pairs.map(Array.init) ?? [] }
  static func items(_ node: Node?) -> [Node] { node?.items.map(Array.init) ?? [] }

  /// The YAML blocks of docs/ci.md that are whole workflows (they have `jobs:`), parsed with YAMLKit.
  static func workflows() throws -> [(name: String, root: Node)] {
    let doc = try String(contentsOfFile: PackagePaths.path("docs/ci.md"), encoding: .utf8)
    var workflows: [(String, Node)] = []
    for block in doc.components(separatedBy: "```yaml\n").dropFirst() {
      let text = block.components(separatedBy: "```")[0]
      let stream = YAMLParser.parse(text)
      guard let root = stream.documents.first?.root, root["jobs"] != nil else { continue }
      workflows.append((root["name"]?.scalarText ?? "?", root))
    }
    return workflows
  }

  /// Each workflow names the least permissions its steps need, and `contents: read` for checkout:
  /// a workflow that names any permission gets none of the others, on a private repository too.
  @Test func everyWorkflowStatesThePermissionsItsStepsNeed() throws {
    let workflows = try Self.workflows()
    #expect(workflows.count == 7)
    for (name, root) in workflows {
      var granted: [String: String] = [:]
      for pair in Self.pairs(root["permissions"]) {
        granted[pair.key.scalarText ?? ""] = pair.value.scalarText
      }
      var needed = ["contents": "read"]
      var steps: [Node] = []
      for job in Self.pairs(root["jobs"]) {
        #expect(job.value["permissions"] == nil, "\(name): permissions belong to the workflow")
        steps += Self.items(job.value["steps"])
      }
      for step in steps {
        let run = step["run"]?.scalarText ?? ""
        let uses = step["uses"]?.scalarText ?? ""
        if run.contains("gh pr comment") { needed["pull-requests"] = "write" }
        if run.contains("git push") { needed["contents"] = "write" }
        if run.contains("gh issue comment") { needed["issues"] = "write" }
        if uses.hasPrefix("github/codeql-action/upload-sarif@") {
          needed["security-events"] = "write"
          needed["actions"] = "read"
        }
      }
      #expect(granted == needed, "\(name)")
    }
  }

  /// The actions the workflows use are on their current majors.
  @Test func everyActionIsOnItsCurrentMajor() throws {
    let current = [
      "actions/checkout": "v6", "github/codeql-action/upload-sarif": "v4", "actions/upload-artifact": "v7",
    ]
    var seen: Set<String> = []
    for (name, root) in try Self.workflows() {
      for job in Self.pairs(root["jobs"]) {
        for step in Self.items(job.value["steps"]) {
          guard let uses = step["uses"]?.scalarText else { continue }
          let parts = uses.split(separator: "@", maxSplits: 1).map(String.init)
          #expect(parts.count == 2 && current[parts[0]] == parts[1], "\(name): \(uses)")
          seen.insert(parts[0])
        }
      }
    }
    #expect(seen == Set(current.keys))
  }

  /// The pre-commit hook lints the whole repository, and the example pins a commit, not a tag that does not exist.
  @Test func thePreCommitHookLintsTheWholeRepository() throws {
    let hooks = YAMLParser.parse(
      try String(contentsOfFile: PackagePaths.path(".pre-commit-hooks.yaml"), encoding: .utf8))
    let hook = try #require(hooks.documents.first?.root.items?.first)
    #expect(hook["pass_filenames"]?.scalarText == "false")
    #expect(hook["language"]?.scalarText == "system")
    #expect(hook["entry"]?.scalarText == "okr lint --strict")
    let doc = try String(contentsOfFile: PackagePaths.path("docs/ci.md"), encoding: .utf8)
    let example = try #require(doc.components(separatedBy: "# .pre-commit-config.yaml").dropFirst().first)
    let rev = try #require(example.split(separator: "\n").first { $0.contains("rev:") })
    let value = rev.split(separator: ":")[1].split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
    #expect(value.count == 40 && value.allSatisfy(\.isHexDigit), "rev: \(value)")
  }

  /// The pull workflow's steps, run for real on a copy of examples/acme with a `source:`: the values land in a
  /// commit by okr-bot on the remote, and a second run the same week commits nothing.
  @Test func thePullWorkflowCommitsThePulledValuesAsTheBot() throws {
    let (_, root) = try #require(try Self.workflows().first { $0.name == "OKR weekly loop" })
    let steps = Self.pairs(root["jobs"]).flatMap { Self.items($0.value["steps"]) }
    let pull = try #require(steps.compactMap { $0["run"]?.scalarText }.first { $0.hasPrefix("okr checkin pull") })
    let commit = try #require(steps.first { $0["name"]?.scalarText == "Commit the pulled values" }?["run"]?.scalarText)
    let git = try #require(Tool.find("git"))

    let directory = try TemporaryDirectory()
    let work = directory.path + "/work"
    try FileManager.default.copyItem(atPath: PackagePaths.path("examples/acme"), toPath: work)
    let quarter = work + "/okrs/2026-Q3/growth.yaml"
    var text = try String(contentsOfFile: quarter, encoding: .utf8)
    let anchor = try #require(text.range(of: "        baseline: 12\n"))
    text.insert(
      contentsOf: "        source: {command: [/bin/sh, -c, 'echo 14.5']}\n", at: anchor.upperBound)
    try text.write(toFile: quarter, atomically: true, encoding: .utf8)
    func sh(_ script: String) throws -> CommandResult {
      try OKRCommand.run(
        ["-c", script], in: work,
        environment: [
          "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_DATE": "2026-08-07T09:00:00Z",
          "GIT_COMMITTER_DATE": "2026-08-07T09:00:00Z",
        ], executable: "/bin/sh")
    }
    let setUp = try sh(
      "\(git) init -q --bare ../remote.git && \(git) init -q -b main && \(git) remote add origin ../remote.git && "
        + "\(git) add -A && \(git) -c user.name=t -c user.email=t@t commit -qm start && \(git) push -q -u origin main")
    #expect(setUp.status == 0, "\(setUp.standardError)")
    let arguments = pull.split(separator: " ").dropFirst().map(String.init) + ["--as-of", "2026-08-07"]
    let pulled = try OKRCommand.run(arguments, in: work)
    #expect(pulled.status == 0, "\(pulled.standardError)")
    #expect(pulled.standardOutput.contains("recorded 1 key result for growth on 2026-08-07"))
    let committed = try sh(commit)
    #expect(committed.status == 0, "\(committed.standardError)")
    let log = try sh("\(git) --git-dir=../remote.git log -1 --format='%an <%ae>|%s' main")
    #expect(
      log.standardOutput == "okr-bot <okr-bot@users.noreply.github.com>|Check-in values pulled from their sources\n")
    let shown = try sh("\(git) --git-dir=../remote.git show main -- checkins/2026-Q3/growth.yaml")
    #expect(shown.standardOutput.contains("+by: source"))
    #expect(shown.standardOutput.contains("+    value: 14.5"))

    // The digest step posts the week with the pulled value in it, as Slack blocks.
    let digestStep = try #require(
      steps.compactMap { $0["run"]?.scalarText }.first { $0.hasPrefix("okr digest") })
    let digestArguments =
      try #require(digestStep.split(separator: ">").first).split(separator: " ").dropFirst().map(String.init)
      + ["--as-of", "2026-08-07"]
    let digest = try OKRCommand.run(digestArguments, in: work)
    #expect(digest.status == 0 || digest.status == 1, "\(digest.standardError)")
    let message = try #require(
      try JSONSerialization.jsonObject(with: Data(digest.standardOutput.utf8)) as? [String: Any])
    #expect((message["blocks"] as? [Any])?.isEmpty == false)
    #expect((message["text"] as? String)?.contains("14.5") == true, "\(message["text"] ?? "")")

    // The same week again: nothing new, so no commit.
    #expect(try OKRCommand.run(arguments, in: work).standardOutput.hasSuffix("nothing new\n"))
    #expect(try sh(commit).status == 0)
    let count = try sh("\(git) --git-dir=../remote.git rev-list --count main")
    #expect(count.standardOutput == "2\n")
  }
}
