import YAMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The repository's root as the edge of what okr reads and writes.
///
/// A symbolic link is a file anyone can commit: `okrs` pointing at someone's
/// home folder, `okr.yaml` at `/etc/passwd`. okr follows links only where they
/// lead inside the root, for every read (okr.yaml, the files under `okrs/` and
/// `checkins/`, templates) and every write (check-in logs, `okr init`'s
/// quarter file, `okr schema --write`'s schemas). This is the one place that
/// decides "inside".
///
/// A check of a path and the open that follows it are two moments: a link
/// swapped in between (`metrics/weekly.json` replaced by a link to
/// `~/.ssh/id_rsa` while okr runs) would pass the check and be read. So
/// ``readFile(atPath:maxBytes:)`` checks, opens, and then asks the system what
/// it opened (``contains(opened:path:)``), refusing it when that is outside.
///
/// ```swift
/// let boundary = RepositoryBoundary(root: root)
/// guard boundary.contains(path) else { /* refuse, saying why */ }
/// ```
public struct RepositoryBoundary: Sendable {
  /// The root as given.
  public let root: String
  /// The root with every link resolved, or `nil` when it does not exist.
  private let realRoot: String?

  /// Why a read through a link out of the repository is refused.
  public static let readRefusal = "a symbolic link that leads outside the repository; okr reads only inside it"
  /// Why a write through a link out of the repository is refused.
  public static let writeRefusal =
    "it leads (through a symbolic link) outside the repository; okr writes only inside it"

  /// The boundary of the repository at `root`.
  ///
  /// - Parameter root: The repository's root folder.
  public init(root: String) {
    self.root = root
    realRoot = Self.realPath(root)
  }

  /// Whether `path`, with every symbolic link on it resolved, lies inside the root.
  ///
  /// A path that does not exist (yet) is judged by its nearest ancestor that
  /// does, since that is where creating it would put it; a link that leads
  /// nowhere is skipped the same way, as creating through it fails. A root
  /// that does not exist holds everything: there is nothing to leave.
  ///
  /// - Parameter path: A path, absolute or relative to the working directory.
  /// - Returns: `true` when the path resolves inside the root (or is the root).
  public func contains(_ path: String) -> Bool {
    guard let realRoot else { return true }
    var existing = path
    var real = Self.realPath(existing)
    while real == nil {
      let parent = Self.directory(of: existing)
      guard parent != existing else { return true }
      existing = parent
      real = Self.realPath(existing)
    }
    guard let real else { return true }
    return real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
  }

  /// Whether the file open at `descriptor` lies inside the root, by what the system says it opened.
  ///
  /// The opened file's own path comes from the descriptor (`/proc/self/fd`
  /// on Linux, `F_GETPATH` on macOS), so no link swapped after the open can
  /// change the answer. Where the system cannot say (no `/proc`), `path` is
  /// resolved now and must be inside and be the very file opened (same
  /// device and inode).
  ///
  /// - Parameters:
  ///   - descriptor: An open file descriptor.
  ///   - path: The path it was opened by.
  /// - Returns: `true` when the opened file is inside the root.
  public func contains(opened descriptor: CInt, path: String) -> Bool {
    guard let realRoot else { return true }
    func isInside(_ real: String) -> Bool {
      real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
    }
    if let opened = Self.openedPath(descriptor) { return isInside(opened) }
    var openedInfo = stat()
    var pathInfo = stat()
    guard let real = Self.realPath(path), isInside(real), fstat(descriptor, &openedInfo) == 0,
      stat(real, &pathInfo) == 0
    else { return false }
    return openedInfo.st_dev == pathInfo.st_dev && openedInfo.st_ino == pathInfo.st_ino
  }

  /// Reads a regular file inside the root, at most one byte past `maxBytes`.
  ///
  /// The path is checked, then opened, then what was opened is checked
  /// (``contains(opened:path:)``): a link swapped between the check and the
  /// open is refused, not followed.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - maxBytes: The largest file read.
  /// - Returns: The bytes, or how large the file is.
  /// - Throws: ``FileReadError`` with ``readRefusal`` when it leads outside,
  ///   or the system's reason when it cannot be read.
  public func readFile(atPath path: String, maxBytes: Int) throws(FileReadError) -> YAMLParser.FileContents {
    try readFile(atPath: path, maxBytes: maxBytes, betweenCheckAndOpen: {})
  }

  /// ``readFile(atPath:maxBytes:)`` with a step between the check and the open, where a test swaps a link.
  func readFile(atPath path: String, maxBytes: Int, betweenCheckAndOpen: () -> Void) throws(FileReadError)
    -> YAMLParser.FileContents
  {
    guard contains(path) else { throw FileReadError(path: path, reason: Self.readRefusal) }
    betweenCheckAndOpen()
    return try YAMLParser.readFile(
      atPath: path, maxBytes: maxBytes, regularFilesOnly: true,
      checkOpened: { contains(opened: $0, path: path) ? nil : Self.readRefusal })
  }

  /// The path of the file open at `descriptor`, every link resolved, as the system keeps it; `nil` where it cannot say.
  private static func openedPath(_ descriptor: CInt) -> String? {
    #if canImport(Darwin)
      var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN) + 1)
      guard fcntl(descriptor, F_GETPATH, &buffer) != -1 else { return nil }
      return String(validatingCString: buffer)
    #else
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
      guard count > 0 else { return nil }
      let bytes = buffer[..<count].map { UInt8(bitPattern: $0) }
      // The link of a descriptor that is not a path in the tree (a pipe, a socket) has no leading slash.
      guard bytes.first == UInt8(ascii: "/") else { return nil }
      return String(decoding: bytes, as: UTF8.self)
    #endif
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The folder holding `path`: `.` for a bare name, `/` for a name at the top.
  private static func directory(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
  }
}
