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

/// Appends check-ins to logs, the way git updates a ref: crash-safe and exclusive.
///
/// 1. Lock `<log>.lock` with `flock(2)`, for every log of the append, in the
///    order of their paths' bytes, so no two writers each hold a lock the
///    other waits for.
///    The lock is a separate file because the log itself is replaced by a
///    rename: a lock held on the old log's inode would guard nothing. The
///    kernel releases a `flock` when its holder dies, so a killed writer never
///    blocks the next one; the lock file holds the holder's PID only to say
///    who is waiting whom.
/// 2. Under the locks, read each log as it is now (another writer may just
///    have appended), refuse to touch a log that does not parse, and build the
///    new documents from it (milestones done so far are counted from this read).
/// 3. Write each log's old bytes plus its new documents to a temporary file in
///    its folder, named after the log, and `fsync` it; only when every one is
///    written, `rename` each over its log, then `fsync` the folders. A
///    temporary file a killed writer left behind is removed by the next writer
///    of the same log, under the same lock.
/// 4. Remove the lock files and release the locks.
///
/// The old bytes stay a byte-for-byte prefix of the new log, comments and all,
/// and the log keeps its permissions. A log that is a symbolic link is updated
/// where it points. A failure before the renames leaves every log as it was;
/// a failed rename puts back the logs renamed before it. A crash before the
/// first rename leaves every log as it was, after the last one every log
/// complete, and between two renames some logs complete and the others as
/// they were: what `okr checkin import` recovers from with its import id.
public struct CheckinLogWriter: Sendable {
  /// How long to wait for another writer's lock before giving up.
  public var lockTimeout: Double
  /// The repository's root, which every write must stay inside.
  ///
  /// A log (or its folder) reached through a symbolic link must lead inside
  /// it, so a link committed by anyone cannot make okr write elsewhere on the
  /// machine. `nil`: no such limit.
  public var root: String?
  /// Called as an append passes each ``Stage``, in the writing process.
  ///
  /// For progress reporting, and for tests that end a writer where a crash
  /// would (the log's guarantees are about writers that die anywhere).
  public var onStage: (@Sendable (Stage) -> Void)?

  /// A point an append passes on its way, in order.
  public enum Stage: String, Sendable, CaseIterable {
    /// Nothing is locked yet (the logs' folders may have been made).
    case beforeLocks = "before-locks"
    /// Every lock is held; nothing has been read or written yet.
    case lockHeld = "lock-held"
    /// Every new log is complete in its temporary file; none is renamed over its log yet.
    case beforeRename = "before-rename"
    /// One more log is renamed into place; passed once per log written.
    case afterRename = "after-rename"
  }

  /// Creates a writer.
  public init(lockTimeout: Double = 10, root: String? = nil, onStage: (@Sendable (Stage) -> Void)? = nil) {
    self.lockTimeout = lockTimeout
    self.root = root
    self.onStage = onStage
  }

  /// Why an append failed; every log is untouched, except after ``partlyWritten``.
  public enum AppendError: Error, Equatable, CustomStringConvertible {
    /// Another writer holds the lock and did not let go in time.
    case busy(lock: String, pid: Int32?)
    /// The log as it stands has YAML errors.
    case brokenLog(path: String, problem: String)
    /// The system refused a read or write.
    case io(path: String, reason: String)
    /// The document could not be written as YAML that reads back the same.
    case unwritable(String)
    /// A value has more significant digits than okr keeps: `value` for `keyResult`.
    case inexactValue(String, keyResult: String)
    /// The log would grow past the size every command reads (`limit` bytes).
    case tooLarge(path: String, size: Int, limit: Int)
    /// A rename failed after others, and the logs `kept` could not be put back:
    /// they keep their new documents. The only error after which not every log is as it was.
    case partlyWritten(path: String, reason: String, kept: [String])

    public var description: String {
      switch self {
      case .busy(let lock, let pid):
        return "'\(lock)' is held by another okr\(pid.map { " (process \($0))" } ?? ""), which is still recording; "
          + "try again in a moment"
      case .brokenLog(let path, let problem):
        return "'\(path)' does not parse (\(problem)); fix it before appending, nothing was written"
      case .io(let path, let reason):
        return "cannot write '\(path)': \(reason)"
      case .unwritable(let reason):
        return reason
      case .inexactValue(let value, let keyResult):
        return
          "value '\(DisplayText.shown(value))' for '\(keyResult)' cannot be kept exactly; okr keeps numbers up to \(FileDecoder.mostSignificantDigits) significant digits, so round it; nothing was recorded"
      case .partlyWritten(let path, let reason, let kept):
        return "cannot write '\(path)': \(reason); "
          + "\(kept.map { "'\($0)'" }.joined(separator: ", ")) could not be put back and \(kept.count == 1 ? "keeps" : "keep") the new check-ins"
      case .tooLarge(let path, let size, let limit):
        return
          "'\(path)' would grow to \(Self.mebibytes(size)) MiB, larger than the limit of \(Self.mebibytes(limit)) MiB "
          + "on the files okr reads"
      }
    }

    /// `bytes` in MiB, to one decimal when that is not whole, never rounded down to the limit.
    static func mebibytes(_ bytes: Int) -> String {
      let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
      return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
  }

  /// The YAML document for a check-in, through libyaml's emitter.
  public static func document(for checkin: ValidCheckin) throws(AppendError) -> String {
    // What the decoder refuses must not be written: a value a double cannot
    // keep exactly would make the log a lint error the moment it is recorded.
    for entry in checkin.entries {
      guard let value = entry.value else { continue }
      if case .failure = CheckinNumber.read(value) {
        throw .inexactValue(value, keyResult: entry.keyResult.description)
      }
    }
    var top: [(String, YAMLValue)] = [
      ("team", .text(checkin.team)), ("quarter", .text(checkin.cycle)), ("week", .text(checkin.week.description)),
      ("date", .text(checkin.date.description)),
    ]
    if let by = checkin.by { top.append(("by", .text(by))) }
    if let importID = checkin.importID { top.append(("import", .text(importID))) }
    let entries: [(String, YAMLValue)] = checkin.entries.map { entry in
      var fields: [(String, YAMLValue)] = []
      if let value = entry.value { fields.append(("value", .number(value))) }
      if let done = entry.done { fields.append(("done", .bool(done))) }
      if let milestones = entry.milestonesDone {
        fields.append(("milestones_done", .list(milestones.map(YAMLValue.text))))
      }
      if let confidence = entry.confidence {
        fields.append(("confidence", Int(confidence) != nil ? .number(confidence) : .text(confidence)))
      }
      if let note = entry.note { fields.append(("note", .text(note))) }
      if !entry.blockers.isEmpty { fields.append(("blockers", .list(entry.blockers.map(YAMLValue.text)))) }
      return (entry.keyResult.description, .mapping(fields))
    }
    top.append(("key_results", .mapping(entries)))
    do {
      return try YAMLWriter.document(.mapping(top))
    } catch {
      throw .unwritable(error.description)
    }
  }

  /// Appends a document to a log, creating its folders and the log when needed.
  ///
  /// - Parameters:
  ///   - document: One YAML document, starting with `---`.
  ///   - path: The check-in log.
  /// - Throws: ``AppendError``; the log is unchanged whenever this throws.
  public func append(_ document: String, to path: String) throws(AppendError) {
    try append(to: path) { _ throws(AppendError) in document }
  }

  /// Appends the document `build` makes from the log as it is under the lock.
  ///
  /// - Parameters:
  ///   - path: The check-in log.
  ///   - build: Makes the document (starting with `---`) from the log's bytes
  ///     as they are once the lock is held; empty for a new log.
  /// - Throws: ``AppendError``; the log is unchanged whenever this throws.
  public func append(to path: String, building build: ([UInt8]) throws(AppendError) -> String) throws(AppendError) {
    try append(to: [path]) { _, bytes throws(AppendError) in try build(bytes) }
  }

  /// Appends to several logs at once: all of them, or none.
  ///
  /// Paths that lead to one file (through a symbolic link) are one log,
  /// locked once; `build` is called once per log, with the positions in
  /// `paths` of every path that leads to it, in order.
  ///
  /// - Parameters:
  ///   - paths: The check-in logs, in any order; a path may repeat.
  ///   - build: Makes what to append to one log (documents starting with
  ///     `---`, or nothing to leave it untouched) from the positions in
  ///     `paths` leading to it and its bytes as they are once every lock is
  ///     held; empty for a new log.
  /// - Throws: ``AppendError``; every log is as it was whenever this throws.
  public func append(
    to paths: [String], building build: (_ positions: [Int], _ log: [UInt8]) throws(AppendError) -> String
  ) throws(AppendError) {
    onStage?(.beforeLocks)
    var positions: [String: [Int]] = [:]
    var named: [String: String] = [:]
    for (position, path) in paths.enumerated() {
      let target = try prepare(path)
      if named[target] == nil { named[target] = path }
      positions[target, default: []].append(position)
    }
    // One order for every writer, so two that need the same logs never each hold one the other waits for.
    let targets = positions.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var locks: [HeldLock] = []
    defer { for lock in locks.reversed() { release(lock) } }
    for target in targets { locks.append(try acquire(target + ".lock")) }
    onStage?(.lockHeld)
    var changes: [Change] = []
    for target in targets {
      let folder = AtomicFile.directory(of: target)
      removeLeftovers(of: target, in: folder)
      let (old, mode) = try readExisting(target)
      let text = try build(positions[target]!, old)
      guard !text.isEmpty else { continue }
      var bytes = old
      // A log okr creates starts with the line that gives editors its schema.
      if mode == nil, let root,
        let modeline = RepositoryLayout.schemaModeline(.checkins, forFileAt: named[target]!, root: root)
      {
        bytes = Array(modeline.utf8)
      }
      if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
      bytes += Array(text.utf8)
      changes.append(Change(path: named[target]!, target: target, folder: folder, old: old, mode: mode, new: bytes))
    }
    try commit(changes)
  }

  /// One log's new content, ready to replace it.
  private struct Change {
    /// The path as the caller named it, for messages.
    var path: String
    /// The file written: the path with symbolic links followed.
    var target: String
    var folder: String
    var old: [UInt8]
    /// The log's permissions; `nil` when there was no log.
    var mode: mode_t?
    var new: [UInt8]
  }

  /// Where `path` leads, checked to stay inside ``root``, its folders made.
  private func prepare(_ path: String) throws(AppendError) -> String {
    let target = try Self.resolvingLink(path)
    let folder = AtomicFile.directory(of: target)
    if let root, !RepositoryBoundary(root: root).contains(folder) {
      throw .io(path: path, reason: RepositoryBoundary.writeRefusal)
    }
    do {
      try AtomicFile.makeDirectories(folder, for: target)
    } catch {
      throw .io(path: path, reason: error.reason)
    }
    return target
  }

  /// Writes every change to its temporary file, then renames each into place.
  private func commit(_ changes: [Change]) throws(AppendError) {
    var temporaries: [String] = []
    for change in changes {
      do {
        temporaries.append(
          try AtomicFile.writeTemporary(
            in: change.folder, for: change.target, contents: change.new,
            prefix: Self.temporaryPrefix(of: change.target),
            mode: change.mode))
      } catch {
        for temporary in temporaries { unlink(temporary) }
        throw .io(path: change.path, reason: error.reason)
      }
    }
    onStage?(.beforeRename)
    for (index, change) in changes.enumerated() {
      guard rename(temporaries[index], change.target) == 0 else {
        let reason = AtomicFile.reason()
        for temporary in temporaries[index...] { unlink(temporary) }
        let kept = restore(changes[..<index])
        throw kept.isEmpty
          ? .io(path: change.path, reason: reason) : .partlyWritten(path: change.path, reason: reason, kept: kept)
      }
      onStage?(.afterRename)
    }
    var synced: Set<String> = []
    for change in changes where synced.insert(change.folder).inserted { AtomicFile.syncDirectory(change.folder) }
  }

  /// Puts back the logs a failed append renamed: each its old bytes, or no file.
  ///
  /// - Returns: The paths of the logs that could not be put back, in order.
  private func restore(_ renamed: ArraySlice<Change>) -> [String] {
    var kept: [String] = []
    for change in renamed.reversed() {
      if change.mode == nil {
        if unlink(change.target) != 0 { kept.append(change.path) }
      } else {
        do {
          let temporary = try AtomicFile.writeTemporary(
            in: change.folder, for: change.target, contents: change.old,
            prefix: Self.temporaryPrefix(of: change.target), mode: change.mode)
          if rename(temporary, change.target) != 0 {
            unlink(temporary)
            kept.append(change.path)
          }
        } catch {
          kept.append(change.path)
        }
      }
      AtomicFile.syncDirectory(change.folder)
    }
    return kept.reversed()
  }

  /// Where a log that is a symbolic link points (relative links resolved
  /// against the link's folder); the path itself otherwise.
  static func resolvingLink(_ path: String) throws(AppendError) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { throw .io(path: path, reason: AtomicFile.reason()) }
      let destination = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = destination.hasPrefix("/") ? destination : AtomicFile.directory(of: current) + "/" + destination
    }
    throw .io(path: path, reason: "too many levels of symbolic links")
  }

  /// The name every temporary file of one log starts with: `.growth.yaml.okr-tmp-`.
  static func temporaryPrefix(of log: String) -> String {
    let name = log.split(separator: "/").last.map(String.init) ?? log
    return "." + name + ".okr-tmp-"
  }

  /// Removes temporary files a killed writer of this log left behind.
  ///
  /// Only the lock's holder writes them, and we hold it, so none is in use.
  private func removeLeftovers(of log: String, in folder: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    let prefix = Self.temporaryPrefix(of: log)
    var leftovers: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasPrefix(prefix) { leftovers.append(folder + "/" + name) }
    }
    for leftover in leftovers { unlink(leftover) }
  }

  /// A held lock: the open lock file.
  struct HeldLock {
    var path: String
    var descriptor: Int32
  }

  private func acquire(_ lock: String) throws(AppendError) -> HeldLock {
    let deadline = MonotonicClock.seconds() + lockTimeout
    var pause: UInt32 = 2_000
    while true {
      // Never through a symbolic link, and only a regular file: a lock "file"
      // planted as a link to someone's file must not be truncated and written.
      let descriptor = open(lock, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
      guard descriptor >= 0 else {
        if errno == ELOOP { throw .io(path: lock, reason: "the lock file is a symbolic link; remove it") }
        throw .io(path: lock, reason: AtomicFile.reason())
      }
      var opened = stat()
      guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG, opened.st_nlink <= 1 else {
        close(descriptor)
        throw .io(path: lock, reason: "the lock file is not a plain file of its own; remove it")
      }
      if opened.st_nlink == 0 {
        // The holder before us removed it between our open and now, as it does
        // before letting go: open the name again rather than refuse (until the
        // deadline: a file system that always says no links must not spin us forever).
        close(descriptor)
        if MonotonicClock.seconds() > deadline { throw .busy(lock: lock, pid: nil) }
        continue
      }
      if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
        // The holder before us removes the lock file before it lets go: if the
        // name now leads to another file (or none), we hold a lock on a file
        // nobody else will open. Try again on the file the name leads to.
        var held = stat()
        var named = stat()
        if fstat(descriptor, &held) == 0, lstat(lock, &named) == 0, held.st_ino == named.st_ino,
          held.st_dev == named.st_dev
        {
          let pid = Array("\(getpid())\n".utf8)
          _ = ftruncate(descriptor, 0)
          _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
          return HeldLock(path: lock, descriptor: descriptor)
        }
        close(descriptor)
        if MonotonicClock.seconds() > deadline { throw .busy(lock: lock, pid: nil) }
        continue
      }
      let failure = errno
      let holder = Self.pid(in: descriptor)
      close(descriptor)
      guard failure == EWOULDBLOCK || failure == EINTR else { throw .io(path: lock, reason: AtomicFile.reason()) }
      if MonotonicClock.seconds() > deadline { throw .busy(lock: lock, pid: holder) }
      // Jittered back-off, so twenty writers do not retry in lockstep.
      usleep(pause + UInt32.random(in: 0...pause))
      pause = min(pause * 2, 50_000)
    }
  }

  private func release(_ lock: HeldLock) {
    unlink(lock.path)
    close(lock.descriptor)
  }

  /// The PID a lock's holder wrote in it, when it has written one.
  static func pid(in descriptor: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let words = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
    return words.count == 1 ? Int32(words[0]) : nil
  }

  /// The log's bytes and permissions; none and `nil` for a new log.
  private func readExisting(_ path: String) throws(AppendError) -> ([UInt8], mode_t?) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if descriptor < 0 {
      if errno == ENOENT { return ([], nil) }
      throw .io(path: path, reason: AtomicFile.reason())
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .io(path: path, reason: AtomicFile.reason()) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, reason: "not a regular file") }
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.readAll(descriptor)
    } catch {
      throw .io(path: path, reason: error.reason)
    }
    let stream = YAMLParser.parse(bytes)
    if let error = stream.errors.first {
      throw .brokenLog(path: path, problem: "\(error.mark): \(error.message)")
    }
    return (bytes, info.st_mode & 0o7777)
  }
}
