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
