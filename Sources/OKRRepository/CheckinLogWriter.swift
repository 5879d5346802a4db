import FoundationEssentials
import OKRCore
import YAMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends check-ins to a log, the way git updates a ref: crash-safe and exclusive.
///
/// 1. Take `<log>.lock`, created exclusively, holding our PID. The lock is a
///    separate file because the log itself is replaced by a rename: a lock
///    held on the old log's inode would guard nothing.
/// 2. Under the lock, read the log as it is now (another writer may just have
///    appended), and refuse to touch a log that does not parse.
/// 3. Write the old bytes plus the new document to a temporary file in the
///    same folder, `fsync` it, `rename` it over the log, `fsync` the folder.
/// 4. Remove the lock.
///
/// The old bytes stay a byte-for-byte prefix of the new log, comments and all.
/// A crash before the rename leaves the log as it was; after it, complete.
public struct CheckinLogWriter: Sendable {
  /// How long to wait for another writer's lock before giving up.
  public var lockTimeout: Double
  /// Where a test asks for a crash (the `OKR_FAULT_INJECTION` variable):
  /// `crash-before-rename` exits the process after the temporary file is
  /// written and flushed, before it replaces the log, as a killed writer would.
  public var faultInjection: String?

  /// Creates a writer.
  public init(lockTimeout: Double = 10, faultInjection: String? = nil) {
    self.lockTimeout = lockTimeout
    self.faultInjection = faultInjection
  }

  /// Why an append failed; the log is untouched in every case.
  public enum AppendError: Error, Equatable, CustomStringConvertible {
    /// Another writer holds the lock and did not let go in time.
    case busy(lock: String, pid: Int32?)
    /// The lock's owner is gone: a writer was killed.
    case staleLock(lock: String, pid: Int32)
    /// The log as it stands has YAML errors.
    case brokenLog(path: String, problem: String)
    /// The system refused a read or write.
    case io(path: String, reason: String)
    /// The document could not be written as YAML that reads back the same.
    case unwritable(String)

    public var description: String {
      switch self {
      case .busy(let lock, let pid):
        return "'\(lock)' is held by another okr\(pid.map { " (process \($0))" } ?? ""); try again in a moment"
      case .staleLock(let lock, let pid):
        return "'\(lock)' was left by process \(pid), which is no longer running (killed while recording?); "
          + "check the log, then remove the lock file: rm '\(lock)'"
      case .brokenLog(let path, let problem):
        return "'\(path)' does not parse (\(problem)); fix it before appending, nothing was written"
      case .io(let path, let reason):
        return "cannot write '\(path)': \(reason)"
      case .unwritable(let reason):
        return reason
      }
    }
  }

  /// The YAML document for a check-in, through libyaml's emitter.
  public static func document(for checkin: ValidCheckin) throws(AppendError) -> String {
    // What the decoder refuses must not be written: a value a double cannot
    // keep exactly would make the log a lint error the moment it is recorded.
    for entry in checkin.entries {
      guard let value = entry.value else { continue }
      let digits = FileDecoder.significantDigits(value) ?? .max
      let number = Double(value) ?? 0
      if digits > FileDecoder.mostSignificantDigits || (number != 0 && abs(number) < Double.leastNormalMagnitude) {
        throw .unwritable(
          "value '\(DisplayText.shown(value))' for '\(entry.keyResult)' cannot be kept exactly; okr keeps numbers up to \(FileDecoder.mostSignificantDigits) significant digits, so round it; nothing was recorded"
        )
      }
    }
    var top: [(String, YAMLValue)] = [
      ("team", .text(checkin.team)), ("quarter", .text(checkin.cycle)), ("week", .text(checkin.week.description)),
      ("date", .text(checkin.date.description)),
    ]
    if let by = checkin.by { top.append(("by", .text(by))) }
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
    let folder = AtomicFile.directory(of: path)
    do {
      try AtomicFile.makeDirectories(folder, for: path)
    } catch {
      throw .io(path: path, reason: error.reason)
    }
    let lock = path + ".lock"
    try acquire(lock)
    defer { unlink(lock) }
    let old = try readExisting(path)
    var bytes = old
    if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    bytes += Array(document.utf8)
    let temporary: String
    do {
      temporary = try AtomicFile.writeTemporary(in: folder, for: path, contents: bytes)
    } catch {
      throw .io(path: path, reason: error.reason)
    }
    if faultInjection == "crash-before-rename" {
      // Simulates a writer killed here: no cleanup, no rename, the lock left behind.
      _exit(137)
    }
    guard rename(temporary, path) == 0 else {
      let reason = AtomicFile.reason()
      unlink(temporary)
      throw .io(path: path, reason: reason)
    }
    AtomicFile.syncDirectory(folder)
  }

  private func acquire(_ lock: String) throws(AppendError) {
    let deadline = monotonicSeconds() + lockTimeout
    var pause: UInt32 = 2_000
    while true {
      let descriptor = open(lock, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
      if descriptor >= 0 {
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        return
      }
      guard errno == EEXIST else { throw .io(path: lock, reason: AtomicFile.reason()) }
      let owner = Self.owner(of: lock)
      if let owner, kill(owner.pid, 0) != 0, errno == ESRCH {
        // The owner may just have finished: it removes its lock before it
        // exits. Only the same lock file, still naming the dead process, is stale.
        if let again = Self.owner(of: lock), again == owner {
          throw .staleLock(lock: lock, pid: owner.pid)
        }
        continue
      }
      if monotonicSeconds() > deadline { throw .busy(lock: lock, pid: owner?.pid) }
      // Jittered back-off, so twenty writers do not retry in lockstep.
      usleep(pause + UInt32.random(in: 0...pause))
      pause = min(pause * 2, 50_000)
    }
  }

  /// Who holds a lock: the PID written in it, and the lock file's inode (a
  /// new lock by a new writer is a new file), once the PID is written.
  struct Owner: Equatable {
    var pid: Int32
    var inode: UInt64
  }

  static func owner(of lock: String) -> Owner? {
    let descriptor = open(lock, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    let words = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard words.count == 1 else { return nil }
    return Int32(words[0]).map { Owner(pid: $0, inode: UInt64(info.st_ino)) }
  }

  private func readExisting(_ path: String) throws(AppendError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return [] }
      throw .io(path: path, reason: AtomicFile.reason())
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, reason: AtomicFile.reason())
      }
      if count == 0 { break }
      bytes += chunk[..<count]
    }
    let stream = YAMLParser.parse(bytes)
    if let error = stream.errors.first {
      throw .brokenLog(path: path, problem: "\(error.mark): \(error.message)")
    }
    return bytes
  }

  private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
