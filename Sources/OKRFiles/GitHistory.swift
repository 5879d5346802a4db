import OKRCore
import YAMLKit

/// An OKR repository's history, read through the user's `git`.
///
/// okr never parses `.git` itself: it runs `git` (found on `PATH`) for the
/// list of commits and reads every blob it needs through one
/// `git cat-file --batch` process per question. Each version is decoded by the
/// same loader as the working tree, with the same positions and diagnostics.
public struct GitHistory: Sendable {
  /// The OKR repository's root (it may be a folder inside a larger git repository).
  public let root: String
  /// The `git` executable.
  let git: String

  /// Why history cannot be read; each says how to get it.
  public enum Unavailable: Error, Equatable, CustomStringConvertible {
    /// No `git` on `PATH`.
    case noGit
    /// The root is not inside a git work tree.
    case notARepository(String)
    /// The clone is shallow: older commits are missing.
    case shallow
    /// The repository has no commit yet.
    case noCommits

    public var description: String {
      switch self {
      case .noGit:
        return "git is not installed (no 'git' on PATH); history needs it"
      case .notARepository(let root):
        return "'\(root)' is not in a git repository, so it has no history"
      case .shallow:
        return "this clone is shallow, so its history is incomplete; "
          + "fetch it whole with 'git fetch --unshallow' (in GitHub Actions: 'fetch-depth: 0' on actions/checkout)"
      case .noCommits:
        return "the git repository has no commits yet"
      }
    }
  }

  /// A git command that failed: a revision that does not exist, say.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    /// What git said, first line.
    public var message: String
    public var description: String { message }
  }

  /// One commit on the first-parent history.
  public struct Commit: Sendable, Hashable {
    /// The full object name.
    public var sha: String
    /// The author's name.
    public var author: String
    /// The day it was committed (it landed on the branch).
    public var date: CalendarDate
    /// The OKR files it changed, relative to the root.
    public var files: [String]

    /// The abbreviated name people recognise: seven characters.
    public var shortSHA: String { String(sha.prefix(7)) }
  }

  /// Opens the history of the repository at `root`.
  ///
  /// - Parameters:
  ///   - root: The OKR repository's root.
  ///   - needsWholeHistory: Refuse a shallow clone: true for questions about
  ///     the past (history, moved goal posts), false for comparing two revisions.
  /// - Returns: The history, or why there is none.
  public static func open(root: String, needsWholeHistory: Bool = true) -> Result<GitHistory, Unavailable> {
    guard let git = Subprocess.find("git") else { return .failure(.noGit) }
    let history = GitHistory(root: root, git: git)
    guard let inside = try? history.run(["rev-parse", "--is-inside-work-tree"]), inside == "true" else {
      return .failure(.notARepository(root))
    }
    if needsWholeHistory, (try? history.run(["rev-parse", "--is-shallow-repository"])) == "true" {
      return .failure(.shallow)
    }
    guard (try? history.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])) != nil else {
      return .failure(.noCommits)
    }
    return .success(history)
  }

  /// The full object name of a revision's commit.
  ///
  /// - Parameter revision: Anything `git rev-parse` takes: `HEAD~3`, a branch, a tag, an abbreviated name.
  /// - Throws: ``Failure`` when there is no such commit.
  public func commit(_ revision: String) throws(Failure) -> String {
    guard !revision.hasPrefix("-") else { throw Failure(message: "'\(revision)' is not a revision") }
    do {
      return try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
    } catch {
      throw Failure(message: "there is no revision '\(revision)' in this repository")
    }
  }

  /// A commit's author and day.
  ///
  /// - Parameter commit: A full object name.
  public func describe(_ commit: String) throws(Failure) -> Commit {
    let fields = try run(["log", "-1", "--format=%an%x1f%cs", commit]).split(
      separator: "\u{1f}", omittingEmptySubsequences: false
    ).map(String.init)
    guard fields.count == 2, let date = CalendarDate(fields[1]) else {
      throw Failure(message: "cannot read commit '\(commit)'")
    }
    return Commit(sha: commit, author: fields[0], date: date, files: [])
  }

  /// The OKR files of a commit (okr.yaml and everything under okrs/ and checkins/) with their contents.
  ///
  /// - Parameter commit: A full object name.
  /// - Returns: Paths under ``root`` and their bytes.
  public func files(at commit: String) throws(Failure) -> [(path: String, bytes: [UInt8])] {
    let listing = try runBytes(["ls-tree", "-r", "-z", "--name-only", commit, "--", "okr.yaml", "okrs", "checkins"])
    let paths = listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter {
      ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.split(separator: "/").contains { $0.hasPrefix(".") }
    }
    let blobs = try read(paths.map { (commit, $0) })
    return zip(paths, blobs).compactMap { path, bytes in
      bytes.map { (path: RepositoryLoader.join(root, path), bytes: $0) }
    }
  }

  /// The commits on the first-parent history of `HEAD` that changed OKR quarter files, oldest first.
  ///
  /// - Parameter folders: The folders (relative to the root) whose changes count.
  public func commits(touching folders: [String]) throws(Failure) -> [Commit] {
    // One record per commit: a separator, the fields, then the files it changed,
    // NUL-separated so no file name is quoted. Merges on the first-parent
    // history list what they brought in.
    let output = try runBytes(
      [
        "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--relative", "--name-only", "-z",
        "--format=%x1e%H%x1f%an%x1f%cs", "HEAD", "--",
      ] + folders)
    var commits: [Commit] = []
    for record in output.split(separator: 0x1e) {
      let parts = record.split(separator: 0, omittingEmptySubsequences: true).map {
        String(decoding: $0, as: UTF8.self)
      }
      guard let header = parts.first?.split(separator: "\n").first else { continue }
      let fields = header.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3, let date = CalendarDate(fields[2]) else { continue }
      let files = parts.dropFirst().map { $0.hasPrefix("\n") ? String($0.dropFirst()) : $0 }.filter { !$0.isEmpty }
      commits.append(Commit(sha: fields[0], author: fields[1], date: date, files: files))
    }
    return commits
  }

  /// The contents of files at commits, through one `git cat-file --batch`; `nil` for a file a commit does not have.
  ///
  /// - Parameter specs: Each a commit's full name and a path relative to the root.
  public func read(_ specs: [(commit: String, path: String)]) throws(Failure) -> [[UInt8]?] {
    guard !specs.isEmpty else { return [] }
    let input = specs.map { "\($0.commit):./\($0.path)\n" }.joined()
    let output = try runBytes(["cat-file", "--batch"], input: Array(input.utf8))
    var results: [[UInt8]?] = []
    var index = output.startIndex
    for _ in specs {
      guard let newline = output[index...].firstIndex(of: 0x0a) else {
        throw Failure(message: "git cat-file ended early")
      }
      let header = String(decoding: output[index..<newline], as: UTF8.self).split(separator: " ")
      index = output.index(after: newline)
      if header.last == "missing" || header.count != 3 {
        results.append(nil)
        continue
      }
      guard let size = Int(header[2]), output.distance(from: index, to: output.endIndex) >= size + 1 else {
        throw Failure(message: "git cat-file gave a short object")
      }
      let end = output.index(index, offsetBy: size)
      results.append(header[1] == "blob" ? Array(output[index..<end]) : nil)
      index = output.index(after: end)
    }
    return results
  }

  /// Undocumented changes that were settled later: a change_note added to the
  /// key result afterwards documents them, and a field put back to what it was
  /// on the planning day moved no goal post in the end.
  static func settled(
    _ changes: [DatedChange], versions: [(date: CalendarDate, model: Repository)],
    notesAdded: [(index: Int, team: String, keyResult: String, note: String)]
  ) -> [DatedChange] {
    guard let final = versions.last?.model else { return changes }
    func definition(_ model: Repository, team: String, keyResult: String) -> [DefinitionField: ChangeValue]? {
      guard let quarter = model.teamQuarters.first(where: { $0.slug == team }),
        let reference = KeyResultReference(keyResult), let found = quarter.keyResult(reference)
      else { return nil }
      return found.definition
    }
    var result = changes
    for index in result.indices where result[index].change.isUndocumentedDefinitionChange {
      let change = result[index].change
      guard let keyResult = change.reference, let field = change.field.flatMap(DefinitionField.init) else { continue }
      if let later = notesAdded.first(where: { $0.index > index && $0.team == change.team && $0.keyResult == keyResult }
      ) {
        result[index].change.documented = true
        result[index].change.note = later.note
        continue
      }
      // The definition on the planning day: the last version from then, else the first that has the key result.
      let planningDay = result[index].planningDay
      let planned =
        versions.last(where: { $0.date <= planningDay }).flatMap {
          definition($0.model, team: change.team, keyResult: keyResult)
        }
        ?? versions.lazy.compactMap { definition($0.model, team: change.team, keyResult: keyResult) }.first
      if let planned, let now = definition(final, team: change.team, keyResult: keyResult), planned[field] == now[field]
      {
        result[index].isSettled = true
      }
    }
    return result
  }

  /// Runs git in the root and returns its output as trimmed text.
  func run(_ arguments: [String]) throws(Failure) -> String {
    let bytes = try runBytes(arguments)
    var text = String(decoding: bytes, as: UTF8.self)
    while text.last == "\n" { text.removeLast() }
    return text
  }

  /// Runs git in the root and returns its output as bytes.
  func runBytes(_ arguments: [String], input: [UInt8] = []) throws(Failure) -> [UInt8] {
    let result: Subprocess.Result
    do {
      result = try Subprocess.run(git, ["-C", root] + arguments, input: input)
    } catch {
      throw Failure(message: "cannot run git: \(error.reason)")
    }
    guard result.status == 0 else {
      let first = result.errorText.split(separator: "\n").first.map(String.init) ?? "git failed"
      throw Failure(message: first)
    }
    return result.output
  }
}

extension GitHistory {
  /// Every change to a cycle's objectives and key results, commit by commit
  /// on the first-parent history, then the working tree's uncommitted ones.
  ///
  /// Each change is dated by the commit that first has the new value. Only
  /// the quarter files that a commit changed are read (all of them through one
  /// `git cat-file --batch`) and decoded again.
  ///
  /// - Parameters:
  ///   - cycle: The cycle's label.
  ///   - workingTree: The repository as it is on disk (its okr.yaml gives the cadence, so the planning day).
  ///   - loader: Decodes each version.
  ///   - today: The as-of day: later commits do not exist yet, and uncommitted changes are dated today.
  /// - Returns: The changes, oldest first.
  public func changes(
    in cycle: String, workingTree: Repository, loader: RepositoryLoader, today: CalendarDate
  ) throws(Failure) -> [DatedChange] {
    let all = try commits(touching: ["okrs"])
    let commits = all.filter { $0.date <= today }
    let specs = commits.flatMap { commit in commit.files.map { (commit: commit.sha, path: $0) } }
    let blobs = try read(specs)
    var next = blobs.makeIterator()
    var teams: [String: TeamQuarter] = [:]
    var previous = Repository(config: workingTree.config)
    var dated: [DatedChange] = []
    // Each version as of its day, and each key result's change_note as it was added, for settling changes below.
    var versions: [(date: CalendarDate, model: Repository)] = []
    var notesAdded: [(index: Int, team: String, keyResult: String, note: String)] = []
    func record(_ model: Repository, commit: Commit?, date: CalendarDate) {
      for team in model.teamQuarters {
        let before = previous.teamQuarters.first { $0.slug == team.slug }
        for objective in team.objectives {
          for keyResult in objective.keyResults {
            guard let note = keyResult.changeNote else { continue }
            let old = before?.objectives.first { $0.id.value == objective.id.value }?.keyResults.first {
              $0.id.value == keyResult.id.value
            }
            if old?.changeNote != note {
              notesAdded.append((dated.count, team.slug, "\(objective.id.value)/\(keyResult.id.value)", note))
            }
          }
        }
      }
      versions.append((date, model))
      let planning = Dictionary(
        model.teamQuarters.map { ($0.slug, model.planningDay(of: $0)) }, uniquingKeysWith: { first, _ in first })
      for change in ModelDiff.changes(from: previous, to: model, cycles: [cycle]) where change.kind != .checkinsAdded {
        let day =
          planning[change.team]
          ?? previous.teamQuarters.first { $0.slug == change.team }.map {
            previous.planningDay(of: $0)
          }
        dated.append(
          DatedChange(
            change: change, commit: commit?.shortSHA, author: commit?.author, date: date,
            planningDay: day ?? date))
      }
      previous = model
    }
    for commit in commits {
      var changed: [(path: String, bytes: [UInt8])] = []
      for file in commit.files {
        let path = RepositoryLoader.join(root, file)
        if let bytes = next.next() ?? nil {
          changed.append((path, bytes))
        } else {
          teams[path] = nil
        }
      }
      let loaded = loader.load(root: root, contents: changed, onlyCycle: cycle)
      let broken = Set(loaded.diagnostics.filter { $0.severity == .error }.map(\.location.path))
      var decoded: [String: TeamQuarter] = [:]
      for teamQuarter in loaded.repository.teamQuarters where teamQuarter.cycle.label == cycle {
        decoded[teamQuarter.location.path] = teamQuarter
      }
      for (path, _) in changed {
        // A version with errors says nothing reliable about the definition: the
        // last good one stands, so a fix in a later commit is compared with it.
        if broken.contains(path) { continue }
        teams[path] = decoded[path]
      }
      var model = Repository(config: workingTree.config)
      model.teamQuarters = teams.values.sorted { ($0.slug, $0.location.path) < ($1.slug, $1.location.path) }
      record(model, commit: commit, date: commit.date)
    }
    // The working tree is the state as of today only when no commit is later than today.
    if commits.count == all.count {
      var current = Repository(config: workingTree.config)
      current.teamQuarters = workingTree.teamQuarters.filter { $0.cycle.label == cycle }
      record(current, commit: nil, date: today)
    }
    return Self.settled(dated, versions: versions, notesAdded: notesAdded)
  }
}
