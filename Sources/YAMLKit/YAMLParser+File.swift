#if canImport(Glibc)
  import Glibc
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
  /// - Returns: The documents and every problem found.
  /// - Throws: ``FileReadError`` when the file cannot be opened or read, or
  ///   is not a regular file and `regularFilesOnly` is set.
  public static func parseFile(
    atPath path: String, limits: YAMLLimits = .default, regularFilesOnly: Bool = false
  ) throws(FileReadError) -> YAMLStream {
    // Opening a FIFO for reading blocks until someone opens it for writing,
    // so when only regular files will do, open without blocking and ask the
    // descriptor what it is: no window between a check and the open.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | (regularFilesOnly ? O_NONBLOCK : 0))
    guard descriptor >= 0 else { throw FileReadError(path: path, reason: systemReason()) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileReadError(path: path, reason: systemReason()) }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw FileReadError(path: path, reason: "it is a directory")
    }
    if regularFilesOnly {
      guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw FileReadError(path: path, reason: "not a regular file (a pipe or a device); okr reads regular files only")
      }
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    }
    if Int(info.st_size) > limits.maxInputBytes {
      return tooLarge(Int(info.st_size), limits: limits)
    }
    // st_size is a hint (pipes report 0, files grow): read until end of file,
    // but never more than one byte past the limit.
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size) + 1, 4096))
    var count = 0
    while count <= limits.maxInputBytes {
      if count == bytes.count {
        bytes.append(contentsOf: repeatElement(0, count: bytes.count))
      }
      let wanted = min(bytes.count - count, limits.maxInputBytes + 1 - count)
      let got = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress.map { $0 + count }, wanted)
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, reason: systemReason())
      }
      if got == 0 { break }
      count += got
    }
    bytes.removeSubrange(count...)
    if count > limits.maxInputBytes {
      return tooLarge(count, limits: limits, isLowerBound: true)
    }
    return parse(bytes, limits: limits)
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno)).lowercased()
  }
}
