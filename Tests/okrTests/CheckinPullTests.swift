import Foundation
import TestSupport
import Testing
import YAMLKit

/// `okr checkin pull`, end to end.
///
/// Values are read from files and commands, recorded all or nothing, once a week, and no other command ever runs
/// a source. Every run is the real binary, in real folders, running real processes.
@Suite struct CheckinPullTests {
  static let existingLog = """
    # Hand-written history: okr must keep these bytes exactly.
    ---
    team: growth
    quarter: 2026-Q1
    week: 2026-W02
    key_results:
      O1/KR1: {value: 3, confidence: 6}

    """

  /// Growth's quarter file: KR1 from a JSON pointer, KR2 from a CSV column, KR3 (boolean) and KR4 (threshold)
  /// from commands; `kr1` replaces KR1's source.
  static func quarterFile(team: String = "growth", kr1: String? = nil) -> String {
    """
    quarter: 2026-Q1
    team: \(team)
    objectives:
      - id: O1
        title: Grow
        key_results:
          - id: KR1
            title: Conversion
            baseline: 0
            target: 10
            source: \(kr1 ?? "{file: metrics/weekly.json, pointer: /trials/conv~1rate}")
          - id: KR2
            title: NPS
            baseline: 0
            target: 100
            source: {file: metrics/export.csv, column: nps}
          - id: KR3
            title: Launch
            type: boolean
            source: {command: [/bin/sh, -c, 'echo true']}
          - id: KR4
            title: Latency
            type: threshold
            keep: below
            bound: 300
            source: {command: [/bin/sh, -c, 'echo "  240"; echo noise >&2']}
          - id: KR5
            title: Typed by hand
            baseline: 0
            target: 5

    """
  }

  static func repository(kr1: String? = nil) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    try directory.write("okr.yaml", "organization: Test\n")
    try directory.write("okrs/2026-Q1/growth.yaml", quarterFile(kr1: kr1))
    try directory.write("checkins/2026-Q1/growth.yaml", existingLog)
    try directory.write("metrics/weekly.json", "{\"trials\": {\"conv/rate\": 4.50, \"other\": [1, {\"x\": null}]}}\n")
    try directory.write("metrics/export.csv", "week,nps\n2026-W02,30\n2026-W03,41\n,\n")
    return directory
  }

  static func pull(_ arguments: [String] = [], in directory: TemporaryDirectory) throws -> CommandResult {
    try OKRCommand.run(["checkin", "pull", "--as-of", "2026-01-16"] + arguments, in: directory.path)
  }

  static func documents(_ directory: TemporaryDirectory, _ team: String = "growth") throws -> [Node] {
    let stream = YAMLParser.parse(try directory.read("checkins/2026-Q1/\(team).yaml"))
    #expect(stream.errors.isEmpty)
    return stream.documents.map(\.root)
  }

  @Test func aPointerAColumnAndCommandsAreRecordedAsOneCheckinBySource() throws {
    let directory = try Self.repository()
    let result = try Self.pull(in: directory)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardOutput == """
        growth O1/KR1: 4.50
        growth O1/KR2: 41
        growth O1/KR3: true
        growth O1/KR4: 240
        recorded 4 key results for growth on 2026-01-16 in checkins/2026-Q1/growth.yaml

        """)
    let log = try directory.read("checkins/2026-Q1/growth.yaml")
    #expect(log.hasPrefix(Self.existingLog))
    let documents = try Self.documents(directory)
    #expect(documents.count == 2)
    let pulled = try #require(documents.last)
    #expect(pulled["by"]?.scalarText == "source")
    #expect(pulled["week"]?.scalarText == "2026-W03")
    #expect(pulled["date"]?.scalarText == "2026-01-16")
    let entries = try #require(pulled["key_results"])
    #expect(entries["O1/KR1"]?["value"]?.scalarText == "4.50")
    #expect(entries["O1/KR2"]?["value"]?.scalarText == "41")
    #expect(entries["O1/KR3"]?["done"]?.resolvedScalar == .bool(true))
    #expect(entries["O1/KR4"]?["value"]?.scalarText == "240")
    #expect(entries["O1/KR5"] == nil)
    // Confidence stays a person's word.
    #expect(!log.dropFirst(Self.existingLog.count).contains("confidence"))
    let lint = try OKRCommand.run(["lint"], in: directory.path)
    #expect(lint.status == 0, "\(lint.standardError)")
  }

  /// A source that fails, the files it needs, the reason reported, and extra arguments.
  static let failing: [(String, [String: String], String, [String])] = [
    (
      "{command: [/bin/sh, -c, 'echo half >&2; echo way >&2; exit 3']}", [:],
      "the command exited with 3: half / way", []
    ),
    ("{command: [/bin/sh, -c, 'echo forty']}", [:], "the command's output is 'forty', not one number", []),
    ("{command: [/bin/sh, -c, 'echo 1; echo 2']}", [:], "the command's output is '1\\u{A}2', not one number", []),
    ("{command: [/bin/sh, -c, 'true']}", [:], "the command's output is empty, not a number", []),
    ("{command: [/bin/sh, -c, 'kill -9 $$']}", [:], "the command was killed by signal 9", []),
    ("{command: [no-such-program-okr]}", [:], "the command's program 'no-such-program-okr' is not on PATH", []),
    (
      "{command: [/bin/sh, -c, 'yes 1']}", [:], "the command printed more than 64 KiB; it must print one value", []
    ),
    (
      "{file: metrics/weekly.json, pointer: /trials/missing}", [:],
      "file 'metrics/weekly.json' has no member 'missing' in '/trials'", []
    ),
    (
      "{file: metrics/weekly.json, pointer: /trials/other/5}", [:],
      "file 'metrics/weekly.json' has no item '5' in '/trials/other', an array of 2 items", []
    ),
    (
      "{file: metrics/weekly.json, pointer: /trials/other/1}", [:],
      "'/trials/other/1' in 'metrics/weekly.json' is an object, not a number", []
    ),
    (
      "{file: metrics/text.json, pointer: /a}", ["metrics/text.json": "{\"a\": \"12\"}"],
      "'/a' in 'metrics/text.json' is the string '12', not a number", []
    ),
    (
      "{file: metrics/broken.json, pointer: /a}", ["metrics/broken.json": "{\"a\": 1,}"],
      "file 'metrics/broken.json' is not JSON at line 1, column 9: a member's name belongs here", []
    ),
    ("{file: metrics/gone.json, pointer: /a}", [:], "file 'metrics/gone.json' does not exist", []),
    (
      "{file: metrics/fifo.json, pointer: /a}", ["metrics/fifo.json": "<fifo>"],
      "file 'metrics/fifo.json' is not a regular file", []
    ),
    (
      "{file: metrics/deep.json, pointer: /a}", ["metrics/deep.json": String(repeating: "[", count: 100_000)],
      "file 'metrics/deep.json' is nested deeper than 512 levels; okr reads at most that", []
    ),
    (
      "{file: metrics/export.csv, column: np}", [:],
      "file 'metrics/export.csv' has no column 'np'; did you mean 'nps'?",
      []
    ),
    (
      "{file: ../outside.json, pointer: /a}", [:],
      "file '../outside.json' is outside the repository; okr reads a source only inside it", []
    ),
    (
      "{file: /etc/hostname, pointer: /a}", [:],
      "file '/etc/hostname' is an absolute path; name it from the repository's root", []
    ),
    (
      "{command: [../OUTSIDE/x.sh]}", [:],
      "program '../OUTSIDE/x.sh' is outside the repository; a program with a '/' is named from the repository's "
        + "root and must lie inside it", []
    ),
    (
      "{command: [metrics/run/x.sh]}", [:],
      "program 'metrics/run/x.sh' is outside the repository; a program with a '/' is named from the repository's "
        + "root and must lie inside it", []
    ),
    (
      "{file: metrics/link.json, pointer: /a}", [:],
      "file 'metrics/link.json' leads (through a symbolic link) outside the repository; okr reads a source only inside it",
      []
    ),
  ]

  @Test(arguments: failing.indices)
  func aFailingSourceWritesNothingAndNamesItsKeyResult(_ index: Int) throws {
    let outside = try TemporaryDirectory()
    // OUTSIDE is the folder beside the repository's that holds what a source must not reach.
    let name = URL(fileURLWithPath: outside.path).lastPathComponent
    let (declaration, files, written, arguments) = Self.failing[index]
    let reason = written.replacingOccurrences(of: "OUTSIDE", with: name)
    let directory = try Self.repository(kr1: declaration.replacingOccurrences(of: "OUTSIDE", with: name))
    for (path, text) in files {
      if text == "<fifo>" {
        #expect(mkfifo(directory.path + "/" + path, 0o644) == 0)
      } else {
        try directory.write(path, text)
      }
    }
    try outside.write("outside.json", "{\"a\": 1}")
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/metrics/link.json", withDestinationPath: outside.path + "/outside.json")
    // A program outside, reached by `..` or by a link, that would leave a marker in the repository.
    try outside.write("x.sh", "#!/bin/sh\ntouch ran-outside\necho 1\n")
    #expect(chmod(outside.path + "/x.sh", 0o755) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/metrics/run", withDestinationPath: outside.path)
    let result = try Self.pull(arguments, in: directory)
    #expect(result.status == 1)
    // A file missing or outside is what lint calls it; every other failure is a value the source does not give.
    let rule =
      ["does not exist", "not a regular file", "outside the repository", "absolute path", "not on PATH"].contains {
        reason.contains($0)
      } ? "unresolved-reference" : "invalid-value"
    #expect(
      result.standardError == """
        okrs/2026-Q1/growth.yaml:11:17: error: \(reason) [\(rule)]
        1 error and 0 warnings
        nothing was recorded

        """,
      "\(result.standardError)")
    #expect(result.standardOutput == "")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/ran-outside"))
  }

  /// A program named with a `/` is the repository's, from its root; an absolute one is the machine's.
  @Test func aProgramOfTheRepositoryRunsFromItsRoot() throws {
    let directory = try Self.repository(kr1: "{command: [scripts/../scripts/value.sh]}")
    try directory.write("scripts/value.sh", "#!/bin/sh\necho 8.5\n")
    #expect(chmod(directory.path + "/scripts/value.sh", 0o755) == 0)
    try FileManager.default.createDirectory(atPath: directory.path + "/okrs/sub", withIntermediateDirectories: true)
    let result = try OKRCommand.run(
      ["checkin", "pull", "--as-of", "2026-01-16", "--dry-run"], in: directory.path + "/okrs/sub")
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("growth O1/KR1: 8.5\n"), "\(result.standardOutput)")
    #expect(result.standardOutput.contains("growth O1/KR3: true\n"), "\(result.standardOutput)")
  }

  @Test func aHangingCommandIsKilledAtTheTimeoutWithEverythingItStarted() throws {
    let directory = try Self.repository(
      kr1: "{command: [/bin/sh, -c, 'echo waiting >&2; (sleep 30; touch late) & sleep 30; echo 1']}")
    let started = Date()
    let result = try Self.pull(["--source-timeout", "1"], in: directory)
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "okrs/2026-Q1/growth.yaml:11:17: error: the command was still running after 1 s and was stopped: "
        + "waiting [invalid-value]\n1 error and 0 warnings\nnothing was recorded\n")
    #expect(elapsed < 10, "took \(elapsed) s")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    // The background child was in the killed group: it never gets to write.
    Thread.sleep(forTimeInterval: 0.3)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/late"))
  }

  /// A command that prints its value and exits, leaving a background child holding its output, is not running
  /// past its deadline: after a short grace the child is killed and the value recorded.
  @Test func aBackgroundChildHoldingTheOutputIsKilledAfterTheCommandExits() throws {
    let directory = try Self.repository(kr1: "{command: [/bin/sh, -c, 'echo 7; (sleep 30 & echo $! > child.pid)']}")
    let started = Date()
    let result = try Self.pull(["--source-timeout", "20"], in: directory)
    let elapsed = Date().timeIntervalSince(started)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("growth O1/KR1: 7\n"), "\(result.standardOutput)")
    #expect(elapsed < 5, "took \(elapsed) s")
    let child = try #require(pid_t(try directory.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
    // Killed with its group: gone, or a zombie for whoever adopted it to reap.
    var isGone = false
    for _ in 0..<50 where !isGone {
      let state = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)
      isGone = kill(child, 0) != 0 || state?.contains(") Z ") == true
      if !isGone { Thread.sleep(forTimeInterval: 0.02) }
    }
    #expect(isGone, "the background child \(child) is still running")
  }

  /// Standard input is /dev/null: a command that reads it ends at once, and runs from the repository's root.
  @Test func aCommandReadsNothingAndRunsFromTheRoot() throws {
    let directory = try Self.repository(kr1: "{command: [/bin/sh, -c, 'cat; cat metrics/value.txt']}")
    try directory.write("metrics/value.txt", "6.25\n")
    try FileManager.default.createDirectory(atPath: directory.path + "/okrs/sub", withIntermediateDirectories: true)
    let result = try OKRCommand.run(
      ["checkin", "pull", "--as-of", "2026-01-16", "--dry-run"], in: directory.path + "/okrs/sub", input: "9\n")
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("growth O1/KR1: 6.25\n"))
  }

  /// A command sees PATH, HOME and LANG of okr's environment, and a secret only when `--source-env` names it.
  @Test func aCommandSeesASecretOnlyWhenItIsNamed() throws {
    let directory = try Self.repository(
      kr1: #"{command: [sh, -c, 'echo "$OKR_TEST_SECRET|$OKR_TEST_OTHER|${HOME:+home}|${LANG:-}" >seen; echo 1']}"#)
    let environment = ["OKR_TEST_SECRET": "hunter2", "OKR_TEST_OTHER": "other", "LANG": "C.UTF-8", "HOME": "/nowhere"]
    // A bare `sh` is found on PATH, so PATH reaches the command's lookup and the command.
    let plain = try OKRCommand.run(
      ["checkin", "pull", "--as-of", "2026-01-16", "--dry-run"], in: directory.path, environment: environment)
    #expect(plain.status == 0, "\(plain.standardError)")
    #expect(try directory.read("seen") == "||home|C.UTF-8\n")
    let named = try OKRCommand.run(
      ["checkin", "pull", "--as-of", "2026-01-16", "--dry-run", "--source-env", "OKR_TEST_SECRET"], in: directory.path,
      environment: environment)
    #expect(named.status == 0, "\(named.standardError)")
    #expect(try directory.read("seen") == "hunter2||home|C.UTF-8\n")
  }

  @Test func everyFailureIsReportedAtOnce() throws {
    let directory = try Self.repository(kr1: "{command: [/bin/sh, -c, 'exit 1']}")
    try directory.write("metrics/export.csv", "week,nps\n2026-W03,n/a\n")
    try directory.write(
      "okrs/2026-Q1/web.yaml",
      Self.quarterFile(team: "web", kr1: "{file: metrics/absent.json, pointer: ''}"))
    let result = try Self.pull(in: directory)
    #expect(result.status == 1)
    #expect(
      result.standardError == """
        okrs/2026-Q1/growth.yaml:11:17: error: the command exited with 1 [invalid-value]
        okrs/2026-Q1/growth.yaml:16:17: error: the 'nps' cell of line 2 in 'metrics/export.csv' is 'n/a', not one number [invalid-value]
        okrs/2026-Q1/web.yaml:11:17: error: file 'metrics/absent.json' does not exist [unresolved-reference]
        okrs/2026-Q1/web.yaml:16:17: error: the 'nps' cell of line 2 in 'metrics/export.csv' is 'n/a', not one number [invalid-value]
        4 errors and 0 warnings
        nothing was recorded

        """)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/checkins/2026-Q1/web.yaml"))
  }

  @Test func pullingTwiceInAWeekWritesOnceAndAChangedValueOnlyItself() throws {
    let directory = try Self.repository()
    #expect(try Self.pull(in: directory).status == 0)
    let once = try directory.read("checkins/2026-Q1/growth.yaml")
    let again = try Self.pull(in: directory)
    #expect(again.status == 0)
    #expect(again.standardOutput.hasSuffix("growth O1/KR4: 240 (already recorded this week)\nnothing new\n"))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == once)
    // Equal as numbers is equal: 4.5 is what 4.50 was.
    try directory.write("metrics/weekly.json", "{\"trials\": {\"conv/rate\": 4.5}}")
    try directory.write("metrics/export.csv", "week,nps\n2026-W03,44\n")
    let changed = try Self.pull(["--as-of", "2026-01-17"], in: directory)
    #expect(changed.status == 0, "\(changed.standardError)")
    #expect(changed.standardOutput.contains("recorded 1 key result for growth on 2026-01-17"))
    let last = try #require(try Self.documents(directory).last)
    #expect(last["key_results"]?.pairs?.compactMap(\.key.scalarText) == ["O1/KR2"])
    // Another week is another check-in.
    #expect(try Self.pull(["--as-of", "2026-01-23"], in: directory).standardOutput.contains("recorded 4 key results"))
  }

  @Test func twoPullsAtOnceLoseNothingAndDuplicateNothing() throws {
    for round in 0..<3 {
      let directory = try Self.repository()
      try directory.write("okrs/2026-Q1/web.yaml", Self.quarterFile(team: "web"))
      let runs = [["--team", "growth"], [], ["--team", "web"], []].map { arguments in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.okrBinary)
        process.arguments = ["checkin", "pull", "--as-of", "2026-01-16"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
      }
      for process in runs { try process.run() }
      for process in runs { process.waitUntilExit() }
      #expect(runs.allSatisfy { $0.terminationStatus == 0 }, "round \(round)")
      for team in ["growth", "web"] {
        let pulled = try Self.documents(directory, team).filter { $0["by"]?.scalarText == "source" }
        let keyResults = pulled.flatMap { $0["key_results"]?.pairs?.compactMap(\.key.scalarText) ?? [] }
        #expect(keyResults.sorted() == ["O1/KR1", "O1/KR2", "O1/KR3", "O1/KR4"], "round \(round), \(team)")
      }
    }
  }

  @Test func aDryRunShowsEachCommandBeforeRunningItAndWritesNothing() throws {
    let directory = try Self.repository(kr1: "{command: [/bin/sh, -c, \"echo 7 # it's \\e[31mred\"]}")
    let result = try Self.pull(["--dry-run"], in: directory)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardOutput == """
        running for growth O1/KR1: /bin/sh -c 'echo 7 # it'\\''s \\u{1B}[31mred'
        running for growth O1/KR3: /bin/sh -c 'echo true'
        running for growth O1/KR4: /bin/sh -c 'echo "  240"; echo noise >&2'
        growth O1/KR1: 7
        growth O1/KR2: 41
        growth O1/KR3: true
        growth O1/KR4: 240
        would record 4 key results for growth on 2026-01-16 in checkins/2026-Q1/growth.yaml; nothing was written

        """)
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }

  /// JSON is one document on standard output: a dry run's commands are told on standard error.
  @Test func jsonIsOneDocumentAndADryRunTellsItsCommandsOnStandardError() throws {
    let directory = try Self.repository()
    let result = try Self.pull(["--dry-run", "--format", "json"], in: directory)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardError == """
        running for growth O1/KR3: /bin/sh -c 'echo true'
        running for growth O1/KR4: /bin/sh -c 'echo "  240"; echo noise >&2'

        """)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(document["dry_run"] as? Bool == true)
    let values = try #require(document["values"] as? [[String: Any]])
    #expect(values.map { $0["value"] as? String } == ["4.50", "41", "true", "240"])
    let checkins = try #require(document["checkins"] as? [[String: Any]])
    #expect(checkins.map { $0["key_result_count"] as? Int } == [4])
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }

  /// Every command but `checkin pull` reads the declaration and never runs it; `--dry-run` runs it, to show
  /// the value it would record, as docs/format.md says.
  @Test func noOtherCommandRunsASource() throws {
    let directory = try Self.repository(kr1: "{command: [/bin/sh, -c, 'echo ran >> marker; echo 5']}")
    let marker = directory.path + "/marker"
    try directory.write("week.csv", "team,kr,value,confidence\ngrowth,O1/KR5,2,7\n")
    let others: [[String]] = [
      ["lint"], ["score"], ["score", "--format", "html"], ["status"], ["alerts"], ["history"], ["plan"], ["tree"],
      ["checkin"], ["checkin", "prompts", "--format", "json"], ["diff"], ["schema", "quarter"],
      ["checkin", "record", "--team", "growth", "--kr", "O1/KR5", "--value", "1", "--confidence", "6"],
      ["checkin", "import", "week.csv"], ["init", "--team", "other", "--quarter", "2026-Q2"],
    ]
    for arguments in others {
      _ = try OKRCommand.run(arguments + ["--as-of", "2026-01-16"], in: directory.path)
      _ = try OKRCommand.run(arguments, in: directory.path)
      #expect(!FileManager.default.fileExists(atPath: marker), "okr \(arguments.joined(separator: " ")) ran it")
    }
    #expect(try Self.pull(["--dry-run"], in: directory).status == 0)
    #expect(try String(contentsOfFile: marker, encoding: .utf8) == "ran\n")
    #expect(try Self.pull(in: directory).status == 0)
    #expect(try String(contentsOfFile: marker, encoding: .utf8) == "ran\nran\n")
  }

  @Test func thePromptsStillAskForConfidenceOfAPulledKeyResult() throws {
    let directory = try Self.repository()
    #expect(try Self.pull(in: directory).status == 0)
    let prompts = try OKRCommand.run(["checkin", "--as-of", "2026-01-16", "--team", "growth"], in: directory.path)
    #expect(prompts.status == 0, "\(prompts.standardError)")
    let section = try #require(prompts.standardOutput.range(of: "O1/KR1"))
    let rest = prompts.standardOutput[section.lowerBound...]
    let nextKR = rest.dropFirst().range(of: "O1/KR2")?.lowerBound ?? rest.endIndex
    #expect(rest[..<nextKR].localizedCaseInsensitiveContains("confiden"), "\(prompts.standardOutput)")
    // Pulled values are not the team checking in: it still owes its check-in, until a person gives one.
    #expect(prompts.standardOutput.contains("growth: not checked in yet this week"), "\(prompts.standardOutput)")
    let record = try OKRCommand.run(
      [
        "checkin", "record", "--team", "growth", "--as-of", "2026-01-16", "--by", "maria", "--kr", "O1/KR1",
        "--confidence", "7",
      ], in: directory.path)
    #expect(record.status == 0, "\(record.standardError)")
    let after = try OKRCommand.run(["checkin", "--as-of", "2026-01-16", "--team", "growth"], in: directory.path)
    #expect(after.standardOutput.contains("growth: already checked in this week"), "\(after.standardOutput)")
    // A pull after the person's check-in in the same week does not undo it.
    try directory.write("metrics/export.csv", "week,nps\n2026-W03,45\n")
    #expect(try Self.pull(in: directory).standardOutput.contains("recorded 1 key result"))
    let status = try OKRCommand.run(
      ["status", "--as-of", "2026-01-16", "--team", "growth", "--format", "json"], in: directory.path)
    #expect(status.standardOutput.contains("\"checked_in_this_week\" : true"), "\(status.standardOutput)")
  }

  @Test func aMistypedTeamADayOutsideTheCycleOrANoTimeoutIsAUsageErrorThatRunsNothing() throws {
    let directory = try Self.repository(kr1: "{command: [/bin/sh, -c, 'echo ran > marker; echo 1']}")
    let cases: [([String], String)] = [
      (["--team", "grwoth"], "error: no team 'grwoth' has a quarter file for 2026-Q1; did you mean 'growth'?"),
      (["--as-of", "2026-05-16"], "error: 2026-05-16 is outside 2026-Q1 (2026-01-01 to 2026-03-31)"),
      (["--source-timeout", "0"], "Error: '--source-timeout' must be more than 0 and at most 86400 seconds"),
      (["--source-env", "A=b"], "Error: '--source-env' takes a variable's name (letters, digits and '_'), not 'A=b'"),
    ]
    for (arguments, message) in cases {
      let result = try OKRCommand.run(["checkin", "pull", "--as-of", "2026-01-16"] + arguments, in: directory.path)
      #expect(result.status == 64)
      #expect(result.standardError.hasPrefix(message), "\(result.standardError)")
    }
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/marker"))
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
  }

  /// Pulling every team refuses at the error of a quarter file that does not parse, whose team's sources are
  /// unknown, and writes nothing; `--team` for another team still pulls.
  @Test func aQuarterFileThatDoesNotParseStopsAPullOfEveryTeam() throws {
    let directory = try Self.repository()
    try directory.write("okrs/2026-Q1/web.yaml", "quarter: 2026-Q1\nteam: web\nobjectives: [\n")
    let result = try Self.pull(in: directory)
    #expect(result.status == 1)
    #expect(result.standardError.hasPrefix("okrs/2026-Q1/web.yaml:4:1: error: "), "\(result.standardError)")
    #expect(result.standardError.contains("[yaml-syntax]"))
    #expect(result.standardError.hasSuffix("nothing was recorded\n"), "\(result.standardError)")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") == Self.existingLog)
    let growth = try Self.pull(["--team", "growth"], in: directory)
    #expect(growth.status == 0, "\(growth.standardError)")
    #expect(try directory.read("checkins/2026-Q1/growth.yaml") != Self.existingLog)
  }

  /// A team whose only check-ins since week 2 are pulls is stale.
  ///
  /// `stale_checkin` asks the same question as `checked_in_this_week`. The team checked in on Friday 9 January
  /// (week 2); pulls on the Fridays of weeks 3 to 5.
  @Test func aTeamWithOnlyPulledCheckinsIsStale() throws {
    let directory = try Self.repository()
    for (day, value) in [("2026-01-16", "4.50"), ("2026-01-23", "5"), ("2026-01-30", "6")] {
      try directory.write("metrics/weekly.json", "{\"trials\": {\"conv/rate\": \(value)}}\n")
      let pull = try OKRCommand.run(["checkin", "pull", "--as-of", day], in: directory.path)
      #expect(pull.status == 0, "\(pull.standardError)")
    }
    let alerts = try OKRCommand.run(["alerts", "--as-of", "2026-01-30", "--format", "json"], in: directory.path)
    // Weeks 2 to 5: three whole weeks, at the default threshold of 2.
    #expect(
      alerts.standardOutput.contains(
        "no check-in for 3 weeks: the last was 2026-W02 (2026-01-09); values pulled from sources since "
          + "(the last 2026-W05) are not a check-in"), "\(alerts.standardOutput)")
    let status = try OKRCommand.run(["status", "--as-of", "2026-01-30", "--format", "json"], in: directory.path)
    #expect(status.standardOutput.contains("\"checked_in_this_week\" : false"), "\(status.standardOutput)")
    // A person's check-in in week 5 makes the team fresh again.
    let record = try OKRCommand.run(
      ["checkin", "record", "--team", "growth", "--as-of", "2026-01-30", "--kr", "O1/KR1", "--confidence", "6"],
      in: directory.path)
    #expect(record.status == 0, "\(record.standardError)")
    let after = try OKRCommand.run(["alerts", "--as-of", "2026-01-30", "--format", "json"], in: directory.path)
    #expect(!after.standardOutput.contains("stale_checkin"), "\(after.standardOutput)")
  }

  @Test func withoutSourcesThereIsNothingToPull() throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q1/growth.yaml", CheckinRecordTests.quarterFile)
    let result = try Self.pull(in: directory)
    #expect(result.status == 0)
    #expect(result.standardOutput == "no key result has a source: nothing to pull\n")
  }
}
