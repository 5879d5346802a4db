import Testing
import YAMLKit

@Suite struct YAMLWriterTests {
  static let awkwardNotes = [
    "plain words", "colon: inside", "ends with colon:", "# looks like a comment", "a # in the middle",
    "'single' and \"double\" quotes", "  leading spaces", "trailing spaces  ", "line one\nline two",
    "two\n\nparagraphs\n", "trailing newline\n", "\nleading newline", "emoji 🚀 and ünïcödé", "true", "no", "off",
    "42", "3.5", "0x1F", "1e3", "null", "~", "", "-", "- dash", "? question", "[not, a, list]", "{not: a map}",
    "&anchor", "*alias", "!tag", "%directive", "@at", "`backtick", "|", ">", "tab\there", "back\\slash",
    "2026-01-05", "key: value\nother: thing", "   ", "\u{1F}control", "…", "---", "...",
  ]

  @Test(arguments: awkwardNotes)
  func everyNoteReadsBackExactly(_ note: String) throws {
    let text = try YAMLWriter.document(
      .mapping([("team", .text("growth")), ("note", .text(note)), ("value", .number("41"))]))
    #expect(text.hasPrefix("---"))
    #expect(text.hasSuffix("\n"))
    let stream = YAMLParser.parse(text)
    #expect(stream.errors.isEmpty)
    let root = try #require(stream.documents.first?.root)
    #expect(root["note"]?.resolvedScalar == .string(note))
    #expect(root["value"]?.resolvedScalar == .int(41))
  }

  @Test func documentsAreReadableBlockYAML() throws {
    let text = try YAMLWriter.document(
      .mapping([
        ("team", .text("growth")), ("quarter", .text("2026-Q1")), ("week", .text("2026-W03")),
        (
          "key_results",
          .mapping([
            (
              "O1/KR1",
              .mapping([
                ("value", .number("41")), ("confidence", .number("7")), ("blockers", .list([.text("analytics quota")])),
              ])
            )
          ])
        ),
        ("done", .bool(true)),
      ]))
    #expect(
      text == """
        ---
        team: growth
        quarter: 2026-Q1
        week: 2026-W03
        key_results:
          O1/KR1:
            value: 41
            confidence: 7
            blockers:
            - analytics quota
        done: true

        """)
  }

  @Test func aNumberThatIsNotOneIsRefused() {
    #expect(throws: YAMLWriter.WriteError.self) {
      try YAMLWriter.document(.mapping([("value", .number("forty"))]))
    }
  }
}

@Suite struct YAMLWriterPropertyTests {
  @Test func arbitraryUnicodeNotesRoundTrip() throws {
    // Scalars that stress YAML: indicators, quotes, breaks, controls, spaces,
    // non-ASCII from several planes.
    let pool: [Unicode.Scalar] =
      Array(":#-?[]{},&*!|>'\"%@` \t\n\r\\".unicodeScalars) + [
        "a", "Z", "0", "9", ".", "é", "ß", "\u{85}", "\u{2028}", "\u{FEFF}", "中", "😀", "\u{1F}", "\u{7F}", "\u{A0}",
      ]
    var state: UInt64 = 99
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    for _ in 0..<3_000 {
      var note = ""
      for _ in 0..<(next() % 24) { note.unicodeScalars.append(pool[next() % pool.count]) }
      let text = try YAMLWriter.document(.mapping([("note", .text(note)), ("value", .number("1.5"))]))
      let root = try #require(YAMLParser.parse(text).documents.first?.root)
      #expect(
        root["note"]?.resolvedScalar == .string(note), "\(note.debugDescription) written as \(text.debugDescription)")
    }
  }
}
