import Foundation
import TestSupport
import Testing

/// Files that lint used to accept and that made a command work without bound.
///
/// No timings: each asserts the message, the exit code and a count (sprints
/// laid out, diagnostics printed) that must stay under a bound.
@Suite struct BoundedWorkTests {
  /// The 319-byte file of issue 13: ten thousand years in one-day sprints.
  private static let tenThousandYears = """
    quarter: 2026-Q1
    period: {start: 0001-01-01, end: 9999-12-31}
    team: growth
    cadence: {sprint_length: 1d}
    objectives:
      - id: O1
        title: Customers get started without support
        key_results:
          - {id: KR1, title: Raise self-service onboarding, baseline: 35, target: 65}

    """

  @Test func aPeriodOfTenThousandYearsIsALintError() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.tenThousandYears)
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 1)
    #expect(
      lint.standardError
        == "okrs/2026-Q1/growth.yaml:2:34: error: 'period' from 0001-01-01 to 9999-12-31 is 3652059 days long; a cycle may be at most 400 days [invalid-value]\n1 error and 0 warnings in 1 file\n"
    )
  }

  @Test(arguments: [["plan"], ["plan", "--format", "json"], ["status"], ["checkin"], ["score"], ["alerts"], ["tree"]])
  func everyReportRefusesAPeriodOfTenThousandYears(_ command: [String]) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.tenThousandYears)
    let result = InProcess.run(command + ["--as-of", "2026-02-01"], in: directory.path)
    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(result.standardError.hasPrefix("okrs/2026-Q1/growth.yaml:2:34: error: 'period' from 0001-01-01"))
    #expect(result.standardError.hasSuffix("fix these errors first; 'okr lint' shows every problem\n"))
  }

  @Test func aPeriodOfFourHundredDaysInOneDaySprintsPlansFourHundredSprintsAtMost() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      Self.tenThousandYears.replacingOccurrences(
        of: "{start: 0001-01-01, end: 9999-12-31}", with: "{start: 2026-01-01, end: 2027-02-04}"))
    #expect(InProcess.run(["lint"], in: directory.path).status == 0)
    let result = InProcess.run(["plan", "--format", "json", "--as-of", "2026-02-01"], in: directory.path)
    #expect(result.status == 0)
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let sprints = try #require((plan["teams"] as? [[String: Any]])?.first?["sprints"] as? [[String: Any]])
    // Sprint 1 starts on the first Monday, 2026-01-05: 396 one-day sprints.
    #expect(sprints.count == 396)
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      Self.tenThousandYears.replacingOccurrences(
        of: "{start: 0001-01-01, end: 9999-12-31}", with: "{start: 2026-01-01, end: 2027-02-05}"))
    let longer = InProcess.run(["lint"], in: directory.path)
    #expect(longer.status == 1)
    #expect(longer.standardError.contains("is 401 days long; a cycle may be at most 400 days [invalid-value]"))
  }

  @Test func aSprintOfNoDaysIsALintError() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      Self.tenThousandYears.replacingOccurrences(of: "period: {start: 0001-01-01, end: 9999-12-31}\n", with: "")
        .replacingOccurrences(of: "sprint_length: 1d", with: "sprint_length: 0d"))
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 1)
    #expect(lint.standardError.hasPrefix("okrs/2026-Q1/growth.yaml:3:26: error: 'sprint_length' must be"))
  }

  /// A quarter file followed by `count` keys the format does not define.
  private static func quarterFile(unknownKeys count: Int = 0) -> String {
    """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: T
        key_results:
          - {id: KR1, title: K, baseline: 0, target: 1}

    """ + (0..<count).map { "k\($0): 1\n" }.joined()
  }

  @Test func aHundredThousandUnknownKeysListAHundredAndOneSummary() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.quarterFile(unknownKeys: 100_000))
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 1)
    let lines = lint.standardError.split(separator: "\n")
    #expect(lines.count == 100 + 1 + 1)
    #expect(lines.first == "okrs/2026-Q1/growth.yaml:8:1: error: unknown key 'k0' in quarter file [unknown-key]")
    #expect(
      lines.dropLast().last
        == "okrs/2026-Q1/growth.yaml:108:1: error: and 99900 more unknown keys in this file; only the first 100 are listed [unknown-key]"
    )
    let json = InProcess.run(["lint", "--format", "json"], in: directory.path)
    #expect(json.status == 1)
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
    #expect(entries.count == 101)
    let score = InProcess.run(["score", "--as-of", "2026-02-01"], in: directory.path)
    #expect(score.status == 1)
    #expect(score.standardOutput == "")
    #expect(score.standardError.split(separator: "\n").count == 100 + 1 + 2)
  }

  @Test func aMegabyteTitleIsQuotedCutInEveryMessage() throws {
    // Four SMART warnings name the micro-goal: each used to quote the whole megabyte.
    let directory = try TemporaryDirectory()
    let title = String(repeating: "x", count: 1_000_000)
    try directory.write(
      "okrs/2026-Q1/growth.yaml",
      Self.quarterFile() + "micro_goals:\n  - title: \(title)\n")
    let lint = InProcess.run(["lint"], in: directory.path)
    #expect(lint.status == 0)
    let lines = lint.standardError.split(separator: "\n")
    #expect(lines.count == 4 + 1)
    #expect(lines.allSatisfy { $0.utf8.count < 250 })
    #expect(
      lines.contains(
        "okrs/2026-Q1/growth.yaml:9:5: warning: micro-goal '\(String(repeating: "x", count: 80))…' has no owner [smart-owner]"
      ))
  }

  // MARK: Escaping

  /// A lint-clean quarter file whose objective and key result titles are each
  /// half a million BELs: a megabyte of `\a` escapes in the YAML.
  private static let megabyteOfEscapes = """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: "\(String(repeating: "\\a", count: 500_000))"
        key_results:
          - {id: KR1, title: "\(String(repeating: "\\a", count: 500_000))", baseline: 0, target: 10, current: 5}

    """

  /// Each output escapes a megabyte of control characters in one pass.
  ///
  /// Escaping used to copy all it had escaped for every escape: a quarter of
  /// this took 3–13 seconds per report, and all of it minutes. The binary runs
  /// under a CPU limit of a minute (a hundred times what linear work takes,
  /// even in a debug build), so quadratic work ends the run with SIGXCPU
  /// rather than the suite; what is asserted is the output: every BEL shown
  /// as `\u{7}` once per place the title is printed, and none raw.
  @Test(
    arguments: [
      (["tree"], 500_000), (["score", "--format", "csv"], 1_000_000), (["score", "--format", "markdown"], 1_000_000),
      (["score", "--format", "html"], 1_500_000), (["status", "--format", "html"], 1_500_000),
      (["status", "--format", "markdown"], 500_000), (["score"], nil), (["status"], nil),
    ] as [([String], Int?)])
  func aMegabyteOfEscapesIsEscapedOnce(_ command: [String], escapes: Int?) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.megabyteOfEscapes)
    let result = try OKRCommand.run(
      ["-c", "ulimit -t 60 && exec \"$0\" \"$@\"", PackagePaths.okrBinary] + command + ["--as-of", "2026-02-01"],
      in: directory.path, executable: "/bin/sh")
    #expect(result.status == 0, "\(command): \(result.standardError)")
    #expect(!result.standardOutput.unicodeScalars.contains("\u{7}"))
    let shown = result.standardOutput.components(separatedBy: "\\u{7}").count - 1
    if let escapes {
      #expect(shown == escapes, "\(command)")
    } else {
      // Text reports cut titles to their column, after escaping.
      #expect(shown > 0 && shown < 100, "\(command)")
      #expect(result.standardOutput.contains("…"))
    }
  }

  // MARK: Exact numbers

  private static let extremeRange = """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: Extremes
        key_results:
          - {id: KR1, title: Wide, baseline: -1e308, target: 1e308, current: 0}

    """

  @Test func aRangeWhoseSpanOverflowsScoresHalfwayAtZero() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.extremeRange)
    let result = InProcess.run(["score", "--format", "json", "--as-of", "2026-03-31"], in: directory.path)
    #expect(result.status == 0)
    let card = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let team = try #require((card["teams"] as? [[String: Any]])?.first)
    let keyResult = try #require(
      ((team["objectives"] as? [[String: Any]])?.first?["key_results"] as? [[String: Any]])?.first)
    #expect(keyResult["score"] as? Double == 0.5)
    let plan = InProcess.run(["plan", "--as-of", "2026-02-01"], in: directory.path)
    #expect(plan.status == 0)
    #expect(!plan.standardOutput.contains("inf"))
  }

  /// Expected values, projections and chart coordinates stay finite for a range whose span overflows.
  @Test(arguments: [
    ["status"], ["checkin"], ["plan"], ["history"], ["score", "--format", "html"], ["status", "--format", "json"],
  ])
  func anOverflowingRangeShowsNoInfinityOrNaN(_ command: [String]) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.extremeRange)
    let result = InProcess.run(command + ["--as-of", "2026-02-13"], in: directory.path)
    #expect(result.status == 0)
    let lowered = result.standardOutput.lowercased()
    #expect(!lowered.contains("nan") && !lowered.contains("inf"), "\(command)")
  }

  /// A decreasing key result across nearly all of a double's range, and check-ins at its ends.
  private static let extremeDecrease = """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: Extremes
        key_results:
          - {id: KR1, title: Down, baseline: 1e308, target: -1e308, current: 0}
          - {id: KR2, title: Up, baseline: -1.79769313486231e308, target: 1.79769313486231e308}

    """

  private static let extremeCheckins = """
    ---
    team: growth
    quarter: 2026-Q1
    week: 2026-W03
    key_results:
      O1/KR1: {value: 1.79769313486231e308, confidence: 7}
      O1/KR2: {value: -1.79769313486231e308, confidence: 7}
    ---
    team: growth
    quarter: 2026-Q1
    week: 2026-W05
    key_results:
      O1/KR1: {value: -1.79769313486231e308, confidence: 3}
      O1/KR2: {value: 1.79769313486231e308, confidence: 7}

    """

  /// The projection's value used to be `baseline + score × (target − baseline)`:
  /// the span overflows, and a score of 0 times it drew `-nan` in the page.
  @Test(arguments: [["score", "--format", "html"], ["status", "--format", "html"]])
  func extremeLintCleanNumbersDrawNoNaN(_ command: [String]) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.extremeDecrease)
    try directory.write("checkins/2026-Q1/growth.yaml", Self.extremeCheckins)
    #expect(try OKRCommand.run(["lint"], in: directory.path).status == 0)
    let result = try OKRCommand.run(command + ["--as-of", "2026-02-13"], in: directory.path)
    #expect(result.status == 0)
    let lowered = result.standardOutput.lowercased().replacingOccurrences(of: "dominant-baseline", with: "")
    #expect(!lowered.contains("nan") && !lowered.contains("inf"), "\(command)")
    // Both projections are drawn, each at a finite value within its range.
    let projections = result.standardOutput.components(separatedBy: "<line class=\"projection\"").count - 1
    #expect(projections == 2)
    #expect(result.standardOutput.contains("projected 0.0 (1.0000000000000002e+308) by 2026-03-31"))
    #expect(!result.standardOutput.contains("left out of the chart"))
  }

  @Test func aValueADoubleCannotKeepIsNotRecorded() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", Self.extremeRange)
    let result = InProcess.run(
      [
        "checkin", "record", "--team", "growth", "--kr", "O1/KR1", "--value", "12345678901234567890123456789",
        "--as-of", "2026-02-13",
      ], in: directory.path)
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "error: value '12345678901234567890123456789' for 'O1/KR1' cannot be kept exactly; okr keeps numbers up to 15 significant digits, so round it; nothing was recorded\n"
    )
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins"))
  }
}
