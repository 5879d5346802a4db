import Testing

@testable import YAMLKit

/// Hostile input ends in one clear, positioned error.
///
/// Never a crash, a hang or unbounded memory. No timings: benchmarks are not tests, and the limits make
/// each of these stop early anyway.
@Suite struct HostileInputTests {
  // MARK: Alias bombs

  /// `a` holds 9 strings, `b` 9 aliases of `a`, and so on: 9^9 nodes if expanded.
  private var aliasBomb: String {
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    var yaml = "a: &a [" + Array(repeating: "\"x\"", count: 9).joined(separator: ",") + "]\n"
    for (previous, name) in zip(names, names.dropFirst()) {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
    }
    return yaml
  }

  @Test func aliasBombStopsAtTheExpansionLimit() {
    let stream = YAMLParser.parse(aliasBomb)
    #expect(stream.messages == ["5:8: aliases expand to more than the limit of 10000 nodes (an alias bomb?)"])
    #expect(stream.errors.map(\.kind) == [.limit])
    #expect(stream.errors.map(\.isFatal) == [true])
    #expect(stream.documents.isEmpty)
  }

  @Test func aliasExpansionLimitIsExact() {
    // `a` is 4 nodes (the sequence and its items); three aliases copy 12.
    let yaml = "a: &a [1, 2, 3]\nb: [*a, *a]\nc: *a\n"
    let atLimit = YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasExpansion: 12))
    #expect(atLimit.messages == [])
    #expect(atLimit.root?["c"]?.outline == "[1, 2, 3]")
    let overLimit = YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasExpansion: 11))
    #expect(overLimit.messages == ["3:4: aliases expand to more than the limit of 11 nodes (an alias bomb?)"])
  }

  @Test func aliasExpansionCountsTheWholeStream() {
    let yaml = "a: &a [1, 2, 3]\nb: *a\n---\na: &a [1, 2, 3]\nb: *a\n"
    let stream = YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasExpansion: 4))
    #expect(stream.messages == ["5:4: aliases expand to more than the limit of 4 nodes (an alias bomb?)"])
    #expect(stream.documents.count == 1)
  }

  /// One megabyte of text anchored once and aliased a hundred times: a node
  /// count sees a hundred nodes, whoever makes strings of them sees 100 MB.
  private func megabyteTitleAliased(_ count: Int) -> String {
    "title: &t " + String(repeating: "x", count: 1_000_000) + "\nrefs:\n"
      + String(repeating: "  - *t\n", count: count)
  }

  @Test func aliasesOfAMegabyteScalarStopAtTheByteLimit() {
    let stream = YAMLParser.parse(megabyteTitleAliased(100))
    // The first alias copies 1,000,000 bytes, under 1 MiB; the second is refused.
    #expect(stream.messages == ["4:5: aliases expand to more than the limit of 1 MiB of text (an alias bomb?)"])
    #expect(stream.errors.map(\.limit) == [.aliasBytes])
    #expect(stream.errors.map(\.isFatal) == [true])
    #expect(stream.documents.isEmpty)
  }

  @Test func theTextAConsumerSeesIsBoundedByTheInputPlusTheAliasLimit() {
    // The work a consumer does is proportional to the text it reads from the
    // tree: with aliases expanded, never more than the input plus the limit.
    for count in [1, 2, 1_000] {
      let input = megabyteTitleAliased(count)
      let stream = YAMLParser.parse(input)
      let seen = stream.documents.reduce(0) { $0 + textBytes(in: $1.root) }
      #expect(seen <= input.utf8.count + YAMLLimits.defaultMaxAliasBytes)
      #expect(stream.errors.isEmpty == (count == 1))
    }
  }

  @Test func aliasByteLimitIsExactAndCountsKeysToo() {
    // `a` holds 3 + 2 bytes of text ("key", "ab"); two aliases copy 10.
    let yaml = "a: &a {key: ab}\nb: [*a, *a]\n"
    let atLimit = YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasBytes: 10))
    #expect(atLimit.messages == [])
    #expect(atLimit.root?["b"]?.outline == "[{key: ab}, {key: ab}]")
    let overLimit = YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasBytes: 9))
    #expect(overLimit.messages == ["2:9: aliases expand to more than the limit of 9 bytes of text (an alias bomb?)"])
  }

  @Test func mergeKeysCountAgainstTheByteLimit() {
    let yaml = "base: &b {owner: maria}\none: {<<: *b}\ntwo: {<<: *b}\n"
    #expect(YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasBytes: 20)).messages == [])
    #expect(
      YAMLParser.parse(yaml, limits: YAMLLimits(maxAliasBytes: 19)).messages == [
        "3:11: aliases expand to more than the limit of 19 bytes of text (an alias bomb?)"
      ])
  }

  /// The bytes of every scalar reachable from `node`, aliased copies included.
  private func textBytes(in node: Node) -> Int {
    if let text = node.scalarText { return text.utf8.count }
    if let items = node.items { return items.reduce(0) { $0 + textBytes(in: $1) } }
    if let pairs = node.pairs {
      return pairs.reduce(0) { $0 + textBytes(in: $1.key) + textBytes(in: $1.value) }
    }
    return 0
  }

  // MARK: Deep nesting

  /// Flow collections, block sequences, block mappings (`? ` opens one per
  /// key, all on one line) and the two interleaved; the 65th level is refused.
  @Test(arguments: [("[", 65), ("{", 65), ("- ", 129), ("? ", 129), ("- ? ", 129)])
  func hundredThousandNestedCollectionsStopAtTheDepthLimit(_ opener: String, _ column: Int) {
    let stream = YAMLParser.parse(String(repeating: opener, count: 100_000) + "x\n")
    #expect(stream.messages == ["1:\(column): nesting is deeper than the limit of 64 levels"])
    #expect(stream.errors.map(\.kind) == [.limit])
    #expect(stream.errors.first?.mark.offset == column - 1)
    #expect(stream.documents.isEmpty)
  }

  @Test func deeplyIndentedBlockMappingsStopAtTheDepthLimit() {
    // Indentation makes real block nesting quadratic in size; 2,000 levels is plenty.
    let yaml = (0..<2_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
    let stream = YAMLParser.parse(yaml)
    #expect(stream.messages == ["65:65: nesting is deeper than the limit of 64 levels"])
  }

  @Test(arguments: [2, 7, 64])
  func depthLimitIsExact(_ depth: Int) {
    let limits = YAMLLimits(maxDepth: depth)
    let flowOK = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(YAMLParser.parse(flowOK, limits: limits).messages == [])
    let flowTooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
    #expect(
      YAMLParser.parse(flowTooDeep, limits: limits).messages == [
        "1:\(depth + 1): nesting is deeper than the limit of \(depth) levels"
      ])
    let blockOK = (0..<depth).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
    #expect(YAMLParser.parse(blockOK, limits: limits).messages == [])
    let blockTooDeep = (0...depth).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
    #expect(
      YAMLParser.parse(blockTooDeep, limits: limits).messages == [
        "\(depth + 1):\(depth + 1): nesting is deeper than the limit of \(depth) levels"
      ])
  }

  @Test func depthLimitOfZeroAllowsOnlyScalars() {
    let limits = YAMLLimits(maxDepth: 0)
    #expect(YAMLParser.parse("just text", limits: limits).messages == [])
    #expect(YAMLParser.parse("[]", limits: limits).messages == ["1:1: nesting is deeper than the limit of 0 levels"])
  }

  // MARK: Input size

  @Test func fiftyMegabyteScalarIsRefusedBeforeParsing() {
    let input = Array("name: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 50 << 20)
    let stream = YAMLParser.parse(input)
    #expect(stream.messages == ["1:1: input is 50 MiB, larger than the limit of 16 MiB"])
    #expect(stream.errors.map(\.kind) == [.limit])
    #expect(stream.errors.map(\.isFatal) == [true])
    #expect(stream.documents.isEmpty)
  }

  @Test func aNodeRecordIsFortyEightBytes() {
    // A million keys are two million records: each byte here is 2 MB there.
    #expect(MemoryLayout<NodeRecord>.stride == 48)
  }

  @Test func defaultSizeLimitIsSixteenMebibytes() {
    #expect(YAMLLimits.default.maxInputBytes == 16 * 1024 * 1024)
    #expect(YAMLLimits.default.maxDepth == 64)
    #expect(YAMLLimits.default.maxAliasExpansion == 10_000)
    #expect(YAMLLimits.default.maxAliasBytes == 1 << 20)
    #expect(YAMLLimits() == YAMLLimits.default)
  }

  @Test func inputSizeLimitIsExact() {
    let limits = YAMLLimits(maxInputBytes: 10)
    let atLimit = YAMLParser.parse("a: 1234567", limits: limits)
    #expect(atLimit.messages == [])
    #expect(atLimit.root?["a"]?.resolvedScalar == .int(1_234_567))
    #expect(
      YAMLParser.parse("a: 12345678", limits: limits).messages == [
        "1:1: input is 11 bytes, larger than the limit of 10 bytes"
      ])
  }

  @Test func sizeLimitCountsBytesNotCharacters() {
    // Five characters, nine bytes.
    let limits = YAMLLimits(maxInputBytes: 8)
    #expect(
      YAMLParser.parse("a: 😀é", limits: limits).messages == [
        "1:1: input is 9 bytes, larger than the limit of 8 bytes"
      ])
  }

  @Test(arguments: [(1_500, 1_024), ((16 << 20) + 1, 16 << 20), ((16 << 20) + 50_000, 16 << 20)])
  func sizeMessageNeverStatesTheSameSizeTwice(_ size: Int, _ limit: Int) throws {
    let stream = YAMLParser.parse(
      [UInt8](repeating: UInt8(ascii: "x"), count: size), limits: YAMLLimits(maxInputBytes: limit))
    let problem = try #require(stream.errors.first?.problem)
    // "input is 16 MiB, larger than the limit of 16 MiB" contradicts itself.
    let sizes = problem.split(separator: ", larger than the limit of ")
    #expect(sizes.count == 2)
    #expect(sizes.first?.dropFirst("input is ".count) != sizes.last, "\(problem)")
  }

  // MARK: Encodings and bytes YAML forbids

  @Test func invalidLeadingByte() {
    let stream = YAMLParser.parse("a: 1\nb: é ", then: [0xFF])
    #expect(
      stream.messages == [
        "2:6: invalid UTF-8 at byte 11 (invalid leading UTF-8 octet: 0xFF); save the file as UTF-8"
      ])
    #expect(stream.errors.map(\.kind) == [.reader])
    #expect(stream.errors.map(\.isFatal) == [true])
    #expect(stream.errors.first?.mark == Mark(line: 2, column: 6, offset: 11))
  }

  @Test func invalidByteFirstAndAfterCRLF() {
    #expect(
      YAMLParser.parse([0xFF, 0x41]).messages == [
        "1:1: invalid UTF-8 at byte 0 (invalid leading UTF-8 octet: 0xFF); save the file as UTF-8"
      ])
    #expect(
      YAMLParser.parse("a: 1\r\nb: ", then: [0x80]).messages == [
        "2:4: invalid UTF-8 at byte 9 (invalid leading UTF-8 octet: 0x80); save the file as UTF-8"
      ])
  }

  @Test func truncatedSequenceAtTheEnd() {
    let stream = YAMLParser.parse("name: Caf", then: [0xC3])
    #expect(
      stream.messages == [
        "1:10: invalid UTF-8 at byte 9 (incomplete UTF-8 octet sequence: 0xC3); save the file as UTF-8"
      ])
    #expect(
      YAMLParser.parse("a: ", then: [0xE2, 0x82]).messages == [
        "1:4: invalid UTF-8 at byte 3 (incomplete UTF-8 octet sequence: 0xE2); save the file as UTF-8"
      ])
  }

  @Test func truncatedSequenceBeforeMoreText() {
    // Latin-1 "é" followed by ASCII: the error points at the start of the broken character.
    #expect(
      YAMLParser.parse("a: Caf", then: [0xE9] + Array(" au lait\n".utf8)).messages == [
        "1:7: invalid UTF-8 at byte 6 (invalid trailing UTF-8 octet: 0xE9 0x20); save the file as UTF-8"
      ])
    #expect(
      YAMLParser.parse("a: ", then: [0xE2, 0x82, 0x28]).messages == [
        "1:4: invalid UTF-8 at byte 3 (invalid trailing UTF-8 octet: 0xE2 0x82 0x28); save the file as UTF-8"
      ])
  }

  @Test func bytesAreShownWithTwoHexDigits() {
    #expect(
      YAMLParser.parse("a: ", then: [0xC3, 0x0A]).messages == [
        "1:4: invalid UTF-8 at byte 3 (invalid trailing UTF-8 octet: 0xC3 0x0A); save the file as UTF-8"
      ])
  }

  @Test(arguments: [[0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF]] as [[UInt8]])
  func overlongEncodings(_ bytes: [UInt8]) {
    let lead = "0x" + String(bytes[0], radix: 16, uppercase: true)
    #expect(
      YAMLParser.parse("a: ", then: bytes).messages == [
        "1:4: invalid UTF-8 at byte 3 (invalid length of a UTF-8 sequence: \(lead)); save the file as UTF-8"
      ])
  }

  @Test func surrogatesAndCodePointsBeyondUnicode() {
    #expect(
      YAMLParser.parse("a: ", then: [0xED, 0xA0, 0x80]).messages == [
        "1:4: invalid Unicode character (U+D800)"
      ])
    #expect(
      YAMLParser.parse("a: ", then: [0xF5, 0x80, 0x80, 0x80]).messages == [
        "1:4: invalid Unicode character (U+140000)"
      ])
  }

  @Test(arguments: [[0xFF, 0xFE, 0x61, 0x00], [0xFE, 0xFF, 0x00, 0x61], [0xFF, 0xFE]] as [[UInt8]])
  func utf16ByteOrderMarkIsRefused(_ bytes: [UInt8]) {
    let stream = YAMLParser.parse(bytes)
    #expect(
      stream.messages == [
        "1:1: the input is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"
      ])
    #expect(stream.errors.map(\.kind) == [.reader])
    #expect(stream.errors.map(\.isFatal) == [true])
  }

  @Test func utf16WithoutByteOrderMarkStopsAtItsFirstNUL() {
    #expect(
      YAMLParser.parse([0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x31, 0x00]).messages == [
        "1:2: control characters are not allowed (U+0000)"
      ])
  }

  @Test(arguments: [(0x00, "U+0000"), (0x07, "U+0007"), (0x1B, "U+001B"), (0x7F, "U+007F")] as [(UInt8, String)])
  func controlCharacters(_ byte: UInt8, _ codePoint: String) {
    let stream = YAMLParser.parse("a: 1\nb: x", then: [byte, 0x0A])
    #expect(stream.messages == ["2:5: control characters are not allowed (\(codePoint))"])
    #expect(stream.errors.map(\.kind) == [.reader])
    #expect(stream.errors.first?.mark.offset == 9)
  }

  @Test func c1ControlCharacter() {
    #expect(YAMLParser.parse("a: \u{80}").messages == ["1:4: control characters are not allowed (U+0080)"])
  }

  @Test func invalidBytesAfterAByteOrderMark() {
    // Positions count from the file's first byte, like every other mark.
    #expect(
      YAMLParser.parse(byteOrderMark + Array("a: ".utf8) + [0xFF]).messages == [
        "1:4: invalid UTF-8 at byte 6 (invalid leading UTF-8 octet: 0xFF); save the file as UTF-8"
      ])
    let control = YAMLParser.parse(byteOrderMark + Array("a: \u{0}".utf8))
    #expect(control.messages == ["1:4: control characters are not allowed (U+0000)"])
    #expect(control.errors.first?.mark.offset == 6)
  }

  @Test func readerErrorLinesAgreeWithLibYAMLsLineBreaks() throws {
    // libyaml ends lines at U+2028 too: the item after it is on line 2, and an
    // invalid byte there must be on line 2 as well.
    let valid = try #require(YAMLParser.parse("- a\u{2028}- b\n").root)
    #expect(valid.items?.map(\.mark.line) == [1, 2])
    #expect(
      YAMLParser.parse("- a\u{2028}- ", then: [0xFF]).messages == [
        "2:3: invalid UTF-8 at byte 8 (invalid leading UTF-8 octet: 0xFF); save the file as UTF-8"
      ])
  }

  @Test func tabsAsIndentation() {
    #expect(
      YAMLParser.parse("objectives:\n\t- id: O1\n").messages == [
        "2:1: found a tab character where YAML expects indentation or a token; indent with spaces (while scanning for the next token)"
      ])
    #expect(
      YAMLParser.parse("a:\n  b:\n  \tc: 1\n").messages == [
        "3:3: found a tab character where YAML expects indentation or a token; indent with spaces (while scanning for the next token)"
      ])
  }

  // MARK: Messages built from user text

  /// YAML that makes a message quote text from the file, named for test output.
  struct QuotingSample: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var yaml: String
  }

  static let quotingSamples = [
    QuotingSample(
      testDescription: "escape sequence in a duplicate key",
      yaml: "\"\\e[31mred\\e[0m\": 1\n\"\\e[31mred\\e[0m\": 2\n"),
    QuotingSample(testDescription: "line break in a duplicate key", yaml: "\"two\\nlines\": 1\n\"two\\nlines\": 2\n"),
    QuotingSample(testDescription: "escape sequence in a !!int value", yaml: "a: !!int \"\\e[2J\"\n"),
    QuotingSample(testDescription: "escape sequence in a tag", yaml: "a: !<!e%1B[31m> x\n"),
    QuotingSample(testDescription: "line break in a tag", yaml: "a: !e%0A x\n"),
    QuotingSample(
      testDescription: "10,000-character duplicate key",
      yaml: "? " + String(repeating: "k", count: 10_000) + "\n: 1\n? " + String(repeating: "k", count: 10_000)
        + "\n: 2\n"),
    QuotingSample(
      testDescription: "10,000-character !!int value", yaml: "a: !!int " + String(repeating: "9", count: 10_000) + "x\n"
    ),
  ]

  /// Values quoted into messages come from the file: a message must stay one
  /// short line, and must not carry escape sequences into someone's terminal.
  @Test(arguments: quotingSamples)
  func messagesQuotingUserTextStayShortAndPrintable(_ sample: QuotingSample) throws {
    let stream = YAMLParser.parse(sample.yaml)
    #expect(stream.errors.map(\.isFatal) == [false])
    let message = try #require(stream.messages.first)
    #expect(
      !message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(message.debugDescription)")
    #expect(message.count <= 300, "\(message.count) characters")
  }

  // MARK: Huge mappings

  /// `k0: 0`, one key a line, built as bytes to keep the test itself cheap.
  private func manyKeys(_ count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count * 16)
    for index in 0..<count {
      bytes.append(contentsOf: "k\(index): \(index)\n".utf8)
    }
    return bytes
  }

  @Test func twoHundredThousandDistinctKeys() throws {
    let stream = YAMLParser.parse(manyKeys(200_000))
    #expect(stream.messages == [])
    let root = try #require(stream.root)
    #expect(root.pairs?.count == 200_000)
    #expect(root["k199999"]?.resolvedScalar == .int(199_999))
  }

  @Test func twoHundredThousandKeysAfterAnEarlyMergeKey() throws {
    // A merge key among the first entries once kept duplicate detection a linear scan.
    let stream = YAMLParser.parse(Array("<<: {m: 0}\n".utf8) + manyKeys(200_000))
    #expect(stream.messages == [])
    #expect(stream.root?.pairs?.count == 200_001)
  }

  @Test func duplicateAmongTwoHundredThousandKeys() {
    let stream = YAMLParser.parse(manyKeys(200_000) + Array("k123456: again\n".utf8))
    #expect(stream.messages == ["200001:1: duplicate key 'k123456'; it is already set at line 123457, column 1"])
    #expect(stream.root?.pairs?.count == 200_000)
  }
}
