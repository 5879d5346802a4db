import Foundation
import TestSupport
import Testing

/// Every text report fits the terminal it is printed on, at 40, 60, 80 and 120 columns.
///
/// The real binary runs under a real pseudo-terminal (util-linux's `script`, its size set with
/// `stty`, so `Terminal.width(of:)` asks the kernel). No line is wider than the terminal in
/// display columns, no number is cut, and at 40 columns rows stack.
@Suite struct TerminalWidthTests {
  static let script = CheckinRecordTests.utilLinuxScript
  static let git = Tool.find("git")
  static let columns = [40, 60, 80, 120]

  private static let acme = ["--repo", PackagePaths.path("examples/acme")]

  /// The commands on examples/acme, each with a day that gives it something to say.
  private static let acmeCommands: [[String]] = [
    ["score", "--as-of", "2026-09-30"], ["score", "--as-of", "2026-08-14"], ["status", "--as-of", "2026-08-07"],
    ["status", "--as-of", "2026-09-30"], ["alerts", "--as-of", "2026-08-07"], ["alerts", "--as-of", "2026-09-30"],
    ["checkin", "--as-of", "2026-08-07"], ["plan", "--as-of", "2026-08-07"], ["tree", "--as-of", "2026-08-07"],
    ["score", "--quarters", "2025-Q3..2026-Q4", "--as-of", "2026-09-30"], ["digest", "--as-of", "2026-08-07"],
    ["digest", "--as-of", "2026-09-04"],
  ]

  /// What a terminal of `columns` shows for `arguments` run in `directory`: lines without
  /// carriage returns or colour, standard output and standard error together.
  static func onTerminal(_ arguments: [String], columns: Int, in directory: String = PackagePaths.root) throws
    -> (status: Int32, lines: [String])
  {
    let command =
      "stty cols \(columns) rows 200; '\(PackagePaths.okrBinary)' "
      + arguments.map { "'\($0)'" }.joined(separator: " ")
    let result = try OKRCommand.run(["-qec", command, "/dev/null"], in: directory, executable: script!)
    var text = result.standardOutput.replacingOccurrences(of: "\r", with: "")
    while let escape = text.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) {
      text.removeSubrange(escape)
    }
    return (result.status, text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  }

  /// Columns on screen, counted apart from okr's own code: two for CJK, Hangul and fullwidth
  /// characters, none for a character of combining marks alone, one for anything else.
  static func displayWidth(_ line: String) -> Int {
    line.reduce(0) { sum, character in
      let scalars = character.unicodeScalars
      if scalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) { return sum }
      switch scalars.first!.value {
      case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
        return sum + 2
      default:
        return sum + 1
      }
    }
  }

  /// Every line fits `columns`.
  static func expectFits(_ lines: [String], _ columns: Int, _ what: [String]) {
    for line in lines {
      #expect(displayWidth(line) <= columns, "\(what.joined(separator: " ")) at \(columns): '\(line)'")
    }
  }

  /// The tokens holding a digit in the cells after each key result's title (the full layout,
  /// piped), each found as many times, whole, among the terminal's tokens.
  static func expectNumbersWhole(piped: String, terminal: [String], _ what: String) {
    var wanted: [Substring: Int] = [:]
    for line in piped.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("KR") {
      // Indent, id, title, then the cells, two spaces or more apart.
      let cells = line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      for cell in cells.dropFirst(2) {
        for token in cell.split(separator: " ") where token.contains(where: \.isNumber) {
          // A bar has no digits; trend sparklines neither: only numbers are asked for.
          wanted[token, default: 0] += 1
        }
      }
    }
    #expect(wanted.count > 5, "\(what)")
    var shown: [Substring: Int] = [:]
    for line in terminal {
      for token in line.split(separator: " ") { shown[token, default: 0] += 1 }
    }
    for (token, count) in wanted {
      #expect(shown[token, default: 0] >= count, "\(what): '\(token)' shown \(shown[token, default: 0]) of \(count)")
    }
  }

  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"), arguments: columns)
  func everyAcmeReportFits(_ columns: Int) throws {
    for command in Self.acmeCommands {
      let (status, lines) = try Self.onTerminal(command + Self.acme, columns: columns)
      #expect(status == 0 || command[0] == "alerts", "\(command)")
      #expect(lines.count > 5, "\(command)")
      Self.expectFits(lines, columns, command)
    }
  }

  /// A key result deleted in git is listed with a long flag (`deleted … in …, last score`): it wraps too.
  @Test(
    .enabled(if: script != nil && GitHistoryTests.git != nil, "needs script and git"), arguments: columns)
  func aDeletedKeyResultsFlagFits(_ columns: Int) throws {
    let directory = try DroppedKeyResultTests.gitRepository()
    for command in [["score"], ["history"], ["status"]] {
      let (status, lines) = try Self.onTerminal(
        command + ["--as-of", "2026-03-31"], columns: columns, in: directory.path)
      #expect(status == 0, "\(command)")
      Self.expectFits(lines, columns, command)
    }
  }

  /// People's strings that escape to long words (`\u{1B}[2J`, markup, formulas) fit too.
  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"), arguments: columns)
  func hostileStringsFit(_ columns: Int) throws {
    for command in [["score"], ["status"], ["alerts"], ["checkin"], ["plan"], ["tree"], ["digest"]] {
      let (_, lines) = try Self.onTerminal(
        command + ["--repo", PackagePaths.fixture("hostileStrings"), "--as-of", "2026-02-13"], columns: columns)
      #expect(lines.contains { $0.contains("\\u{1B}") }, "\(command)")
      Self.expectFits(lines, columns, command)
    }
  }

  /// Scores, actuals, goals and expected values are never cut: every one the full layout
  /// prints is on the terminal whole.
  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"), arguments: columns)
  func numbersAreNeverCut(_ columns: Int) throws {
    for command in [["score", "--as-of", "2026-09-30"], ["status", "--as-of", "2026-08-07"]] {
      let piped = try OKRCommand.run(command + Self.acme + ["--color", "never"])
      let (_, lines) = try Self.onTerminal(command + Self.acme + ["--color", "never"], columns: columns)
      Self.expectNumbersWhole(piped: piped.standardOutput, terminal: lines, "\(command) at \(columns)")
    }
  }

  /// At 40 columns a key result's title has a line of its own, its numbers below it; at 120
  /// they share one line.
  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"))
  func narrowTerminalsStack() throws {
    for command in [["score", "--as-of", "2026-09-30"], ["status", "--as-of", "2026-08-07"]] {
      let (_, narrow) = try Self.onTerminal(command + Self.acme, columns: 40)
      let title = try #require(narrow.firstIndex { $0.contains("KR1  Increase quarterly") }, "\(command)")
      #expect(!narrow[title].contains("598 €k"))
      #expect(narrow[title + 1].hasPrefix("    598 €k"), "\(command): '\(narrow[title + 1])'")
      let (_, wide) = try Self.onTerminal(command + Self.acme, columns: 120)
      #expect(wide.contains { $0.contains("KR1  Increase quarterly") && $0.contains("598 €k") }, "\(command)")
    }
  }

  /// The digest's heading and section titles wrap like its other lines, even narrower than any
  /// title: every line that starts at the margin fits, and each title's words are all there.
  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"), arguments: [24, 30, 40])
  func digestTitlesWrap(_ columns: Int) throws {
    let (status, lines) = try Self.onTerminal(["digest", "--as-of", "2026-08-07"] + Self.acme, columns: columns)
    #expect(status == 0)
    let margin = lines.filter { !$0.isEmpty && !$0.hasPrefix(" ") }
    #expect(margin.count == 6, "\(margin)")
    Self.expectFits(margin, columns, ["digest", "titles"])
    let words = lines.joined(separator: " ").split(separator: " ")
    for title in [
      "Acme · 2026-Q3 digest · 2026-08-01 to 2026-08-07", "Scores (change since 2026-07-31)",
      "Not checked in for 2026-W32", "Moved since 2026-07-31", "Definition changes since 2026-07-31",
    ] {
      #expect(words.joined(separator: " ").contains(title), "\(title) at \(columns)")
    }
  }

  /// Titles of wide characters and combining marks are measured in columns, not characters.
  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"), arguments: columns)
  func wideTitlesFit(_ columns: Int) throws {
    let directory = try Self.acmeCopy()
    let file = directory.path + "/okrs/2026-Q3/growth.yaml"
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "title: Increase trial-to-paid conversion from 12% to 18%",
      with: "title: トライアルから有料プランへの転換率を12%から18%に引き上げる")
    text = text.replacingOccurrences(
      of: "title: Turn more trials into paying customers", with: "title: \"Ame\u{301}liorer la conversion des essais\"")
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    for command in [
      ["score", "--as-of", "2026-09-30"], ["status", "--as-of", "2026-08-07"], ["checkin", "--as-of", "2026-08-07"],
    ] {
      let (status, lines) = try Self.onTerminal(command + ["--repo", directory.path], columns: columns)
      #expect(status == 0, "\(command): \(lines.prefix(3))")
      #expect(lines.contains { $0.contains("トライアル") }, "\(command)")
      Self.expectFits(lines, columns, command)
    }
  }

  /// History and diff read a git repository: examples/acme committed, then a target moved and a
  /// title lengthened.
  @Test(.enabled(if: script != nil && git != nil, "needs util-linux's script and git"), arguments: columns)
  func historyAndDiffFit(_ columns: Int) throws {
    let directory = try Self.acmeCopy()
    let file = directory.path + "/okrs/2026-Q3/growth.yaml"
    try Self.git(["init", "-q", "-b", "main"], in: directory.path, on: "2026-07-01")
    try Self.git(["add", "-A"], in: directory.path, on: "2026-07-01")
    try Self.git(["commit", "-q", "-m", "Plan"], in: directory.path, on: "2026-07-01")
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "title: Increase trial-to-paid conversion from 12% to 18%",
      with: "title: Increase trial-to-paid conversion from 12% to 17.5% across all self-serve channels and regions")
    text = text.replacingOccurrences(of: "target: 18\n", with: "target: 17.5\n")
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    try Self.git(["commit", "-q", "-am", "Move the target"], in: directory.path, on: "2026-08-03")
    for command in [
      ["history", "--team", "growth", "--as-of", "2026-08-10"],
      ["history", "--kr", "O1/KR1", "--team", "growth", "--as-of", "2026-08-10"],
      ["diff", "HEAD~1", "HEAD", "--as-of", "2026-08-10"],
    ] {
      let (status, lines) = try Self.onTerminal(command, columns: columns, in: directory.path)
      #expect(status == 0, "\(command): \(lines.prefix(3))")
      #expect(lines.contains { $0.contains("17.5") }, "\(command)")
      Self.expectFits(lines, columns, command)
    }
  }

  /// Lint's diagnostics and summary, and the messages of `checkin record` and `checkin import`.
  @Test(.enabled(if: script != nil, "needs util-linux's script for a pseudo-terminal"), arguments: columns)
  func lintAndCheckinMessagesFit(_ columns: Int) throws {
    let (status, lint) = try Self.onTerminal(
      ["lint", "--repo", "."], columns: columns, in: PackagePaths.fixture("lintTenMistakes"))
    #expect(status == 1)
    #expect(lint.contains { $0.hasPrefix("10 errors") })
    Self.expectFits(lint, columns, ["lint"])

    let directory = try Self.acmeCopy()
    let recorded = try Self.onTerminal(
      [
        "checkin", "record", "--team", "growth", "--as-of", "2026-09-30", "--by", "maria", "--kr", "O1/KR1", "--value",
        "17",
      ],
      columns: columns, in: directory.path)
    #expect(recorded.status == 0, "\(recorded.lines)")
    #expect(recorded.lines.joined(separator: " ").contains("checkins/2026-Q3/growth.yaml"))
    Self.expectFits(recorded.lines, columns, ["checkin", "record"])
    try "team,kr,value,date\r\nonboarding,O1/KR1,44,2026-09-30\r\n".write(
      toFile: directory.path + "/week.csv", atomically: true, encoding: .utf8)
    for expected in ["recorded 1 key result", "already recorded:"] {
      let imported = try Self.onTerminal(
        ["checkin", "import", "week.csv", "--by", "sheet"], columns: columns, in: directory.path)
      #expect(imported.status == 0, "\(imported.lines)")
      #expect(imported.lines.contains { $0.hasPrefix(expected) }, "\(imported.lines)")
      Self.expectFits(imported.lines, columns, ["checkin", "import"])
    }
  }

  private static func acmeCopy() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let copy = try OKRCommand.run(
      ["-R", PackagePaths.path("examples/acme") + "/.", directory.path], executable: Tool.find("cp")!)
    #expect(copy.status == 0)
    return directory
  }

  private static func git(_ arguments: [String], in directory: String, on day: String) throws {
    try FixedGit.run(arguments, in: directory, on: day)
  }
}

/// The plan's rituals and the override's line, piped (the full layout).
@Suite struct PlanAndOverrideTextTests {
  /// A check-in on Wednesday, Thursday or Saturday has a longer day name than Friday's: the
  /// rituals' text column moves right for it rather than running into the dates.
  @Test(arguments: ["wednesday", "thursday", "saturday"])
  func ritualsKeepTheirColumn(_ day: String) throws {
    let directory = try TemporaryDirectory()
    _ = try OKRCommand.run(
      ["-R", PackagePaths.path("examples/acme") + "/.", directory.path], executable: Tool.find("cp")!)
    let config = try directory.read("okr.yaml").replacingOccurrences(
      of: "checkin_day: friday", with: "checkin_day: \(day)")
    try directory.write("okr.yaml", config)
    let result = InProcess.run(["plan", "--team", "growth", "--as-of", "2026-08-05"], in: directory.path)
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    let start = try #require(lines.firstIndex(of: "Rituals"))
    let rituals = lines[(start + 1)...].prefix { !$0.hasPrefix("  quarter marks") }
    #expect(rituals.count == 5)
    let checkin = try #require(rituals.first { $0.contains("weekly check-in") })
    #expect(checkin.hasPrefix("  \(day.prefix(1).uppercased())\(day.dropFirst())s 2026-"))
    #expect(
      checkin.range(of: #"\d{4}-\d\d-\d\d {2,}weekly check-in"#, options: .regularExpression) != nil, "\(checkin)")
    // Every ritual's text starts in the same column.
    let columns = Set(
      rituals.map { line in
        line.distance(
          from: line.startIndex, to: line.range(of: #"(?<=\S) {2,}"#, options: .regularExpression)!.upperBound)
      })
    #expect(columns.count == 1, "\(rituals)")
  }

  /// Score and status text show an overridden key result's computed score and its note.
  @Test func overridesShowTheComputedScoreAndTheNote() throws {
    let note =
      "— The survey moved from in-app to email in August and the response rate fell to 6%; amara and priya agreed to score it 0.6, not 0.65."
    let score = InProcess.run(["score", "--repo", "examples/acme", "--as-of", "2026-09-30"])
    #expect(score.standardOutput.contains("             0.6 (override; computed 0.65) \(note)\n"))
    let status = InProcess.run(["status", "--repo", "examples/acme", "--as-of", "2026-08-07"])
    #expect(status.standardOutput.contains("0.6 (override; computed 0.38) \(note)\n"))
    // On a narrow terminal the note wraps under the key result, every word kept.
    let narrow = InProcess.run(
      ["score", "--repo", "examples/acme", "--as-of", "2026-09-30", "--color", "never"], width: 40)
    let lines = narrow.standardOutput.split(separator: "\n")
    let first = try #require(lines.firstIndex { $0.contains("(override;") })
    let wrapped = lines[first...].prefix { $0.hasPrefix("             ") }
      .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    #expect(wrapped == "0.6 (override; computed 0.65) \(note)")
    for line in lines { #expect(line.count <= 40, "'\(line)'") }
    // JSON is unchanged: the override's fields were there already.
    let json = InProcess.run(["score", "--format", "json", "--repo", "examples/acme", "--as-of", "2026-09-30"])
    #expect(json.standardOutput.contains("\"computed_score\""))
  }
}
