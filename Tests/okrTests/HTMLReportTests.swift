import Foundation
import TestSupport
import Testing

/// The self-contained HTML report of `okr score` and `okr status`.
@Suite struct HTMLReportTests {
  private let acme = ["--repo", "examples/acme", "--as-of", "2026-08-14", "--format", "html"]

  private static var chromiumInstalled: Bool {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains { FileManager.default.isExecutableFile(atPath: $0) }
  }

  @Test func htmlAcme() throws {
    let result = InProcess.run(["status"] + acme)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "htmlAcme") == nil)
    // `okr score --format html` is the same page.
    #expect(InProcess.run(["score"] + acme).standardOutput == result.standardOutput)
  }

  @Test func thePageIsWellFormedAndSelfContained() throws {
    let page = InProcess.run(["status"] + acme).standardOutput
    let directory = try TemporaryDirectory()
    try directory.write("page.html", page)
    // Python's own HTML parser checks every element is closed in order.
    let checker = """
      import html.parser, sys
      void = {"meta", "br", "line", "circle", "polyline"}
      class Check(html.parser.HTMLParser):
          def __init__(self):
              super().__init__(); self.stack = []; self.problems = []
          def handle_starttag(self, tag, attrs):
              if tag not in void: self.stack.append(tag)
          def handle_endtag(self, tag):
              if tag in void: return
              if not self.stack or self.stack[-1] != tag: self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
              else: self.stack.pop()
      check = Check(); check.feed(open(sys.argv[1]).read()); check.close()
      problems = check.problems + ([f"unclosed {check.stack}"] if check.stack else [])
      print("\\n".join(problems) or "ok"); sys.exit(1 if problems else 0)
      """
    try directory.write("check.py", checker)
    let result = try OKRCommand.run(
      [directory.path + "/check.py", directory.path + "/page.html"], executable: try #require(Tool.find("python3")))
    #expect(result.standardOutput == "ok\n")
    #expect(result.status == 0)
    for forbidden in ["<script", "http://", "https://", "<link", "<img", "@import"] {
      #expect(!page.contains(forbidden), "the page must need no network and no script: found \(forbidden)")
    }
    #expect(page.contains("prefers-color-scheme: dark"))
    #expect(page.contains("@media print"))
    #expect(page.contains("<desc id=\"chart-company-O1-KR1-d\">"))
    #expect(page.contains("0.6 yellow"))
  }

  @Test func hostileTitlesShowAsText() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      name: "<b>bold</b> & 'quotes'"
      objectives:
        - id: O1
          title: <script>alert(1)</script>
          key_results:
            - {id: KR1, title: "<img src=x onerror=alert(2)>", baseline: 0, target: 10, unit: "<u>"}

      """)
    let result = InProcess.run(["score", "--format", "html", "--repo", directory.path, "--as-of", "2026-02-01"])
    #expect(result.status == 0)
    let page = result.standardOutput
    #expect(!page.contains("<script"))
    #expect(!page.contains("<img"))
    #expect(!page.contains("<b>bold"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
    #expect(page.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quotes&#39;"))
  }

  /// An overridden key result shows the override in its pill, the computed score beside it, and the note as text.
  @Test func anOverrideShowsBothScoresAndItsNote() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      objectives:
        - id: O1
          title: Grow
          key_results:
            - id: KR1
              title: Reach 10
              baseline: 0
              target: 10
              current: 4
              score: 0.9
              score_note: "<b>launch</b> slipped & it was not the team's doing"

      """)
    let result = InProcess.run(["score", "--format", "html", "--repo", directory.path, "--as-of", "2026-03-31"])
    #expect(result.status == 0)
    let page = result.standardOutput
    #expect(page.contains("<span class=\"pill grade-green\">0.9 green</span>"))
    #expect(page.contains("score overridden, computed 0.4"))
    #expect(
      page.contains(
        "<p class=\"score-note\"><strong>Override</strong>: &lt;b&gt;launch&lt;/b&gt; slipped &amp; it was not the team&#39;s doing</p>"
      ))
  }

  @Test func aQuoteWithACombiningMarkCannotCloseAnAttribute() throws {
    // `"` + U+0301 is one Character; escaping by Characters would let it through.
    let directory = try TemporaryDirectory()
    try directory.write(
      "okrs/2026-Q1/a.yaml",
      """
      quarter: 2026-Q1
      team: a
      objectives:
        - id: O1
          title: "x\\"\\u0301 onmouseover=alert(3) y=\\"\\u0301 <\\u0301b>"
          key_results:
            - {id: KR1, title: "'\\u0301 & >\\u0301", baseline: 0, target: 10}

      """)
    let result = InProcess.run(["score", "--format", "html", "--repo", directory.path, "--as-of", "2026-02-01"])
    #expect(result.status == 0)
    let scalars = Array(result.standardOutput.unicodeScalars)
    let combining: Unicode.Scalar = "\u{301}"
    for (index, scalar) in scalars.enumerated().dropFirst() where scalar == combining {
      #expect(!["\"", "'", "<", ">"].contains(scalars[index - 1]), "a raw \(scalars[index - 1]) before U+0301")
    }
    #expect(String(String.UnicodeScalarView(scalars)).contains("&quot;\u{301} onmouseover=alert(3)"))
  }

  @Test(
    .enabled(
      if: chromiumInstalled, "chromium is not installed (apt-get install chromium); the browser check is skipped"))
  func chromiumRendersThePageAtDesktopAndPhoneWidths() throws {
    let directory = try TemporaryDirectory()
    try directory.write("acme.html", InProcess.run(["status"] + acme).standardOutput)
    let result = try OKRCommand.run(
      [PackagePaths.path("Scripts/render-html.sh"), directory.path + "/acme.html", directory.path + "/shots"],
      executable: "/bin/bash")
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: directory.path + "/shots/desktop.png"))
    #expect(FileManager.default.fileExists(atPath: directory.path + "/shots/phone.png"))
  }

  /// Week labels on confidence cells, milestones done and open, and key results or teams gone quiet.
  @Test func confidenceWeeksMilestonesAndStalenessAreShown() throws {
    let directory = try TemporaryDirectory()
    for team in ["a", "b"] {
      try directory.write(
        "okrs/2026-Q3/\(team).yaml",
        """
        quarter: 2026-Q3
        team: \(team)
        objectives:
          - id: O1
            title: Ship
            key_results:
              - {id: KR1, title: Signups, baseline: 0, target: 100}
              - {id: KR2, title: Trials, baseline: 0, target: 10}
              - id: KR3
                title: Launch
                type: milestones
                milestones:
                  - {title: Design <approved>, done: true}
                  - {title: Beta}
                  - {title: GA}

        """)
    }
    // Team a checks in KR1 every few weeks but KR2 only once; team b last checked in at W28.
    try directory.write(
      "checkins/2026-Q3/a.yaml",
      """
      ---
      team: a
      quarter: 2026-Q3
      week: 2026-W28
      date: 2026-07-10
      key_results:
        O1/KR1: {value: 10, confidence: 7}
        O1/KR2: {value: 1, confidence: 3}
      ---
      team: a
      quarter: 2026-Q3
      week: 2026-W32
      date: 2026-08-07
      key_results:
        O1/KR1: {value: 30, confidence: 5}
        O1/KR3: {milestones_done: [Beta], confidence: 8}

      """)
    try directory.write(
      "checkins/2026-Q3/b.yaml",
      """
      ---
      team: b
      quarter: 2026-Q3
      week: 2026-W28
      date: 2026-07-10
      key_results:
        O1/KR1: {value: 10, confidence: 7}

      """)
    let result = InProcess.run(["status", "--format", "html", "--repo", directory.path, "--as-of", "2026-08-14"])
    #expect(result.status == 0, "\(result.standardError)")
    let page = result.standardOutput
    #expect(
      page.contains(
        "<span class=\"cell conf-green\" title=\"2026-W28: 7 (green)\"><span class=\"week\">W28</span>7</span>"
          + "<span class=\"cell conf-yellow\" title=\"2026-W32: 5 (yellow)\"><span class=\"week\">W32</span>5</span>"))
    #expect(
      page.contains(
        "<ul class=\"milestones\"><li class=\"done\"><span class=\"mark\">✓</span> Design &lt;approved&gt; "
          + "<span class=\"state\">done</span></li><li class=\"done\"><span class=\"mark\">✓</span> Beta "
          + "<span class=\"state\">done</span></li><li class=\"open\"><span class=\"mark\">○</span> GA "
          + "<span class=\"state\">open</span></li></ul>"))
    // Team a: KR2 is five weeks behind the team; KR1 (W32) is fresh.
    #expect(
      page.contains(
        "<div class=\"kr stale\">\n<p class=\"kr-head\"><span class=\"id\">KR2</span> Trials"))
    #expect(
      page.contains(
        "<p class=\"stale-note\"><strong>Stale</strong>: last check-in 2026-W28, 5 weeks ago, while the team checks in</p>"
      ))
    #expect(page.contains("<div class=\"kr\">\n<p class=\"kr-head\"><span class=\"id\">KR1</span> Signups"))
    // Team b has gone quiet as a whole: said once, for the team, not per key result.
    #expect(
      page.contains(
        "<p class=\"stale-note team-stale\"><strong>Stale</strong>: no check-in since 2026-W28, 5 weeks ago</p>"))
    #expect(page.components(separatedBy: "<div class=\"kr stale\">").count - 1 == 1)
  }

  /// The organisation at a glance comes first: teams and their objectives, scores, verdict counts, stale counts.
  @Test func theOverviewComesFirstAndLinksToEveryCard() throws {
    let page = InProcess.run(["status"] + acme).standardOutput
    #expect(page.contains("<main>\n<section class=\"overview\"><h2>Overview</h2>"))
    #expect(
      page.contains(
        "<tr class=\"team-row depth-1\"><th scope=\"row\"><a href=\"#team-growth\">Growth squad</a></th>"
          + "<td><span class=\"pill grade-yellow\">0.5 yellow</span></td><td class=\"count grade-green\">6</td>"
          + "<td class=\"count zero\">0</td><td class=\"count grade-red\">1</td><td class=\"count zero\">0</td></tr>"))
    #expect(
      page.contains(
        "<tr class=\"objective-row depth-1\"><th scope=\"row\"><a href=\"#objective-growth-O2\">O2</a> "
          + "New accounts reach value in days, not weeks</th><td><span class=\"pill grade-red\">0.2 red</span></td>"))
    // Every link on the page leads to an element on it.
    func all(_ pattern: String) -> Set<String> {
      let regex = try! Regex(pattern)
      return Set(page.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) })
    }
    let links = all("href=\"#([^\"]+)\"")
    #expect(links.count == 16)
    #expect(links.subtracting(all(" id=\"([^\"]+)\"")).isEmpty)
    // Once the quarter is over the counts are achieved and missed.
    let final = InProcess.run(["status", "--repo", "examples/acme", "--as-of", "2026-09-30", "--format", "html"])
    #expect(
      final.standardOutput.contains(
        "<th scope=\"col\" class=\"count\">Achieved</th><th scope=\"col\" class=\"count\">Missed</th>"))
  }
}
