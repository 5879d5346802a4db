@_spi(Fuzzing) import OKRReports

/// What every rendered report must hold, whatever the files said; a breach traps, so libFuzzer keeps the input.
enum Oracles {
  /// The report's JSON as okr writes it must be Foundation's `JSONEncoder`'s, byte for byte:
  /// ``SortedJSONWriter`` and its pointer-held state are held to the encoder they replace.
  static func json(_ value: some Encodable) {
    let written = JSONOutput.encode(value)
    // By bytes: `==` on strings would take canonically equivalent spellings as equal.
    guard written.utf8.elementsEqual(JSONOutput.foundationEncode(value).utf8) else {
      fatalError("JSON differs from Foundation's:\n\(written)")
    }
  }

  /// Text for a terminal, colour off: no control character but the line break, and no bidi override.
  static func text(_ output: String, _ what: String) {
    for scalar in output.unicodeScalars where scalar != "\n" && isUnsafe(scalar) {
      fatalError("\(what): a raw U+\(hex(scalar)) in\n\(output)")
    }
  }

  /// Markdown: text's rule, no `<` at all (okr writes none, so any would be a
  /// person's raw HTML), and every line of a table with as many unescaped `|`
  /// as the table's first line.
  static func markdown(_ output: String, _ what: String) {
    text(output, what)
    if output.unicodeScalars.contains("<") { fatalError("\(what): a raw '<' in\n\(output)") }
    var columns: Int?
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        columns = nil
        continue
      }
      let pipes = unescapedPipes(line)
      if let columns, columns != pipes {
        fatalError("\(what): a table row with \(pipes) column separators, not \(columns): \(line)")
      }
      columns = pipes
    }
  }

  /// A Slack message: every `text` (each section's and the fallback) holds
  /// no `<` or `>`, no `&` that starts anything but `&amp;`, `&lt;` or `&gt;`,
  /// no control character but the line break; at most 50 blocks, and no
  /// section's text over 3000 UTF-16 code units.
  static func slack(_ output: String) {
    let texts = jsonStrings(output, forKey: "text")
    // Keys are sorted: the blocks' texts come first, the fallback last.
    guard !texts.isEmpty else { fatalError("slack: no text in\n\(output)") }
    let sections = texts.dropLast()
    if sections.count > 50 { fatalError("slack: \(sections.count) blocks in\n\(output)") }
    for section in sections where section.utf16.count > 3000 {
      fatalError("slack: a section of \(section.utf16.count) characters in\n\(output)")
    }
    for text in texts {
      for scalar in text.unicodeScalars where scalar != "\n" && isUnsafe(scalar) {
        fatalError("slack: a raw U+\(hex(scalar)) in\n\(text)")
      }
      if text.unicodeScalars.contains(where: { $0 == "<" || $0 == ">" }) {
        fatalError("slack: a raw '<' or '>' in\n\(text)")
      }
      var rest = Substring(text)
      while let amp = rest.firstIndex(of: "&") {
        let tail = rest[amp...]
        guard tail.hasPrefix("&amp;") || tail.hasPrefix("&lt;") || tail.hasPrefix("&gt;") else {
          fatalError("slack: a bare '&' in\n\(text)")
        }
        rest = rest[rest.index(after: amp)...]
      }
    }
  }

  /// The string values of `key` anywhere in a JSON text, in order, unescaped.
  static func jsonStrings(_ json: String, forKey key: String) -> [String] {
    var values: [String] = []
    var scalars = Array(json.unicodeScalars)[...]
    var lastKey: String?
    while let first = scalars.first {
      scalars = scalars.dropFirst()
      guard first == "\"" else { continue }
      let string = jsonString(&scalars)
      let next = scalars.first { $0 != " " && $0 != "\n" }
      if next == ":" {
        lastKey = string
      } else {
        if lastKey == key { values.append(string) }
        lastKey = nil
      }
    }
    return values
  }

  /// A JSON string's contents up to its closing quote, which is consumed.
  static func jsonString(_ scalars: inout ArraySlice<Unicode.Scalar>) -> String {
    var out = String.UnicodeScalarView()
    var pendingHigh: UInt32?
    while let scalar = scalars.popFirst(), scalar != "\"" {
      guard scalar == "\\", let escape = scalars.popFirst() else {
        out.append(scalar)
        continue
      }
      switch escape {
      case "n": out.append("\n")
      case "t": out.append("\t")
      case "r": out.append("\r")
      case "b": out.append("\u{8}")
      case "f": out.append("\u{C}")
      case "u":
        let code = UInt32(String(String.UnicodeScalarView(scalars.prefix(4))), radix: 16) ?? 0xFFFD
        scalars = scalars.dropFirst(4)
        if (0xD800...0xDBFF).contains(code) {
          pendingHigh = code
        } else if let high = pendingHigh, (0xDC00...0xDFFF).contains(code) {
          out.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) ?? "\u{FFFD}")
          pendingHigh = nil
        } else {
          out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
      default: out.append(escape)
      }
    }
    return String(out)
  }

  /// The elements okr's page is made of.
  static let elements: Set<String> = [
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "strong", "main", "section",
    "ul", "li", "br", "span", "article", "a", "div", "svg", "desc", "line", "text", "polyline", "circle", "footer",
    "table", "thead", "tbody", "tr", "th", "td",
  ]

  /// The attributes okr's page uses.
  static let attributes: Set<String> = [
    "lang", "charset", "name", "content", "class", "id", "href", "role", "aria-label", "aria-labelledby", "viewBox",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points", "text-anchor", "dominant-baseline", "style", "title",
    "scope",
  ]

  /// HTML: only okr's own elements and attributes, every value double-quoted,
  /// no `on…` attribute, `href` only to an `id` on the page, ids unique, and text's rule.
  static func html(_ page: String) {
    text(page, "html")
    let scalars = Array(page.unicodeScalars)
    var index = 0
    var ids: Set<String> = []
    var links: [String] = []
    func fail(_ problem: String) -> Never {
      fatalError("html: \(problem) at scalar \(index) in\n\(page)")
    }
    func name() -> String {
      var out = ""
      while index < scalars.count,
        scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
          || scalars[index] == "-"
      {
        out.unicodeScalars.append(scalars[index])
        index += 1
      }
      return out
    }
    guard page.hasPrefix("<!doctype html>\n") else { fail("no doctype first") }
    index = "<!doctype html>".unicodeScalars.count
    while index < scalars.count {
      guard scalars[index] == "<" else {
        if scalars[index] == ">" { fail("a raw '>' in text") }
        index += 1
        continue
      }
      index += 1
      if index < scalars.count, scalars[index] == "/" {
        index += 1
        let element = name()
        guard elements.contains(element), index < scalars.count, scalars[index] == ">" else {
          fail("end tag '\(element)'")
        }
        index += 1
        continue
      }
      let element = name()
      guard elements.contains(element) else { fail("element '\(element)'") }
      while true {
        while index < scalars.count, scalars[index] == " " { index += 1 }
        guard index < scalars.count else { fail("an unclosed tag") }
        if scalars[index] == ">" {
          index += 1
          break
        }
        if scalars[index] == "/", index + 1 < scalars.count, scalars[index + 1] == ">" {
          index += 2
          break
        }
        let attribute = name()
        guard attributes.contains(attribute), !attribute.lowercased().hasPrefix("on") else {
          fail("attribute '\(attribute)' on <\(element)>")
        }
        guard index + 1 < scalars.count, scalars[index] == "=", scalars[index + 1] == "\"" else {
          fail("attribute '\(attribute)' without a double-quoted value")
        }
        index += 2
        var value = ""
        while index < scalars.count, scalars[index] != "\"" {
          if scalars[index] == "<" { fail("'<' in an attribute value") }
          value.unicodeScalars.append(scalars[index])
          index += 1
        }
        index += 1
        switch attribute {
        case "id":
          guard ids.insert(value).inserted else { fail("id '\(value)' twice") }
          guard value.unicodeScalars.allSatisfy(isAnchorScalar) else { fail("id '\(value)'") }
        case "href":
          guard value.hasPrefix("#") else { fail("href '\(value)' leaves the page") }
          links.append(String(value.dropFirst()))
        case "aria-labelledby":
          links += value.split(separator: " ").map(String.init)
        case "style":
          guard value.hasPrefix("width: "), value.hasSuffix("%") else { fail("style '\(value)'") }
        default: break
        }
      }
      if element == "style" {
        // okr's own CSS, from a literal: it holds no '<'.
        while index < scalars.count, scalars[index] != "<" { index += 1 }
      }
    }
    for link in links where !ids.contains(link) { fatalError("html: '\(link)' names no id on the page\n\(page)") }
  }

  /// The CSV columns that hold numbers okr formats, by position, from the renderer's own list.
  static let numericColumns = Set(
    ScoreCSVRenderer.columns.indices.filter { ScoreCSVRenderer.numericColumns.contains(ScoreCSVRenderer.columns[$0]) })

  /// CSV: every record has every column, and a field starts with a formula
  /// character only when it is a number okr wrote in a numeric column.
  static func csv(_ output: String) {
    let records = parseCSV(output)
    for (number, record) in records.enumerated() {
      guard record.count == ScoreCSVRenderer.columns.count else {
        fatalError("csv: record \(number) has \(record.count) fields\n\(output)")
      }
      for (column, field) in record.enumerated() {
        for scalar in field.unicodeScalars where scalar != "\n" && scalar != "\r" && isUnsafe(scalar) {
          fatalError("csv: a raw U+\(hex(scalar)) in '\(field)'")
        }
        guard let first = field.unicodeScalars.first(where: { $0 != " " }), startsFormula(first) else { continue }
        guard number > 0, numericColumns.contains(column), Double(field) != nil else {
          fatalError("csv: field '\(field)' in column \(ScoreCSVRenderer.columns[column]) starts a formula")
        }
      }
    }
  }

  static func startsFormula(_ scalar: Unicode.Scalar) -> Bool {
    ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"].contains(scalar)
  }

  /// RFC 4180, with `\n` between records.
  static func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? scalars.next() {
      pending = nil
      if quoted {
        if scalar == "\"" {
          let next = scalars.next()
          if next == "\"" {
            field += "\""
          } else {
            quoted = false
            pending = next
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
      } else if scalar == "\"" && field.isEmpty {
        quoted = true
      } else if scalar == "," {
        record.append(field)
        field = ""
      } else if scalar == "\n" {
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else {
        field.unicodeScalars.append(scalar)
      }
    }
    if quoted { fatalError("csv: an unclosed quote\n\(text)") }
    if !field.isEmpty || !record.isEmpty { fatalError("csv: no final line break\n\(text)") }
    return records
  }

  static func unescapedPipes(_ line: Substring) -> Int {
    var count = 0
    var backslashes = 0
    for scalar in line.unicodeScalars {
      if scalar == "|" && backslashes % 2 == 0 { count += 1 }
      backslashes = scalar == "\\" ? backslashes + 1 : 0
    }
    return count
  }

  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
      || (0x2066...0x2069).contains(scalar.value)
  }

  static func isAnchorScalar(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
      || scalar == "_"
  }

  static func hex(_ scalar: Unicode.Scalar) -> String { String(scalar.value, radix: 16, uppercase: true) }
}
