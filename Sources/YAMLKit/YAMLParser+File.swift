#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file that could not be read, with the system's reason.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path as given.
  public var path: String
  /// The system's reason, lower-case (`no such file or directory`).
  public var reason: String

  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `cannot read 'path': reason`.
  public var description: String { "cannot read '\(path)': \(reason)" }
}

extension YAMLParser {
  /// Reads and parses a file.
  ///
  /// The size limit is checked before reading, so a 50 MB file costs a `stat`,
  /// not 50 MB of memory.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - limits: Bounds on input size, nesting depth and alias expansion.
  ///   - regularFilesOnly: Refuse a pipe, device or socket instead of reading it.
  ///   - probe: Looks at the first document's head, and may stop reading there.
  /// - Returns: The documents and every problem found.
  /// - Throws: ``FileReadError`` when the file cannot be opened or read, or
  ///   is not a regular file and `regularFilesOnly` is set.
  public static func parseFile(
    atPath path: String, limits: YAMLLimits = .default, regularFilesOnly: Bool = false, probe: YAMLHeadProbe? = nil
  ) throws(FileReadError) -> YAMLStream {
    parse(
      try readFile(atPath: path, maxBytes: limits.maxInputBytes, regularFilesOnly: regularFilesOnly), limits: limits,
      probe: probe)
  }

  /// Parses what ``readFile(atPath:maxBytes:regularFilesOnly:)`` read: the
  /// bytes, or a file over the size limit as a positioned error.
  public static func parse(_ contents: FileContents, limits: YAMLLimits = .default, probe: YAMLHeadProbe? = nil)
    -> YAMLStream
  {
    switch contents {
    case .bytes(let bytes):
      return parse(bytes, limits: limits, probe: probe)
    case .tooLarge(let size, let isLowerBound):
      return tooLarge(size, limits: limits, isLowerBound: isLowerBound)
    }
  }

  /// What reading a file with a size limit gave.
  public enum FileContents: Sendable, Equatable {
    /// The whole file.
    case bytes([UInt8])
    /// The file is larger than the limit: its size, or a lower bound of it
    /// when it was read up to the limit (a pipe), and nothing more was read.
    case tooLarge(size: Int, isLowerBound: Bool)
  }

  /// Reads a whole file, but never more than one byte past `maxBytes`.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - maxBytes: The largest file read; a larger one is refused by its size, before reading, when it has one.
  ///   - regularFilesOnly: Refuse a pipe, device or socket instead of reading it.
  ///   - checkOpened: Asked about the open descriptor before anything is
  ///     read: a reason refuses the file (the check a path allowed may no
  ///     longer hold for the file opened), `nil` lets it be read.
  /// - Returns: The bytes, or how large the file is.
  /// - Throws: ``FileReadError`` when the file cannot be opened or read, is
  ///   not a regular file and `regularFilesOnly` is set, or `checkOpened` refuses it.
  public static func readFile(
    atPath path: String, maxBytes: Int, regularFilesOnly: Bool = false, checkOpened: ((CInt) -> String?)? = nil
  ) throws(FileReadError) -> FileContents {
    // Opening a FIFO for reading blocks until someone opens it for writing,
    // so when only regular files will do, open without blocking and ask the
    // descriptor what it is: no window between a check and the open.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | (regularFilesOnly ? O_NONBLOCK : 0))
    guard descriptor >= 0 else { throw FileReadError(path: path, reason: systemReason()) }
    defer { close(descriptor) }
    if let refusal = checkOpened?(descriptor) { throw FileReadError(path: path, reason: refusal) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileReadError(path: path, reason: systemReason()) }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw FileReadError(path: path, reason: "it is a directory")
    }
    if regularFilesOnly {
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw FileReadError(path: path, reason: "not a regular file (a pipe or a device); okr reads regular files only")
      }
      // O_NONBLOCK stays set: local file systems ignore it for regular files,
      // and two fewer system calls per file count when a report opens
      // thousands of files for their first lines. A file system that honours
      // it (EAGAIN) has it cleared below.
    }
    if Int(info.st_size) > maxBytes {
      return .tooLarge(size: Int(info.st_size), isLowerBound: false)
    }
    // st_size is a hint (pipes report 0, files grow): read until end of file,
    // but never more than one byte past the limit. The room for the size
    // given is read into as it is, not zeroed first: for a file whose size
    // holds, which is nearly every one, the read fills it.
    var failure: FileReadError?
    var atEnd = false
    // Reads into `buffer` from `start`; returns how far it is filled.
    func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int) -> Int {
      var count = start
      while count < buffer.count, count <= maxBytes {
        let wanted = min(buffer.count - count, maxBytes + 1 - count)
        let got = read(descriptor, buffer.baseAddress.map { $0 + count }, wanted)
        if got < 0 {
          if errno == EINTR { continue }
          if errno == EAGAIN, regularFilesOnly {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            continue
          }
          failure = FileReadError(path: path, reason: systemReason())
          break
        }
        if got == 0 {
          atEnd = true
          break
        }
        count += got
      }
      return count
    }
    var bytes = [UInt8](unsafeUninitializedCapacity: max(Int(info.st_size) + 1, 4096)) { buffer, initialized in
      initialized = fill(buffer, from: 0)
    }
    // Larger than it said: twice the room each time, zeroed and then read into.
    while failure == nil, !atEnd, bytes.count <= maxBytes {
      let count = bytes.count
      bytes.append(contentsOf: repeatElement(0, count: count))
      let filled = bytes.withUnsafeMutableBufferPointer { fill($0, from: count) }
      bytes.removeSubrange(filled...)
    }
    if let failure { throw failure }
    let count = bytes.count
    if count > maxBytes {
      return .tooLarge(size: count, isLowerBound: true)
    }
    return .bytes(bytes)
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno)).lowercased()
  }
}
