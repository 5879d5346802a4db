import Foundation
import TestSupport
import Testing

/// `okr digest --format slack` with hostile titles, notes, names, owners, actions and a git
/// author: the Block Kit JSON parses, and no person's string can mention, link or format.
@Suite struct DigestSlackTests {
  /// What people wrote, each aimed at Slack (and Mattermost, which takes the same payload).
  static let hostile = #"<!channel> <@U123> <http://x|y> &amp; *bold* _it_ ~s~ `c` @here [a](http://z) \e[2J\a"#
  /// A title longer than a whole section may be.
  static let longTitle = String(repeating: "<!here> & ", count: 500)

  /// A repository whose every person's string is hostile, in git, with a documented change
  /// committed in the digest's week (2026-W07) by an author with a hostile name.
  static func hostileRepository() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okr.yaml",
      """
      organization: "\(hostile)"
      alerts:
        - rule: confidence_drop
          threshold: 2
          action: "\(hostile)"
        - rule: moved_goalposts
      """)
    try directory.write("okrs/2026-Q1/red.yaml", quarter(target: 5, note: nil))
    try directory.write(
      "okrs/2026-Q1/blue.yaml",
      """
      quarter: 2026-Q1
      team: blue
      owner: "\(hostile)"
      objectives:
        - {id: O1, title: Quiet, key_results: [{id: KR1, title: Quiet, baseline: 0, target: 1}]}
      """)
    try directory.write(
      "checkins/2026-Q1/red.yaml",
      """
      ---
      {team: red, quarter: 2026-Q1, week: 2026-W06, date: 2026-02-06, by: "\(hostile)",
       key_results: {O1/KR1: {value: 1, confidence: 8}, O1/KR2: {value: 1, confidence: 8}}}
      ---
      {team: red, quarter: 2026-Q1, week: 2026-W07, date: 2026-02-13, by: "\(hostile)",
       key_results: {O1/KR1: {value: 2, confidence: 3, note: "\(hostile)"}, O1/KR2: {value: 3, confidence: 3}}}

      """)
    try git(["init", "-q", "-b", "main"], in: directory, on: "2026-01-01")
    try git(["add", "-A"], in: directory, on: "2026-01-01")
    try git(["commit", "-q", "-m", "Plan"], in: directory, on: "2026-01-01")
    try directory.write("okrs/2026-Q1/red.yaml", quarter(target: 4, note: hostile))
    try git(["commit", "-q", "-am", "Move it"], in: directory, on: "2026-02-11")
    return directory
  }

  static func quarter(target: Int, note: String?) -> String {
    """
    quarter: 2026-Q1
    team: red
    name: "\(hostile)"
    owner: "\(hostile)"
    objectives:
      - id: O1
        title: "\(hostile)"
        key_results:
          - {id: KR1, title: "\(hostile)", baseline: 0, target: \(target)\(note.map { ", change_note: \"\($0)\"" } ?? "")}
          - {id: KR2, title: "\(longTitle)", baseline: 0, target: 10}
    """
  }

  static func git(_ arguments: [String], in directory: TemporaryDirectory, on day: String) throws {
    let stamp = day + "T12:00:00Z"
    let result = try OKRCommand.run(
      arguments, in: directory.path,
      environment: [
        "GIT_AUTHOR_NAME": "<!everyone> *Mallory* <@U999>", "GIT_AUTHOR_EMAIL": "m@example.com",
        "GIT_COMMITTER_NAME": "M", "GIT_COMMITTER_EMAIL": "m@example.com", "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
      ], executable: Tool.find("git")!)
    #expect(result.status == 0, "git \(arguments): \(result.standardError)")
  }

  /// Every text in the message: the fallback and each block's.
  static func texts(_ output: String) throws -> (fallback: String, sections: [String]) {
    let message = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let blocks = try #require(message["blocks"] as? [[String: Any]])
    var sections: [String] = []
    for block in blocks {
      #expect(block["type"] as? String == "section")
      let text = try #require(block["text"] as? [String: Any])
      #expect(text["type"] as? String == "mrkdwn")
      #expect(text["verbatim"] as? Bool == true)
      sections.append(try #require(text["text"] as? String))
    }
    return (try #require(message["text"] as? String), sections)
  }

  /// What Slack would act on in a text: `<`, `>`, an `&` that starts no escape, a control character.
  static func problems(_ text: String) -> [String] {
    var problems: [String] = []
    if text.contains("<") || text.contains(">") { problems.append("a raw < or >") }
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      let after = rest[amp...]
      if !(after.hasPrefix("&amp;") || after.hasPrefix("&lt;") || after.hasPrefix("&gt;")) {
        problems.append("a bare &: \(after.prefix(12))")
      }
      rest = rest[rest.index(after: amp)...]
    }
    for scalar in text.unicodeScalars where scalar != "\n" && scalar.properties.generalCategory == .control {
      problems.append("U+\(String(scalar.value, radix: 16))")
    }
    for mark in ["*bold*", "_it_", "~s~", "`c`", "@here", "[a]"] where text.contains(mark) {
      problems.append("formatting a person wrote: \(mark)")
    }
    return problems
  }

  @Test(.enabled(if: Tool.find("git") != nil, "needs git"))
  func noPersonsStringCanMentionLinkOrFormat() throws {
    let repository = try Self.hostileRepository()
    let result = InProcess.run(["digest", "--format", "slack", "--as-of", "2026-02-13"], in: repository.path)
    #expect(result.status == 0, "\(result.standardError)")
    let (fallback, sections) = try Self.texts(result.standardOutput)
    #expect(sections.count <= 50)
    for text in sections + [fallback] {
      #expect(Self.problems(text).isEmpty, "\(Self.problems(text)) in \(text.prefix(300))")
    }
    for text in sections {
      #expect((text as NSString).length <= 3000, "\((text as NSString).length)")
    }
    let all = sections.joined(separator: "\n")
    // Shown, not acted on: the entity a person typed stays visible, the mention is text.
    #expect(all.contains("&lt;!channel&gt; &lt;＠U123&gt; &lt;http://x|y&gt; &amp;amp; ＊bold＊ ＿it＿ ～s～ ｀c｀"))
    #expect(all.contains("\\u{1B}［2J\\u{7}"))
    // The long title was cut to fit its section, whole entities only, with an ellipsis.
    let cut = sections.filter { $0.hasPrefix("• red O1/KR2 &lt;!here&gt; &amp; ") }
    #expect(cut.count == 2 && cut.allSatisfy { ($0 as NSString).length == 3000 && $0.hasSuffix("…") })
    // Every section is there: the team's owner, the moved values, the alert, the documented change by its author.
    // blue has no check-in this week; its owner is named, escaped.
    #expect(all.contains("• blue (owner: &lt;!channel&gt; &lt;＠U123&gt;"))
    #expect(all.contains("value 1 → 2") && all.contains("confidence 8 → 3"))
    #expect(all.contains("confidence＿drop") || all.contains("`confidence_drop`"))
    #expect(all.contains("target: 5 → 4 (documented: "))
    // git itself drops `<` and `>` from names; the rest is escaped.
    #expect(all.contains("!everyone ＊Mallory＊ ＠U999, 2026-02-11"))
  }

  /// The shared fixture of hostile strings (terminals, HTML, Markdown, spreadsheets) is harmless in Slack too.
  @Test func theHostileStringsFixtureIsHarmlessInSlack() throws {
    let result = InProcess.run([
      "digest", "--format", "slack", "--repo", PackagePaths.fixture("hostileStrings"), "--as-of", "2026-02-13",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let (fallback, sections) = try Self.texts(result.standardOutput)
    for text in sections + [fallback] {
      #expect(Self.problems(text).isEmpty, "\(Self.problems(text)) in \(text.prefix(300))")
    }
    #expect(sections.joined().contains("&lt;script&gt;alert(4)&lt;/script&gt;"))
  }

  /// The text and Markdown digests of the same repository escape for their own outputs.
  @Test(.enabled(if: Tool.find("git") != nil, "needs git"))
  func theOtherFormatsEscapeTheirOwnWay() throws {
    let repository = try Self.hostileRepository()
    let text = InProcess.run(["digest", "--as-of", "2026-02-13"], in: repository.path)
    #expect(text.status == 0, "\(text.standardError)")
    #expect(!text.standardOutput.unicodeScalars.contains { $0 != "\n" && $0.properties.generalCategory == .control })
    let markdown = InProcess.run(["digest", "--format", "markdown", "--as-of", "2026-02-13"], in: repository.path)
    #expect(markdown.status == 0)
    #expect(!markdown.standardOutput.contains("<"))
    #expect(markdown.standardOutput.contains("\\*bold\\*"))
  }
}
