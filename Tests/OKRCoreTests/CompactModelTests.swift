import OKRCore
import Testing

/// The model's compact storage reads back exactly what was put in.
@Suite struct CompactModelTests {
  private static let key = SourceLocation(path: "checkins/2026-Q1/growth.yaml", line: 7, column: 3)

  @Test func aLocationInTheSameFileKeepsItsPathLineAndColumn() {
    let other = Self.key.at(line: 12, column: 40)
    #expect(other.path == Self.key.path)
    #expect((other.line, other.column) == (12, 40))
    #expect(other == SourceLocation(path: Self.key.path, line: 12, column: 40))
    #expect(other.hashValue == SourceLocation(path: Self.key.path, line: 12, column: 40).hashValue)
    #expect(other.description == "checkins/2026-Q1/growth.yaml:12:40")
    var moved = other
    moved.path = "elsewhere.yaml"
    #expect(moved.description == "elsewhere.yaml:12:40")
    #expect(other.path == Self.key.path)
  }

  @Test func lineAndColumnPastThirtyTwoBitsSaturateInsteadOfTrapping() {
    let far = SourceLocation(path: "huge.yaml", line: Int.max, column: -1)
    #expect((far.line, far.column) == (Int(UInt32.max), 0))
    let exact = SourceLocation(path: "huge.yaml", line: Int(UInt32.max), column: 1)
    #expect(exact.line == 4_294_967_295)
  }

  @Test func anEntryReadsBackEveryValueAndPlace() {
    let entry = CheckinEntry(
      keyResult: Located(KeyResultReference("O1/KR2")!, at: Self.key),
      value: Located(16.3, at: Self.key.at(line: 7, column: 19)),
      done: Located(false, at: Self.key.at(line: 8, column: 11)),
      milestonesDone: [Located("beta", at: Self.key.at(line: 9, column: 5))],
      confidence: Located(Confidence(.yellow), at: Self.key.at(line: 10, column: 17)), note: "slower",
      blockers: ["ops"],
      location: Self.key)
    #expect(entry.keyResult == Located(KeyResultReference("O1/KR2")!, at: Self.key))
    #expect(entry.value == Located(16.3, at: Self.key.at(line: 7, column: 19)))
    #expect(entry.done == Located(false, at: Self.key.at(line: 8, column: 11)))
    #expect(entry.milestonesDone == [Located("beta", at: Self.key.at(line: 9, column: 5))])
    #expect(entry.confidence == Located(Confidence(level: 5)!, at: Self.key.at(line: 10, column: 17)))
    #expect(entry.note == "slower")
    #expect(entry.blockers == ["ops"])
    #expect(entry.location == Self.key)
    let bare = CheckinEntry(keyResult: Located(KeyResultReference("O1/KR2")!, at: Self.key), location: Self.key)
    #expect(bare.value == nil && bare.done == nil && bare.confidence == nil && bare.milestonesDone == nil)
    #expect(bare.note == nil && bare.blockers.isEmpty)
  }

  @Test func placesInAnotherFileOrOffTheKeyStayExact() {
    let elsewhere = SourceLocation(path: "other.yaml", line: 3, column: 9)
    var entry = CheckinEntry(
      keyResult: Located(KeyResultReference("O1/KR1")!, at: Self.key), value: Located(2, at: elsewhere),
      confidence: Located(Confidence(level: 9)!, at: Self.key.at(line: 8, column: 2)),
      location: Self.key.at(line: 6, column: 1))
    #expect(entry.value?.location == elsewhere)
    #expect(entry.location == Self.key.at(line: 6, column: 1))
    // A new key in another file keeps every other place where it was.
    entry.keyResult = Located(KeyResultReference("O2/KR1")!, at: elsewhere.at(line: 1, column: 1))
    #expect(entry.value?.location == elsewhere)
    #expect(entry.confidence?.location == Self.key.at(line: 8, column: 2))
    #expect(entry.location == Self.key.at(line: 6, column: 1))
    entry.value = nil
    entry.location = entry.keyResult.location
    #expect(entry.value == nil)
    #expect(entry.location == elsewhere.at(line: 1, column: 1))
    entry.done = Located(true, at: Self.key)
    #expect(entry.done == Located(true, at: Self.key))
  }

  @Test func placesFarBelowTheKeyOrFarRightStayExact() {
    let far = Self.key.at(line: Self.key.line + 70_000, column: 2)
    let wide = Self.key.at(line: Self.key.line + 65_535, column: 65_536)
    let edge = Self.key.at(line: Self.key.line + 65_535, column: 65_535)
    let entry = CheckinEntry(
      keyResult: Located(KeyResultReference("O1/KR1")!, at: Self.key), value: Located(2, at: far),
      done: Located(true, at: wide), confidence: Located(Confidence(level: 1)!, at: edge), location: Self.key)
    #expect(entry.value?.location == far)
    #expect(entry.done?.location == wide)
    #expect(entry.confidence?.location == edge)
  }

  #if arch(x86_64) || arch(arm64)
    @Test func aLocationAndAnEntryStaySmall() {
      // A repository holds a location for nearly every value and an entry per key result per week.
      #expect(MemoryLayout<OKRCore.SourceLocation>.size == 16)
      #expect(MemoryLayout<CheckinEntry>.stride <= 80)
    }
  #endif
}
