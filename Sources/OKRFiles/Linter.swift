import OKRCore

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs every check on the files a person names, with their repository as context.
///
/// Cross-file checks need the whole repository (an `aligns_to` in one file
/// names an objective in another), so each named file is checked as part of
/// the repository it lives in, and only its own diagnostics are kept.
public struct Linter: Sendable {
  /// What a lint run found.
  public struct Result: Sendable {
    /// Every diagnostic, with absolute paths, unsorted.
    public var diagnostics: [Diagnostic]
    /// How many files were checked.
    public var fileCount: Int
    /// The roots of the repositories read.
    public var roots: [String] = []

    /// Each diagnostic's path as `shown`, mapped to its path from the root of the
    /// repository it lies in (the deepest, should roots nest); paths outside every
    /// root are left out.
    ///
    /// - Parameter shown: How a path is shown (relative to the working directory).
    /// - Returns: Shown path to path from the repository's root.
    public func repositoryPaths(shownAs shown: (String) -> String) -> [String: String] {
      var paths: [String: String] = [:]
      let roots = self.roots.sorted { $0.count > $1.count }
      for path in Set(diagnostics.map(\.location.path)) {
        guard let root = roots.first(where: { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else { continue }
        paths[shown(path)] = String(path.dropFirst(root.hasSuffix("/") ? root.count : root.count + 1))
      }
      return paths
    }
  }

  /// The loader that reads each repository.
  public var loader: RepositoryLoader
  /// Only files of these cycles (by label); all when empty.
  public var cycles: Set<String>
  /// Only files of these teams (by slug); all when empty.
  public var teams: Set<String>

  /// Creates a linter.
  ///
  /// - Parameters:
  ///   - loader: Reads each repository.
  ///   - cycles: Report only on quarter files and check-in logs of these cycles (`--quarter`).
  ///   - teams: Report only on those of these teams (`--team`). okr.yaml is always checked.
  public init(loader: RepositoryLoader = RepositoryLoader(), cycles: Set<String> = [], teams: Set<String> = []) {
    self.loader = loader
    self.cycles = cycles
    self.teams = teams
  }

  /// Lints paths, or the whole repository when there are none.
  ///
  /// - Parameters:
  ///   - paths: Files and folders to check. A folder holding `okr.yaml`,
  ///     `okrs/` or `checkins/` is a repository and is checked whole; any other
  ///     folder stands for the YAML files under it.
  ///   - repository: The repository root to use instead of finding one (`--repo`).
  ///   - workingDirectory: Where relative paths start.
  /// - Returns: The diagnostics and the number of files checked.
  public func lint(paths: [String], repository: String?, workingDirectory: String) -> Result {
    let absolute = { (path: String) in Self.absolutePath(path, from: workingDirectory) }
    guard !paths.isEmpty else {
      let root = repository.map(absolute) ?? RepositoryLoader.findRoot(startingAt: workingDirectory)
      guard Self.isDirectory(root) == true else {
        let problem = "no such folder: the repository does not exist"
        return Result(
          diagnostics: [.error(problem, rule: .io, at: SourceLocation(path: root, line: 0, column: 0))], fileCount: 0)
      }
      var result = check(root: root, only: nil)
      result.roots = [root]
      return result
    }
    // Group the named files by repository, so each repository is read once.
    var wholeRepositories: [String] = []
    var filesByRoot: [String: [String]] = [:]
    var diagnostics: [Diagnostic] = []
    for path in paths.map(absolute) {
      guard let isDirectory = Self.isDirectory(path) else {
        diagnostics.append(
          .error(
            "no such file or directory", rule: .io,
            at: SourceLocation(path: path, line: 0, column: 0)))
        continue
      }
      if isDirectory, Self.looksLikeRepository(path) {
        wholeRepositories.append(repository.map(absolute) ?? path)
        continue
      }
      var files = [path]
      if isDirectory {
        let walk = RepositoryLoader.yamlFiles(under: path)
        files = walk.files
        diagnostics += walk.problems
        if walk.files.isEmpty, walk.problems.isEmpty {
          diagnostics.append(
            .error(
              "no .yaml or .yml files in this folder", rule: .noFiles,
              at: SourceLocation(path: path, line: 0, column: 0)))
        }
      }
      let start = isDirectory ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
      let root = repository.map(absolute) ?? RepositoryLoader.findRoot(startingAt: start)
      filesByRoot[root, default: []] += files
    }
    var fileCount = 0
    for root in Set(wholeRepositories).sorted() {
      let result = check(root: root, only: nil)
      diagnostics += result.diagnostics
      fileCount += result.fileCount
    }
    for (root, files) in filesByRoot.sorted(by: { $0.key < $1.key }) where !wholeRepositories.contains(root) {
      let result = check(root: root, only: Set(files))
      diagnostics += result.diagnostics
      fileCount += result.fileCount
    }
    let roots = Set(wholeRepositories).union(filesByRoot.keys).sorted()
    return Result(diagnostics: diagnostics, fileCount: fileCount, roots: roots)
  }

  private func check(root: String, only files: Set<String>?) -> Result {
    let loaded = loader.load(root: root, extraFiles: files.map { $0.sorted() } ?? [])
    // Only lint looks for a source's file: a missing metrics export must not stop a report.
    var all =
      loaded.diagnostics + Validator(loaded.repository).validate()
      + SourceFile.problems(in: loaded.repository, root: root)
    var count = files?.count ?? loaded.files.count
    if files == nil, loaded.files.isEmpty, all.isEmpty {
      // Silence would read as "all clear" in CI: say where okr looked.
      let problem =
        "no OKR files here: okr looks for okr.yaml and for .yaml files under okrs/ and checkins/ in this folder"
      return Result(
        diagnostics: [.error(problem, rule: .noFiles, at: SourceLocation(path: root, line: 0, column: 0))],
        fileCount: 0)
    }
    if !cycles.isEmpty || !teams.isEmpty {
      // Files are the team's and cycle's by content; a file too broken to
      // tell whose it is stays in, since it might be theirs.
      var excluded: Set<String> = []
      let repository = loaded.repository
      for teamQuarter in repository.teamQuarters where !matches(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      {
        excluded.insert(teamQuarter.location.path)
      }
      for log in repository.checkinLogs
      where !log.checkins.isEmpty
        && !log.checkins.contains(where: { matches(cycle: $0.cycle.value, team: $0.team.value) })
      {
        excluded.insert(log.path)
      }
      all = all.filter { !excluded.contains($0.location.path) }
      count -= excluded.count
    }
    guard let files else { return Result(diagnostics: all, fileCount: count) }
    return Result(diagnostics: all.filter { files.contains($0.location.path) }, fileCount: files.count)
  }

  private func matches(cycle: String, team: String) -> Bool {
    (cycles.isEmpty || cycles.contains(cycle)) && (teams.isEmpty || teams.contains(team))
  }

  static func looksLikeRepository(_ directory: String) -> Bool {
    ["okr.yaml", "okrs", "checkins"].contains {
      FileManager.default.fileExists(atPath: RepositoryLoader.join(directory, $0))
    }
  }

  /// `path` made absolute against `directory`, with `.` and `..` resolved.
  public static func absolutePath(_ path: String, from directory: String) -> String {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
  }

  /// Whether a path is a folder (following links), or `nil` when nothing is there.
  static func isDirectory(_ path: String) -> Bool? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (info.st_mode & S_IFMT) == S_IFDIR
  }
}
