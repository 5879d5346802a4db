import OKRCore
import YAMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file a key result's `source:` names, found inside the repository or refused.
///
/// A source's path is named from the repository's root. An absolute path, a
/// `..` that climbs out, or a symbolic link that leads out is refused
/// (``RepositoryBoundary`` decides "inside"), so a quarter file cannot make
/// `okr checkin pull` read a file elsewhere on the machine. `okr lint`
/// reports the same refusals at the `file:` value.
public enum SourceFile {
  /// The most bytes a source file may have: 64 MiB, as `okr checkin import` reads.
  public static let maxBytes = 64 << 20

  /// Where `path` is under `root`, or why it may not be read.
  ///
  /// - Parameters:
  ///   - path: The path as the `source:` gives it.
  ///   - root: The repository's root.
  /// - Returns: The absolute path of an existing regular file inside the repository, or the reason (lower-case).
  public static func resolve(_ path: String, root: String) -> Result<String, SourceFailure> {
    let outside = "is outside the repository; okr reads a source only inside it"
    guard !path.hasPrefix("/") else {
      return .failure(
        SourceFailure(
          "file '\(DisplayText.shown(path))' is an absolute path; name it from the repository's root",
          rule: .unresolvedReference))
    }
    guard let full = joinedInside(path, root: root) else {
      return .failure(SourceFailure("file '\(DisplayText.shown(path))' \(outside)", rule: .unresolvedReference))
    }
    guard RepositoryBoundary(root: root).contains(full) else {
      return .failure(
        SourceFailure(
          "file '\(DisplayText.shown(path))' leads (through a symbolic link) outside the repository; okr reads a source only inside it",
          rule: .unresolvedReference))
    }
    var info = stat()
    guard stat(full, &info) == 0 else {
      return .failure(SourceFailure("file '\(DisplayText.shown(path))' does not exist", rule: .unresolvedReference))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      return .failure(
        SourceFailure("file '\(DisplayText.shown(path))' is not a regular file", rule: .unresolvedReference))
    }
    return .success(full)
  }

  /// `path` joined to `root`, `.` and `..` taken by name; `nil` when a `..` climbs out of the root.
  ///
  /// By name first, so `../x.json` is refused even where a link would bring it back.
  private static func joinedInside(_ path: String, root: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    return RepositoryLoader.join(root, parts.joined(separator: "/"))
  }

  /// The program a command source runs, found as docs/format.md says, or why it may not run.
  ///
  /// A bare name is looked up on `PATH`. An absolute path is the machine's
  /// program (`/bin/sh`), run as named: a bare name reaches any program on
  /// `PATH` already, so refusing it would protect nothing. A path with a `/`
  /// that is not absolute is the repository's, named from its root, and must
  /// lie inside it: a `..` that climbs out or a symbolic link that leads out
  /// is refused (``RepositoryBoundary`` decides "inside").
  ///
  /// - Parameters:
  ///   - program: The first item of `command`.
  ///   - root: The repository's root.
  /// - Returns: The path to run, or the reason (lower-case).
  public static func program(_ program: String, root: String) -> Result<String, SourceFailure> {
    if program.hasPrefix("/") { return .success(program) }
    guard program.contains("/") else {
      guard let found = Subprocess.find(program) else {
        return .failure(
          SourceFailure(
            "the command's program '\(DisplayText.shown(program))' is not on PATH", rule: .unresolvedReference))
      }
      return .success(found)
    }
    guard let full = joinedInside(program, root: root), RepositoryBoundary(root: root).contains(full) else {
      return .failure(
        SourceFailure(
          "program '\(DisplayText.shown(program))' is outside the repository; a program with a '/' is named "
            + "from the repository's root and must lie inside it", rule: .unresolvedReference))
    }
    return .success(full)
  }

  /// The bytes of a source's file, read inside the repository and at most ``maxBytes`` of them.
  ///
  /// - Parameters:
  ///   - path: The path as the `source:` gives it.
  ///   - root: The repository's root.
  /// - Returns: The bytes, or why they could not be read.
  public static func read(_ path: String, root: String) -> Result<[UInt8], SourceFailure> {
    read(path, root: root, betweenCheckAndOpen: {})
  }

  /// ``read(_:root:)`` with a step between the boundary's check and the open, where a test swaps a link.
  static func read(_ path: String, root: String, betweenCheckAndOpen: () -> Void) -> Result<[UInt8], SourceFailure> {
    let full: String
    switch resolve(path, root: root) {
    case .success(let found): full = found
    case .failure(let failure): return .failure(failure)
    }
    let contents: YAMLParser.FileContents
    do {
      // The boundary checks again what it opened: a link swapped in since resolve() is refused.
      contents = try RepositoryBoundary(root: root).readFile(
        atPath: full, maxBytes: maxBytes, betweenCheckAndOpen: betweenCheckAndOpen)
    } catch {
      return .failure(SourceFailure("cannot read '\(DisplayText.shown(path))': \(error.reason)"))
    }
    guard case .bytes(let bytes) = contents else {
      return .failure(SourceFailure("file '\(DisplayText.shown(path))' is larger than \(maxBytes >> 20) MiB"))
    }
    return .success(bytes)
  }

  /// Lint's findings: each source file that is outside the repository or missing, at its `file:` value, and
  /// each program path of the repository's that leads outside it, at the program.
  ///
  /// A bare program name is not looked up: `PATH` is the machine's, and CI's differs from a laptop's.
  static func problems(in repository: Repository, root: String) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for teamQuarter in repository.teamQuarters {
      for objective in teamQuarter.objectives {
        for keyResult in objective.keyResults {
          guard let source = keyResult.source?.value else { continue }
          let checked: (place: Located<String>, found: Result<String, SourceFailure>)? =
            if let file = source.file {
              (file, resolve(file.value, root: root))
            } else if let program = source.program, program.value.contains("/") {
              (program, self.program(program.value, root: root))
            } else { nil }
          if let checked, case .failure(let failure) = checked.found {
            problems.append(.error("source \(failure.reason)", rule: failure.rule, at: checked.place.location))
          }
        }
      }
    }
    return problems
  }
}

/// Why a source gave no value, in words for the person who runs `okr checkin pull` (lower-case).
public struct SourceFailure: Error, Sendable, Equatable {
  /// What went wrong.
  public var reason: String
  /// The rule a diagnostic of it is filed under: `unresolved-reference` for a
  /// file or program that is missing or outside the repository, as lint says,
  /// else `invalid-value`.
  public var rule: Rule

  /// A failure for `reason`.
  public init(_ reason: String, rule: Rule = .invalidValue) {
    self.reason = reason
    self.rule = rule
  }
}
