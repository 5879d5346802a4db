import Foundation
import TestSupport
import Testing

/// `okr init`, run in process in a fresh folder.
@Suite struct InitCommandTests {
  @Test(arguments: ["product", "kanban", "personal"])
  func writesAQuarterFileThatLintsClean(_ template: String) throws {
    let directory = try TemporaryDirectory()
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--template", template], in: directory.path)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput
        == "created okr.yaml\n"
        + "wrote .okr/schemas/quarter.schema.json for editors\nwrote .okr/schemas/checkins.schema.json for editors\n"
        + "wrote .okr/schemas/config.schema.json for editors\n"
        + "created okrs/2026-Q4/growth.yaml from template '\(template)'\nnext: edit it, then run 'okr lint'\n")
    let text = try directory.read("okrs/2026-Q4/growth.yaml")
    // Completion and hover work the moment the file is opened.
    #expect(text.hasPrefix("# yaml-language-server: $schema=../../.okr/schemas/quarter.schema.json\n"))
    #expect(FileManager.default.fileExists(atPath: directory.path + "/.okr/schemas/quarter.schema.json"))
    #expect(text.contains("\nteam: growth\n"))
    #expect(text.contains("\nquarter: 2026-Q4\n"))
    #expect(!text.contains("2026-01-"))
    let lint = InProcess.run(["lint", "--strict"], in: directory.path)
    #expect(lint.status == 0)
    #expect(lint.standardError == "")
  }

  /// A team made from a built-in template keeps okr.yaml's cadence: the templates write none, and
  /// the plan has 21-day sprints from okr.yaml's `sprint_length: 3w`, not the 14 of a template's 2w.
  @Test(arguments: ["product", "kanban", "personal"])
  func aTemplateLeavesTheCadenceToOKRYAML(_ template: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\ncadence: {sprint_length: 3w}\n")
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--template", template], in: directory.path)
    #expect(result.status == 0)
    let text = try directory.read("okrs/2026-Q4/growth.yaml")
    #expect(!text.split(separator: "\n").contains { $0.hasPrefix("cadence:") })
    let plan = InProcess.run(["plan", "--format", "json", "--as-of", "2026-10-01"], in: directory.path)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
    let team = try #require((report["teams"] as? [[String: Any]])?.first)
    let sprints = try #require(team["sprints"] as? [[String: Any]])
    // 2026-Q4 runs 2026-10-01 to 2026-12-31; sprint 1 starts Monday 5 October and lasts 21 days.
    #expect(sprints.first?["start"] as? String == "2026-10-05")
    #expect(sprints.first?["days"] as? Int == 21)
  }

  /// A team that exists keeps its name: growth was "Growth squad" in 2026-Q2 and "Growth & pricing" in
  /// 2026-Q3, so a 2026-Q4 file from a template says the newer, for both a template with `name:`
  /// (product) and one without (personal).
  @Test(arguments: ["product", "personal"])
  func aTemplateForATeamThatExistsKeepsItsNewestName(_ template: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    for (quarter, name) in [("2026-Q3", "Growth & pricing"), ("2026-Q2", "Growth squad")] {
      try directory.write(
        "okrs/\(quarter)/growth.yaml",
        "quarter: \(quarter)\nteam: growth\nname: \(name)\nobjectives:\n  - id: O1\n    title: T\n"
          + "    key_results:\n      - {id: KR1, title: K, type: boolean}\n")
    }
    let result = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--template", template], in: directory.path)
    #expect(result.status == 0)
    let text = try directory.read("okrs/2026-Q4/growth.yaml")
    #expect(text.contains("\nteam: growth\nname: Growth & pricing\n") || text.contains("\nname: Growth & pricing"))
    #expect(!text.contains("name: Growth\n"))
  }

  /// --name is never accepted and dropped: a template without `name:` gets one after `team:`.
  @Test func aNameGivenOnPurposeIsWrittenEvenWhenTheTemplateHasNone() throws {
    let directory = try TemporaryDirectory()
    let result = InProcess.run(
      ["init", "--team", "alex", "--quarter", "2026-Q4", "--template", "personal", "--name", "Alex Smith: PM"],
      in: directory.path)
    #expect(result.status == 0)
    let text = try directory.read("okrs/2026-Q4/alex.yaml")
    #expect(
      text.contains("\nteam: alex\nname: 'Alex Smith: PM'\n")
        || text.contains("\nteam: alex\nname: \"Alex Smith: PM\"\n"))
    #expect(InProcess.run(["lint", "--strict"], in: directory.path).status == 0)
  }

  @Test func neverOverwrites() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q4/growth.yaml", "# mine\n")
    let result = InProcess.run(["init", "--team", "growth", "--quarter", "2026-Q4"], in: directory.path)
    #expect(result.status == 1)
    #expect(
      result.standardError == "error: 'okrs/2026-Q4/growth.yaml' already exists; okr init never overwrites a file\n")
    #expect(try directory.read("okrs/2026-Q4/growth.yaml") == "# mine\n")
  }

  @Test func aRepositorysOwnTemplateWins() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    try directory.write(
      "templates/product.yaml",
      "quarter: 2026-Q1\nteam: my-team\nobjectives:\n  - id: O1\n    title: Ours\n    key_results:\n      - {id: KR1, title: Done, type: boolean}\n"
    )
    let result = InProcess.run(
      ["init", "--team", "web", "--quarter", "2027-Q1"], in: directory.path + "/templates")
    #expect(result.status == 0)
    #expect(
      try directory.read("okrs/2027-Q1/web.yaml")
        == "# yaml-language-server: $schema=../../.okr/schemas/quarter.schema.json\nquarter: 2027-Q1\nteam: web\nobjectives:\n  - id: O1\n    title: Ours\n    key_results:\n      - {id: KR1, title: Done, type: boolean}\n"
    )
  }

  @Test func badArgumentsAreUsageErrors() throws {
    let directory = try TemporaryDirectory()
    let badTeam = InProcess.run(["init", "--team", "Growth Team", "--quarter", "2026-Q4"], in: directory.path)
    #expect(badTeam.status == 64)
    #expect(badTeam.standardError.hasPrefix("Error: '--team' must be a slug of a-z, 0-9 and '-', not 'Growth Team'\n"))
    let badQuarter = InProcess.run(["init", "--team", "growth", "--quarter", "2026-Q5"], in: directory.path)
    #expect(badQuarter.status == 64)
    let badTemplate = InProcess.run(
      ["init", "--team", "growth", "--quarter", "2026-Q4", "--template", "prodct"], in: directory.path)
    #expect(badTemplate.status == 64)
    #expect(
      badTemplate.standardError
        == "error: unknown template 'prodct'; did you mean 'product'? (templates: kanban, personal, product)\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
  }

  @Test func withoutAQuarterItPlansTheOneContainingAsOf() throws {
    let directory = try TemporaryDirectory()
    let result = InProcess.run(["init", "--team", "web", "--as-of", "2027-05-01"], in: directory.path)
    #expect(result.status == 0)
    #expect(try directory.read("okrs/2027-Q2/web.yaml").contains("\nquarter: 2027-Q2\n"))
  }

  @Test(arguments: ["../x", "..", "a/b", "/etc/passwd", ".hidden", "x\\y", ""])
  func aTemplateIsNamedNeverAPath(_ name: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    // A valid template outside templates/: `../x` used to read it.
    try directory.write(
      "x.yaml",
      "quarter: 2026-Q1\nteam: my-team\nobjectives:\n  - id: O1\n    title: Outside\n    key_results:\n      - {id: KR1, title: Done, type: boolean}\n"
    )
    try directory.write("templates/.keep", "")
    let result = InProcess.run(
      ["init", "--team", "web", "--quarter", "2027-Q1", "--template", name], in: directory.path)
    #expect(result.status == 64)
    #expect(
      result.standardError.hasPrefix(
        "Error: '--template' must be a template's name (letters, digits, '-', '_' and '.', not starting with '.'), not '\(name)'; templates come only from templates/ and the built-in ones\n"
      ))
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/okrs"))
  }

  @Test func aRepositoryTemplateIsReadLikeAnOKRFile() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    try directory.write("templates/.keep", "")
    // A FIFO nobody writes to: reading it would wait forever.
    #expect(mkfifo(directory.path + "/templates/pipe.yaml", 0o644) == 0)
    let pipe = InProcess.run(
      ["init", "--team", "web", "--quarter", "2027-Q1", "--template", "pipe"], in: directory.path)
    #expect(pipe.status == 74)
    #expect(
      pipe.standardError
        == "error: cannot read template 'templates/pipe.yaml': not a regular file (a pipe or a device); okr reads regular files only\n"
    )
    try directory.write("templates/big.yaml", "# " + String(repeating: "x", count: 2 << 20) + "\n")
    let big = InProcess.run(
      ["init", "--team", "web", "--quarter", "2027-Q1", "--template", "big", "--max-file-size", "1"],
      in: directory.path)
    #expect(big.status == 1)
    #expect(
      big.standardError
        == "error: template 'templates/big.yaml' is larger than the limit of 1 MiB; raise it with --max-file-size\n")
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/okrs"))
  }
}
