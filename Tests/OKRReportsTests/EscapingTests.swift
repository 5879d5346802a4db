import TestSupport
import Testing
import YAMLKit

@testable import OKRReports

/// The output types: a person's string gets into each format only through its escaping.
@Suite struct EscapingTests {
  /// Every scalar a terminal acts on, and the bidirectional controls.
  private static let unsafe: [Unicode.Scalar] =
    (Array(0..<0x20) + Array(0x7F..<0xA0) + Array(0x202A...0x202E) + Array(0x2066...0x2069))
    .compactMap(Unicode.Scalar.init)

  // MARK: Terminal

  @Test func terminalTextEscapesInterpolatedValuesButKeepsLiterals() {
    let id = "O1\u{1B}[2J"
    let unit = "\u{1B}]0;title\u{7}%"
    let text: TerminalText = "\(id)  \(unit)\n"
    #expect(text.description == "O1\\u{1B}[2J  \\u{1B}]0;title\\u{7}%\n")
  }

  @Test func noUnsafeScalarSurvivesAnyInterpolation() {
    for scalar in Self.unsafe {
      let value = "a\(Character(scalar))b"
      let text: TerminalText = "\(value)"
      #expect(!text.description.unicodeScalars.contains(where: TerminalText.isUnsafe), "U+\(scalar.value)")
      #expect(!text.description.unicodeScalars.contains("\n"), "U+\(scalar.value)")
    }
    #expect(TerminalText(text: "line\r\nbreak\nand\ttab").description == "line break and tab")
    #expect(TerminalText(text: "nul\u{0}csi\u{9B}rlo\u{202E}").description == "nul\\u{0}csi\\u{9B}rlo\\u{202E}")
  }

  @Test func colourIsTheOnlyWayToWriteAnEscape() {
    let plain = TerminalText.styled("error:", sgr: "1;31", enabled: false)
    #expect(plain.description == "error:")
    let coloured = TerminalText.styled("error:", sgr: "1;31")
    #expect(coloured.description == "\u{1B}[1;31merror:\u{1B}[0m")
    #expect(coloured.width == 6)
    #expect(coloured.padded(to: 8).description == "\u{1B}[1;31merror:\u{1B}[0m  ")
  }

  /// Width counts characters on screen: the ASCII path on bytes and the general path on
  /// characters agree, with `\r\n` (which only okr's own literals can hold) as one character.
  @Test func widthCountsCharactersNotBytesOrEscapes() {
    let literals: [(TerminalText, Int)] = [
      ("a\r\nb", 3), ("é\r\nb", 3), ("a\rb", 3), ("e\u{301}\r\n", 2), ("\r\n\r\n", 2), ("", 0),
    ]
    for (text, width) in literals { #expect(text.width == width, "\(text.description.debugDescription)") }
    #expect(TerminalText.styled("ab", sgr: "31").width == 2)
    #expect(TerminalText.styled("äb", sgr: "31").width == 2)
    #expect((TerminalText.styled("x", sgr: "1") + "\r\n").width == 2)
  }

  /// Counting by scalar, for text whose scalars never join, agrees with counting each
  /// character's columns: 5,000 random strings of report-like scalars mixed with ones that do
  /// join, or take two columns or none.
  @Test func widthByScalarAgreesWithCharacters() {
    let pool: [String] = [
      "a", "é", "·", "…", "█", "░", "\r", "\n", "↑", "│", "\u{2028}", "\u{AD}", "e", "\u{301}", "🙂", "\u{FE0F}",
      "\u{200D}", "🇫", "🇷", "한", "\u{1B}[31m", "\u{1B}[0m", "m", "\u{7F}", "\u{85}",
    ]
    var random = SeededGenerator(seed: 0x71D7)
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pool.randomElement(using: &random)! }.joined()
      var expected = 0
      var inEscape = false
      for character in text {
        if character == "\u{1B}" {
          inEscape = true
        } else if inEscape {
          if character.unicodeScalars.first == "m" { inEscape = false }
        } else {
          expected += TerminalLayout.columns(of: character)
        }
      }
      #expect(TerminalLayout.displayWidth(of: text) == expected, "\(text.debugDescription)")
    }
  }

  @Test func cuttingHappensAfterEscaping() {
    #expect(TerminalText.cut("ab\u{1B}cdef", to: 6).description == "ab\\u{…")
    #expect(TerminalText.cut("short", to: 6).description == "short")
  }

  // MARK: HTML

  @Test func htmlEscapesTextAndAttributeValues() {
    let id = "O1\"><img src=x onerror=\"alert(1)\">"
    let html: HTML = "<h3 title=\"\(id)\">\(id) &amp; \(HTML(text: "<b>"))</h3>"
    #expect(
      html.description
        == "<h3 title=\"O1&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\">"
        + "O1&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;</h3>")
    let quote: HTML = "\("'\u{1B}")"
    #expect(quote.description == "&#39;\\u{1B}")
  }

  @Test func anchorsAreSafeAndUnique() {
    var anchors = HTMLAnchors()
    let hostile = anchors.unique("chart-a-O1\"><img onerror=x>/KR 1")
    #expect(hostile.name == "chart-a-O1---img-onerror-x--KR-1")
    #expect(anchors.unique("team-a").name == "team-a")
    #expect(anchors.unique("team-a").name == "team-a-2")
    #expect(anchors.unique("team/a").name == "team-a-3")
    // A name that is another's `-t` title id is moved aside.
    let chart = anchors.unique("chart-x")
    #expect(chart.suffixed("-t").name == "chart-x-t")
    #expect(anchors.unique("chart-x-t").name == "chart-x-t-2")
    let html: HTML = "<a href=\"#\(hostile)\">"
    #expect(html.description == "<a href=\"#chart-a-O1---img-onerror-x--KR-1\">")
  }

  // MARK: Markdown

  @Test func markdownEscapesHTMLAndItsOwnSyntax() {
    let title = "<svg onload=alert(1)> *bold* [link](javascript:x) `code` a|b \\ ~del~"
    let markdown: MarkdownText = "### O1: \(title)\n"
    #expect(
      markdown.description
        == "### O1: &lt;svg onload=alert(1)&gt; \\*bold\\* \\[link\\](javascript:x) \\`code\\` a\\|b \\\\ \\~del\\~\n")
  }

  @Test func underscoresInsideWordsStayAsTheyAre() {
    #expect(MarkdownText(text: "trial_started events").description == "trial_started events")
    #expect(MarkdownText(text: "_emphasis_ x_").description == "\\_emphasis\\_ x\\_")
  }

  @Test func aValueThatStartsALineCannotOpenABlock() {
    for (value, escaped) in [
      ("# heading", "\\# heading"), ("- item", "\\- item"), ("+ item", "\\+ item"), ("=== ", "\\=== "),
      ("1. item", "1\\. item"), ("12) item", "12\\) item"), ("2026-07-01", "2026-07-01"), ("> quote", "&gt; quote"),
    ] {
      let markdown: MarkdownText = "\(value)\n"
      #expect(markdown.description == escaped + "\n", "\(value)")
    }
    // Inside a line the same text means nothing.
    let inline: MarkdownText = "x \("- item") \("1. item")"
    #expect(inline.description == "x - item 1. item")
  }

  @Test func onlyPlainTextBecomesACodeSpan() {
    #expect(MarkdownText.code("growth").description == "`growth`")
    #expect(MarkdownText.code("company O1/KR1").description == "`company O1/KR1`")
    // Anything a code span would have to escape, or a renderer might show raw, is escaped text instead.
    #expect(MarkdownText.code("a`b").description == "a\\`b")
    #expect(MarkdownText.code("O1\"><img src=x>").description == "O1\"&gt;&lt;img src=x&gt;")
    #expect(MarkdownText.code("a|b\u{1B}").description == "a\\|b\\\\u{1B}")
  }

  @Test func tableRowsKeepTheirColumns() {
    let row = MarkdownText.row([MarkdownText(text: "KR1|x"), MarkdownText(text: "line\nbreak")])
    #expect(row.description == "| KR1\\|x | line break |\n")
  }

  // MARK: Slack

  /// Slack's three escapes, formatting characters in their fullwidth forms, control characters shown.
  @Test func slackTextEscapesMentionsLinksAndFormatting() {
    let title = "<!channel> <@U123> <http://x|y> &amp; *b* _i_ ~s~ `c` @here [a](b) \u{1B}[2J\u{7}\nnext"
    let text: SlackText = "*Moved* \(title)\n"
    #expect(
      text.description
        == "*Moved* &lt;!channel&gt; &lt;＠U123&gt; &lt;http://x|y&gt; &amp;amp; ＊b＊ ＿i＿ ～s～ ｀c｀ ＠here "
        + "［a］(b) \\u{1B}［2J\\u{7} next\n")
    for scalar in Self.unsafe {
      let escaped = SlackText(text: "a\(Character(scalar))b").description
      #expect(!escaped.unicodeScalars.contains(where: TerminalText.isUnsafe), "U+\(scalar.value)")
    }
  }

  /// Cutting keeps whole entities and whole scalars, and says it cut.
  @Test func slackTextIsCutBetweenEscapes() {
    let text = SlackText(text: "ab&<🙂")
    #expect(text.description == "ab&amp;&lt;🙂")
    #expect(text.length == 13)
    #expect(text.cut(to: 13) == text)
    #expect(text.cut(to: 12).description == "ab&amp;&lt;…")
    #expect(text.cut(to: 10).description == "ab&amp;…")
    #expect(text.cut(to: 6).description == "ab…")
    #expect(text.cut(to: 1).description == "…")
  }

  @Test func onlyPlainIdsBecomeSlackCode() {
    #expect(SlackText.code("confidence_drop").description == "`confidence_drop`")
    #expect(SlackText.code("a`b").description == "a｀b")
    #expect(SlackText.code("<!here>").description == "&lt;!here&gt;")
  }

  /// A section longer than Slack's 3000 characters is split, a line longer is cut, and past 50
  /// blocks the rest is counted.
  @Test func slackBlocksStayWithinSlacksLimits() {
    let line = SlackText(text: String(repeating: "x", count: 1000))
    let long = SlackText(text: String(repeating: "&", count: 5000))
    let packed = DigestSlackRenderer.pack([("*A*", [line, line, line, long]), ("*B*", [line])])
    // A: the title and two lines; the third; the long line cut (whole entities, so under 3000); then B.
    #expect(packed.map(\.length) == [2005, 1000, 2996, 1004])
    #expect(packed[2].description.hasSuffix("&amp;…"))
    let many = DigestSlackRenderer.pack((0..<60).map { _ in ("*T*", [line, line]) })
    #expect(many.count == 50)
    #expect(many.last?.description == "…and 22 more")
    #expect(many.allSatisfy { $0.length <= 3000 })
    // A long section gives way to the short ones after it: A needs 100 blocks, B one.
    let crowded = DigestSlackRenderer.pack([("*A*", Array(repeating: line, count: 200)), ("*B*", [line])])
    #expect(crowded.count == 50)
    #expect(crowded[48].description == "…and 104 more")
    #expect(crowded[49].description.hasPrefix("*B*\n"))
  }

  // MARK: CSV

  @Test func formulaStartsAreNeutralised() {
    for formula in [
      "=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1", "＝1", "＋1", "－1",
      "＠1",
    ] {
      let field = CSVCell.text(formula).field
      let unquoted = field.hasPrefix("\"") ? String(field.dropFirst()) : field
      #expect(unquoted.hasPrefix("'"), "\(formula) became \(field)")
    }
    #expect(CSVCell.text("=HYPERLINK(\"http://x\",\"y\")").field == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
    #expect(CSVCell.text("Grow 5%").field == "Grow 5%")
  }

  @Test func numbersOKRFormatsStayNumbers() {
    #expect(CSVCell.number(-5).field == "-5")
    #expect(CSVCell.number(-2.5).field == "-2.5")
    #expect(CSVCell.exact(0.7833333333333333).field == "0.7833333333333333")
    #expect(CSVCell.integer(-1).field == "-1")
    #expect(CSVCell.record([.text("a,b"), .number(-1), .empty]) == "\"a,b\",-1,\n")
  }

  @Test func csvShowsControlCharactersButKeepsQuotedLineBreaks() {
    #expect(CSVCell.text("KR1\u{1B}]0;x\u{7}").field == "KR1\\u{1B}]0;x\\u{7}")
    #expect(CSVCell.text("nul\u{0}").field == "nul\\u{0}")
    #expect(CSVCell.text("two\nlines").field == "\"two\nlines\"")
  }
}

/// One rule of what is unsafe to print: the messages YAMLKit writes about a file's text and every
/// output's escaping agree on every scalar.
@Suite struct UnsafeScalarRuleTests {
  @Test func messagesAndOutputsAgreeOnEveryScalar() {
    for value in UInt32(0)...0x2FFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(DisplayText.isUnsafe(scalar) == TerminalText.isUnsafe(scalar))
    }
  }

  /// A bidirectional override in a key is escaped in the message, not only when a terminal shows it.
  @Test func aBidiOverrideInAFileIsEscapedInItsMessage() {
    #expect(DisplayText.shown("ab\u{202E}cd") == "ab\\u{202E}cd")
    #expect(DisplayText.shown("x\u{1B}[2J") == "x\\u{1B}[2J")
  }
}
