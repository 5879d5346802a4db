import Foundation
import TestSupport
import Testing

/// The HTML report's charts say what they draw: each label's value sits where
/// the chart's scale puts it, and every label stays inside its chart.
@Suite struct HTMLChartTests {
  /// Reads every chart of a page and prints one line per problem, or `ok`.
  ///
  /// The scale is taken from the SVG itself: the first and last tick give the
  /// line from value to y, and every other tick, the target or bound line, each
  /// check-in point and the projection's end must lie on it within half a
  /// pixel. A label's extent is estimated as characters × an upper bound of a
  /// glyph's width at the 9px label size: 1 em for `%@MWmw`, 0.7 em for other
  /// ASCII, 1.25 em for the rest (``chromiumMeasuresEveryLabelInsideItsChart()``
  /// checks the bound against the browser's own measure); 1.2 em high. No two
  /// labels' boxes overlap.
  static let checker = """
    import html.parser, re, sys
    NUMBER = re.compile(r"-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?")
    def number(text):
        found = NUMBER.search(text)
        return float(found.group()) if found else None
    class Charts(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True); self.charts = []; self.open = None; self.text = None; self.title = None
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "svg": self.charts.append({"box": a["viewbox"], "items": []}); return
            if not self.charts or self.charts[-1] is None: return
            if tag in ("line", "circle", "text"):
                self.open = (tag, a); self.charts[-1]["items"].append([tag, a, ""])
            if tag in ("text", "title"): self.text = self.charts[-1]["items"][-1] if tag == "text" else None
            if tag == "title": self.title = self.charts[-1]["items"][-1] if self.charts[-1]["items"] else None
        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
        def handle_endtag(self, tag):
            if tag in ("text",): self.text = None
            if tag == "title": self.title = None
        def handle_data(self, data):
            if self.text is not None: self.text[2] += data
            elif self.title is not None and self.title[0] in ("circle", "line"): self.title.append(data)
    page = Charts(); page.feed(open(sys.argv[1]).read())
    problems = []
    for index, chart in enumerate(page.charts):
        name = f"chart {index + 1}"
        width, height = [float(v) for v in chart["box"].split()[2:]]
        items = chart["items"]
        ticks = []
        for i, (tag, a, text, *rest) in enumerate(items):
            if tag == "text" and "tick" in a.get("class", ""):
                line = items[i - 1]
                if line[0] != "line" or "grid" not in line[1].get("class", ""):
                    problems.append(f"{name}: tick '{text}' without its line"); continue
                if abs(float(line[1]["y1"]) - float(a["y"])) > 0.05:
                    problems.append(f"{name}: tick '{text}' at y {a['y']}, its line at {line[1]['y1']}")
                ticks.append((number(text), float(line[1]["y1"]), text))
        if len(ticks) < 2:
            problems.append(f"{name}: {len(ticks)} ticks"); continue
        (v0, y0, _), (v1, y1, _) = ticks[0], ticks[-1]
        scale = lambda v: y0 + (v - v0) * (y1 - y0) / (v1 - v0)
        def check(what, value, y):
            if value is None: problems.append(f"{name}: no number in {what}"); return
            if abs(scale(value) - y) > 0.5: problems.append(f"{name}: {what} drawn at y {y}, its value at {scale(value):.2f}")
        for value, y, text in ticks[1:-1]: check(f"tick '{text}'", value, y)
        boxes = []
        for i, (tag, a, text, *titles) in enumerate(items):
            if tag == "text" and "target-label" in a.get("class", ""):
                line = [item for item in items[:i] if item[0] == "line" and item[1].get("class") == "target"][-1]
                check(f"label '{text}'", number(text), float(line[1]["y1"]))
            if tag == "circle": check(f"point '{titles[0]}'", number(titles[0].split(": ", 1)[1]), float(a["cy"]))
            if tag == "line" and a.get("class") == "projection":
                check(f"projection '{titles[0]}'", number(titles[0].split(": ", 1)[1]), float(a["y2"]))
            if tag == "text":
                em = 9.0
                extent = sum(1.0 if c in "%@MWmw" else 0.7 if ord(c) < 128 else 1.25 for c in text) * em
                x, y = float(a["x"]), float(a["y"])
                anchor = a.get("text-anchor", "start")
                left = x - extent if anchor == "end" else x - extent / 2 if anchor == "middle" else x
                top, bottom = (y - 0.6 * em, y + 0.6 * em) if a.get("dominant-baseline") == "middle" else (y - em, y + 0.3 * em)
                for other, (l, t, r, b) in boxes:
                    if left < r and left + extent > l and top < b and bottom > t:
                        problems.append(f"{name}: '{text}' overlaps '{other}'")
                boxes.append((text, (left, top, left + extent, bottom)))
                if left < 0 or left + extent > width or top < 0 or bottom > height:
                    problems.append(f"{name}: '{text}' spans x {left:.1f}..{left + extent:.1f}, y {top:.1f}..{bottom:.1f} of {width:g}x{height:g}")
    print("\\n".join(problems) or f"ok {len(page.charts)}")
    """

  /// A team whose key results made the labels lie or run off the chart.
  static let awkward = """
    quarter: 2026-Q3
    team: ops
    objectives:
      - id: O1
        title: Run well
        key_results:
          - {id: KR1, title: Uptime, type: threshold, keep: above, bound: 99.9, unit: "%"}
          - {id: KR2, title: Throughput, baseline: 3, target: 18, unit: items/week}
          - {id: KR3, title: Runway, type: threshold, keep: above, bound: 12.5, unit: months}
          - {id: KR4, title: Revenue, baseline: 1250000, target: 2000000, unit: "€"}
          - {id: KR5, title: Latency, baseline: 0.004, target: 0.0025, unit: s}

    """

  static let awkwardLog = """
    ---
    team: ops
    quarter: 2026-Q3
    week: 2026-W28
    date: 2026-07-10
    key_results:
      O1/KR1: {value: 99.97, confidence: 8}
      O1/KR2: {value: 4.5, confidence: 6}
      O1/KR3: {value: 12.6, confidence: 6}
      O1/KR4: {value: 1300000, confidence: 6}
      O1/KR5: {value: 0.0039, confidence: 6}
    ---
    team: ops
    quarter: 2026-Q3
    week: 2026-W33
    date: 2026-08-14
    key_results:
      O1/KR1: {value: 99.93, confidence: 7}
      O1/KR2: {value: 9.25, confidence: 7}
      O1/KR3: {value: 12.9, confidence: 7}
      O1/KR4: {value: 1512345.5, confidence: 7}
      O1/KR5: {value: 0.0031, confidence: 7}

    """

  private static func check(_ page: String) throws -> String {
    let directory = try TemporaryDirectory()
    try directory.write("page.html", page)
    try directory.write("check.py", checker)
    let result = try OKRCommand.run(
      ["python3", directory.path + "/check.py", directory.path + "/page.html"], executable: "/usr/bin/env")
    return result.standardOutput + result.standardError
  }

  @Test(arguments: ["2026-07-01", "2026-07-20", "2026-08-14", "2026-09-10", "2026-09-30"])
  func acmeChartsAreTrueToTheirLabelsAndFit(asOf: String) throws {
    let result = InProcess.run(["status", "--repo", "examples/acme", "--as-of", asOf, "--format", "html"])
    #expect(result.status == 0)
    #expect(try Self.check(result.standardOutput) == "ok 21\n")
  }

  @Test(arguments: ["2026-08-20", "2026-09-30"])
  func awkwardUnitsAndRangesAreTrueToTheirLabelsAndFit(asOf: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write("okrs/2026-Q3/ops.yaml", Self.awkward)
    try directory.write("checkins/2026-Q3/ops.yaml", Self.awkwardLog)
    let result = InProcess.run(["status", "--repo", directory.path, "--as-of", asOf, "--format", "html"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(try Self.check(result.standardOutput) == "ok 5\n")
    // Mid-quarter the numeric key results with two check-ins have a projected-score line; on the last day none do.
    let projections = result.standardOutput.components(separatedBy: "<line class=\"projection\"").count - 1
    #expect(projections == (asOf == "2026-09-30" ? 0 : 3))
    if asOf != "2026-09-30" {
      #expect(
        result.standardOutput.contains(
          "<title>Projected 0.7 by 2026-09-30: 1797000 €, at the rate since the first check-in</title>"))
    }
  }

  static var chromium: String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Added to a copy of the page (the page itself has no script): the browser's
  /// own box of every chart label, whether it is inside the view box, whether
  /// it is wider than the estimate the renderer and ``checker`` use, and
  /// whether it lies on a line, a check-in's dot or another label.
  private static let probe = """
    <script>
    const out = [];
    document.querySelectorAll("svg.chart").forEach((svg, index) => {
      const box = svg.viewBox.baseVal;
      svg.querySelectorAll("text").forEach(text => {
        const b = text.getBBox();
        const estimate = [...text.textContent].reduce((sum, c) =>
          sum + ("%@MWmw".includes(c) ? 1 : c.charCodeAt(0) < 128 ? 0.7 : 1.25), 0) * 9;
        if (b.x < 0 || b.y < 0 || b.x + b.width > box.width || b.y + b.height > box.height)
          out.push(`chart ${index + 1}: '${text.textContent}' drawn at x ${b.x.toFixed(1)}+${b.width.toFixed(1)}, y ${b.y.toFixed(1)}+${b.height.toFixed(1)}`);
        if (b.width > estimate) out.push(`chart ${index + 1}: '${text.textContent}' is ${b.width.toFixed(1)} wide, estimated ${estimate.toFixed(1)}`);
      });
      // Every stroke drawn (the faint grid behind the plot aside), and every dot, as the browser lays them out.
      const strokes = [];
      svg.querySelectorAll("line").forEach(line => {
        if (line.classList.contains("grid")) return;
        strokes.push({what: `the ${line.getAttribute("class")} line`, x1: line.x1.baseVal.value, y1: line.y1.baseVal.value,
          x2: line.x2.baseVal.value, y2: line.y2.baseVal.value});
      });
      svg.querySelectorAll("polyline").forEach(polyline => {
        for (let i = 0; i + 1 < polyline.points.numberOfItems; i++) {
          const from = polyline.points.getItem(i), to = polyline.points.getItem(i + 1);
          strokes.push({what: `the ${polyline.getAttribute("class")} line`, x1: from.x, y1: from.y, x2: to.x, y2: to.y});
        }
      });
      // Liang–Barsky: does the segment pass through the box?
      const crosses = (b, s) => {
        const dx = s.x2 - s.x1, dy = s.y2 - s.y1;
        let low = 0, high = 1;
        for (const [p, q] of [[-dx, s.x1 - b.x], [dx, b.x + b.width - s.x1], [-dy, s.y1 - b.y], [dy, b.y + b.height - s.y1]]) {
          if (p === 0) { if (q < 0) return false; continue; }
          const t = q / p;
          if (p < 0) low = Math.max(low, t); else high = Math.min(high, t);
          if (low > high) return false;
        }
        return true;
      };
      const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      const dots = [...svg.querySelectorAll("circle")].map(c => c.getBBox());
      const labels = [...svg.querySelectorAll("text")].map(text => ({text: text.textContent, box: text.getBBox()}));
      labels.forEach((label, i) => {
        strokes.filter(s => crosses(label.box, s)).forEach(s =>
          out.push(`chart ${index + 1}: '${label.text}' lies on ${s.what}`));
        if (dots.some(d => overlap(label.box, d))) out.push(`chart ${index + 1}: '${label.text}' lies on a check-in`);
        labels.slice(i + 1).filter(other => overlap(label.box, other.box)).forEach(other =>
          out.push(`chart ${index + 1}: '${label.text}' overlaps '${other.text}'`));
      });
    });
    const pre = document.createElement("pre");
    pre.id = "probe";
    pre.textContent = out.join("\\n") || "ok";
    document.body.appendChild(pre);
    </script>
    """

  @Test(
    .enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium); the browser check is skipped"))
  func chromiumMeasuresEveryLabelInsideItsChart() throws {
    let awkward = try TemporaryDirectory()
    try awkward.write("okrs/2026-Q3/ops.yaml", Self.awkward)
    try awkward.write("checkins/2026-Q3/ops.yaml", Self.awkwardLog)
    let pages = [
      ["--repo", "examples/acme", "--as-of", "2026-09-30"],
      ["--repo", "examples/acme", "--as-of", "2026-07-01"],
      ["--repo", awkward.path, "--as-of", "2026-08-20"],
      ["--repo", PackagePaths.fixture("hostileStrings"), "--as-of", "2026-02-13"],
    ]
    for arguments in pages {
      let page = InProcess.run(["status", "--format", "html"] + arguments).standardOutput
      #expect(try Self.measured(page) == "ok", "\(arguments)")
    }
  }

  /// What Chromium's ``probe`` finds wrong with a page's chart labels, one line each, or `ok`.
  static func measured(_ page: String) throws -> String? {
    let directory = try TemporaryDirectory()
    try directory.write("probe.html", page.replacingOccurrences(of: "</body>", with: Self.probe + "</body>"))
    let dom = try OKRCommand.run(
      ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(directory.path)/probe.html"],
      executable: Self.chromium!)
    #expect(dom.status == 0)
    return dom.standardOutput.components(separatedBy: "<pre id=\"probe\">").last?
      .components(separatedBy: "</pre>").first
  }
}
