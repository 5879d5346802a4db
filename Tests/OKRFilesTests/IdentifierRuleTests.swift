import OKRCore
import OKRFiles
import TestSupport
import Testing

/// `id-format`: objective and key-result ids are `[A-Za-z0-9._-]+`, so they need no escaping anywhere.
@Suite struct IdentifierRuleTests {
  private func lint(objective: String, keyResult: String) throws -> [String] {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      objectives:
        - id: \(objective)
          title: T
          key_results:
            - {id: \(keyResult), title: K, type: boolean}

      """)
    let result = Linter().lint(paths: [], repository: directory.path, workingDirectory: directory.path)
    return result.diagnostics.sortedByLocation().map {
      "\($0.location.line):\($0.location.column): \($0.message) [\($0.rule.rawValue)]"
    }
  }

  @Test(arguments: ["O1", "o-2", "Q3.growth_1", "2026.O1", "KR-1_b"])
  func nonTriggering(_ id: String) throws {
    #expect(try lint(objective: id, keyResult: id) == [])
  }

  @Test func triggering() throws {
    #expect(
      try lint(objective: #""O1\"><img src=x onerror=\"alert(1)\">""#, keyResult: #""KR1\e]0;title\a""#) == [
        #"4:9: objective id 'O1"><img src=x onerror="alert(1)">' may use only ASCII letters, digits, '.', '_' and '-', like 'O1' [id-format]"#,
        #"7:14: key result id 'KR1\u{1B}]0;title\u{7}' may use only ASCII letters, digits, '.', '_' and '-', like 'KR1' [id-format]"#,
      ])
    for id in ["'O 1'", "'O1/2'", "'Ö1'", "'O1|x'", "\"O1\\0\"", "'O1,2'", "'=O1'"] {
      let messages = try lint(objective: id, keyResult: "KR1")
      #expect(messages.count == 1 && messages[0].hasSuffix("[id-format]"), "\(id): \(messages)")
    }
  }
}
