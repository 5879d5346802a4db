import OKRCore
import YAMLKit

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

/// What a load found: the model, the files read, and every problem.
public struct LoadedRepository: Sendable {
  /// The repository's root directory.
  public var root: String
  /// The decoded model; files with errors contribute what could be decoded.
  public var repository: Repository
  /// Every file read, sorted.
  public var files: [String]
  /// Every problem found while reading and decoding, unsorted.
  public var diagnostics: [Diagnostic]
}

/// Finds an OKR repository's files and decodes them into the model.
///
/// The loader reports what is wrong inside each file (YAML errors, unknown
/// keys, bad values); ``Validator`` then checks what spans files (references,
/// duplicates, cycles) and the practices (focus, SMART).
public struct RepositoryLoader: Sendable {
  /// Bounds applied to every file.
  public var limits: YAMLLimits
  /// Whether files are read and parsed on all cores at once (the default) or one by one.
  public var isConcurrent: Bool
  /// The most files one repository may have: a folder of a million YAML files
  /// is more likely a mistake (a vendored tree, a data dump) than OKRs.
  public var maxFiles: Int

  /// The default file-count limit: 100,000.
  public static let defaultMaxFiles = 100_000

  /// Creates a loader.
  ///
  /// - Parameters:
  ///   - limits: Bounds applied to every file.
  ///   - maxFiles: The most files a repository may have.
  ///   - isConcurrent: Read and parse files on all cores; results are merged in path order either way.
  public init(limits: YAMLLimits = .default, maxFiles: Int = defaultMaxFiles, isConcurrent: Bool = true) {
    self.limits = limits
    self.maxFiles = maxFiles
    self.isConcurrent = isConcurrent
  }

  /// The resource limit behind each kind of YAML limit.
  static let resourceLimits: [YAMLLimits.Kind: ResourceLimit] = [
    .inputBytes: .fileSize, .depth: .depth, .aliasExpansion: .aliasNodes, .aliasBytes: .aliasBytes,
  ]

  /// The repository root for a working directory: the nearest directory going
  /// up that holds `okr.yaml`; failing that, the nearest that holds `.git`;
  /// failing that, the directory itself.
  ///
  /// - Parameter directory: Where to start looking.
  /// - Returns: The root directory's path.
  public static func findRoot(startingAt directory: String) -> String {
    let start = URL(fileURLWithPath: directory).standardizedFileURL
    for marker in ["okr.yaml", ".git"] {
      var candidate = start
      while true {
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
          return candidate.path
        }
        let parent = candidate.deletingLastPathComponent()
        if parent.path == candidate.path { break }
        candidate = parent
      }
    }
    return start.path
  }

  /// What a walk of folders found: YAML files, and the places it could not read.
  public struct FileWalk: Sendable {
    /// The `.yaml`/`.yml` files, sorted.
    public var files: [String] = []
    /// Folders that could not be read and links that lead nowhere, as `[io]` errors.
    public var problems: [Diagnostic] = []
  }

  /// The OKR files of a repository: okr.yaml, then every `.yaml`/`.yml` file
  /// under `okrs/` and `checkins/`, sorted, skipping hidden files and folders.
  ///
  /// An okr.yaml, folder or file that a symbolic link takes outside the root
  /// is not read: it is an `io` problem (see ``RepositoryBoundary``).
  ///
  /// - Parameters:
  ///   - root: The repository's root; symbolic links are followed only where they stay inside it.
  ///   - limit: Stop walking once more than this many files are found.
  /// - Returns: Paths that start with `root`, and what could not be read.
  public static func discoverFiles(inRoot root: String, limit: Int = .max) -> FileWalk {
    var walk = FileWalk()
    let config = join(root, "okr.yaml")
    if FileManager.default.fileExists(atPath: config) {
      // A committed link to a file elsewhere would put that file's contents
      // in okr's messages (and CI annotations): refused, as under okrs/.
      if RepositoryBoundary(root: root).contains(config) {
        walk.files.append(config)
      } else {
        walk.problems.append(
          .error(RepositoryBoundary.readRefusal, rule: .io, at: SourceLocation(path: config, line: 0, column: 0)))
      }
    }
    for folder in ["okrs", "checkins"] {
      let found = yamlFiles(under: join(root, folder), within: root, limit: limit)
      walk.files += found.files
      walk.problems += found.problems
    }
    return walk
  }

  /// Every `.yaml`/`.yml` file under a directory, sorted, skipping hidden ones.
  ///
  /// A walk with `readdir`, which says what each entry is without a `stat`
  /// per file (a company's repository has tens of thousands). Symbolic links
  /// to folders are followed, as `okr checkin record` writes through them;
  /// each folder is entered once, so a link to an ancestor cannot loop. A
  /// folder that cannot be read, or a link that leads nowhere, is a problem
  /// to report, never a silent gap in the scores. A directory that does not
  /// exist holds no files.
  ///
  /// - Parameters:
  ///   - directory: Where to start.
  ///   - root: Follow symbolic links only to places inside this folder (the
  ///     repository's root): a link anyone can commit must not make okr read
  ///     the rest of the machine. `nil`: inside `directory`'s parent is not checked.
  ///   - limit: Stop walking once more than this many files are found.
  public static func yamlFiles(under directory: String, within root: String? = nil, limit: Int = .max) -> FileWalk {
    var walk = FileWalk()
    var folders = [directory]
    var entered: Set<[UInt64]> = []
    let boundary = root.map(RepositoryBoundary.init)
    func problem(_ path: String, _ reason: String) {
      walk.problems.append(.error(reason, rule: .io, at: SourceLocation(path: path, line: 0, column: 0)))
    }
    func isInside(_ path: String) -> Bool {
      boundary?.contains(path) ?? true
    }
    if !isInside(directory) {
      problem(directory, RepositoryBoundary.readRefusal)
      return walk
    }
    while let folder = folders.popLast(), walk.files.count <= limit {
      var info = stat()
      if stat(folder, &info) != 0 {
        if errno != ENOENT || folder != directory { problem(folder, AtomicFile.reason()) }
        continue
      }
      guard entered.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
      guard let stream = opendir(folder) else {
        problem(folder, "cannot read this folder: \(AtomicFile.reason())")
        continue
      }
      defer { closedir(stream) }
      while let entry = readdir(stream) {
        let nameBytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
        if nameBytes.first == UInt8(ascii: ".") { continue }
        let type = Int32(entry.pointee.d_type)
        guard let name = String(validating: nameBytes, as: UTF8.self) else {
          // Every output carries a path as text, and a name that is not
          // UTF-8 has no faithful text: decoding it repaired, okr opened a
          // name that is not there. Refused, naming it with its bytes shown.
          let isYAML = [".yaml", ".yml"].contains { nameBytes.reversed().starts(with: $0.utf8.reversed()) }
          if isYAML || type == Int32(DT_DIR) || type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
            problem(join(folder, DisplayText.escapingInvalidUTF8(nameBytes)), Self.nonUTF8NameRefusal)
          }
          continue
        }
        let path = join(folder, name)
        if type == Int32(DT_DIR) {
          folders.append(path)
          continue
        }
        let isYAML = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if type == Int32(DT_LNK), !isInside(path) {
          problem(path, RepositoryBoundary.readRefusal)
          continue
        }
        if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
          var target = stat()
          if stat(path, &target) == 0 {
            if (target.st_mode & S_IFMT) == S_IFDIR {
              folders.append(path)
              continue
            }
          } else if !isYAML {
            // A broken link named like a file is listed below and reported when read.
            problem(path, "a symbolic link that leads nowhere (\(AtomicFile.reason()))")
            continue
          }
        }
        // Anything but a folder is listed: a FIFO is then reported as unreadable rather than silently left out.
        if isYAML { walk.files.append(path) }
      }
    }
    walk.files.sort()
    return walk
  }

  /// Why a file or folder whose name is not UTF-8 is not read.
  public static let nonUTF8NameRefusal =
    "its name is not UTF-8 (stray bytes shown as \\xNN); okr reads only files and folders named in UTF-8, so rename it"

  /// Reads and decodes a repository.
  ///
  /// A report is about one cycle, and a repository keeps years of them. With
  /// `onlyCycle`, only okr.yaml and the files of that cycle are decoded and
  /// kept. A file of another cycle is parsed only up to its head: a quarter
  /// file's top-level keys before `objectives:`, a check-in log's first
  /// document's before `key_results:`. When the head says the file's cycle
  /// (`quarter:`, `period:`), that cycle is listed in ``Repository/otherCycles``
  /// and the rest of the file is not read. A file whose head does not say is
  /// parsed whole and its cycle told from the whole; one whose cycle cannot be
  /// told at all (it does not parse, or says no cycle) is decoded, so its
  /// problems show.
  ///
  /// - Parameters:
  ///   - root: The repository's root.
  ///   - extraFiles: Files to read as well, such as files named on the command line outside the usual folders.
  ///   - onlyCycle: Decode only this cycle's files; every file when `nil`.
  /// - Returns: The model, the files read and the problems found.
  public func load(root: String, extraFiles: [String] = [], onlyCycle: String? = nil) -> LoadedRepository {
    let walk = Self.discoverFiles(inRoot: root, limit: maxFiles)
    var files = walk.files
    let known = Set(files)
    files += extraFiles.filter { !known.contains($0) }
    if files.count > maxFiles {
      let problem =
        "the repository has \(files.count) OKR files, more than the limit of \(maxFiles)"
      var diagnostic = Diagnostic.error(problem, rule: .yamlLimit, at: SourceLocation(path: root, line: 0, column: 0))
      diagnostic.limit = .files
      return LoadedRepository(root: root, repository: Repository(), files: [], diagnostics: [diagnostic])
    }
    let configPath = Self.join(root, "okr.yaml")
    // Each file is read, parsed and decoded on its own, so files go to all
    // cores at once; the results are merged in path order, so the outcome is
    // the same byte for byte as one by one.
    let loaded = files.concurrentMap(concurrently: isConcurrent) { path in
      loadFile(path, isConfig: path == configPath, root: root, onlyCycle: onlyCycle)
    }
    return merge(loaded, root: root, files: files, diagnostics: walk.problems)
  }

  /// Decodes a repository from its files' contents, such as a revision read from git.
  ///
  /// The same decoding as ``load(root:extraFiles:onlyCycle:)``, with the same
  /// diagnostics and positions; only the bytes come from elsewhere.
  ///
  /// - Parameters:
  ///   - root: The repository's root: the files' paths start with it.
  ///   - contents: Each file's path and bytes.
  ///   - onlyCycle: Decode only this cycle's files; every file when `nil`.
  /// - Returns: The model and every problem found.
  public func load(root: String, contents: [(path: String, bytes: [UInt8])], onlyCycle: String? = nil)
    -> LoadedRepository
  {
    let configPath = Self.join(root, "okr.yaml")
    let sorted = contents.sorted { $0.path < $1.path }
    let loaded = sorted.concurrentMap(concurrently: isConcurrent) { file in
      // Without a root (fuzzing, editors), any okr.yaml is the configuration.
      let isConfig = file.path == configPath || (root.isEmpty && file.path.hasSuffix("okr.yaml"))
      return decode(.bytes(file.bytes), path: file.path, isConfig: isConfig, root: root, onlyCycle: onlyCycle)
    }
    return merge(loaded, root: root, files: sorted.map(\.path), diagnostics: [])
  }

  /// The files' contents merged into one repository, in path order.
  private func merge(_ loaded: [LoadedFile], root: String, files: [String], diagnostics: [Diagnostic])
    -> LoadedRepository
  {
    var repository = Repository()
    var diagnostics = diagnostics
    for file in loaded {
      diagnostics += file.diagnostics
      switch file.content {
      case .config(let config)?: repository.config = config
      case .teamQuarter(let teamQuarter)?: repository.teamQuarters.append(teamQuarter)
      case .checkinLog(let log)?: repository.checkinLogs.append(log)
      case .otherCycle(let cycle)?: repository.otherCycles += cycle.map { [$0] } ?? []
      case nil:
        if let broken = file.diagnostics.first(where: { $0.severity == .error }) {
          repository.undecodedFiles.append(broken.location.path)
        }
      }
    }
    repository.teamQuarters.sort {
      ($0.cycle.label, $0.slug, $0.location.path) < ($1.cycle.label, $1.slug, $1.location.path)
    }
    return LoadedRepository(root: root, repository: repository, files: files, diagnostics: diagnostics)
  }

  /// Every problem in one file's contents.
  ///
  /// The file is checked as a repository of that one file: parse, classify,
  /// decode, validate. For fuzzing and editors.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - path: A name under `okrs/` or `checkins/` decides the kind of a file whose content does not.
  /// - Returns: The diagnostics, unsorted.
  public func diagnostics(forContents bytes: [UInt8], path: String = "okrs/file.yaml") -> [Diagnostic] {
    let loaded = load(contents: [(path, bytes)])
    return loaded.diagnostics + Validator(loaded.repository).validate()
  }

  /// A repository made of files given as bytes, read from no disk.
  ///
  /// Each file is parsed and decoded as ``load(root:extraFiles:onlyCycle:)``
  /// would; a path ending in `okr.yaml` is the configuration. For fuzzing,
  /// which renders every report of what it loads.
  ///
  /// - Parameter files: Paths (under `okrs/` or `checkins/` to decide the kind
  ///   of a file whose content does not) and contents, in order.
  /// - Returns: The model and the problems found while decoding, not yet validated.
  public func load(contents files: [(path: String, bytes: [UInt8])]) -> LoadedRepository {
    load(root: "", contents: files)
  }

  /// The check-ins in a log's contents, as the loader would read them; `nil`
  /// when the contents are no check-in log.
  ///
  /// - Parameters:
  ///   - bytes: The log's contents.
  ///   - path: The log's path, for locations.
  /// - Returns: The log.
  public func checkinLog(fromContents bytes: [UInt8], path: String) -> CheckinLog? {
    guard !bytes.isEmpty else { return nil }
    var decoder = FileDecoder(path: path)
    let stream = YAMLParser.parse(bytes, limits: limits)
    guard case .checkinLog(let log)? = decode(stream.documents, path: path, isConfig: false, root: "", into: &decoder)
    else { return nil }
    return log
  }

  enum FileContent: Sendable {
    case config(RepositoryConfig)
    case teamQuarter(TeamQuarter)
    case checkinLog(CheckinLog)
    /// A file of a cycle the load leaves out: a quarter file's cycle, or `nil` for a check-in log.
    case otherCycle(Cycle?)
  }

  struct LoadedFile: Sendable {
    var content: FileContent?
    var diagnostics: [Diagnostic]
  }

  /// Reads one file, decides what it is by its content (by its folder when the
  /// content does not say), and decodes it.
  func loadFile(
    _ path: String, isConfig: Bool, root: String, onlyCycle: String? = nil
  ) -> LoadedFile {
    // A FIFO would block the read until someone writes to it, forever in CI:
    // one found in okrs/ and one named on the command line alike are refused,
    // without being opened for a blocking read.
    let contents: YAMLParser.FileContents
    do {
      contents = try YAMLParser.readFile(atPath: path, maxBytes: limits.maxInputBytes, regularFilesOnly: true)
    } catch {
      let diagnostic = Diagnostic.error(error.reason, rule: .io, at: SourceLocation(path: path, line: 0, column: 0))
      return LoadedFile(content: nil, diagnostics: [diagnostic])
    }
    return decode(contents, path: path, isConfig: isConfig, root: root, onlyCycle: onlyCycle)
  }

  /// Decodes one file's contents, read from disk or from git.
  ///
  /// A check-in log of the everyday shape is decoded from the parser's events;
  /// one the event decoder does not take is parsed into nodes, which report why.
  private func decode(
    _ contents: YAMLParser.FileContents, path: String, isConfig: Bool, root: String, onlyCycle: String?
  ) -> LoadedFile {
    // A report's log whose first kilobyte does not spell the reported cycle
    // is most likely of another (its head is its first few lines): the node
    // parser's head probe reads the least of it, and is right either way.
    if !isConfig, case .bytes(let bytes) = contents, bytes.count <= limits.maxInputBytes,
      path.hasPrefix(Self.join(root, "checkins") + "/"),
      onlyCycle.map({ cycle in
        bytes.withUnsafeBufferPointer { YAMLText.contains(UnsafeBufferPointer(rebasing: $0.prefix(1024)), cycle) }
      }) ?? true,
      let checkins = CheckinLogEventDecoder.decode(bytes, path: path, limits: limits, cycle: onlyCycle)
    {
      let kept = onlyCycle.map { cycle in checkins.filter { $0.cycle.value == cycle } } ?? checkins
      return LoadedFile(content: .checkinLog(CheckinLog(path: path, checkins: kept)), diagnostics: [])
    }
    let probe = isConfig ? nil : onlyCycle.map { Self.headProbe(notIn: $0) }
    return decodeParsed(
      YAMLParser.parse(contents, limits: limits, probe: probe), path: path, isConfig: isConfig, root: root,
      onlyCycle: onlyCycle, into: FileDecoder(path: path))
  }

  /// A check-in log's contents parsed into nodes and decoded, never from events:
  /// what the event decoder is held to.
  func nodeDecodedLog(_ bytes: [UInt8], path: String) -> LoadedFile {
    decodeParsed(
      YAMLParser.parse(.bytes(bytes), limits: limits, probe: nil), path: path, isConfig: false, root: "",
      onlyCycle: nil, into: FileDecoder(path: path))
  }

  /// Decodes one parsed file: ``loadFile(_:isConfig:root:isNamed:onlyCycle:)`` after the read.
  private func decodeParsed(
    _ stream: YAMLStream, path: String, isConfig: Bool, root: String, onlyCycle: String?,
    into decoder: FileDecoder
  ) -> LoadedFile {
    var decoder = decoder
    if let stopKey = stream.stoppedAtKey, let head = stream.documents.first?.root, let onlyCycle,
      let other = Self.otherCycle(ofHead: head, endingAt: stopKey, notIn: onlyCycle)
    {
      return LoadedFile(content: other, diagnostics: [])
    }
    report(stream.errors, in: &decoder)
    if let onlyCycle, stream.errors.isEmpty, !isConfig,
      let other = otherCycle(of: stream.documents, path: path, root: root, notIn: onlyCycle)
    {
      return LoadedFile(content: other, diagnostics: [])
    }
    var content = decode(stream.documents, path: path, isConfig: isConfig, root: root, into: &decoder)
    if let onlyCycle, case .checkinLog(var log)? = content {
      // A log that mixes cycles keeps only the reported one's check-ins: the
      // others' quarter files were not decoded to check them against.
      log.checkins.removeAll { $0.cycle.value != onlyCycle }
      content = .checkinLog(log)
    }
    return LoadedFile(content: content, diagnostics: decoder.finishedDiagnostics)
  }

  /// `.otherCycle` when the documents plainly belong to cycles other than
  /// `cycle`, told from their `quarter:` or `period:` without decoding the rest;
  /// `nil` when they belong to `cycle` or cannot be told.
  private func otherCycle(of documents: [YAMLDocument], path: String, root: String, notIn cycle: String)
    -> FileContent?
  {
    switch kind(of: documents, path: path, isConfig: false, root: root) {
    case .quarterFile:
      guard let first = documents.first, let own = Self.peekCycle(of: first.root), own.label != cycle else {
        return nil
      }
      return .otherCycle(own)
    case .checkinLog:
      var labels: [String] = []
      for document in documents where !document.root.isNull {
        guard let label = document.root["quarter"]?.scalarText else { return nil }
        labels.append(label)
      }
      return labels.contains(cycle) ? nil : .otherCycle(nil)
    case .config, nil:
      return nil
    }
  }

  /// The top-level keys that end a file's head: a quarter file's `objectives`, a check-in's `key_results`.
  ///
  /// What comes before them is a few lines; what follows is nearly all of the file.
  static let headEndKeys = ["objectives", "key_results"]

  /// Stops reading a file at its head when the head plainly says the file is
  /// of a cycle other than `cycle`, and the rest cannot say otherwise.
  static func headProbe(notIn cycle: String) -> YAMLHeadProbe {
    YAMLHeadProbe(stopKeys: headEndKeys) { head in
      guard otherCycle(ofHead: head.root, endingAt: head.stopKey, notIn: cycle) != nil,
        !head.restContains("\\")
      else { return false }
      return restMustNotName(head.root, head.stopKey, cycle).map { !head.restContains($0) } ?? true
    }
  }

  /// What the rest of a file after its head must not name for the head to
  /// decide its cycle, as reading it whole would: a quarter file's other
  /// cycle key (a later `period:` would change a quarter's dates; a later
  /// `quarter:` a period's name), a check-in log's reported cycle (a later
  /// check-in of it would belong to the report).
  private static func restMustNotName(_ head: Node, _ stopKey: String, _ cycle: String) -> String? {
    guard stopKey == "objectives" else { return cycle }
    switch (head["quarter"], head["period"]) {
    case (_?, nil): return "period"
    case (nil, _?): return "quarter"
    default: return nil
    }
  }

  /// `.otherCycle` when a file's head (its first document's top-level entries
  /// before `stopKey`) says the file belongs to a cycle other than `cycle`;
  /// `nil` when it belongs to `cycle` or the head does not tell.
  ///
  /// A head ending at `objectives` is a quarter file's, as a whole file with
  /// `objectives` is one; a head ending at `key_results` is a check-in's when
  /// it has a `week`.
  static func otherCycle(ofHead head: Node, endingAt stopKey: String, notIn cycle: String) -> FileContent? {
    if stopKey == "objectives" {
      guard let own = peekCycle(of: head), own.label != cycle else { return nil }
      return .otherCycle(own)
    }
    guard head["week"] != nil, let label = head["quarter"]?.scalarText, label != cycle else { return nil }
    return .otherCycle(nil)
  }

  /// A quarter file's cycle, from its `quarter:` and `period:` alone; `nil` when either is not plainly valid.
  static func peekCycle(of root: Node) -> Cycle? {
    var period: Period?
    if let node = root["period"] {
      guard let start = node["start"]?.scalarText.flatMap(CalendarDate.init),
        let end = node["end"]?.scalarText.flatMap(CalendarDate.init),
        let valid = Period(start: start, end: end)
      else { return nil }
      period = valid
    }
    if let node = root["quarter"] {
      guard let quarter = node.scalarText.flatMap(Quarter.init) else { return nil }
      return Cycle(quarter: quarter, period: period)
    }
    return period.map { Cycle(period: $0) }
  }

  /// YAML errors as diagnostics; a limit's message says how to raise it.
  private func report(_ errors: [YAMLError], in decoder: inout FileDecoder) {
    for error in errors {
      var diagnostic = Diagnostic.error(error.message, rule: Self.rule(for: error), at: decoder.location(error.mark))
      diagnostic.limit = error.limit.flatMap { Self.resourceLimits[$0] }
      decoder.add(diagnostic)
    }
  }

  /// Decides what the documents are, by their content (by their folder when the
  /// content does not say), and decodes them.
  private func decode(
    _ documents: [YAMLDocument], path: String, isConfig: Bool, root: String, into decoder: inout FileDecoder
  ) -> FileContent? {
    // After a fatal error the last document is incomplete; decoding the rest
    // still finds problems people would otherwise meet only after the fix.
    guard let first = documents.first else { return nil }
    switch kind(of: documents, path: path, isConfig: isConfig, root: root) {
    case .config:
      reportExtraDocuments(documents, in: &decoder, what: "okr.yaml")
      return .config(decoder.decodeConfig(first.root))
    case .quarterFile:
      reportExtraDocuments(documents, in: &decoder, what: "a quarter file")
      return decoder.decodeTeamQuarter(first.root).map(FileContent.teamQuarter)
    case .checkinLog:
      let checkins = documents.compactMapExactly { document -> Checkin? in
        // A document holding only comments (or nothing) is no check-in.
        if document.root.isNull { return nil }
        return decoder.decodeCheckin(document.root)
      }
      return .checkinLog(CheckinLog(path: path, checkins: checkins))
    case nil:
      decoder.add(
        .error(
          "cannot tell what this file is: a quarter file has 'objectives', a check-in log has documents with 'week'",
          rule: .unknownFile, at: decoder.location(first.root)))
      return nil
    }
  }

  private enum FileKind { case config, quarterFile, checkinLog }

  private func kind(of documents: [YAMLDocument], path: String, isConfig: Bool, root: String) -> FileKind? {
    if isConfig { return .config }
    if documents.first?.root["objectives"] != nil { return .quarterFile }
    if documents.contains(where: { $0.root["week"] != nil || $0.root["key_results"]?.pairs != nil }) {
      return .checkinLog
    }
    if path.hasPrefix(Self.join(root, "okrs") + "/") { return .quarterFile }
    if path.hasPrefix(Self.join(root, "checkins") + "/") { return .checkinLog }
    if documents.first?.root["team"] != nil { return .quarterFile }
    return nil
  }

  private func reportExtraDocuments(_ documents: [YAMLDocument], in decoder: inout FileDecoder, what: String) {
    for document in documents.dropFirst() {
      decoder.add(
        .error(
          "\(what) holds one YAML document; this is a second one (remove the '---' or move it to its own file)",
          rule: .yamlStructure, at: decoder.location(document.mark)))
    }
  }

  static func rule(for error: YAMLError) -> Rule {
    switch error.kind {
    case .reader: return .yamlEncoding
    case .scanner, .parser: return .yamlSyntax
    case .composer: return .yamlStructure
    case .duplicateKey: return .duplicateKey
    case .limit: return .yamlLimit
    }
  }

  /// `name` inside `directory`; inside no directory (the empty root of files
  /// given as contents), `name` itself.
  static func join(_ directory: String, _ name: String) -> String {
    if directory.isEmpty { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}

/// Where things live in an OKR repository.
public enum RepositoryLayout {
  /// `root/okrs/<quarter>/<team>.yaml`.
  public static func quarterFile(root: String, quarter: String, team: String) -> String {
    RepositoryLoader.join(RepositoryLoader.join(RepositoryLoader.join(root, "okrs"), quarter), "\(team).yaml")
  }

  /// `root/checkins/<quarter>/<team>.yaml`.
  public static func checkinLog(root: String, quarter: String, team: String) -> String {
    RepositoryLoader.join(RepositoryLoader.join(RepositoryLoader.join(root, "checkins"), quarter), "\(team).yaml")
  }

  /// `root/.okr/schemas/<file>`: the JSON Schemas editors read.
  public static func schema(root: String, fileName: String) -> String {
    RepositoryLoader.join(RepositoryLoader.join(RepositoryLoader.join(root, ".okr"), "schemas"), fileName)
  }

  /// `root/okr.yaml`.
  public static func config(root: String) -> String {
    RepositoryLoader.join(root, "okr.yaml")
  }

  /// The first line that points the YAML language server at the schema in
  /// `root/.okr/schemas/` for a file at `path`, relative to the file:
  /// `# yaml-language-server: $schema=../../.okr/schemas/checkins.schema.json`.
  ///
  /// - Parameters:
  ///   - schema: The file's kind.
  ///   - path: Where the file is.
  ///   - root: The repository's root.
  /// - Returns: The line with its newline, or `nil` when `path` is not inside `root`.
  public static func schemaModeline(_ schema: OKRSchema, forFileAt path: String, root: String) -> String? {
    let base = root.hasSuffix("/") ? root : root + "/"
    guard path.hasPrefix(base) else { return nil }
    let depth = path.dropFirst(base.count).split(separator: "/").count - 1
    return "# yaml-language-server: $schema=" + String(repeating: "../", count: depth) + ".okr/schemas/"
      + schema.fileName + "\n"
  }

  /// okr.yaml as `okr init` starts it when a repository has none: only the
  /// line that gives editors its schema, and where its settings are described.
  public static let starterConfig =
    "# yaml-language-server: $schema=.okr/schemas/\(OKRSchema.config.fileName)\n"
    + "# okr's settings for this repository: organization, cadence, alert rules, grade bands (docs/format.md).\n"

  /// `root/templates/<name>.yaml`: a repository's own template.
  public static func template(root: String, name: String) -> String {
    RepositoryLoader.join(RepositoryLoader.join(root, "templates"), "\(name).yaml")
  }
}
