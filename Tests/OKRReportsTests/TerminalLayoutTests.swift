import OKRCore
import Testing

@testable import OKRReports

/// The one layout helper: how wide text shows, how titles are shortened, and how rows stack.
@Suite struct TerminalLayoutTests {
  /// East Asian wide characters take two columns, combining marks none, colour escapes none.
  @Test func displayWidthCountsColumnsNotCharacters() {
    #expect(TerminalLayout.displayWidth(of: "abc") == 3)
    #expect(TerminalLayout.displayWidth(of: "日本語") == 6)
    #expect(TerminalLayout.displayWidth(of: "ｆｕｌｌ") == 8)
    #expect(TerminalLayout.displayWidth(of: "한국") == 4)
    // "e" and a combining acute, as two scalars: one column.
    #expect(TerminalLayout.displayWidth(of: "e\u{301}") == 1)
    #expect(TerminalLayout.displayWidth(of: "Ame\u{301}lie\u{20DD}") == 6)
    #expect(TerminalLayout.displayWidth(of: "a\u{200B}b") == 2)
    #expect(TerminalLayout.displayWidth(of: "🚀 go") == 5)
    #expect(TerminalLayout.displayWidth(of: "👩‍👩‍👧") == 2)
    #expect(TerminalLayout.displayWidth(of: "🇩🇪") == 2)
    #expect(TerminalLayout.displayWidth(of: "\u{1B}[31mred\u{1B}[0m") == 3)
    #expect(TerminalLayout.displayWidth(of: "0.8 ████████░░ │ → ·") == 20)
    #expect(TerminalText(text: "日本").width == 4)
  }

  /// Cutting goes by columns: a title of wide characters is cut to at most the width, `…` included.
  @Test func cutKeepsWithinTheColumns() {
    #expect(TerminalLayout.cut("Grow revenue", to: 8).description == "Grow re…")
    #expect(TerminalLayout.cut("Grow", to: 8).description == "Grow")
    let wide = TerminalLayout.cut("売上を大きく伸ばす", to: 8)
    #expect(wide.description == "売上を…")
    #expect(wide.width == 7)
    #expect(TerminalLayout.cut("売上を大きく伸ばす", to: 9).width <= 9)
    // Combining marks stay with their letter.
    #expect(TerminalLayout.cut("Ame\u{301}lie Poulain", to: 6).description == "Ame\u{301}li…")
    // Escaped first: a control character cannot survive a cut.
    #expect(!TerminalLayout.cut("\u{1B}[2Jclear", to: 5).description.contains("\u{1B}"))
  }

  private func rows(_ titles: [String], number: String = "0.75") -> [TerminalLayout.Row] {
    titles.enumerated().map { index, title in
      TerminalLayout.Row(
        lead: TerminalText(text: "  KR\(index + 1)  "), title: title, limit: 40,
        cells: [TerminalText(text: number), "green"])
    }
  }

  private func widths(_ text: TerminalText) -> [Int] {
    text.description.split(separator: "\n").map { TerminalLayout.displayWidth(of: $0) }
  }

  /// Without a width, the full layout: titles cut only at their limit, cells aligned.
  @Test func noWidthKeepsTheFullLayout() {
    let rows = rows(["Short", String(repeating: "long ", count: 12)])
    let layout = TerminalLayout(width: nil, rows: rows)
    #expect(layout.shape == .oneLine(labelWidth: 47))
    #expect(layout.lines(rows[0]).description == "  KR1  Short" + String(repeating: " ", count: 37) + "0.75  green\n")
    #expect(layout.lines(rows[1]).description.hasPrefix("  KR2  long long long long long long long long…  0.75"))
  }

  /// Titles are shortened first; the numbers stay whole and aligned.
  @Test func titlesShortenBeforeNumbers() {
    let rows = rows(["Raise the conversion of trials to paid plans", "日本語のタイトルはとても長いです、本当に長い"])
    let layout = TerminalLayout(width: 40, rows: rows)
    #expect(!layout.isStacked)
    for row in rows {
      let text = layout.lines(row)
      #expect(widths(text).allSatisfy { $0 <= 40 }, "\(text)")
      #expect(text.description.contains("0.75  green"))
      #expect(text.description.contains("…"))
    }
    // The numbers start in the same column on both lines, wide title or not.
    let columns = rows.map { row in
      layout.lines(row).description.split(separator: "0.75")[0].description
    }.map { TerminalLayout.displayWidth(of: $0) }
    #expect(columns[0] == columns[1])
  }

  /// Too narrow for a short title beside the numbers: each row stacks, title above, numbers indented.
  @Test func narrowRowsStack() {
    let rows = rows(["Raise the conversion of trials to paid plans"], number: "12.5 months → 14 months")
    let layout = TerminalLayout(width: 40, rows: rows, shortestTitle: 16)
    #expect(layout.isStacked)
    let lines = layout.lines(rows[0]).description.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0] == "  KR1  Raise the conversion of trials t…")
    #expect(lines[1] == "    12.5 months → 14 months  green")
  }

  /// Cells that do not fit on one stacked line split into runs of columns, the same for every row.
  @Test func stackedCellsSplitIntoRuns() {
    let row = TerminalLayout.Row(
      lead: "  KR1  ", title: "A title", cells: ["598 €k", "410→650 €k", "0.8 ████████░░", "green", "conf 8"])
    let layout = TerminalLayout(width: 30, rows: [row])
    let lines = layout.lines(row).description.split(separator: "\n")
    #expect(lines == ["  KR1  A title", "    598 €k  410→650 €k", "    0.8 ████████░░  green", "    conf 8"])
  }

  /// A number longer than the terminal is never cut: it takes a line of its own, whole.
  @Test func aNumberWiderThanTheTerminalStaysWhole() {
    let number = "123456789012345678901234567890.5 €k"
    let rows = rows(["Revenue"], number: number)
    let layout = TerminalLayout(width: 20, rows: rows)
    let text = layout.lines(rows[0]).description
    #expect(text.contains(number))
    #expect(text.split(separator: "\n").contains { $0 == Substring(number) })
  }

  /// Flags wider than the terminal wrap at their spaces under the indent, every line within the width.
  @Test func wordsWiderThanTheTerminalWrapUnderTheIndent() {
    let row = TerminalLayout.Row(
      lead: "  KR4  ", title: "Signups", cells: ["1", "0→4", "0.3", "deleted 2026-02-02 in 3ae5d79, last score"])
    let layout = TerminalLayout(width: 30, rows: [row])
    let lines = layout.lines(row).description.split(separator: "\n")
    #expect(lines == ["  KR4  Signups", "    1  0→4  0.3", "    deleted 2026-02-02 in", "    3ae5d79, last score"])
  }

  /// A title all of wide characters stacks and cuts on a column boundary, never half a character.
  @Test func aTitleOfWideCharactersFits() {
    let rows = rows([String(repeating: "長", count: 40)])
    for width in [20, 21, 40] {
      let layout = TerminalLayout(width: width, rows: rows)
      let text = layout.lines(rows[0])
      #expect(widths(text).allSatisfy { $0 <= width }, "\(width): \(text)")
      #expect(text.description.contains("0.75"))
    }
  }

  /// Wrapping breaks at spaces by columns, keeps an indent, and never starts a line with `·`.
  @Test func wrapFitsFreeText() {
    let text = "Overall 0.6 · 5 teams · 11 objectives · 29 key results · 7 committed missed"
    let wrapped = TerminalLayout.wrap(TerminalText(text: text), width: 30, indent: 2)
    #expect(widths(wrapped).allSatisfy { $0 <= 30 })
    #expect(!wrapped.description.split(separator: "\n").contains { $0.hasPrefix("  ·") })
    #expect(TerminalLayout.wrap(TerminalText(text: text), width: nil).description == text)
    let wide = TerminalLayout.wrap(TerminalText(text: "日本語 日本語 日本語 日本語"), width: 14)
    #expect(wide.description == "日本語 日本語\n日本語 日本語")
    // Runs of spaces inside a line are kept; spaces at a break go with it.
    let padded = TerminalLayout.wrap(TerminalText(text: "label        a value that goes on"), width: 20, indent: 13)
    #expect(padded.description == "label        a value\n             that\n             goes on")
  }

  /// A word longer than any line (a URL, a path) is broken where the line ends, by columns,
  /// never inside a wide character or a colour escape.
  @Test func aWordLongerThanALineIsBroken() {
    let url = "https://example.com/" + String(repeating: "a", count: 30)
    let wrapped = TerminalLayout.wrap(TerminalText(text: "see \(url) now"), width: 20, indent: 2)
    #expect(widths(wrapped).allSatisfy { $0 <= 20 })
    // Every character kept, in order: only line breaks, their indents and spaces differ.
    let characters = wrapped.description.filter { $0 != "\n" && $0 != " " }
    #expect(characters == "see\(url)now")
    #expect(wrapped.description.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  ") })
    let wide = TerminalLayout.wrap(TerminalText(text: String(repeating: "長", count: 15)), width: 9)
    #expect(wide.description.split(separator: "\n").map(\.count) == [4, 4, 4, 3])
    let coloured = TerminalText.styled(TerminalText(text: String(repeating: "x", count: 12)), sgr: "31")
    let broken = TerminalLayout.wrap(coloured, width: 5)
    #expect(widths(broken) == [5, 5, 2])
    #expect(broken.description.hasPrefix("\u{1B}[31mxxxxx\n"))
  }

  /// An override's line: both scores, the computed one with the decimals it takes to differ,
  /// and the person's note escaped.
  @Test func overrideTextShowsBothScoresAndTheEscapedNote() {
    let text = ScoreTextRenderer.overrideText(
      score: 0.6, computed: 0.62, note: "agreed \u{1B}[2J on\nFriday", grading: .standard)
    #expect(text.description == "0.6 (override; computed 0.62) — agreed \\u{1B}[2J on Friday")
    let plain = ScoreTextRenderer.overrideText(score: 0.6, computed: 0.38, note: nil, grading: .standard)
    #expect(plain.description == "0.6 (override; computed 0.38)")
  }
}
