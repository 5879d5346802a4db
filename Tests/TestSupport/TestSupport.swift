import Foundation

/// Where the package's files are, for tests that read fixtures, examples and templates.
public enum PackagePaths {
  /// The package's root folder.
  public static let root: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// A path under the package root.
  public static func path(_ relative: String) -> String { root + "/" + relative }

  /// A fixture: `Tests/Fixtures/<name>`.
  ///
  /// Fixtures are named after the test that uses them.
  public static func fixture(_ name: String) -> String { path("Tests/Fixtures/" + name) }

  /// The built `okr` binary, next to the test bundle.
  public static let okrBinary: String = builtExecutable("okr")

  /// An executable the package builds, next to the test bundle (else in `.build/debug`).
  public static func builtExecutable(_ name: String) -> String {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent(name).path
    return FileManager.default.isExecutableFile(atPath: besideTests) ? besideTests : path(".build/debug/" + name)
  }
}

/// Golden files: `Tests/Snapshots/<name>.txt`, compared byte for byte.
///
/// Run `RECORD_SNAPSHOTS=1 swift test` to write the current output as the new
/// golden files, then review the diff with `git diff Tests/Snapshots`.
public enum Snapshot {
  /// Compares `actual` with the golden file `name`, or records it.
  ///
  /// - Returns: `nil` when they match (or when recording), else a message with the first differing line.
  public static func mismatch(_ actual: String, named name: String) -> String? {
    let file = PackagePaths.path("Tests/Snapshots/\(name).txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try? FileManager.default.createDirectory(
        atPath: PackagePaths.path("Tests/Snapshots"), withIntermediateDirectories: true)
      try? actual.write(toFile: file, atomically: true, encoding: .utf8)
      return nil
    }
    guard let expected = try? String(contentsOfFile: file, encoding: .utf8) else {
      return "no golden file \(file); run RECORD_SNAPSHOTS=1 swift test to record it"
    }
    guard expected != actual else { return nil }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
      let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
      if want != got {
        return "\(name).txt differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n"
          + "(re-record with RECORD_SNAPSHOTS=1 swift test if the change is intended)"
      }
    }
    return "\(name).txt differs"
  }
}

/// What a run of the `okr` binary did.
public struct CommandResult: Sendable {
  /// The exit status.
  public var status: Int32
  /// Everything written to standard output.
  public var standardOutput: String
  /// Everything written to standard error.
  public var standardError: String

  /// A run's status and output, from the binary or from a command run in process.
  public init(status: Int32, standardOutput: String, standardError: String) {
    self.status = status
    self.standardOutput = standardOutput
    self.standardError = standardError
  }
}

/// Runs the real `okr` binary.
public enum OKRCommand {
  /// Runs `okr` (or `executable`) with `arguments` in `directory`, with no terminal and no colour variables.
  ///
  /// Output goes to temporary files rather than pipes, so a large output can
  /// never block the child while the parent waits.
  public static func run(
    _ arguments: [String], in directory: String = PackagePaths.root, environment extra: [String: String] = [:],
    input: String? = nil, executable: String = PackagePaths.okrBinary
  ) throws -> CommandResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("okr-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    let inURL = scratch.appendingPathComponent("in")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["TERM"] = "xterm"
    environment["COLUMNS"] = "100"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let stdin = try FileHandle(forReadingFrom: inURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    try stdin.close()
    return CommandResult(
      status: process.terminationStatus,
      standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}

/// A temporary folder that removes itself.
public final class TemporaryDirectory {
  /// The folder's path.
  public let path: String

  /// Creates an empty folder under the system's temporary directory.
  public init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("okr-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes a file, creating its folders.
  public func write(_ relative: String, _ contents: String) throws {
    let url = URL(fileURLWithPath: path + "/" + relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
  }

  /// A file's contents.
  public func read(_ relative: String) throws -> String {
    try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// A small deterministic generator (SplitMix64): the same seed, the same cases, on every machine.
public struct SeededGenerator: RandomNumberGenerator {
  public var state: UInt64

  /// Starts the sequence at `seed`.
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Tools the tests run, found on `PATH` as a shell would find them.
public enum Tool {
  /// The full path of an executable named `name` on `PATH`, or `nil` when there is none.
  public static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = folder + "/" + name
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
