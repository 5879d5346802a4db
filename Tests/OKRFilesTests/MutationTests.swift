import Foundation
import OKRCore
import OKRFiles
import TestSupport
import Testing

/// okr lint on thousands of mutations of valid files: it never crashes, and
/// every position it gives is inside the file.
@Suite struct MutationTests {

  /// Bytes that make YAML interesting: structure, quotes, breaks, tabs, high bytes.
  private static let alphabet =
    Array(":-[]{},&*!|>'\"#%@`?\n\t 0123456789aZ\u{00}".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80]

  @Test(arguments: [
    "examples/acme/okrs/2026-Q3/growth.yaml", "examples/acme/checkins/2026-Q3/platform.yaml", "examples/acme/okr.yaml",
  ])
  func mutatedFilesNeverCrashAndPositionsStayInside(_ relative: String) throws {
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: PackagePaths.path(relative))))
    let directory = try TemporaryDirectory()
    let folder = relative.contains("checkins") ? "checkins/2026-Q3" : (relative.contains("okrs") ? "okrs/2026-Q3" : "")
    let path =
      directory.path + "/" + (folder.isEmpty ? "" : folder + "/")
      + (relative.split(separator: "/").last.map(String.init) ?? "")
    try FileManager.default.createDirectory(atPath: directory.path + "/" + folder, withIntermediateDirectories: true)
    var random = SeededGenerator(seed: UInt64(relative.utf8.count))
    for _ in 0..<150 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...8, using: &random) {
        let at = Int.random(in: 0..<max(1, bytes.count), using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: at)
        case 1: if !bytes.isEmpty { bytes.remove(at: at) }
        case 2: if !bytes.isEmpty { bytes[at] = Self.alphabet.randomElement(using: &random)! }
        default:
          // Duplicate a slice: repeated keys and documents.
          let end = min(bytes.count, at + Int.random(in: 1...40, using: &random))
          bytes.insert(contentsOf: bytes[at..<end], at: at)
        }
      }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let result = Linter().lint(paths: [path], repository: directory.path, workingDirectory: directory.path)
      let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
      for diagnostic in result.diagnostics {
        #expect(diagnostic.location.path == path)
        #expect(
          (1...max(1, lines + 1)).contains(diagnostic.location.line), "\(diagnostic.location): \(diagnostic.message)")
        #expect(diagnostic.location.column >= 1)
        #expect(!diagnostic.message.isEmpty)
      }
    }
  }
}
