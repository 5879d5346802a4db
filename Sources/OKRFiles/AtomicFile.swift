import YAMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that readers see the old content or the new, never a part.
///
/// The bytes go to a temporary file in the same folder, which is flushed to
/// disk (`fsync`) before it takes the final name; then the folder itself is
/// flushed, so the new name survives a crash too.
public enum AtomicFile {
  /// Why a write failed.
  public struct WriteError: Error, Equatable, CustomStringConvertible {
    /// The file that was being written.
    public var path: String
    /// The system's reason.
    public var reason: String
    /// Whether the file already existed (and so was left alone).
    public var alreadyExists: Bool

    /// `cannot write 'path': reason`.
    public var description: String {
      alreadyExists ? "'\(path)' already exists; okr never overwrites it" : "cannot write '\(path)': \(reason)"
    }
  }

  /// Creates a file that must not exist yet, with its folders.
  ///
  /// The temporary file is linked to the final name with `link(2)`, which fails
  /// when the name exists: two people running `okr init` at once cannot
  /// overwrite each other, and no check-then-write window exists.
  ///
  /// - Parameters:
  ///   - path: The file to create.
  ///   - contents: Its bytes.
  /// - Throws: ``WriteError``, with `alreadyExists` when the file is there.
  public static func create(_ path: String, contents: String) throws(WriteError) {
    let folder = directory(of: path)
    try makeDirectories(folder, for: path)
    let temporary = try writeTemporary(in: folder, for: path, contents: Array(contents.utf8))
    defer { unlink(temporary) }
    if link(temporary, path) != 0 {
      throw WriteError(path: path, reason: reason(), alreadyExists: errno == EEXIST)
    }
    syncDirectory(folder)
  }

  /// Writes a file okr generates (never one a person wrote), replacing it atomically.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - contents: Its text.
  /// - Throws: ``WriteError``; the old file stays whole when this throws.
  public static func replace(_ path: String, contents: String) throws(WriteError) {
    let folder = directory(of: path)
    try makeDirectories(folder, for: path)
    let temporary = try writeTemporary(in: folder, for: path, contents: Array(contents.utf8))
    guard rename(temporary, path) == 0 else {
      let failure = WriteError(path: path, reason: reason(), alreadyExists: false)
      unlink(temporary)
      throw failure
    }
    syncDirectory(folder)
  }

  /// A small file's text, or `nil` when it cannot be read as UTF-8.
  public static func contents(of path: String) throws(WriteError) -> String? {
    // The one file reader, with its cap and its refusal of pipes and devices.
    let contents: YAMLParser.FileContents
    do {
      contents = try YAMLParser.readFile(atPath: path, maxBytes: 16 << 20, regularFilesOnly: true)
    } catch {
      throw WriteError(path: path, reason: error.reason, alreadyExists: false)
    }
    guard case .bytes(let bytes) = contents else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Why reading an open file failed: the system's reason.
  public struct ReadError: Error, Equatable {
    public var reason: String
  }

  /// Everything an open descriptor has to read, to its end: the one read loop.
  ///
  /// - Parameters:
  ///   - descriptor: An open file, pipe or standard input.
  ///   - limit: Stop with an error past this many bytes; `nil` for no limit.
  /// - Throws: ``ReadError`` with the system's reason, or "larger than N MiB".
  public static func readAll(_ descriptor: Int32, limit: Int? = nil) throws(ReadError) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw ReadError(reason: reason())
      }
      if count == 0 { return bytes }
      bytes += chunk[..<count]
      if let limit, bytes.count > limit { throw ReadError(reason: "larger than \(limit >> 20) MiB") }
    }
  }

  /// The canonical absolute path (links resolved), or `nil` when it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Writes `contents` to a new temporary file next to `path`, flushed to disk.
  ///
  /// - Parameters:
  ///   - folder: The folder of `path`.
  ///   - path: The file the temporary one will become.
  ///   - contents: The bytes.
  ///   - prefix: How the temporary file's name starts.
  ///   - mode: Its permissions; `nil` for a new file's (0644 less the umask).
  /// - Returns: The temporary file's path.
  static func writeTemporary(
    in folder: String, for path: String, contents: [UInt8], prefix: String = ".okr-tmp-", mode: mode_t? = nil
  ) throws(WriteError) -> String {
    var template = Array((folder + "/" + prefix + "XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw WriteError(path: path, reason: reason(), alreadyExists: false) }
    let temporary = String(cString: template.map { UInt8(bitPattern: $0) } + [])
    var written = 0
    while written < contents.count {
      let result = contents.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, contents.count - written) }
      if result < 0, errno == EINTR { continue }
      guard result > 0 else {
        let failure = WriteError(path: path, reason: reason(), alreadyExists: false)
        close(descriptor)
        unlink(temporary)
        throw failure
      }
      written += result
    }
    // The file's own permissions, or 0644 less the umask like any file people
    // create, instead of mkstemp's 0600.
    if let mode {
      fchmod(descriptor, mode)
    } else {
      let mask = umask(0)
      umask(mask)
      fchmod(descriptor, 0o644 & ~mask)
    }
    guard fsync(descriptor) == 0 else {
      let failure = WriteError(path: path, reason: reason(), alreadyExists: false)
      close(descriptor)
      unlink(temporary)
      throw failure
    }
    close(descriptor)
    return temporary
  }

  static func makeDirectories(_ folder: String, for path: String) throws(WriteError) {
    var current = folder.hasPrefix("/") ? "" : "."
    for component in folder.split(separator: "/") {
      current += "/" + component
      if mkdir(current, 0o755) != 0, errno != EEXIST {
        throw WriteError(path: path, reason: reason(), alreadyExists: false)
      }
    }
  }

  static func syncDirectory(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func reason() -> String {
    String(cString: strerror(errno)).lowercased()
  }
}
