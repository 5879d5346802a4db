import Foundation
import Testing
import YAMLKit

/// `YAMLParser.parseFile(atPath:)`: the same parse, plus the file system's failures.
@Suite struct ParseFileTests {
  /// A fresh folder, removed when the test ends.
  private final class Folder {
    let path: String

    init() throws {
      path = FileManager.default.temporaryDirectory.appendingPathComponent("YAMLKitTests-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
      let file = path + "/" + name
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
  }

  @Test func parsesAFile() throws {
    let folder = try Folder()
    let file = try folder.write("quarter.yaml", Array("quarter: 2026-Q1\nteams: [a, b]\n".utf8))
    let stream = try YAMLParser.parseFile(atPath: file)
    #expect(stream.messages == [])
    #expect(stream.root?.outline == "{quarter: 2026-Q1, teams: [a, b]}")
  }

  @Test func fileWithAByteOrderMarkParsesLikeText() throws {
    let folder = try Folder()
    let file = try folder.write("bom.yaml", byteOrderMark + Array("a: 1\nb: 2\n".utf8))
    let stream = try YAMLParser.parseFile(atPath: file)
    #expect(stream.messages == [])
    #expect(stream.root?.outline == "{a: 1, b: 2}")
    #expect(stream.root?.mark.offset == 3)
  }

  @Test func emptyFileHasNoDocuments() throws {
    let folder = try Folder()
    let stream = try YAMLParser.parseFile(atPath: try folder.write("empty.yaml", []))
    #expect(stream.documents.isEmpty)
    #expect(stream.messages == [])
  }

  @Test func fileProblemsReportTheirPosition() throws {
    let folder = try Folder()
    let file = try folder.write("latin1.yaml", Array("name: Caf".utf8) + [0xE9, 0x0A])
    #expect(
      try YAMLParser.parseFile(atPath: file).messages == [
        "1:10: invalid UTF-8 at byte 9 (incomplete UTF-8 octet sequence: 0xE9); save the file as UTF-8"
      ])
  }

  @Test func missingFileThrows() throws {
    let folder = try Folder()
    let path = folder.path + "/missing.yaml"
    #expect(throws: FileReadError(path: path, reason: "no such file or directory")) {
      try YAMLParser.parseFile(atPath: path)
    }
    #expect(
      FileReadError(path: path, reason: "no such file or directory").description
        == "cannot read '\(path)': no such file or directory")
  }

  @Test func directoryThrows() throws {
    let folder = try Folder()
    #expect(throws: FileReadError(path: folder.path, reason: "it is a directory")) {
      try YAMLParser.parseFile(atPath: folder.path)
    }
  }

  @Test func fileSizeLimitIsExact() throws {
    let folder = try Folder()
    let limits = YAMLLimits(maxInputBytes: 10)
    let atLimit = try folder.write("ten.yaml", Array("a: 1234567".utf8))
    #expect(try YAMLParser.parseFile(atPath: atLimit, limits: limits).messages == [])
    let overLimit = try folder.write("eleven.yaml", Array("a: 12345678".utf8))
    #expect(
      try YAMLParser.parseFile(atPath: overLimit, limits: limits).messages == [
        "1:1: input is 11 bytes, larger than the limit of 10 bytes"
      ])
  }

  @Test func fiftyMegabyteFileIsRefused() throws {
    let folder = try Folder()
    let file = folder.path + "/huge.yaml"
    // A sparse file: the size is what counts, and it is checked before reading.
    #expect(FileManager.default.createFile(atPath: file, contents: Data("name: ".utf8)))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    try handle.truncate(atOffset: 50 << 20)
    try handle.close()
    #expect(
      try YAMLParser.parseFile(atPath: file).messages == ["1:1: input is 50 MiB, larger than the limit of 16 MiB"])
  }

  @Test func pipeIsReadToItsEnd() throws {
    let folder = try Folder()
    let fifo = folder.path + "/pipe.yaml"
    #expect(mkfifo(fifo, 0o600) == 0)
    feed(fifo, Array("a: 1\nb: [x, y]\n".utf8))
    let stream = try YAMLParser.parseFile(atPath: fifo)
    #expect(stream.messages == [])
    #expect(stream.root?.outline == "{a: 1, b: [x, y]}")
  }

  /// The bytes read are the file's, whatever size it gives.
  ///
  /// A file is read into room for the size it gives, without zeroing it first; one
  /// that gives no size (a pipe) grows its room.
  @Test func readsExactlyTheBytesWrittenWhateverTheSizeSays() throws {
    let folder = try Folder()
    let bytes = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
    let file = folder.path + "/a.yaml"
    #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
    #expect(try YAMLParser.readFile(atPath: file, maxBytes: 1 << 20) == .bytes(bytes))
    let empty = folder.path + "/empty.yaml"
    #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
    #expect(try YAMLParser.readFile(atPath: empty, maxBytes: 1 << 20) == .bytes([]))
    let fifo = folder.path + "/pipe.yaml"
    #expect(mkfifo(fifo, 0o600) == 0)
    feed(fifo, bytes)
    #expect(try YAMLParser.readFile(atPath: fifo, maxBytes: 1 << 20) == .bytes(bytes))
  }

  @Test func pipeLargerThanTheLimitIsRefusedWithoutClaimingItsSize() throws {
    let folder = try Folder()
    let fifo = folder.path + "/pipe.yaml"
    #expect(mkfifo(fifo, 0o600) == 0)
    feed(fifo, [UInt8](repeating: UInt8(ascii: "x"), count: 1_000))
    let stream = try YAMLParser.parseFile(atPath: fifo, limits: YAMLLimits(maxInputBytes: 10))
    #expect(stream.errors.map(\.kind) == [.limit])
    // Reading stops one byte past the limit, so the size is unknown: the
    // pipe held 1,000 bytes, not the 11 that were read.
    #expect(stream.messages.first?.contains("11 bytes") == false, "\(stream.messages)")
  }

  @Test func aPipeWithNoWriterIsRefusedWithoutWaitingWhenOnlyRegularFilesWillDo() throws {
    let folder = try Folder()
    let fifo = folder.path + "/pipe.yaml"
    #expect(mkfifo(fifo, 0o600) == 0)
    // Nobody ever opens it for writing: a blocking open would never return.
    #expect(
      throws: FileReadError(path: fifo, reason: "not a regular file (a pipe or a device); okr reads regular files only")
    ) {
      try YAMLParser.parseFile(atPath: fifo, regularFilesOnly: true)
    }
    #expect(throws: FileReadError.self) { try YAMLParser.parseFile(atPath: "/dev/null", regularFilesOnly: true) }
  }

  @Test func aRegularFileReadsTheSameWhenOnlyRegularFilesWillDo() throws {
    let folder = try Folder()
    let file = folder.path + "/a.yaml"
    #expect(FileManager.default.createFile(atPath: file, contents: Data("a: 1\nb: [x, y]\n".utf8)))
    #expect(try YAMLParser.parseFile(atPath: file, regularFilesOnly: true).root?.outline == "{a: 1, b: [x, y]}")
  }

  /// Writes `bytes` into a named pipe from another thread, once a reader opens it.
  ///
  /// Small writes go into the pipe's buffer at once, so a reader that stops early
  /// never leaves the writer with a broken pipe.
  private func feed(_ fifo: String, _ bytes: [UInt8]) {
    Thread.detachNewThread {
      let descriptor = open(fifo, O_WRONLY)
      guard descriptor >= 0 else { return }
      _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      close(descriptor)
    }
  }
}
