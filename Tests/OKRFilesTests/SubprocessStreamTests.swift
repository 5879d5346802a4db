import TestSupport
import Testing

@testable import OKRFiles

/// The streamed reader history is read through: lines, exact lengths and skips, mixed in any
/// order and of any size, give back exactly the bytes a real process wrote.
@Suite struct SubprocessStreamTests {
  static let cat = Tool.find("cat")

  /// Random records far larger than the reader's 64 KiB chunks, so a line can start in one
  /// chunk, span the buffer being moved down, and end several chunks later.
  @Test(.enabled(if: cat != nil, "needs cat"), arguments: [1, 2, 3, 4] as [UInt64])
  func mixedReadsGiveBackExactlyWhatWasWritten(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    enum Read {
      case line([UInt8])
      case bytes([UInt8])
      case skip(Int)
    }
    var expected: [Read] = []
    var input: [UInt8] = []
    for _ in 0..<30 {
      let length = [0, 1, 100, 40_000, 70_000, 200_000].randomElement(using: &random)!
      let start = Int.random(in: 0..<95, using: &random)
      let body = (0..<length).map { UInt8(0x20 + ($0 + start) % 95) }
      switch Int.random(in: 0..<3, using: &random) {
      case 0:
        expected.append(.line(body))
        input += body + [0x0a]
      case 1:
        expected.append(.bytes(body))
        input += body
      default:
        expected.append(.skip(length))
        input += body
      }
    }
    let process = try Subprocess.start(Self.cat!, [], input: input)
    for read in expected {
      switch read {
      case .line(let body): #expect(process.line(limit: 1 << 20) == body)
      case .bytes(let body): #expect(process.bytes(body.count) == body)
      case .skip(let count): #expect(process.skip(count))
      }
    }
    #expect(process.line() == nil)
    #expect(process.finish().status == 0)
  }

  /// A line longer than the limit ends the stream rather than growing without bound.
  @Test(.enabled(if: cat != nil, "needs cat"))
  func aLineOverTheLimitEndsTheStream() throws {
    let process = try Subprocess.start(Self.cat!, [], input: [UInt8](repeating: 0x61, count: 300_000) + [0x0a])
    #expect(process.line(limit: 1000) == nil)
    process.finish()
  }
}
