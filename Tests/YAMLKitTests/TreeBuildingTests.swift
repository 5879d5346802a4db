import Testing
import YAMLKit

/// How libyaml's events become `Node` trees: order, documents, aliases, merge keys, tags.
@Suite struct TreeBuildingTests {
  private func parseCleanly(_ text: String) throws -> Node {
    let stream = YAMLParser.parse(text)
    #expect(stream.messages == [])
    #expect(stream.documents.count == 1)
    return try #require(stream.root)
  }

  // MARK: Mappings and sequences

  @Test func mappingsKeepKeysInTheOrderWritten() throws {
    let root = try parseCleanly("zeta: 1\nalpha: 2\nmid: 3\n")
    #expect(root.keys == ["zeta", "alpha", "mid"])
    #expect(root.outline == "{zeta: 1, alpha: 2, mid: 3}")
  }

  @Test func largeMappingsKeepOrderToo() throws {
    // Past the size where duplicate detection switches from a scan to an index.
    let keys = (0..<40).reversed().map { "key\($0)" }
    let root = try parseCleanly(keys.map { "\($0): x\n" }.joined())
    #expect(root.keys == keys)
  }

  @Test func subscriptFindsValuesByKeyText() throws {
    let root = try parseCleanly("name: okr\n1: one\n'quoted': yes\n")
    #expect(root["name"]?.scalarText == "okr")
    #expect(root["1"]?.scalarText == "one")
    #expect(root["quoted"]?.scalarText == "yes")
    #expect(root["missing"] == nil)
    #expect(root["name"]?["anything"] == nil)
  }

  @Test func accessorsAnswerOnlyForTheirKind() throws {
    let root = try parseCleanly("s: [1, 2]\nm: {a: b}\nx: text\n")
    #expect(root["s"]?.items?.count == 2)
    #expect(root["s"]?.pairs == nil)
    #expect(root["s"]?.scalarText == nil)
    #expect(root["m"]?.pairs?.count == 1)
    #expect(root["m"]?.items == nil)
    #expect(root["x"]?.scalarText == "text")
    #expect(root["x"]?.items == nil)
    #expect(root["x"]?.pairs == nil)
  }

  @Test func blockAndFlowCollectionsNest() throws {
    let root = try parseCleanly(
      """
      objectives:
        - id: O1
          results: [KR1, KR2]
        - id: O2
          results: []
          meta: {}
      matrix:
        - - a
          - b
        - [c]
      """)
    #expect(
      root.outline
        == "{objectives: [{id: O1, results: [KR1, KR2]}, {id: O2, results: [], meta: {}}], matrix: [[a, b], [c]]}")
  }

  @Test func anyCollectionOfBytesParsesTheSame() throws {
    let text = "a: é\nb: [1, 2]\n"
    let padded = Array("###".utf8) + Array(text.utf8)
    let inputs = [
      YAMLParser.parse(text), YAMLParser.parse(text.utf8), YAMLParser.parse(Array(text.utf8)),
      YAMLParser.parse(padded[3...]), YAMLParser.parse(ContiguousArray(text.utf8)),
    ]
    for stream in inputs {
      #expect(stream.messages == [])
      #expect(stream.root?.outline == "{a: é, b: [1, 2]}")
      #expect(stream.root?["b"]?.mark == Mark(line: 2, column: 4, offset: 9))
    }
  }

  @Test func rootsCanBeAnyKind() throws {
    #expect(try parseCleanly("hello").outline == "hello")
    #expect(try parseCleanly("- a\n- b: c\n-\n").outline == "[a, {b: c}, ]")
    #expect(try parseCleanly("[1, [2, [3]]]").outline == "[1, [2, [3]]]")
  }

  @Test func scalarStylesAndDecodedText() throws {
    let root = try parseCleanly(
      "plain: a b\nsingle: 'it''s'\ndouble: \"tab\\there \\u00e9\"\nliteral: |\n  one\n  two\nfolded: >\n  one\n  two\n"
    )
    let styles = root.pairs?.map { pair -> ScalarStyle? in
      if case .scalar(_, let style) = pair.value.content { return style }
      return nil
    }
    #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
    #expect(root.pairs?.map { $0.value.scalarText } == ["a b", "it's", "tab\there é", "one\ntwo\n", "one two\n"])
  }

  @Test func escapedNULInAQuotedScalarIsKept() throws {
    let root = try parseCleanly("a: \"x\\0y\"\n")
    #expect(root["a"]?.scalarText == "x\u{0}y")
  }

  @Test func emptyValuesAndNullKeys() throws {
    let root = try parseCleanly("? \n: v\n~: w\nempty:\n")
    #expect(root.pairs?.map { $0.key.resolvedScalar } == [.null, .null, .string("empty")])
    #expect(root["empty"]?.resolvedScalar == .null)
    #expect(root["empty"]?.scalarText == "")
  }

  @Test func nodesCanBeBuiltByHand() {
    let mark = Mark(line: 1, column: 1, offset: 0)
    let node = Node(
      .mapping([Node.Pair(key: Node(.scalar("k", .plain), mark: mark), value: Node(.scalar("v", .plain), mark: mark))]),
      mark: mark)
    #expect(node["k"]?.scalarText == "v")
    #expect(node.tag == nil)
    #expect(node.kindDescription == "a mapping")
  }

  // MARK: Streams and documents

  @Test func severalDocumentsInOneStream() {
    let stream = YAMLParser.parse("a: 1\n---\nb: 2\n...\n--- c\n---\n- d\n")
    #expect(stream.messages == [])
    #expect(stream.documents.map(\.root.outline) == ["{a: 1}", "{b: 2}", "c", "[d]"])
  }

  @Test func documentMarkersWithDirectives() {
    let stream = YAMLParser.parse("%YAML 1.2\n---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n")
    #expect(stream.messages == [])
    #expect(stream.documents.map(\.root.outline) == ["{a: 1}", "{b: 2}"])
  }

  @Test(arguments: ["", "\n\n", "# only a comment\n", "   \n# two\n# comments\n"])
  func inputWithoutContentHasNoDocuments(_ text: String) {
    let stream = YAMLParser.parse(text)
    #expect(stream.documents.isEmpty)
    #expect(stream.messages == [])
  }

  @Test func byteOrderMarkAloneHasNoDocuments() {
    let stream = YAMLParser.parse(byteOrderMark)
    #expect(stream.documents.isEmpty)
    #expect(stream.messages == [])
  }

  @Test func emptyDocumentsHoldANullScalar() throws {
    let stream = YAMLParser.parse("---\n---\n# nothing\n...\n--- a\n")
    #expect(stream.messages == [])
    #expect(stream.documents.count == 3)
    for document in stream.documents.prefix(2) {
      #expect(document.root.scalarText == "")
      #expect(document.root.resolvedScalar == .null)
      #expect(document.root.tag == nil)
    }
    #expect(stream.documents.map(\.mark.line) == [1, 2, 5])
    #expect(stream.documents[2].root.scalarText == "a")
  }

  // MARK: Anchors and aliases

  @Test func aliasesCopyTheAnchoredNode() throws {
    let root = try parseCleanly("base: &b {k: v, list: [1, 2]}\ncopy: *b\nscalar: &s 7\nagain: [*s, *s]\n")
    #expect(root["copy"]?.outline == "{k: v, list: [1, 2]}")
    #expect(root["again"]?.items?.map(\.resolvedScalar) == [.int(7), .int(7)])
  }

  @Test func aliasCopyStartsAtTheAliasAndKeepsTheMarksInside() throws {
    // The copy is a node written where the alias is (a problem with how it is
    // used belongs there); what it contains was written at the anchor.
    let root = try parseCleanly("base: &b {k: v}\ncopy: *b\n")
    #expect(root["copy"]?.mark == Mark(line: 2, column: 7, offset: 22))
    #expect(root["copy"]?["k"]?.mark == Mark(line: 1, column: 14, offset: 13))
  }

  @Test func aRedefinedAnchorAppliesFromThereOn() throws {
    let root = try parseCleanly("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
    #expect(root.outline == "{a: 1, b: 1, c: 2, d: 2}")
  }

  @Test func anchorsDoNotCrossDocuments() {
    let stream = YAMLParser.parse("a: &x 1\n---\nb: *x\n")
    #expect(stream.messages == ["3:4: alias '*x' refers to no anchor defined before it"])
    #expect(stream.documents.map(\.root.outline) == ["{a: 1}", "{b: }"])
  }

  // MARK: Merge keys

  private let bases = "base: &base {a: 1, b: 2}\nother: &other {b: 3, c: 4}\n"

  @Test func mergeKeyCopiesEntriesInPlaceOfTheMergeKey() throws {
    let root = try parseCleanly(bases + "derived:\n  first: 0\n  <<: *base\n  last: 9\n")
    #expect(root["derived"]?.outline == "{first: 0, a: 1, b: 2, last: 9}")
  }

  @Test func explicitKeysWinOverMergedOnesWhereverTheyAreWritten() throws {
    let before = try parseCleanly(bases + "derived:\n  a: 0\n  <<: *base\n")
    #expect(before["derived"]?.outline == "{a: 0, b: 2}")
    let after = try parseCleanly(bases + "derived:\n  <<: *base\n  a: 0\n")
    #expect(after["derived"]?.outline == "{b: 2, a: 0}")
  }

  @Test func earlierMappingsWinInASequenceOfMerges() throws {
    let root = try parseCleanly(bases + "derived:\n  <<: [*base, *other]\n  d: 5\n")
    #expect(root["derived"]?.outline == "{a: 1, b: 2, c: 4, d: 5}")
    let reversed = try parseCleanly(bases + "derived:\n  <<: [*other, *base]\n")
    #expect(reversed["derived"]?.outline == "{b: 3, c: 4, a: 1}")
  }

  @Test func severalMergeKeysAreNotDuplicatesAndTheFirstWins() throws {
    let root = try parseCleanly(bases + "derived:\n  <<: *base\n  <<: *other\n")
    #expect(root["derived"]?.outline == "{a: 1, b: 2, c: 4}")
  }

  @Test func mergesWorkWithInlineMappingsAndNest() throws {
    let root = try parseCleanly("inner: &inner {<<: {x: 1}, y: 2}\nouter: {<<: *inner, z: 3}\n")
    #expect(root["inner"]?.outline == "{x: 1, y: 2}")
    #expect(root["outer"]?.outline == "{x: 1, y: 2, z: 3}")
  }

  @Test func emptyMergesAddNothing() throws {
    let root = try parseCleanly("a: {<<: {}, k: v}\nb: {<<: [], k: v}\n")
    #expect(root.outline == "{a: {k: v}, b: {k: v}}")
  }

  @Test func onlyAPlainUntaggedMergeKeyMerges() throws {
    let root = try parseCleanly("a: {\"<<\": {x: 1}}\nb: {'<<': {x: 1}}\nc: {!!str <<: {x: 1}}\n")
    #expect(root.outline == "{a: {\"<<\": {x: 1}}, b: {'<<': {x: 1}}, c: {!!str <<: {x: 1}}}")
  }

  @Test func mergedKeysDoNotTriggerDuplicateKeyErrors() throws {
    let root = try parseCleanly("base: &b {a: 1, b: 2}\nd:\n  <<: [*b, *b]\n  a: 3\n  b: 4\n")
    #expect(root["d"]?.outline == "{a: 3, b: 4}")
  }

  // MARK: Tags

  @Test func standardTagsAreKeptOnNodes() throws {
    let root = try parseCleanly(
      "s: !!str 1\ni: !!int 2\nf: !!float 3.5\nb: !!bool true\nn: !!null ~\nm: !!map {a: 1}\nq: !!seq [1]\nx: ! 5\nplain: 6\n"
    )
    #expect(
      root.pairs?.map(\.value.tag) == [
        .string, .int, .float, .bool, .null, .mapping, .sequence, .nonSpecific, nil,
      ])
  }

  @Test func verbatimAndDirectiveTagsResolveToStandardTags() throws {
    let verbatim = try parseCleanly("a: !<tag:yaml.org,2002:str> 1\n")
    #expect(verbatim["a"]?.tag == .string)
    let directive = try parseCleanly("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int 1\n")
    #expect(directive["a"]?.tag == .int)
    #expect(directive["a"]?.resolvedScalar == .int(1))
  }

  @Test(arguments: [
    (YAMLTag.nonSpecific, "!"), (.string, "!!str"), (.int, "!!int"), (.float, "!!float"), (.bool, "!!bool"),
    (.null, "!!null"), (.mapping, "!!map"), (.sequence, "!!seq"),
  ])
  func tagShorthands(_ tag: YAMLTag, _ shorthand: String) {
    #expect(tag.shorthand == shorthand)
  }
}
