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

  #if arch(x86_64) || arch(arm64)
    @Test func aLocationStaysSmall() {
      // A repository holds a location for nearly every value.
      #expect(MemoryLayout<OKRCore.SourceLocation>.size == 16)
    }
  #endif
}
