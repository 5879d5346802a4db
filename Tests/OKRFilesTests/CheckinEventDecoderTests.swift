import Foundation
import OKRCore
import TestSupport
import Testing
import YAMLKit

@_spi(Fuzzing) @testable import OKRFiles

/// The event decoder of check-in logs reads what the node decoder reads.
///
/// Whatever it accepts, the node decoder (the loader, reading the same bytes
/// into nodes) must accept without a diagnostic and decode to the same
/// check-ins, values and positions alike; everything the node decoder has a
/// word about, the event decoder must refuse, so that the loader falls back
/// and reports it. Checked on written cases of every shape and on 1,500
/// random logs built from right and wrong keys and values.
@Suite struct CheckinEventDecoderTests {
  static let header = "team: growth\nquarter: 2026-Q1\nweek: 2026-W03\n"

  /// Logs the event decoder must take: (name, text).
  static let accepted: [(String, String)] = [
    ("flow entries", header + "key_results:\n  O1/KR1: {value: 16.3, confidence: yellow}\n  O1/KR2: {done: true}\n"),
    (
      "block entries with a note and blockers",
      header + "date: 2026-01-16\nby: priya\nkey_results:\n  O1/KR1:\n    value: -4\n    confidence: 0\n"
        + "    note: |\n      moved \"a\"\n      next: b\n    blockers:\n      - legal\n      - 'review: slow'\n"
    ),
    (
      "milestones, nulls and empty lists",
      header + "by: ~\nkey_results:\n  O2/KR3: {milestones_done: [Beta, 'GA', ~], confidence: 10, note: ~}\n"
        + "  O2/KR4: {milestones_done: [], blockers: [], value: ~}\n  O2/KR5: {blockers: ~, done: False}\n"
    ),
    (
      "quoted keys and text",
      "'team': \"growth\"\n\"quarter\": '2026-Q1'\nweek: \"2026-W03\"\nkey_results:\n  \"O1/KR1\": {note: \"été 🎉\"}\n"
    ),
    ("no entries", header + "key_results: {}\n"),
    (
      "an import id",
      header + "import: sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        + "key_results:\n  O1/KR1: {value: 1}\n"
    ),
    (
      "several documents, a comment-only one, document ends",
      "# Weekly check-ins\n---\n" + header + "key_results:\n  O1/KR1: {value: 1}\n...\n---\n# nothing yet\n---\n"
        + "team: growth\nquarter: 2026-Q1\nweek: 2026-W04\nkey_results:\n  O1/KR1: {value: 2, confidence: \"green\"}\n"
    ),
    (
      "CRLF line ends", (header + "key_results:\n  O1/KR1: {value: 1e3}\n").replacingOccurrences(of: "\n", with: "\r\n")
    ),
    ("byte-order mark", "\u{FEFF}" + header + "key_results:\n  O1/KR1: {value: 0.1}\n"),
    (
      "numbers of every spelling",
      header + "key_results:\n  O1/KR1: {value: 0x1F}\n  O1/KR2: {value: -0.0}\n  O1/KR3: {value: 123456789012345}\n"
    ),
    ("an explicit key", "? team\n: growth\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results: {O1/KR1: {done: false}}\n"),
  ]

  /// Logs the event decoder must leave to the node decoder: (name, text).
  static let refused: [(String, String)] = [
    ("an unknown key", header + "mood: fine\nkey_results: {}\n"),
    ("an unknown entry key", header + "key_results:\n  O1/KR1: {vlaue: 1}\n"),
    ("a repeated key", header + "team: other\nkey_results: {}\n"),
    ("a repeated entry key", header + "key_results:\n  O1/KR1: {value: 1, value: 2}\n"),
    ("a repeated key result", header + "key_results:\n  O1/KR1: {value: 1}\n  O1/KR1: {value: 2}\n"),
    ("an anchor and an alias", header + "key_results:\n  O1/KR1: &a {value: 1}\n  O1/KR2: *a\n"),
    ("a tag", header + "key_results:\n  O1/KR1: {value: !!float 1}\n"),
    ("a merge key", header + "key_results:\n  O1/KR1: {<<: {value: 1}}\n"),
    ("no team", "quarter: 2026-Q1\nweek: 2026-W03\nkey_results: {}\n"),
    ("a null team", "team: ~\nquarter: 2026-Q1\nweek: 2026-W03\nkey_results: {}\n"),
    ("a week that does not exist", "team: growth\nquarter: 2026-Q1\nweek: 2026-W54\nkey_results: {}\n"),
    ("a date that does not exist", header + "date: 2026-02-30\nkey_results: {}\n"),
    ("null key results", header + "key_results: ~\n"),
    ("key results as a list", header + "key_results: [O1/KR1]\n"),
    ("a quoted number", header + "key_results:\n  O1/KR1: {value: \"12\"}\n"),
    ("an infinite number", header + "key_results:\n  O1/KR1: {value: .inf}\n"),
    ("too many digits", header + "key_results:\n  O1/KR1: {value: 1.2345678901234567}\n"),
    ("a confidence of 11", header + "key_results:\n  O1/KR1: {confidence: 11}\n"),
    ("a quoted confidence", header + "key_results:\n  O1/KR1: {confidence: \"7\"}\n"),
    ("yes for done", header + "key_results:\n  O1/KR1: {done: yes}\n"),
    ("a lone milestone", header + "key_results:\n  O1/KR1: {milestones_done: Beta}\n"),
    ("nested blockers", header + "key_results:\n  O1/KR1: {blockers: [[a]]}\n"),
    ("a key that names no key result", header + "key_results:\n  O1-KR1: {value: 1}\n"),
    ("an entry that is no mapping", header + "key_results:\n  O1/KR1: 5\n"),
    ("a list document", "- team: growth\n"),
    ("a text document", "growth\n"),
    ("an empty file", ""),
    ("only comments", "# nothing yet\n"),
    ("a tab for indentation", header + "key_results:\n\tO1/KR1: {value: 1}\n"),
    ("a quarter file", "team: growth\nquarter: 2026-Q1\nobjectives: []\n"),
  ]

  private let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
  }

  /// Decodes `text` both ways and fails the test when they disagree.
  ///
  /// - Returns: Whether the event decoder took it.
  private func agree(_ text: String, _ name: String) throws -> Bool {
    // Outside checkins/, the loader never tries events: it parses nodes and decides by the content.
    let relative = "logs/case.yaml"
    try directory.write(relative, text)
    let path = directory.path + "/" + relative
    let nodes = RepositoryLoader().loadFile(path, isConfig: false, root: directory.path)
    guard let events = CheckinLogEventDecoder.decode(Array(text.utf8), path: path, limits: .default, cycle: nil)
    else { return false }
    #expect(nodes.diagnostics.isEmpty, "\(name): \(nodes.diagnostics.map(\.message))")
    guard case .checkinLog(let log)? = nodes.content else {
      Issue.record("\(name): the node decoder read no check-in log")
      return true
    }
    #expect(described(events) == described(log.checkins), "\(name)")
    return true
  }

  private func described(_ checkins: [Checkin]) -> String {
    var text = ""
    dump(checkins, to: &text)
    return text
  }

  @Test func takesWhatTheNodeDecoderTakesWithoutAWord() throws {
    for (name, text) in Self.accepted {
      #expect(try agree(text, name), "\(name) was refused")
    }
  }

  @Test func leavesEveryProblemToTheNodeDecoder() throws {
    for (name, text) in Self.refused {
      #expect(try !agree(text, name), "\(name) was taken")
    }
  }

  /// A report reads a log of another cycle no further than its head, as the node decoder
  /// does: the event decoder leaves it as soon as the first `quarter:` says so, and leaves a
  /// log whose first `quarter:` comes after its `key_results:` too.
  @Test func aReportLeavesOtherCyclesLogsAtTheirHeads() {
    func decoded(_ text: String, _ cycle: String?) -> [Checkin]? {
      CheckinLogEventDecoder.decode(Array(text.utf8), path: "c.yaml", limits: .default, cycle: cycle)
    }
    let own = Self.header + "key_results:\n  O1/KR1: {value: 1}\n"
    let other = own.replacingOccurrences(of: "2026-Q1", with: "2025-Q4")
    let late = "team: growth\nweek: 2026-W03\nkey_results:\n  O1/KR1: {value: 1}\nquarter: 2026-Q1\n"
    #expect(decoded(own, "2026-Q1")?.count == 1)
    #expect(decoded(other, "2026-Q1") == nil)
    #expect(decoded(other, nil)?.count == 1)
    #expect(decoded(late, "2026-Q1") == nil)
    #expect(decoded(late, nil)?.count == 1)
    // Later documents of other cycles are read; the loader keeps the reported cycle's.
    #expect(decoded(own + "---\n" + other, "2026-Q1")?.map(\.cycle.value) == ["2026-Q1", "2025-Q4"])
  }

  @Test func agreesOnRandomLogs() throws {
    var random = SeededGenerator(seed: 0xC4EC_1)
    let values = [
      "~", "''", "12", "\"12\"", "1.5", "-3", "0", "1e400", ".inf", "0x1F", "1_000", "true", "false", "yes", "green",
      "red", "'yellow'", "blue", "11", "[a, ~]", "[]", "{}", "{a: 1}", "!!str 5", "2026-W03", "2026-W99", "2026-01-15",
      "2026-02-30", "1234567890123456", "0.1", "O1/KR1", "Beta", "[Beta, 'GA']", "\"two\\nlines\"", "&x 1",
    ]
    let rightValues = [
      "value": ["12", "1.5", "-3", "0", "0x1F", "~", "1e3"], "done": ["true", "false", "~"],
      "confidence": ["green", "red", "'yellow'", "0", "10", "~"], "note": ["fine", "'a: b'", "~", "12"],
      "blockers": ["[]", "[a, ~]", "~"], "milestones_done": ["[Beta, 'GA']", "[]", "~"],
    ]
    let entryKeys = ["value", "done", "confidence", "note", "blockers", "milestones_done", "vlaue", "<<"]
    let topValues = [
      "team": ["growth", "~", "'growth'", "[growth]"], "quarter": ["2026-Q1", "2026-Q2", "~"],
      "week": ["2026-W03", "2026-W04", "2026-W99", "3"], "date": ["2026-01-16", "~", "2026-13-01"],
      "by": ["priya", "~", "{a: b}"], "import": ["sha256:e3b0c442", "~", "[a]"],
    ]
    var taken = 0
    for round in 0..<1_500 {
      var text = ""
      for _ in 0..<Int(random.next() % 2) + 1 {
        text += "---\n"
        for key in ["team", "quarter", "week", "date", "by", "import"] where random.next() % 16 != 0 {
          let choices = topValues[key]!
          // Mostly the first, right value; sometimes another.
          let value = random.next() % 8 == 0 ? choices[Int(random.next() % UInt64(choices.count))] : choices[0]
          text += "\(key): \(value)\n"
        }
        if random.next() % 20 == 0 { text += "mood: fine\n" }
        text += "key_results:\n"
        for entry in 0..<Int(random.next() % 4) {
          let reference = random.next() % 12 == 0 ? "O1-KR\(entry)" : "O\(entry % 2 + 1)/KR\(entry + 1)"
          // Usually different keys (a repeated one is refused), now and then a wrong one.
          let keys = (0..<Int(random.next() % 3) + 1).map { _ in
            entryKeys[Int(random.next() % UInt64(random.next() % 6 == 0 ? entryKeys.count : 6))]
          }
          let fields = (random.next() % 6 == 0 ? keys : Array(Set(keys)).sorted()).map { key in
            // Mostly a value of the right kind for the key; sometimes any.
            let choices = random.next() % 8 == 0 ? values : (rightValues[key] ?? values)
            return "\(key): \(choices[Int(random.next() % UInt64(choices.count))])"
          }
          text += "  \(reference): {\(fields.joined(separator: ", "))}\n"
        }
      }
      if try agree(text, "random log \(round):\n\(text)") { taken += 1 }
    }
    // Enough of both kinds to mean something.
    #expect(taken > 150)
    #expect(taken < 1_350)
  }

  /// The fuzzer gives its files as contents without a root, and must reach the
  /// event decoder through the loader as a repository on disk does: the empty
  /// root once joined into `/checkins/`, which no such path starts with.
  @Test func filesGivenWithoutARootAreInTheirFolders() {
    #expect(RepositoryLoader.join("", "checkins") == "checkins")
    // Neither `week` nor `key_results`: a check-in log by its folder alone.
    let bytes = Array("team: growth\nquarter: 2026-Q1\n".utf8)
    let onDisk = RepositoryLoader().load(root: "/r", contents: [("/r/checkins/2026-Q1/growth.yaml", bytes)])
    let given = RepositoryLoader().load(contents: [("checkins/2026-Q1/growth.yaml", bytes)])
    #expect(!given.diagnostics.isEmpty)
    #expect(given.diagnostics.map(\.message) == onDisk.diagnostics.map(\.message))
  }

  /// The fuzzer's oracle finds no disagreement where the written cases agree.
  @Test func theFuzzersOracleAgreesOnTheWrittenCases() {
    for (name, text) in Self.accepted + Self.refused {
      for cycle in [nil, "2026-Q1", "2025-Q4"] {
        let disagreement = RepositoryLoader().checkinDecodersDisagreement(
          Array(text.utf8), path: "checkins/2026-Q1/growth.yaml", cycle: cycle)
        #expect(disagreement == nil, "\(name): \(disagreement ?? "")")
      }
    }
  }
}
