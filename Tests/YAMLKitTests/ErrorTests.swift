import Testing
import YAMLKit

/// Every problem comes back positioned and worded for people; non-fatal ones
/// do not stop reading, so one run reports them all.
@Suite struct ErrorTests {
  // MARK: Message format

  @Test func descriptionIsPositionThenMessage() {
    let mark = Mark(line: 3, column: 2, offset: 11)
    let plain = YAMLError(kind: .composer, problem: "something is wrong", mark: mark, isFatal: false)
    #expect(plain.message == "something is wrong")
    #expect(plain.description == "3:2: something is wrong")
  }

  @Test func contextIsNamedWithWhereItStarted() {
    let error = YAMLError(
      kind: .parser, problem: "did not find expected key", context: "while parsing a block mapping",
      contextMark: Mark(line: 1, column: 1, offset: 0), mark: Mark(line: 3, column: 2, offset: 11), isFatal: true)
    #expect(
      error.description == "3:2: did not find expected key (while parsing a block mapping started at line 1, column 1)")
  }

  @Test func contextAtTheProblemItselfIsNotRepeated() {
    let mark = Mark(line: 2, column: 1, offset: 3)
    let atSameMark = YAMLError(
      kind: .scanner, problem: "found a problem", context: "while scanning for the next token", contextMark: mark,
      mark: mark, isFatal: true)
    #expect(atSameMark.description == "2:1: found a problem (while scanning for the next token)")
    let withoutMark = YAMLError(
      kind: .scanner, problem: "found a problem", context: "while scanning", mark: mark, isFatal: true)
    #expect(withoutMark.description == "2:1: found a problem (while scanning)")
  }

  // MARK: Duplicate keys

  @Test func duplicateKeyKeepsTheFirstValueAndNamesItsPosition() throws {
    let stream = YAMLParser.parse("a: 1\nb: 2\na: 3\n")
    #expect(stream.messages == ["3:1: duplicate key 'a'; it is already set at line 1, column 1"])
    #expect(stream.errors.map(\.kind) == [.duplicateKey])
    #expect(stream.errors.map(\.isFatal) == [false])
    #expect(stream.errors.first?.mark == Mark(line: 3, column: 1, offset: 10))
    #expect(stream.root?.outline == "{a: 1, b: 2}")
  }

  @Test func duplicateKeysInFlowAndNestedMappings() {
    #expect(
      YAMLParser.parse("{a: 1, a: 2}").messages == [
        "1:8: duplicate key 'a'; it is already set at line 1, column 2"
      ])
    let nested = YAMLParser.parse("x:\n  a: 1\n  a: 2\ny:\n  a: 3\n")
    #expect(nested.messages == ["3:3: duplicate key 'a'; it is already set at line 2, column 3"])
    #expect(nested.root?.outline == "{x: {a: 1}, y: {a: 3}}")
  }

  @Test func everyDuplicateIsReported() {
    let stream = YAMLParser.parse("a: 1\nb: 2\na: 3\nb: 4\na: 5\n")
    #expect(
      stream.messages == [
        "3:1: duplicate key 'a'; it is already set at line 1, column 1",
        "4:1: duplicate key 'b'; it is already set at line 2, column 1",
        "5:1: duplicate key 'a'; it is already set at line 1, column 1",
      ])
  }

  /// Small mappings compare key fingerprints, large ones a dictionary; the
  /// switch keeps every key seen so far, and finds nothing that is not there.
  @Test(arguments: [10, 20, 63, 64, 65, 200])
  func duplicatesAreFoundInMappingsOfEverySize(keys: Int) {
    // Nodes earlier in the stream ("x", "k1" in a list) must not pass for keys of the large mapping.
    let entries = (0..<keys).map { "k\($0): \($0)" }.joined(separator: ", ")
    let stream = YAMLParser.parse("x: [k0, k1, k2]\nm: {\(entries), x: 1, é: 2, k1: 3, e\u{301}: 4}\n")
    #expect(
      stream.errors.map(\.problem) == [
        "duplicate key 'k1'; it is already set at line 2, column 12",
        "duplicate key 'é'; it is already set at line 2, column \(entries.count + 13)",
      ])
    #expect(stream.root?["m"]?.pairs?.count == keys + 2)
  }

  @Test func keysAreComparedByTheirText() {
    // `root["1"]` could not tell these apart, so they count as the same key.
    #expect(
      YAMLParser.parse("1: a\n'1': b\n").messages == [
        "2:1: duplicate key '1'; it is already set at line 1, column 1"
      ])
    // Different text is a different key, even with the same value.
    #expect(YAMLParser.parse("1: a\n01: b\n~: c\nnull: d\n").messages == [])
  }

  @Test func canonicallyEquivalentKeysAreDuplicates() {
    // "é" precomposed and "e" + combining acute look the same to people, and
    // Swift's String equality (used by `root["é"]`) treats them as equal.
    let stream = YAMLParser.parse("\u{E9}: 1\ne\u{301}: 2\n")
    #expect(stream.errors.map(\.kind) == [.duplicateKey])
    #expect(stream.root?.pairs?.count == 1)
  }

  @Test func duplicateAmongManyKeysIsFoundOnceTheIndexIsUsed() {
    // Sixteen keys are scanned; from then on an index finds duplicates.
    let keys = (0..<20).map { "k\($0): \($0)\n" }.joined()
    let stream = YAMLParser.parse(keys + "k0: again\nk16: again\nk19: again\n")
    #expect(
      stream.messages == [
        "21:1: duplicate key 'k0'; it is already set at line 1, column 1",
        "22:1: duplicate key 'k16'; it is already set at line 17, column 1",
        "23:1: duplicate key 'k19'; it is already set at line 20, column 1",
      ])
  }

  @Test func duplicateAfterAnEarlyMergeKeyIsFound() {
    let keys = "<<: {m: 0}\n" + (0..<20).map { "k\($0): \($0)\n" }.joined()
    let stream = YAMLParser.parse(keys + "k3: again\n<<: {n: 1}\n")
    #expect(stream.messages == ["22:1: duplicate key 'k3'; it is already set at line 5, column 1"])
    #expect(stream.root?.keys.first == "m")
    #expect(stream.root?.keys.count == 22)
  }

  @Test func duplicateOfAnAliasedKeyNamesWhereTheKeyIsSet() {
    // The first `x` is set by the alias on line 3, not by the anchor on line 1.
    let stream = YAMLParser.parse("a: &k x\nm:\n  *k : 1\n  x: 2\n")
    #expect(stream.messages == ["4:3: duplicate key 'x'; it is already set at line 3, column 3"])
  }

  // MARK: Aliases

  @Test func undefinedAliasIsReportedAndReadingGoesOn() {
    let stream = YAMLParser.parse("a: *nope\nb: 1\n")
    #expect(stream.messages == ["1:4: alias '*nope' refers to no anchor defined before it"])
    #expect(stream.errors.map(\.kind) == [.composer])
    #expect(stream.errors.map(\.isFatal) == [false])
    #expect(stream.root?["a"]?.resolvedScalar == .null)
    #expect(stream.root?["b"]?.resolvedScalar == .int(1))
  }

  @Test func aliasesCannotPointForwardOrIntoThemselves() {
    #expect(
      YAMLParser.parse("a: *x\nb: &x 1\n").messages == [
        "1:4: alias '*x' refers to no anchor defined before it"
      ])
    let recursive = YAMLParser.parse("a: &x [1, *x]\n")
    #expect(recursive.messages == ["1:11: alias '*x' refers to no anchor defined before it"])
    #expect(recursive.root?.outline == "{a: [1, ]}")
  }

  // MARK: Tags

  @Test func unknownTagsAreRejectedAndTheNodeKeptUntagged() {
    let stream = YAMLParser.parse(
      "a: !!python/object:os.system ls\nb: !custom x\nc: !<tag:example.com,2000:app/foo> y\nd: !custom {k: v}\n")
    let accepted = "only YAML's standard tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are accepted"
    #expect(
      stream.messages == [
        "1:4: unknown tag '!!python/object:os.system'; \(accepted)",
        "2:4: unknown tag '!custom'; \(accepted)",
        "3:4: unknown tag 'tag:example.com,2000:app/foo'; \(accepted)",
        "4:4: unknown tag '!custom'; \(accepted)",
      ])
    #expect(stream.errors.allSatisfy { $0.kind == .composer && !$0.isFatal })
    #expect(stream.root?.outline == "{a: ls, b: x, c: y, d: {k: v}}")
  }

  @Test func tagsThatDoNotFitTheNodeKind() {
    let stream = YAMLParser.parse(
      "a: !!map x\nb: !!seq x\nc: !!str {k: v}\nd: !!map [1]\ne: !!int {k: v}\nf: !!seq {k: v}\ng: !!null [1]\n")
    #expect(
      stream.messages == [
        "1:4: tag '!!map' cannot be used on a scalar",
        "2:4: tag '!!seq' cannot be used on a scalar",
        "3:4: tag '!!str' cannot be used on a mapping",
        "4:4: tag '!!map' cannot be used on a sequence",
        "5:4: tag '!!int' cannot be used on a mapping",
        "6:4: tag '!!seq' cannot be used on a mapping",
        "7:4: tag '!!null' cannot be used on a sequence",
      ])
    #expect(stream.root?.pairs?.allSatisfy { $0.value.tag == nil } == true)
  }

  // MARK: Complex keys

  @Test func blockComplexKeyIsRejectedWithItsValue() {
    let stream = YAMLParser.parse("? [a, b]\n: c\nd: e\n")
    #expect(stream.messages == ["1:3: a mapping key must be a scalar; complex keys are not supported"])
    #expect(stream.errors.map(\.kind) == [.composer])
    #expect(stream.root?.outline == "{d: e}")
  }

  @Test func flowComplexKeysAreRejected() {
    let stream = YAMLParser.parse("{[a]: b, c: d, {e: f}: g}")
    #expect(
      stream.messages == [
        "1:2: a mapping key must be a scalar; complex keys are not supported",
        "1:16: a mapping key must be a scalar; complex keys are not supported",
      ])
    #expect(stream.root?.outline == "{c: d}")
  }

  @Test func aliasedComplexKeyIsReportedWhereItIsUsed() {
    let stream = YAMLParser.parse("a: &k [1]\nm:\n  *k : 1\n")
    #expect(stream.messages == ["3:3: a mapping key must be a scalar; complex keys are not supported"])
  }

  // MARK: Merge keys

  @Test(arguments: [
    ("<<: 1\na: 2\n", "1:5"), ("<<: [{x: 1}, 2]\na: 2\n", "1:5"), ("<<: ~\na: 2\n", "1:5"),
    ("<<: [[x]]\na: 2\n", "1:5"),
  ])
  func mergeKeyNeedsMappings(_ text: String, _ position: String) {
    let stream = YAMLParser.parse(text)
    #expect(stream.messages == ["\(position): a merge key '<<' needs a mapping or a sequence of mappings"])
    #expect(stream.errors.map(\.kind) == [.composer])
    #expect(stream.root?.outline == "{a: 2}")
  }

  @Test func mergeOfAnAliasedScalarIsReportedAtTheAlias() {
    let stream = YAMLParser.parse("s: &s 1\nm: {<<: *s}\n")
    #expect(stream.messages == ["2:9: a merge key '<<' needs a mapping or a sequence of mappings"])
  }

  // MARK: libyaml's syntax errors

  @Test func unclosedDoubleQuote() {
    let stream = YAMLParser.parse("a: \"abc\nb: 1\n")
    #expect(
      stream.messages == [
        "3:1: found unexpected end of stream (while scanning a quoted scalar started at line 1, column 4)"
      ])
    #expect(stream.errors.map(\.kind) == [.scanner])
    #expect(stream.errors.map(\.isFatal) == [true])
    #expect(stream.errors.first?.contextMark == Mark(line: 1, column: 4, offset: 3))
    #expect(stream.documents.isEmpty)
  }

  @Test func unclosedSingleQuote() {
    #expect(
      YAMLParser.parse("a: 'abc\n").messages == [
        "2:1: found unexpected end of stream (while scanning a quoted scalar started at line 1, column 4)"
      ])
  }

  @Test func badIndentationNamesTheMappingItBroke() {
    let stream = YAMLParser.parse("a:\n  b: 1\n c: 2\n")
    #expect(
      stream.messages == [
        "3:2: did not find expected key (while parsing a block mapping started at line 1, column 1)"
      ])
    #expect(stream.errors.map(\.kind) == [.parser])
    #expect(stream.errors.first?.mark == Mark(line: 3, column: 2, offset: 11))
    #expect(stream.errors.first?.contextMark == Mark(line: 1, column: 1, offset: 0))
  }

  @Test func badIndentationOfASequenceItem() {
    #expect(
      YAMLParser.parse("a:\n  - 1\n - 2\n").messages == [
        "3:2: did not find expected key (while parsing a block mapping started at line 1, column 1)"
      ])
  }

  @Test func indentedKeyAfterAValue() {
    let stream = YAMLParser.parse("a: 1\n b: 2\n")
    #expect(stream.messages == ["2:3: mapping values are not allowed in this context"])
    #expect(stream.errors.map(\.kind) == [.scanner])
  }

  @Test func missingColon() {
    #expect(
      YAMLParser.parse("a: 1\nb\nc: 2\n").messages == [
        "3:1: could not find expected ':' (while scanning a simple key started at line 2, column 1)"
      ])
  }

  @Test func unclosedFlowSequence() {
    #expect(
      YAMLParser.parse("a: [1, 2\nb: 3\n").messages == [
        "2:2: did not find expected ',' or ']' (while parsing a flow sequence started at line 1, column 4)"
      ])
  }

  @Test func endOfInputWithoutANewlineIsOnTheLastLine() {
    // libyaml pretends the stream ends with a line break and reports 2:1, a
    // line this one-line input does not have; the offset (8) is the true end.
    let stream = YAMLParser.parse("a: [1, 2")
    #expect(
      stream.messages == [
        "1:9: did not find expected ',' or ']' (while parsing a flow sequence started at line 1, column 4)"
      ])
    #expect(stream.errors.first?.mark == Mark(line: 1, column: 9, offset: 8))
  }

  @Test func unclosedFlowMapping() {
    #expect(
      YAMLParser.parse("a: {b: 1\nc: 2\n").messages == [
        "2:2: did not find expected ',' or '}' (while parsing a flow mapping started at line 1, column 4)"
      ])
  }

  @Test func unknownEscapeAndEmptyAnchor() {
    #expect(
      YAMLParser.parse("a: \"\\q\"\n").messages == [
        "1:5: found unknown escape character (while parsing a quoted scalar started at line 1, column 4)"
      ])
    #expect(
      YAMLParser.parse("a: & x\n").messages == [
        "1:5: did not find expected alphabetic or numeric character (while scanning an anchor started at line 1, column 4)"
      ])
  }

  @Test func contentAfterDocumentEnd() {
    let stream = YAMLParser.parse("a: 1\n... x\n")
    #expect(stream.messages == ["2:5: did not find expected <document start>"])
    #expect(stream.errors.map(\.kind) == [.parser])
    // The document was complete before the junk.
    #expect(stream.documents.map(\.root.outline) == ["{a: 1}"])
  }

  @Test func unsupportedYAMLVersion() {
    #expect(YAMLParser.parse("%YAML 2.0\n---\na: 1\n").messages == ["1:1: found incompatible YAML document"])
  }

  @Test func tabIndentationGetsAFriendlierMessage() {
    let stream = YAMLParser.parse("a:\n\tb: 1\n")
    #expect(
      stream.messages == [
        "2:1: found a tab character where YAML expects indentation or a token; indent with spaces (while scanning for the next token)"
      ])
    #expect(stream.errors.map(\.kind) == [.scanner])
    #expect(stream.errors.first?.mark == Mark(line: 2, column: 1, offset: 3))
  }

  @Test func tabsInsideLinesAreFine() {
    let stream = YAMLParser.parse("a:\t1\nb: [1,\t2]\nc: \"\tx\"\n")
    #expect(stream.messages == [])
    #expect(stream.root?.outline == "{a: 1, b: [1, 2], c: \"\tx\"}")
  }

  // MARK: Reporting everything at once

  @Test func errorsAfterANonFatalOneAreStillReported() {
    let stream = YAMLParser.parse("a: 1\na: 2\nb: !custom x\nc: *missing\nd: \"open\n")
    #expect(
      stream.messages == [
        "2:1: duplicate key 'a'; it is already set at line 1, column 1",
        "3:4: unknown tag '!custom'; only YAML's standard tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are accepted",
        "4:4: alias '*missing' refers to no anchor defined before it",
        "6:1: found unexpected end of stream (while scanning a quoted scalar started at line 5, column 4)",
      ])
    #expect(stream.errors.map(\.isFatal) == [false, false, false, true])
    #expect(stream.documents.isEmpty)
  }

  @Test func documentsCompletedBeforeAFatalErrorAreKept() {
    let stream = YAMLParser.parse("a: 1\n---\nb: 2\n---\nc: [\n")
    #expect(stream.messages == ["6:1: did not find expected node content (while parsing a flow node)"])
    #expect(stream.errors.map(\.isFatal) == [true])
    #expect(stream.documents.map(\.root.outline) == ["{a: 1}", "{b: 2}"])
  }

  @Test func nonFatalErrorsKeepTheirDocument() {
    let stream = YAMLParser.parse("a: 1\na: 2\n---\nb: *x\n")
    #expect(
      stream.messages == [
        "2:1: duplicate key 'a'; it is already set at line 1, column 1",
        "4:4: alias '*x' refers to no anchor defined before it",
      ])
    #expect(stream.documents.count == 2)
  }

  @Test func errorsComeInInputOrder() {
    // The merge problem on line 1 is found when the mapping ends, after the
    // duplicate on line 3, but people read messages top to bottom.
    let stream = YAMLParser.parse("<<: 1\na: 1\na: 2\n")
    #expect(
      stream.messages == [
        "1:5: a merge key '<<' needs a mapping or a sequence of mappings",
        "3:1: duplicate key 'a'; it is already set at line 2, column 1",
      ])
  }

  @Test(arguments: [
    ("a: \"x", YAMLError.Kind.scanner), ("[a", .parser), ("a: 1\na: 2", .duplicateKey), ("a: *x", .composer),
    ("a: !x 1", .composer), ("[[[[", .limit), ("a: \u{7}", .reader),
  ])
  func kindsNameTheStageThatFoundTheProblem(_ text: String, _ kind: YAMLError.Kind) {
    let errors = YAMLParser.parse(text, limits: YAMLLimits(maxDepth: 3)).errors
    #expect(errors.map(\.kind) == [kind])
  }
}
