import Testing
import YAMLKit

/// The flat node storage: keys compared on bytes as `String` would compare
/// them, aliases pointing at one copy, and nodes made from Swift values.
@Suite struct NodeStorageTests {
  @Test func keysMatchOnBytesAndOnCanonicalEquivalence() throws {
    // "café" written precomposed, looked up decomposed; KELVIN SIGN is canonically "K".
    let root = try #require(YAMLParser.parse("caf\u{E9}: 1\n\u{212A}ey: 2\nplain: 3\n").root)
    #expect(root["cafe\u{301}"]?.scalarText == "1")
    #expect(root["Key"]?.scalarText == "2")
    #expect(root["plain"]?.scalarText == "3")
    #expect(root["plai"] == nil)
    #expect(root["plainer"] == nil)
    let keys = try #require(root.pairs).map(\.key)
    #expect(keys.map { $0.position(in: ["plain", "Key", "caf\u{E9}"]) } == [2, 1, 0])
    #expect(keys[2].position(in: ["other"]) == nil)
    #expect(root.position(in: ["plain"]) == nil, "a mapping is no key")
  }

  @Test func anAliasIsTheAnchoredNodeAtItsOwnMark() throws {
    let root = try #require(YAMLParser.parse("a: &x {k: [1, 2]}\nb: *x\n").root)
    let a = try #require(root["a"])
    let b = try #require(root["b"])
    #expect(a.outline == b.outline)
    #expect(b.mark.line == 2 && b.mark.column == 4)
    // Nodes inside keep the anchor's marks.
    #expect(b["k"]?.mark == a["k"]?.mark)
    #expect(b["k"]?.items?.count == 2)
  }

  @Test func nodesMadeFromValuesReadLikeParsedOnes() throws {
    let mark = Mark(line: 3, column: 5, offset: 20)
    let parsed = try #require(YAMLParser.parse("{n: 12, list: [x, 'y'], t: !!str 7}").root)
    let made = Node(.mapping(try #require(parsed.pairs).map { $0 }), mark: mark)
    #expect(made.outline == parsed.outline)
    #expect(made.mark == mark)
    #expect(made["n"]?.resolvedScalar == .int(12))
    #expect(made["t"]?.resolvedScalar == .string("7"))
    #expect(made["list"]?.items?.last?.scalarStyle == .singleQuoted)
  }

  @Test func manyDocumentsShareOneStorageAndStayApart() throws {
    let text = (1...50).map { "---\nweek: \($0)\nnote: week \($0)\n" }.joined()
    let stream = YAMLParser.parse(text)
    #expect(stream.errors.isEmpty)
    #expect(stream.documents.count == 50)
    #expect(stream.documents.map { $0.root["week"]?.resolvedScalar } == (1...50).map { .int($0) })
    #expect(stream.documents[49].root["note"]?.scalarText == "week 50")
  }
}
