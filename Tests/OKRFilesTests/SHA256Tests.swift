import Foundation
import OKRFiles
import TestSupport
import Testing

/// The digest that names an import: FIPS 180-4's vectors, and `sha256sum` on every block boundary.
@Suite struct SHA256Tests {
  @Test func theStandardsVectors() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(
        Array(
          "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            .utf8)) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    #expect(
      SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Lengths around each place the padding changes (55, 56, 64 bytes and their multiples), and random bytes.
  @Test(.enabled(if: Tool.find("sha256sum") != nil, "needs sha256sum"))
  func agreesWithSha256sum() throws {
    var generator = SeededGenerator(seed: 256)
    let lengths = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097]
    let directory = try TemporaryDirectory()
    for length in lengths {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let file = directory.path + "/\(length)"
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let process = Process()
      let output = Pipe()
      process.executableURL = URL(fileURLWithPath: Tool.find("sha256sum")!)
      process.arguments = [file]
      process.standardOutput = output
      try process.run()
      let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(SHA256.hex(bytes) == String(printed.prefix(64)), "length \(length)")
    }
  }
}
