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
    let result = try OKRCommand.run(["status"] + acme)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "htmlAcme") == nil)
    // `okr score --format html` is the same page.
    #expect(try OKRCommand.run(["score"] + acme).standardOutput == result.standardOutput)
  }

  @Test func thePageIsWellFormedAndSelfContained() throws {
    let page = try OKRCommand.run(["status"] + acme).standardOutput
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
      [directory.path + "/check.py", directory.path + "/page.html"], executable: "/usr/bin/python3")
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
    let result = try OKRCommand.run(["score", "--format", "html", "--repo", directory.path, "--as-of", "2026-02-01"])
    #expect(result.status == 0)
    let page = result.standardOutput
    #expect(!page.contains("<script"))
    #expect(!page.contains("<img"))
    #expect(!page.contains("<b>bold"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
    #expect(page.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quotes&#39;"))
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
    let result = try OKRCommand.run(["score", "--format", "html", "--repo", directory.path, "--as-of", "2026-02-01"])
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
    try directory.write("acme.html", try OKRCommand.run(["status"] + acme).standardOutput)
    let result = try OKRCommand.run(
      [PackagePaths.path("Scripts/render-html.sh"), directory.path + "/acme.html", directory.path + "/shots"],
      executable: "/bin/bash")
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(FileManager.default.fileExists(atPath: directory.path + "/shots/desktop.png"))
    #expect(FileManager.default.fileExists(atPath: directory.path + "/shots/phone.png"))
  }
}
