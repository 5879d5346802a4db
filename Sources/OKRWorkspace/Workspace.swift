import OKRCore
import OKRFiles
import OKRReports
import YAMLKit

/// Where the repository is and the limits its files are read under: what
/// every command's repository options say, in the workspace's own terms.
public struct WorkspaceOptions: Sendable, Equatable {
  /// The repository's root as given (`--repo`), relative to the working directory; `nil` to find it.
  public var repo: String?
  /// The largest file read, in MiB.
  public var maxFileSizeMiB = WorkspaceOptions.defaultMaxFileSizeMiB
  /// The deepest YAML nesting read.
  public var maxDepth = YAMLLimits.defaultMaxDepth
  /// The most nodes YAML aliases may add to a file.
  public var maxAliasNodes = YAMLLimits.defaultMaxAliasExpansion
  /// The most bytes of text YAML aliases may add to a file.
  public var maxAliasBytes = YAMLLimits.defaultMaxAliasBytes
  /// The most OKR files a repository may have.
  public var maxFiles = RepositoryLoader.defaultMaxFiles

  /// The default of ``maxFileSizeMiB``: 16.
  public static let defaultMaxFileSizeMiB = YAMLLimits.defaultMaxInputBytes >> 20
  /// The default of ``maxDepth``.
  public static let defaultMaxDepth = YAMLLimits.defaultMaxDepth
  /// The default of ``maxAliasNodes``.
  public static let defaultMaxAliasNodes = YAMLLimits.defaultMaxAliasExpansion
  /// The default of ``maxAliasBytes``.
  public static let defaultMaxAliasBytes = YAMLLimits.defaultMaxAliasBytes
  /// The default of ``maxFiles``.
  public static let defaultMaxFiles = RepositoryLoader.defaultMaxFiles

  /// The defaults, with the repository found from the working directory.
  public init(repo: String? = nil) {
    self.repo = repo
  }

  /// The loader these limits make.
  var loader: RepositoryLoader {
    RepositoryLoader(
      limits: YAMLLimits(
        maxInputBytes: maxFileSizeMiB << 20, maxDepth: maxDepth, maxAliasExpansion: maxAliasNodes,
        maxAliasBytes: maxAliasBytes),
      maxFiles: maxFiles)
  }
}

/// Why a command stops before its report: what to print, and the exit code cli.md gives it.
public enum WorkspaceFailure: Error, Equatable {
  /// Problems in the files that stop this purpose, printed as `okr lint`
  /// prints them, then `outcome`; exit 74 when one is `io`, else 1.
  case refused(diagnostics: [Diagnostic], fileCount: Int, preface: String?, outcome: String)
  /// A usage problem found after parsing (a team, cycle or revision that is not there): exit 64.
  case usage(String)
  /// Problems that are not about a place in a file, one `error:` line each, then `outcome`.
  case problems([String], outcome: String, exitCode: Int32)

  /// The exit code cli.md gives this failure.
  public var exitCode: Int32 {
    switch self {
    case .refused(let diagnostics, _, _, _): return diagnostics.contains { $0.rule == .io } ? 74 : 1
    case .usage: return 64
    case .problems(_, _, let exitCode): return exitCode
    }
  }
}

/// What a command learned besides its report: warnings to print, problems
/// in files (an object git could not read), and the exit code they call for.
public struct WorkspaceNotices: Sendable, Equatable {
  /// One-line warnings, printed as `warning: …`.
  public var warnings: [String] = []
  /// Problems at places, printed as `okr lint` prints them.
  public var problems: [Diagnostic] = []

  /// No notices.
  public init() {}

  /// 74 when a file could not be read, else `nil`: the report is still printed first.
  public var exitCode: Int32? { problems.contains { $0.rule == .io } ? 74 : nil }

  mutating func append(_ other: WorkspaceNotices) {
    warnings += other.warnings
    problems += other.problems
  }
}

/// An OKR repository as one run of a command sees it: found, read with the
/// command's limits, and shown relative to where the command runs.
///
/// Every command goes through one workspace, so every command loads,
/// validates and scopes the same way, and asks the same homes the same
/// questions: a cycle's dates, when a definition changed, what stops a report.
public struct Workspace: Sendable {
  /// The repository's root folder.
  public let root: String
  /// The folder the command runs in; relative paths are read from it.
  public let workingDirectory: String
  /// How files are read, with the command's limits.
  let loader: RepositoryLoader
  /// The root as the options gave it (`--repo`), before it was made absolute.
  let givenRoot: String?

  /// The workspace the options describe, seen from `workingDirectory`.
  public init(_ options: WorkspaceOptions, workingDirectory: String) {
    self.workingDirectory = workingDirectory
    givenRoot = options.repo
    root =
      options.repo.map { Linter.absolutePath($0, from: workingDirectory) }
      ?? RepositoryLoader.findRoot(startingAt: workingDirectory)
    loader = options.loader
  }

  /// The root as people should see it: relative to the working directory.
  public var shownRoot: String { DisplayPath.relative(root, to: workingDirectory) }

  /// The message for a scope problem: where okr looked for quarter files.
  public func usage(_ problem: ScopeError) -> WorkspaceFailure {
    switch problem {
    case .noQuarterFiles:
      return .usage("no quarter files found under \(shownRoot)/okrs; create one with 'okr init'")
    case .unknownCycle, .unknownTeam:
      return .usage(problem.description)
    }
  }
}

/// The one engine that decides which diagnostics stop which purpose.
///
/// Lint shows everything; every other command stops only for errors, and
/// only for those in the files its purpose depends on. Nothing else in okr
/// filters diagnostics for stopping.
public enum DiagnosticGate {
  /// What a command is about to do with the repository.
  public enum Purpose: Sendable, Equatable {
    /// A report on one cycle: every error stops it (files of other cycles are not decoded).
    case report
    /// A trend over these cycles: errors in other cycles' files are drafts, not stoppers.
    case trend(Set<String>)
    /// Writing to, or reading from, these files only (a recording, an import, a carry-over):
    /// only their errors stop it.
    case ownFiles(Set<String>)
    /// A version read from git for comparison: every error stops it.
    case version
  }

  /// The errors that stop `purpose`, from a load and the validator's checks of its model.
  static func stopping(_ loaded: LoadedRepository, for purpose: Purpose) -> [Diagnostic] {
    let all = (loaded.diagnostics + Validator(loaded.repository).validate()).filter { $0.severity == .error }
    switch purpose {
    case .report, .version:
      return all
    case .trend(let cycles):
      let otherCycles = Set(
        loaded.repository.teamQuarters.filter { !cycles.contains($0.cycle.label) }.map(\.location.path))
      return all.filter { !otherCycles.contains($0.location.path) }
    case .ownFiles(let paths):
      return all.filter { paths.contains($0.location.path) }
    }
  }

  /// Throws a refusal when anything stops `purpose`.
  static func check(
    _ loaded: LoadedRepository, for purpose: Purpose, fileCount: Int? = nil, preface: String? = nil,
    outcome: String = "fix these errors first; 'okr lint' shows every problem"
  ) throws(WorkspaceFailure) {
    let errors = stopping(loaded, for: purpose)
    guard errors.isEmpty else {
      throw .refused(
        diagnostics: errors, fileCount: fileCount ?? loaded.files.count, preface: preface, outcome: outcome)
    }
  }
}

/// Paths as people should see them: relative to the working directory when inside it.
public enum DisplayPath {
  /// `path` relative to `directory` when inside it (or a few `..` away), else as it is.
  public static func relative(_ path: String, to directory: String) -> String {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
    if path == directory { return "." }
    // Outside the working directory: climb with `..` while that stays short.
    let pathParts = path.split(separator: "/")
    let baseParts = directory.split(separator: "/")
    var common = 0
    while common < min(pathParts.count, baseParts.count), pathParts[common] == baseParts[common] { common += 1 }
    let ups = baseParts.count - common
    guard common > 0, ups <= 3 else { return path }
    return (Array(repeating: "..", count: ups) + pathParts[common...].map(String.init)).joined(separator: "/")
  }
}

extension Workspace {
  /// Every problem in the files, as `okr lint` shows them.
  ///
  /// `--quarter` and `--team` narrow what is shown; every file is still read,
  /// since references cross files. No check depends on the day.
  ///
  /// - Parameter paths: Files or folders to check; the whole repository when empty.
  public func lint(paths: [String], quarter: String?, teams: [String]) -> LintReport {
    let linter = Linter(loader: loader, cycles: Set(quarter.map { [$0] } ?? []), teams: Set(teams))
    let result = linter.lint(paths: paths, repository: givenRoot, workingDirectory: workingDirectory)
    return LintReport(diagnostics: result.diagnostics, fileCount: result.fileCount)
  }
}
