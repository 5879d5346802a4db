/// Text laid out for a terminal: how wide text shows, and rows of a title and
/// cells fitted to the terminal's width.
///
/// Every text renderer fits its lines with this one type. A row is a lead that
/// is never cut (an indent and an id), a title that is (with `…`), and cells
/// that never are (numbers, grades, flags). On a terminal the titles are
/// shortened first; where even a short title leaves no room beside the cells,
/// every row stacks: its title on a line of its own, its cells indented below,
/// on as many lines as they take. Without a width (a file, a pipe) rows keep
/// their full layout: titles cut only at the row's own limit.
///
/// ```swift
/// let layout = TerminalLayout(width: 80, rows: rows, shortestTitle: 16)
/// for row in rows { out += layout.lines(row) }
/// ```
public struct TerminalLayout: Sendable {
  /// One row of a table: a lead, a title and cells.
  public struct Row: Sendable {
    /// What comes before the title and is never cut: an indent, an id.
    public var lead: TerminalText
    /// A person's text, shortened with `…` to fit; escaped when shown.
    public var title: String
    /// The longest the title is shown in the full layout; `nil` for whole.
    public var limit: Int?
    /// The cells after the title, each shown whole and aligned in columns.
    public var cells: [TerminalText]

    /// Creates a row.
    ///
    /// - Parameters:
    ///   - lead: The indent and id before the title, never cut.
    ///   - title: A person's text, shortened first.
    ///   - limit: The title's widest in the full layout; `nil` for whole.
    ///   - cells: The numbers after the title, never cut.
    public init(lead: TerminalText, title: String, limit: Int? = nil, cells: [TerminalText] = []) {
      self.lead = lead
      self.title = title
      self.limit = limit
      self.cells = cells
    }

    /// The title as the full layout shows it.
    var fullTitle: TerminalText { limit.map { TerminalLayout.cut(title, to: $0) } ?? TerminalText(text: title) }
  }

  /// How rows are laid out.
  public enum Shape: Equatable, Sendable {
    /// Lead, title and cells on one line; the lead and title padded to this width.
    case oneLine(labelWidth: Int)
    /// The lead and title on a line, the cells indented below it.
    case stacked
  }

  /// The terminal's width in columns; `nil` for the full layout.
  public let width: Int?
  /// How the rows are laid out.
  public let shape: Shape
  /// How far stacked cells are indented.
  public let stackIndent: Int
  /// The shortest title worth keeping beside cells.
  let shortestTitle: Int
  /// Each column's width: its widest cell.
  let columnWidths: [Int]

  /// The layout that fits `rows` to `width`.
  ///
  /// - Parameters:
  ///   - width: The terminal's width; `nil` keeps the full layout.
  ///   - rows: Every row the layout will show, to measure the columns by.
  ///   - shortestTitle: The shortest title worth keeping beside the cells; with
  ///     less room every row stacks.
  ///   - stackIndent: How far stacked cells are indented.
  public init(width: Int?, rows: [Row], shortestTitle: Int = 12, stackIndent: Int = 4) {
    self.width = width
    self.stackIndent = stackIndent
    self.shortestTitle = shortestTitle
    var columns: [Int] = []
    for row in rows {
      for (index, cell) in row.cells.enumerated() {
        if index == columns.count { columns.append(0) }
        columns[index] = max(columns[index], cell.width)
      }
    }
    columnWidths = columns
    let full = rows.map { $0.lead.width + $0.fullTitle.width }.max() ?? 0
    guard let width else {
      shape = .oneLine(labelWidth: full)
      return
    }
    let cells = columns.isEmpty ? 0 : columns.reduce(2, +) + 2 * (columns.count - 1)
    let label = min(full, width - cells)
    let lead = rows.map(\.lead.width).max() ?? 0
    let shortest = min(shortestTitle, rows.map { $0.fullTitle.width }.max() ?? 0)
    shape = label - lead >= shortest ? .oneLine(labelWidth: label) : .stacked
  }

  /// Whether rows stack their cells under their titles.
  public var isStacked: Bool { shape == .stacked }

  /// The lines of `row`, each ending in a newline; trailing spaces trimmed.
  ///
  /// - Parameter row: A row measured when the layout was made.
  /// - Returns: One line, or the title's line and the cells' lines below it.
  public func lines(_ row: Row) -> TerminalText {
    switch shape {
    case .oneLine(let label):
      let title = width == nil ? row.fullTitle : Self.cut(row.title, to: min(row.limit ?? .max, label - row.lead.width))
      return "\(Self.aligned([(row.lead + title).padded(to: label)] + row.cells, [label] + columnWidths))\n"
    case .stacked:
      // A heading (a row without the first column, such as an objective's
      // score) keeps its cells beside its title while a short title fits.
      let cells = TerminalText.joined(
        row.cells.map { $0.trimmingTrailingSpaces() }.filter { !$0.isEmpty }, separator: "  ")
      if let width, row.cells.first?.isEmpty ?? true {
        let room = width - row.lead.width - (cells.isEmpty ? 0 : 2 + cells.width)
        if room >= min(shortestTitle, row.fullTitle.width) {
          let title = Self.cut(row.title, to: min(room, row.limit ?? .max))
          return "\((row.lead + title + (cells.isEmpty ? .empty : "  " + cells)).trimmingTrailingSpaces())\n"
        }
      }
      let room = (width ?? .max) - row.lead.width
      let title = (row.lead + Self.cut(row.title, to: max(1, room))).trimmingTrailingSpaces()
      // A row without a title (a table's header) is its cells alone.
      var out: TerminalText = title.isEmpty ? .empty : "\(title)\n"
      for line in cellLines(row.cells) { out += "\(line)\n" }
      return out
    }
  }

  /// Cells under a stacked title, aligned in columns: all on one line when
  /// they fit, else split into runs of columns that do, the same for every
  /// row; a cell wider than the terminal has lines of its own, broken at its
  /// spaces (words, never digits) and indented.
  func cellLines(_ cells: [TerminalText]) -> [TerminalText] {
    let indent = TerminalText(text: String(repeating: " ", count: stackIndent))
    return columnRuns.compactMap { run -> TerminalText? in
      let part = Self.aligned(
        Array(cells[min(run.lowerBound, cells.count)..<min(run.upperBound, cells.count)]),
        Array(columnWidths[run]))
      if part.isEmpty { return nil }
      guard let width, stackIndent + part.width > width else { return indent + part }
      // Words (flags) wrap under the indent; a word that cannot fit there (a long number) is never cut.
      let words = part.description.split(separator: " ")
      guard words.allSatisfy({ stackIndent + Self.displayWidth(of: $0) <= width }) else { return part }
      return indent + Self.wrap(part, width: width, first: stackIndent, indent: stackIndent)
    }
  }

  /// The columns' runs that each fit on a stacked line.
  private var columnRuns: [Range<Int>] {
    guard let width else { return [0..<columnWidths.count] }
    var runs: [Range<Int>] = []
    var start = 0
    var used = 0
    for (index, column) in columnWidths.enumerated() {
      if index > start, stackIndent + used + 2 + column > width {
        runs.append(start..<index)
        start = index
        used = column
      } else {
        used += (index > start ? 2 : 0) + column
      }
    }
    if start < columnWidths.count { runs.append(start..<columnWidths.count) }
    return runs
  }

  /// `cells` padded to `widths` with two spaces between them, trailing spaces trimmed.
  static func aligned(_ cells: [TerminalText], _ widths: [Int]) -> TerminalText {
    var text = TerminalText.empty
    for (index, cell) in cells.enumerated() {
      text += index < cells.count - 1 ? cell.padded(to: (index < widths.count ? widths[index] : 0) + 2) : cell
    }
    return text.trimmingTrailingSpaces()
  }

  // MARK: Free text

  /// `text` broken at spaces so no line passes ``width`` (a word longer than a
  /// line is broken where the line ends), continuation lines indented; as it
  /// is without a width or when it fits.
  ///
  /// - Parameters:
  ///   - text: A person's text, or okr's words around it; escaped.
  ///   - first: The column the first line starts at.
  ///   - indent: How far continuation lines are indented.
  /// - Returns: The text on as many lines as it takes, without a final newline.
  public func wrap(_ text: String, first: Int = 0, indent: Int = 0) -> TerminalText {
    Self.wrap(TerminalText(text: text), width: width, first: first, indent: indent)
  }

  /// Terminal text already built (okr's words, escaped values, colour) broken
  /// the same way; a colour escape holds no space, so it stays whole.
  public func wrap(_ text: TerminalText, first: Int = 0, indent: Int = 0) -> TerminalText {
    Self.wrap(text, width: width, first: first, indent: indent)
  }

  /// `text` broken at spaces to fit `width`; see ``wrap(_:first:indent:)-(String,_,_)``.
  public static func wrap(_ text: TerminalText, width: Int?, first: Int = 0, indent: Int = 0) -> TerminalText {
    // Text that fits is kept as it is, its spacing included.
    guard let width, first + displayWidth(of: text.description) > width else { return text }
    // Leading spaces are an indent the caller wrote: kept, and counted.
    let leading = text.description.prefix { $0 == " " }.count
    if leading > 0 {
      let rest = TerminalText(escaped: String(text.description.dropFirst(leading)))
      return TerminalText(escaped: String(repeating: " ", count: leading))
        + wrap(rest, width: width, first: first + leading, indent: indent)
    }
    var lines: [String] = []
    var lineWords: [Substring] = []
    var column = first
    // Split at each space, so a run of spaces (a padded label) is kept inside a line.
    var words: [Substring] = []
    for word in text.description.split(separator: " ", omittingEmptySubsequences: false) {
      // A separator ends the line before it rather than starting the next.
      if word == "·", let last = words.popLast() {
        words.append(Substring(last + " " + word))
      } else {
        words.append(word)
      }
    }
    func endLine() {
      var line = lineWords.joined(separator: " ")
      while line.last == " " { line.removeLast() }
      lines.append(line)
      lineWords = []
      column = indent
    }
    for word in words {
      let wordWidth = displayWidth(of: word)
      if wordWidth > width - indent {
        // Longer than any line: broken where the line ends, as the terminal would, but indented.
        var rest = word
        while !rest.isEmpty {
          let room = width - column - (lineWords.isEmpty ? 0 : 1)
          var (head, tail) = split(rest, columns: room)
          if head.isEmpty {
            if !lineWords.isEmpty {
              endLine()
              continue
            }
            if column > indent {
              // Nothing fits after what precedes the text: start on the next line.
              lines.append("")
              column = indent
              continue
            }
            // Not one character fits a whole line: it goes on the line anyway.
            (head, tail) = (rest.prefix(1), rest.dropFirst())
          }
          lineWords.append(head)
          column += (lineWords.count > 1 ? 1 : 0) + displayWidth(of: head)
          rest = tail
          if !rest.isEmpty { endLine() }
        }
        continue
      }
      if lineWords.isEmpty {
        // Spaces where a line was broken go with the break.
        if word.isEmpty, !lines.isEmpty { continue }
        if lines.isEmpty, first > indent, first + wordWidth > width {
          // Not even the first word fits after what precedes it: start on the next line.
          lines.append("")
          column = indent
        }
        lineWords = [word]
        column += wordWidth
      } else if column + 1 + wordWidth > width {
        endLine()
        if word.isEmpty { continue }
        lineWords = [word]
        column += wordWidth
      } else {
        lineWords.append(word)
        column += 1 + wordWidth
      }
    }
    if !lineWords.isEmpty || lines.isEmpty { endLine() }
    // The words were escaped already: joining them at line breaks adds only okr's own spaces.
    return TerminalText(escaped: lines.joined(separator: "\n" + String(repeating: " ", count: indent)))
  }

  /// The start of `word` that fits `columns` display columns, and the rest; a
  /// colour escape is never split, and takes no columns.
  private static func split(_ word: Substring, columns: Int) -> (Substring, Substring) {
    var used = 0
    var index = word.startIndex
    var inEscape = false
    while index < word.endIndex {
      let character = word[index]
      if character == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if character.unicodeScalars.first == "m" { inEscape = false }
      } else {
        let width = self.columns(of: character)
        if used + width > columns { break }
        used += width
      }
      index = word.index(after: index)
    }
    return (word[..<index], word[index...])
  }

  /// Each line of `text` wrapped to `width`, continuation lines indented by `hang`:
  /// a message of okr's own, fitted to the terminal it goes to.
  ///
  /// - Parameters:
  ///   - text: Lines, each ending in a newline or not.
  ///   - width: The terminal's width; `nil` keeps the text as it is.
  ///   - hang: How far continuation lines are indented.
  /// - Returns: The text with its long lines broken at spaces.
  public static func fitted(_ text: TerminalText, width: Int?, hang: Int = 2) -> TerminalText {
    guard width != nil else { return text }
    let lines = text.description.split(separator: "\n", omittingEmptySubsequences: false).map {
      wrap(TerminalText(escaped: String($0)), width: width, indent: hang)
    }
    return TerminalText.joined(lines, separator: "\n")
  }

  // MARK: Measuring and cutting

  /// A person's text escaped, then cut to `columns` display columns with `…`.
  ///
  /// - Parameters:
  ///   - value: A person's text.
  ///   - columns: The most columns it may take.
  /// - Returns: The text whole when it fits, else its start and `…`.
  public static func cut(_ value: String, to columns: Int) -> TerminalText {
    guard columns > 0 else { return .empty }
    let text = TerminalText.visible(value)
    guard displayWidth(of: text) > columns else { return TerminalText(escaped: text) }
    var kept = ""
    var used = 0
    for character in text {
      let width = self.columns(of: character)
      if used + width > columns - 1 { break }
      kept.append(character)
      used += width
    }
    return TerminalText(escaped: kept + "…")
  }

  /// How many columns `text` takes on a terminal: East Asian wide and
  /// fullwidth characters and emoji take two, combining marks and other
  /// zero-width characters none, colour escapes none, `\r\n` one.
  ///
  /// - Parameter text: Text as it goes to the terminal.
  /// - Returns: Its width in columns.
  public static func displayWidth(of text: some StringProtocol) -> Int {
    // Text of scalars that each take one column and never join their
    // neighbours (ASCII, Latin letters, punctuation, box drawing, blocks:
    // what reports are made of) is counted by scalar, the fast path.
    if text.unicodeScalars.allSatisfy(standsAlone) {
      var count = 0
      var inEscape = false
      var afterReturn = false
      for scalar in text.unicodeScalars {
        if scalar == "\u{1B}" {
          inEscape = true
        } else if inEscape {
          if scalar == "m" { inEscape = false }
        } else if !(afterReturn && scalar == "\n") {
          count += 1
        }
        afterReturn = scalar == "\r"
      }
      return count
    }
    var count = 0
    var inEscape = false
    for character in text {
      if character == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        // A mark may join the escape's closing `m` into one character.
        if character.unicodeScalars.first == "m" { inEscape = false }
      } else {
        count += columns(of: character)
      }
    }
    return count
  }

  /// The columns one character takes: 2 when any of its scalars is wide (or
  /// an emoji shown as one), 0 when all of them are zero-width, else 1.
  static func columns(of character: Character) -> Int {
    var widest = 0
    for scalar in character.unicodeScalars {
      // U+FE0F asks for an emoji's picture, which takes two columns.
      if scalar.value == 0xFE0F, character.unicodeScalars.first?.properties.isEmoji == true { return 2 }
      widest = max(widest, columns(of: scalar))
      if widest == 2 { return 2 }
    }
    return widest
  }

  /// The columns one scalar takes on its own.
  static func columns(of scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    // Control characters never get here: ``TerminalText`` shows them as escapes.
    case 0...0x2FF: return 1
    // Hangul medial vowels and final consonants join the initial consonant's two columns.
    case 0x1160...0x11FF, 0xD7B0...0xD7FF: return 0
    case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F, 0xE0000...0xE0FFF: return 0
    default: break
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if isWide(scalar.value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// Whether a code point is East Asian Wide or Fullwidth (Unicode's UAX #11).
  static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD,
      0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// Whether a scalar takes one column whatever surrounds it (but for `\r\n`):
  /// no combining mark, joiner, variation selector, wide character, Hangul
  /// jamo, regional indicator or emoji modifier is among them.
  private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FF: return true
    default: return false
    }
  }
}
