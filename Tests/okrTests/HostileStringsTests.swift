import Foundation
import OKRReports
import SwiftCSV
import TestSupport
import Testing

/// What people write reaches terminals, browsers,
/// Markdown viewers and spreadsheets only escaped for each.
///
/// The fixture `hostileStrings` is lint-clean and puts control characters,
/// bidi overrides, markup, Markdown syntax and spreadsheet formulas in every
/// string a person writes: organization, alert actions, team name, titles,
/// owners, units, milestones, sprint goals, micro-goals, notes, blockers.
@Suite struct HostileStringsTests {
  private let repository = ["--repo", PackagePaths.fixture("hostileStrings"), "--as-of", "2026-02-13"]

  /// Every command and format that prints text a person wrote, colour off (no terminal).
  private static let textOutputs: [[String]] = [
    ["score"], ["score", "--format", "markdown"], ["status"], ["status", "--format", "markdown"], ["alerts"],
    ["checkin"], ["checkin", "--format", "markdown"], ["plan"], ["plan", "--format", "markdown"], ["tree"],
    ["digest"], ["digest", "--format", "markdown"],
  ]

  /// Scalars no output but JSON may hold raw: control characters but `\n`, and bidi controls.
  private static func unsafe(_ text: String, allowing allowed: Set<Unicode.Scalar> = ["\n"]) -> [String] {
    text.unicodeScalars.filter { scalar in
      !allowed.contains(scalar)
        && (scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
          || (0x2066...0x2069).contains(scalar.value))
    }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
  }

  @Test func theFixtureIsLintClean() throws {
    let result = InProcess.run(["lint", "--strict", "--repo", PackagePaths.fixture("hostileStrings")])
    #expect(result.status == 0, "\(result.standardError)")
  }

  @Test(arguments: textOutputs)
  func noControlCharacterReachesTheTerminal(_ command: [String]) throws {
    let result = InProcess.run(command + repository)
    #expect(result.status == 0 || command == ["alerts"], "\(result.standardError)")
    #expect(Self.unsafe(result.standardOutput) == [], "\(command)")
    #expect(Self.unsafe(result.standardError) == [], "\(command)")
    // The text is still there, shown: `\e[2J` as `\u{1B}[2J`.
    #expect(result.standardOutput.contains("\\u{1B}"), "\(command)")
  }

  @Test(arguments: textOutputs.filter { $0.contains("markdown") })
  func markdownHoldsNoHTMLAndKeepsItsTables(_ command: [String]) throws {
    let output = InProcess.run(command + repository).standardOutput
    #expect(!output.contains("<"), "raw HTML in \(command)")
    #expect(!output.contains("[link](") && !output.contains("[now]("), "a link in \(command)")
    // Every row of a table has as many unescaped `|` as its header.
    var columns: Int?
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        columns = nil
        continue
      }
      var pipes = 0
      var backslashes = 0
      for scalar in line.unicodeScalars {
        if scalar == "|" && backslashes % 2 == 0 { pipes += 1 }
        backslashes = scalar == "\\" ? backslashes + 1 : 0
      }
      #expect(columns == nil || columns == pipes, "\(command): \(line)")
      columns = pipes
    }
  }

  @Test func markdownGolden() throws {
    let result = InProcess.run(["score", "--format", "markdown"] + repository)
    #expect(Snapshot.mismatch(result.standardOutput, named: "hostileStrings-markdown") == nil)
  }

  @Test func textGolden() throws {
    let result = InProcess.run(["status"] + repository)
    #expect(Snapshot.mismatch(result.standardOutput, named: "hostileStrings-text") == nil)
  }

  @Test func csvCellsNeverStartAFormulaButNumbersStayNumbers() throws {
    let result = InProcess.run(["score", "--format", "csv"] + repository)
    #expect(result.status == 0)
    #expect(Snapshot.mismatch(result.standardOutput, named: "hostileStrings-csv") == nil)
    #expect(Self.unsafe(result.standardOutput, allowing: ["\n", "\r"]) == [])
    let csv = try CSV<Enumerated>(string: result.standardOutput, delimiter: .comma)
    let numeric = ScoreCSVRenderer.numericColumns
    var cells = 0
    for row in csv.rows {
      for (column, cell) in zip(csv.header, row) {
        cells += 1
        guard let first = cell.unicodeScalars.first(where: { $0 != " " }),
          ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"].contains(first)
        else { continue }
        #expect(numeric.contains(column) && Double(cell) != nil, "\(column): '\(cell)' starts a formula")
      }
    }
    // The overall row, the team's, two objectives' and four key results', 20 columns each.
    #expect(cells == 8 * 20)
    let rows = csv.rows.filter { $0[0] == "kr" }
    // The numeric KR's negative baseline and actual are numbers, not text.
    #expect(rows[0][11] == "-5" && rows[0][13] == "-3")
    #expect(rows[0][7].hasPrefix("'+SUM(1,2)"))
    #expect(rows[1][13] == "'@SUM(A1) \\u{1B}[5m blink")
  }

  /// The elements and attributes okr's page is made of; Python's parser finds every other one.
  private static let htmlChecker = """
    import html.parser, sys
    elements = set("html head meta title style body header h1 h2 h3 p strong main section ul li br span article "
                   "a div svg desc line text polyline circle footer table thead tbody tr th td".split())
    attributes = set("lang charset name content class id href role aria-label aria-labelledby viewbox x y x1 y1 "
                     "x2 y2 cx cy r points text-anchor dominant-baseline style title scope".split())
    class Check(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(); self.problems = []; self.ids = set()
        def handle_starttag(self, tag, attrs):
            if tag not in elements: self.problems.append(f"element <{tag}>")
            for name, value in attrs:
                if name not in attributes or name.startswith("on"): self.problems.append(f"<{tag} {name}=>")
                if name == "id":
                    if value in self.ids: self.problems.append(f"id {value} twice")
                    self.ids.add(value)
                if name == "href" and not value.startswith("#"): self.problems.append(f"href {value}")
        handle_startendtag = handle_starttag
    check = Check(); check.feed(open(sys.argv[1]).read()); check.close()
    print("\\n".join(check.problems) or "ok"); sys.exit(1 if check.problems else 0)
    """

  @Test func htmlHoldsOnlyOKRsOwnElementsAndAttributes() throws {
    let result = InProcess.run(["status", "--format", "html"] + repository)
    #expect(result.status == 0)
    let page = result.standardOutput
    #expect(Self.unsafe(page) == [])
    let directory = try TemporaryDirectory()
    try directory.write("page.html", page)
    try directory.write("check.py", Self.htmlChecker)
    let check = try OKRCommand.run(
      ["python3", directory.path + "/check.py", directory.path + "/page.html"], executable: "/usr/bin/env")
    #expect(check.standardOutput == "ok\n", "\(check.standardError)")
    #expect(page.contains("&lt;script&gt;alert(4)&lt;/script&gt;"))
    #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
    // The same page from `okr score`.
    #expect(InProcess.run(["score", "--format", "html"] + repository).standardOutput == page)
  }

  private static var chromium: String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  @Test(
    .enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium); the browser check is skipped"))
  func chromiumBuildsOnlyOKRsOwnElements() throws {
    let directory = try TemporaryDirectory()
    try directory.write("page.html", InProcess.run(["status", "--format", "html"] + repository).standardOutput)
    try directory.write("check.py", Self.htmlChecker)
    // The DOM after the page loaded: an injected element or handler would be in it.
    let dom = try OKRCommand.run(
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(directory.path)/page.html",
      ], executable: Self.chromium!)
    #expect(dom.status == 0)
    try directory.write("dom.html", dom.standardOutput)
    let check = try OKRCommand.run(
      ["python3", directory.path + "/check.py", directory.path + "/dom.html"], executable: "/usr/bin/env")
    #expect(check.standardOutput == "ok\n")
    #expect(dom.standardOutput.contains("<h1>"))
  }

  /// Item 1: an id that would break out of `id=` is now an error at its position, escaped in the message.
  @Test func anIdThatIsMarkupIsAnErrorAndNeverReachesTheReport() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      objectives:
        - id: 'O1"><img src=x onerror="alert(1)">'
          title: T
          key_results:
            - {id: "KR1\\e]0;title\\a", title: K, baseline: 0, target: 10, unit: "\\e[2J%"}

      """)
    for command in [["score", "--format", "html"], ["status"], ["score", "--format", "csv"], ["lint"]] {
      let result = InProcess.run(command + ["--repo", directory.path, "--as-of", "2026-02-01"])
      #expect(result.status == 1, "\(command)")
      #expect(result.standardOutput == "", "\(command)")
      #expect(Self.unsafe(result.standardError) == [], "\(command)")
      #expect(
        result.standardError.contains(
          #"okrs/2026-Q1/a.yaml:4:9: error: objective id 'O1"><img src=x onerror="alert(1)">' may use only ASCII letters, digits, '.', '_' and '-', like 'O1' [id-format]"#
        ), "\(command)")
      #expect(
        result.standardError.contains(
          #"okrs/2026-Q1/a.yaml:7:14: error: key result id 'KR1\u{1B}]0;title\u{7}' may use only ASCII letters, digits, '.', '_' and '-', like 'KR1' [id-format]"#
        ), "\(command)")
    }
  }

  /// Values typed on the command line are people's text too.
  @Test func checkinRecordShowsWhatWasTypedEscaped() throws {
    // On a copy: a check-in that passed would be appended to the log.
    let directory = try TemporaryDirectory()
    try FileManager.default.removeItem(atPath: directory.path)
    try FileManager.default.copyItem(atPath: PackagePaths.fixture("hostileStrings"), toPath: directory.path)
    let result = InProcess.run(
      [
        "checkin", "record", "--team", "red-team", "--kr", "O1/KR9\u{1B}[2J", "--value", "1", "--repo", directory.path,
        "--as-of", "2026-02-13",
      ])
    #expect(result.status == 1)
    #expect(Self.unsafe(result.standardError) == [])
    #expect(result.standardError.contains("O1/KR9\\u{1B}[2J"))
  }

  /// ArgumentParser's messages and okr's usage errors quote the argument: shown, not acted on.
  @Test(arguments: [
    ["score", "--format", "x\u{1B}[2J"], ["init", "--team", "a\u{1B}[2J", "--quarter", "2026-Q1"],
    ["score", "--team", "x\u{1B}[2J"], ["score", "--as-of", "2026\u{1B}[2J"],
  ])
  func argumentsAreShownEscaped(_ arguments: [String]) throws {
    let result = InProcess.run(arguments + ["--repo", PackagePaths.fixture("hostileStrings")])
    #expect(result.status == 64)
    #expect(Self.unsafe(result.standardError) == [], "\(arguments)")
    #expect(result.standardError.contains("\\u{1B}[2J"), "\(result.standardError)")
  }
}
