import Testing
import YAMLKit

/// Marks: 1-based lines and columns counted in Unicode scalars, and 0-based
/// byte offsets into the UTF-8 input, for nodes, documents and errors alike.
@Suite struct MarkTests {
  @Test func descriptionIsLineColonColumn() {
    #expect(Mark(line: 3, column: 14, offset: 99).description == "3:14")
  }

  @Test func marksOrderByLineThenColumn() {
    let first = Mark(line: 1, column: 9, offset: 8)
    let second = Mark(line: 2, column: 1, offset: 10)
    let third = Mark(line: 2, column: 3, offset: 12)
    #expect(first < second)
    #expect(second < third)
    #expect(!(third < third))
    #expect([third, first, second].sorted() == [first, second, third])
  }

  @Test func asciiMarksAreOneBasedWithByteOffsets() throws {
    let root = try #require(YAMLParser.parse("name: okr\nitems:\n  - first\n  - second\n").root)
    #expect(root.mark == Mark(line: 1, column: 1, offset: 0))
    #expect(root.pairs?[1].key.mark == Mark(line: 2, column: 1, offset: 10))
    #expect(root["name"]?.mark == Mark(line: 1, column: 7, offset: 6))
    // A block sequence starts at its first dash.
    #expect(root["items"]?.mark == Mark(line: 3, column: 3, offset: 19))
    #expect(
      root["items"]?.items?.map(\.mark) == [
        Mark(line: 3, column: 5, offset: 21), Mark(line: 4, column: 5, offset: 31),
      ])
  }

  @Test func columnsCountScalarsWhileOffsetsCountBytes() throws {
    // é is 2 bytes, 😀 is 4: the offset runs ahead of the column on the same line.
    let root = try #require(YAMLParser.parse("é: ü\nkey: [😀, é, x]\nnext: x\n").root)
    #expect(root["é"]?.mark == Mark(line: 1, column: 4, offset: 4))
    #expect(root["key"]?.mark == Mark(line: 2, column: 6, offset: 12))
    #expect(
      root["key"]?.items?.map(\.mark) == [
        Mark(line: 2, column: 7, offset: 13),
        Mark(line: 2, column: 10, offset: 19),
        Mark(line: 2, column: 13, offset: 23),
      ])
    #expect(root["next"]?.mark == Mark(line: 3, column: 7, offset: 32))
  }

  @Test func emojiKeyMarks() throws {
    let root = try #require(YAMLParser.parse("😀: é😀x\nk: v\n").root)
    #expect(
      root.pairs?.map(\.key.mark) == [
        Mark(line: 1, column: 1, offset: 0), Mark(line: 2, column: 1, offset: 14),
      ])
    #expect(root["😀"]?.mark == Mark(line: 1, column: 4, offset: 6))
    #expect(root["k"]?.mark == Mark(line: 2, column: 4, offset: 17))
  }

  @Test func crlfLineBreaksCountOnceForLinesAndTwiceForOffsets() throws {
    let root = try #require(YAMLParser.parse("a: 1\r\nb: [x, y]\r\nc: é\r\nd: 4\r\n").root)
    #expect(
      root.pairs?.map(\.key.mark) == [
        Mark(line: 1, column: 1, offset: 0),
        Mark(line: 2, column: 1, offset: 6),
        Mark(line: 3, column: 1, offset: 17),
        Mark(line: 4, column: 1, offset: 24),
      ])
    #expect(
      root["b"]?.items?.map(\.mark) == [
        Mark(line: 2, column: 5, offset: 10), Mark(line: 2, column: 8, offset: 13),
      ])
    #expect(root["c"]?.mark == Mark(line: 3, column: 4, offset: 20))
    #expect(root["d"]?.mark == Mark(line: 4, column: 4, offset: 27))
  }

  @Test func loneCarriageReturnIsALineBreak() throws {
    let root = try #require(YAMLParser.parse("a: 1\rb: é\rc: 3").root)
    #expect(root.keys == ["a", "b", "c"])
    #expect(root["b"]?.mark == Mark(line: 2, column: 4, offset: 8))
    #expect(root["c"]?.mark == Mark(line: 3, column: 4, offset: 14))
  }

  @Test func byteOrderMarkIsSkippedButCountedInOffsets() throws {
    let stream = YAMLParser.parse(byteOrderMark + Array("a: 1\nb: é\nc: 3\n".utf8))
    #expect(stream.messages == [])
    let root = try #require(stream.root)
    #expect(root.keys == ["a", "b", "c"])
    #expect(stream.documents[0].mark == Mark(line: 1, column: 1, offset: 3))
    #expect(root.mark == Mark(line: 1, column: 1, offset: 3))
    #expect(root["a"]?.mark == Mark(line: 1, column: 4, offset: 6))
    #expect(root["b"]?.mark == Mark(line: 2, column: 4, offset: 11))
    #expect(root["c"]?.mark == Mark(line: 3, column: 4, offset: 17))
  }

  @Test func byteOrderMarkBeforeNonASCIIAndExplicitDocument() throws {
    let nonASCII = try #require(YAMLParser.parse(byteOrderMark + Array("é: 1\nb: é\n".utf8)).root)
    #expect(
      nonASCII.pairs?.map(\.key.mark) == [
        Mark(line: 1, column: 1, offset: 3), Mark(line: 2, column: 1, offset: 9),
      ])
    #expect(nonASCII["é"]?.mark == Mark(line: 1, column: 4, offset: 7))
    #expect(nonASCII["b"]?.mark == Mark(line: 2, column: 4, offset: 12))

    let explicit = YAMLParser.parse(byteOrderMark + Array("---\na: 1\n".utf8))
    #expect(explicit.documents.map(\.mark) == [Mark(line: 1, column: 1, offset: 3)])
    #expect(explicit.root?.mark == Mark(line: 2, column: 1, offset: 7))
  }

  @Test func byteOrderMarkDoesNotShiftSyntaxErrorMarks() {
    let stream = YAMLParser.parse(byteOrderMark + Array("a:\n  b: 1\n c: 2\n".utf8))
    #expect(
      stream.messages == [
        "3:2: did not find expected key (while parsing a block mapping started at line 1, column 1)"
      ])
    #expect(stream.errors.first?.mark.offset == 14)
    #expect(stream.errors.first?.contextMark == Mark(line: 1, column: 1, offset: 3))
  }

  @Test func documentMarksPointAtTheirStart() {
    let stream = YAMLParser.parse("a: 1\n---\nb: 2\n...\n--- c\n")
    #expect(
      stream.documents.map(\.mark) == [
        Mark(line: 1, column: 1, offset: 0),
        Mark(line: 2, column: 1, offset: 5),
        Mark(line: 5, column: 1, offset: 18),
      ])
    #expect(
      stream.documents.map(\.root.mark) == [
        Mark(line: 1, column: 1, offset: 0),
        Mark(line: 3, column: 1, offset: 9),
        Mark(line: 5, column: 5, offset: 22),
      ])
  }

  @Test func errorMarksOnLaterLinesAfterNonASCII() {
    let stream = YAMLParser.parse("é: 1\nkey: \"😀 open\n")
    #expect(
      stream.messages == [
        "3:1: found unexpected end of stream (while scanning a quoted scalar started at line 2, column 6)"
      ])
    #expect(stream.errors.first?.mark.offset == 22)
    #expect(stream.errors.first?.contextMark == Mark(line: 2, column: 6, offset: 11))
  }
}
