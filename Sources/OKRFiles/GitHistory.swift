import OKRCore
import YAMLKit

/// An OKR repository's history, read through the user's `git` as an untrusted reader.
///
/// okr never parses `.git` itself: every call goes through ``GitCommand``,
/// which pins the settings okr depends on and runs plumbing only. The commits
/// come from `git rev-list --first-parent`, what each changed from one
/// `git diff-tree --stdin -z` against its first parent, and every commit and
/// blob through `git cat-file --batch` fed object ids. Blobs are streamed:
/// only the version being decoded is held, never every version at once. Each
/// version is decoded by the same loader as the working tree, with the same
/// positions and diagnostics.
public struct GitHistory: Sendable {
  /// The OKR repository's root (it may be a folder inside a larger git repository).
  public let root: String
  /// How git is run.
  let git: GitCommand

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

  /// A git command that failed (a revision that does not exist, say), or an
  /// object that could not be read.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    /// What went wrong, in one line.
    public var message: String
    /// The file that could not be read at ``commit`` (the root joined with its path), when the failure is about one.
    public var path: String?
    /// The commit (seven characters) whose version of ``path`` could not be read.
    public var commit: String?

    /// A failure with a message only.
    public init(message: String, path: String? = nil, commit: String? = nil) {
      self.message = message
      self.path = path
      self.commit = commit
    }

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
    guard let executable = Subprocess.find("git") else { return .failure(.noGit) }
    let history = GitHistory(root: root, git: GitCommand(executable: executable, root: root))
    guard let inside = try? history.git.text(["rev-parse", "--is-inside-work-tree"]), inside == "true" else {
      return .failure(.notARepository(root))
    }
    if needsWholeHistory, (try? history.git.text(["rev-parse", "--is-shallow-repository"])) == "true" {
      return .failure(.shallow)
    }
    guard (try? history.git.text(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])) != nil else {
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
    let name = try? git.text(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
    guard let name, let id = ObjectID(name) else {
      throw Failure(message: "there is no revision '\(revision)' in this repository")
    }
    return id.hex
  }

  /// A commit's author and day.
  ///
  /// - Parameter commit: A full object name.
  public func describe(_ commit: String) throws(Failure) -> Commit {
    guard let id = ObjectID(commit), let described = try commitObjects([id])[id] else {
      throw Failure(message: "cannot read commit '\(commit)'")
    }
    return Commit(sha: commit, author: described.author, date: described.committed, files: [])
  }

  /// Whether a path (relative to the root) is one okr reads from history:
  /// a `.yaml`/`.yml` file in no hidden folder, as the working tree's walk finds them.
  static func isOKRFile(_ path: String) -> Bool {
    (path.hasSuffix(".yaml") || path.hasSuffix(".yml")) && !path.split(separator: "/").contains { $0.hasPrefix(".") }
  }

  /// The OKR files of a commit (okr.yaml and everything under okrs/ and checkins/) with their contents.
  ///
  /// - Parameter commit: A full object name.
  /// - Returns: Paths under ``root`` and their bytes.
  public func files(at commit: String) throws(Failure) -> [(path: String, bytes: [UInt8])] {
    let listing = try git.run(["ls-tree", "-r", "-z", "--end-of-options", commit, "--", "okr.yaml", "okrs", "checkins"])
    var entries: [(path: String, id: ObjectID)] = []
    for record in listing.split(separator: 0) {
      // `<mode> SP <type> SP <object> TAB <path>`: the first tab ends the fields git writes.
      guard let tab = record.firstIndex(of: 0x09) else { throw Failure(message: "git ls-tree gave an unreadable line") }
      let fields = record[record.startIndex..<tab].split(separator: 0x20)
      let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
      guard fields.count == 3, let id = ObjectID(fields[2]) else {
        throw Failure(message: "git ls-tree gave an unreadable line")
      }
      // Blobs only: a link (mode 120000) or a submodule is not an OKR file.
      guard fields[1].elementsEqual("blob".utf8), !fields[0].elementsEqual("120000".utf8), Self.isOKRFile(path)
      else { continue }
      entries.append((path, id))
    }
    var result: [(path: String, bytes: [UInt8])] = []
    let short = ObjectID(commit)?.short ?? commit
    try readBlobs(entries.map { ($0.id, $0.path, short) }) { path, bytes throws(Failure) in
      result.append((RepositoryLoader.join(root, path), bytes ?? []))
    }
    return result
  }

  /// A file a commit changed: its path, and its new blob (`nil` where the commit deleted it).
  struct FileChange {
    var path: String
    var blob: ObjectID?
  }

  /// The commits on the first-parent history of `revision`, oldest first, each with the OKR files it changed
  /// against its first parent (a merge lists what it brought in); commits that changed none are left out.
  ///
  /// - Parameters:
  ///   - folders: The folders (relative to the root) whose changes count.
  ///   - revision: A full object name.
  func changedFiles(touching folders: [String], through revision: String) throws(Failure)
    -> [(commit: ObjectID, files: [FileChange])]
  {
    // `rev-list --parents` lines are object names only; with --first-parent the first parent comes first.
    var pairs: [UInt8] = []
    let list = try git.run(["rev-list", "--first-parent", "--reverse", "--parents", "--end-of-options", revision])
    for line in list.split(separator: 0x0a) {
      let names = line.split(separator: 0x20)
      guard let commit = names.first.flatMap(ObjectID.init), names.dropFirst().allSatisfy({ ObjectID($0) != nil })
      else { throw Failure(message: "git rev-list gave an unreadable line") }
      pairs += Array(commit.hex.utf8)
      if names.count > 1 { pairs += [0x20] + Array(names[1]) }
      pairs.append(0x0a)
    }
    guard !pairs.isEmpty else { return [] }
    let output = try git.run(
      [
        "diff-tree", "--stdin", "-z", "-r", "--root", "--no-renames", "--no-ext-diff", "--no-textconv", "--relative",
        "--",
      ]
        + folders, input: pairs)
    return try Self.parseDiffTree(output)
  }

  /// Reads `git diff-tree --stdin -z -r` output: a commit's name, then for each
  /// file `:<mode> <mode> <old> <new> <status>` and its path, NUL-separated.
  ///
  /// The reader always knows which field comes next, so a path shaped like a
  /// commit name or a raw line is still read as a path.
  static func parseDiffTree(_ output: [UInt8]) throws(Failure) -> [(commit: ObjectID, files: [FileChange])] {
    var result: [(commit: ObjectID, files: [FileChange])] = []
    var fields = output.split(separator: 0, omittingEmptySubsequences: false)[...]
    if fields.last?.isEmpty == true { fields.removeLast() }
    let unreadable = Failure(message: "git diff-tree gave output okr cannot read")
    while let field = fields.popFirst() {
      if field.first == 0x3a {  // ":": a file of the current commit, whose path follows
        guard !result.isEmpty, let path = fields.popFirst() else { throw unreadable }
        let parts = field.dropFirst().split(separator: 0x20)
        guard parts.count == 5, let new = ObjectID(parts[3]) else { throw unreadable }
        let isBlob = parts[1].elementsEqual("100644".utf8) || parts[1].elementsEqual("100755".utf8)
        let name = String(decoding: path, as: UTF8.self)
        guard isOKRFile(name) else { continue }
        let deleted = parts[4].elementsEqual("D".utf8) || new.isNull || !isBlob
        result[result.count - 1].files.append(FileChange(path: name, blob: deleted ? nil : new))
      } else {
        guard let commit = ObjectID(field) else { throw unreadable }
        result.append((commit, []))
      }
    }
    return result.filter { !$0.files.isEmpty }
  }

  /// Each commit's author and day, through one `git cat-file --batch`.
  func commitObjects(_ ids: [ObjectID]) throws(Failure) -> [ObjectID: CommitObject] {
    var result: [ObjectID: CommitObject] = [:]
    try stream(ids.map { ($0, nil, $0.short) }, maxSize: 1 << 20) { id, _, bytes throws(Failure) in
      guard let parsed = bytes.flatMap(CommitObject.init) else {
        throw Failure(message: "cannot read commit \(id.short)")
      }
      result[id] = parsed
    }
    return result
  }

  /// Reads blobs in order through one `git cat-file --batch`, handing each to `body` as it arrives
  /// (`nil` for one larger than `maxSize`, which is never read into memory).
  ///
  /// - Parameter specs: Each blob's name, and the path and commit it is read for (named in failures).
  func readBlobs(
    _ specs: [(id: ObjectID, path: String, commit: String)], maxSize: Int = Int.max,
    _ body: (String, [UInt8]?) throws(Failure) -> Void
  ) throws(Failure) {
    try stream(specs.map { ($0.id, $0.path, $0.commit) }, maxSize: maxSize) { _, path, bytes throws(Failure) in
      try body(path ?? "", bytes)
    }
  }

  /// What to do about a missing object in a partial clone (empty elsewhere):
  /// okr fetches nothing lazily, so the blobs must be fetched first.
  private func partialCloneAdvice() -> String {
    // A partial clone names a promisor: extensions.partialClone, or a remote's `promisor = true`.
    let settings =
      (try? git.text(["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"])) ?? ""
    let partial = settings.split(separator: "\n").contains { !$0.hasSuffix(" false") }
    return partial
      ? "; this is a partial clone, and okr fetches nothing: fetch the blobs with 'git fetch --refetch' or clone in full"
      : ""
  }

  /// Streams objects from `git cat-file --batch`; each object's bytes are held only while `body` runs.
  ///
  /// An object git does not have, or cannot read, is a ``Failure`` naming the
  /// path and commit it was read for: a missing version is never taken for "no file".
  /// An object over `maxSize` reaches `body` as `nil`, never read into memory.
  private func stream(
    _ specs: [(id: ObjectID, path: String?, commit: String)], maxSize: Int,
    _ body: (ObjectID, String?, [UInt8]?) throws(Failure) -> Void
  ) throws(Failure) {
    guard !specs.isEmpty else { return }
    let input = Array(specs.map { $0.id.hex + "\n" }.joined().utf8)
    let process = try git.start(["cat-file", "--batch"], input: input)
    defer { process.finish() }
    for spec in specs {
      func unreadable(_ why: String) -> Failure {
        let what = spec.path.map { "'\($0)' at commit \(spec.commit)" } ?? "commit \(spec.commit)"
        return Failure(
          message: "cannot read \(what) from git: \(why)", path: spec.path.map { RepositoryLoader.join(root, $0) },
          commit: spec.path == nil ? nil : spec.commit)
      }
      guard let header = process.line(limit: 256) else {
        let said = GitCommand.firstLine(process.finish().errorText)
        throw unreadable("object \(spec.id.short) could not be read (\(said))\(partialCloneAdvice())")
      }
      // `<object> <type> <size>`, or `<object> missing`.
      let fields = header.split(separator: 0x20)
      guard fields.count == 3, ObjectID(fields[0]) == spec.id,
        let size = Int(String(decoding: fields[2], as: UTF8.self))
      else {
        let advice = partialCloneAdvice()
        throw unreadable("object \(spec.id.short) is missing" + (advice.isEmpty ? " or corrupt" : advice))
      }
      if size > maxSize {
        guard process.skip(size + 1) else { throw unreadable("object \(spec.id.short) ended early") }
        try body(spec.id, spec.path, nil)
        continue
      }
      guard let bytes = process.bytes(size), process.bytes(1) == [0x0a] else {
        throw unreadable("object \(spec.id.short) ended early")
      }
      try body(spec.id, spec.path, bytes)
    }
  }
}

extension GitHistory {
  /// Every change to a cycle's objectives and key results, commit by commit
  /// on the first-parent history, then the working tree's uncommitted ones.
  ///
  /// Each change is dated by the commit that first has the new value. Only
  /// the quarter files a commit changed are read and decoded again, and only
  /// their teams are compared, looked up by key; the blobs are streamed, so
  /// memory holds one model of the repository and one version in flight, not
  /// every version.
  ///
  /// - Parameters:
  ///   - cycle: The cycle's label; `nil` for every cycle.
  ///   - revision: The commit whose first-parent history is read (a full name); `nil` for `HEAD`.
  ///   - workingTree: The repository as it is on disk: its okr.yaml gives the
  ///     cadence (so the planning day); its quarter files are the last version
  ///     unless `includesWorkingTree` is false.
  ///   - includesWorkingTree: Whether the working tree's uncommitted changes count, as of `today`.
  ///   - loader: Decodes each version.
  ///   - today: The as-of day: later commits do not exist yet, and uncommitted changes are dated today.
  ///   - ignoresLaterCommits: Whether commits after `today` are left out (a report as of a day); `okr diff` reads them all.
  ///   - onlyDefinitionChanges: Only definition changes are wanted (alerts,
  ///     status), not objectives and key results added or removed (history, diff).
  /// - Returns: The changes, oldest first.
  public func changes(
    in cycle: String?, revision: String? = nil, workingTree: Repository, includesWorkingTree: Bool = true,
    loader: RepositoryLoader, today: CalendarDate, ignoresLaterCommits: Bool = true,
    onlyDefinitionChanges: Bool = false
  ) throws(Failure) -> [DatedChange] {
    try walk(
      in: cycle, revision: revision, workingTree: workingTree, includesWorkingTree: includesWorkingTree,
      loader: loader, today: today, ignoresLaterCommits: ignoresLaterCommits,
      onlyDefinitionChanges: onlyDefinitionChanges
    ).settledChanges()
  }

  /// The key results of a cycle deleted from their quarter files and not
  /// added back, each as last defined, with the commit that deleted it.
  ///
  /// The whole history is read, the working tree's uncommitted deletions
  /// included: a report as of an earlier day still scores a key result
  /// deleted later, up to the day it went.
  ///
  /// - Parameters:
  ///   - cycle: The cycle's label.
  ///   - workingTree: The repository as it is on disk.
  ///   - loader: Decodes each version.
  ///   - today: The day uncommitted deletions are dated.
  /// - Returns: The deleted key results, by team and reference.
  public func deletedKeyResults(
    in cycle: String, workingTree: Repository, loader: RepositoryLoader, today: CalendarDate
  ) throws(Failure) -> [DeletedKeyResult] {
    try walk(
      in: cycle, revision: nil, workingTree: workingTree, includesWorkingTree: true, loader: loader, today: today,
      ignoresLaterCommits: false, onlyDefinitionChanges: false
    ).deletedKeyResults()
  }

  /// Walks the history as ``changes(in:revision:workingTree:includesWorkingTree:loader:today:ignoresLaterCommits:onlyDefinitionChanges:)`` says.
  private func walk(
    in cycle: String?, revision: String?, workingTree: Repository, includesWorkingTree: Bool,
    loader: RepositoryLoader, today: CalendarDate, ignoresLaterCommits: Bool, onlyDefinitionChanges: Bool
  ) throws(Failure) -> HistoryWalk {
    let all = try changedFiles(touching: ["okrs"], through: revision ?? "HEAD")
    let described = try commitObjects(all.map(\.commit))
    let commits = all.filter { !ignoresLaterCommits || described[$0.commit]!.committed <= today }
    var walk = HistoryWalk(config: workingTree.config, cycle: cycle, onlyDefinitionChanges: onlyDefinitionChanges)
    // The blobs of every commit, in order; a commit is applied once its last blob has arrived.
    func blobCount(_ index: Int) -> Int {
      index < commits.count ? commits[index].files.filter { $0.blob != nil }.count : -1
    }
    var index = 0
    var left = blobCount(0)
    var read: [(path: String, bytes: [UInt8])] = []
    var reused: [String: TeamQuarter] = [:]
    var unreadable: Set<String> = []
    func applyFinished() {
      while left == 0 {
        let commit = commits[index]
        let object = described[commit.commit]!
        let deleted = commit.files.filter { $0.blob == nil }.map { RepositoryLoader.join(root, $0.path) }
        walk.apply(
          loader.load(root: root, contents: read, onlyCycle: cycle), read: read.map(\.path), reused: reused,
          unreadable: unreadable, deleted: deleted, commit: commit.commit.short, author: object.author,
          date: object.committed)
        (read, reused, unreadable) = ([], [:], [])
        index += 1
        left = blobCount(index)
      }
    }
    // A version with the checked-out file's very bytes decodes to the working
    // tree's team: it is taken as it is, not decoded again (most of a large
    // organisation's files are the same at the first commit as today).
    let checkedOut =
      includesWorkingTree
      ? Dictionary(workingTree.teamQuarters.map { ($0.location.path, $0) }, uniquingKeysWith: { first, _ in first })
      : [:]
    var onDisk: [String: [UInt8]?] = [:]
    func sameAsCheckedOut(_ path: String, _ bytes: [UInt8]) -> TeamQuarter? {
      guard let team = checkedOut[path] else { return nil }
      if onDisk[path] == nil {
        let contents = try? YAMLParser.readFile(
          atPath: path, maxBytes: loader.limits.maxInputBytes, regularFilesOnly: true)
        if case .bytes(let disk)? = contents { onDisk[path] = .some(disk) } else { onDisk[path] = .some(nil) }
      }
      return onDisk[path]! == bytes ? team : nil
    }
    applyFinished()
    let specs = commits.flatMap { commit in
      commit.files.compactMap { file in file.blob.map { ($0, file.path, commit.commit.short) } }
    }
    try readBlobs(specs, maxSize: loader.limits.maxInputBytes) { path, bytes throws(Failure) in
      let full = RepositoryLoader.join(root, path)
      // A version over the size limit is read no more than a broken one: the last good version stands.
      if let bytes, let team = sameAsCheckedOut(full, bytes) {
        reused[full] = team
      } else if let bytes {
        read.append((full, bytes))
      } else {
        unreadable.insert(full)
      }
      left -= 1
      applyFinished()
    }
    if includesWorkingTree, commits.count == all.count {
      // The working tree is the state as of today only when no commit is later than today.
      walk.applyWorkingTree(workingTree, date: today)
    }
    return walk
  }
}
