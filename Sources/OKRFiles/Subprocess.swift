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

/// Runs a tool found on `PATH` and collects what it prints.
///
/// Standard input and standard error go through unlinked temporary files and
/// standard output through a pipe, so no amount of output in either direction
/// can deadlock the two processes. Output is either read to its end at once
/// (``run(_:_:input:environment:)``) or streamed (``start(_:_:input:environment:)``),
/// so a caller can take a large answer piece by piece and keep only what it needs.
struct Subprocess {
  /// What a run returned.
  struct Result {
    /// The exit status (128 + the signal when killed by one).
    var status: Int32
    /// Everything written to standard output.
    var output: [UInt8]
    /// Everything written to standard error, as text.
    var errorText: String
  }

  /// Why a tool could not be run at all.
  struct LaunchError: Error {
    var reason: String
  }

  /// The full path of `name` on `PATH`, or `nil`.
  static func find(_ name: String) -> String? {
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = folder + "/" + name
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  /// The process's environment as `NAME=value` entries.
  static func currentEnvironment() -> [String] {
    var entries: [String] = []
    var cursor = environ
    while let entry = cursor.pointee {
      entries.append(String(decoding: UnsafeRawBufferPointer(start: entry, count: strlen(entry)), as: UTF8.self))
      cursor += 1
    }
    return entries
  }

  /// Runs `executable` with `arguments`, feeding it `input`, and reads its output to the end.
  ///
  /// - Parameter environment: `NAME=value` entries; `nil` passes the process's own.
  static func run(_ executable: String, _ arguments: [String], input: [UInt8] = [], environment: [String]? = nil)
    throws(LaunchError) -> Result
  {
    let running = try start(executable, arguments, input: input, environment: environment)
    let output = running.readToEnd()
    let (status, errorText) = running.finish()
    return Result(status: status, output: output, errorText: errorText)
  }

  /// Starts `executable` with `arguments`, feeding it `input`; its output is read from the returned process.
  ///
  /// - Parameter environment: `NAME=value` entries; `nil` passes the process's own.
  static func start(_ executable: String, _ arguments: [String], input: [UInt8] = [], environment: [String]? = nil)
    throws(LaunchError) -> Running
  {
    let inputFile = try temporaryFile(containing: input)
    defer { close(inputFile) }
    let errorFile = try temporaryFile(containing: [])
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else {
      close(errorFile)
      throw LaunchError(reason: String(cString: strerror(errno)))
    }
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
    // The child gets these only as 0, 1 and 2 (dup2 clears the flag); were
    // the originals inherited, a process git leaves running (a daemon) would
    // keep the pipe open and this read would never end.
    for descriptor in [readEnd, writeEnd, inputFile, errorFile] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inputFile, 0)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_adddup2(&actions, errorFile, 2)
    posix_spawn_file_actions_addclose(&actions, readEnd)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    let envp = environment.map { $0.map { strdup($0) } + [nil] }
    defer { for entry in envp ?? [] { free(entry) } }
    var pid = pid_t()
    let spawned =
      if let envp { posix_spawn(&pid, executable, &actions, nil, argv, envp) } else {
        posix_spawn(&pid, executable, &actions, nil, argv, environ)
      }
    close(writeEnd)
    guard spawned == 0 else {
      close(readEnd)
      close(errorFile)
      throw LaunchError(reason: String(cString: strerror(spawned)))
    }
    return Running(pid: pid, output: readEnd, errorFile: errorFile)
  }

  /// A started process whose standard output is read as a stream.
  ///
  /// Reads are buffered; ``finish()`` closes the stream (a process still
  /// writing then gets `SIGPIPE`), waits for the process and returns its status.
  final class Running {
    private let pid: pid_t
    private var output: Int32
    private let errorFile: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    private var finished: (Int32, String)?

    fileprivate init(pid: pid_t, output: Int32, errorFile: Int32) {
      self.pid = pid
      self.output = output
      self.errorFile = errorFile
    }

    deinit {
      _ = finish()
    }

    /// Fills the buffer with at least one more byte; false at the end of the stream.
    private func fill() -> Bool {
      guard !ended else { return false }
      if start > 65_536, start * 2 > buffer.count {
        buffer.removeFirst(start)
        start = 0
      }
      let previous = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: 65_536))
      while true {
        let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress! + previous, 65_536) }
        if count < 0, errno == EINTR { continue }
        buffer.removeLast(65_536 - max(count, 0))
        if count <= 0 { ended = true }
        return count > 0
      }
    }

    /// The bytes up to the next `delimiter` (not included), or `nil` at the end of the stream.
    ///
    /// - Parameter limit: The longest such line accepted; past it the stream is cut and `nil` returned.
    func line(endingWith delimiter: UInt8 = 0x0a, limit: Int = 1 << 20) -> [UInt8]? {
      // How far past `start` the search has looked; an offset, as `fill()` may move the bytes down.
      var searched = 0
      while true {
        if let end = buffer[(start + searched)...].firstIndex(of: delimiter) {
          let line = Array(buffer[start..<end])
          start = end + 1
          return line
        }
        searched = buffer.count - start
        guard searched <= limit, fill() else { return nil }
      }
    }

    /// Exactly `count` bytes, or `nil` when the stream ends first.
    func bytes(_ count: Int) -> [UInt8]? {
      while buffer.count - start < count {
        guard fill() else { return nil }
      }
      let bytes = Array(buffer[start..<start + count])
      start += count
      return bytes
    }

    /// Passes over `count` bytes without keeping them; false when the stream ends first.
    func skip(_ count: Int) -> Bool {
      var left = count
      while left > 0 {
        if start == buffer.count {
          buffer.removeAll(keepingCapacity: true)
          start = 0
          guard fill() else { return false }
        }
        let taken = min(left, buffer.count - start)
        start += taken
        left -= taken
      }
      return true
    }

    /// Everything left in the stream.
    func readToEnd() -> [UInt8] {
      while fill() {}
      let rest = Array(buffer[start...])
      start = buffer.count
      return rest
    }

    /// Closes the stream, waits for the process, and returns its exit status
    /// (128 + the signal when killed by one) and what it wrote to standard error.
    @discardableResult
    func finish() -> (status: Int32, errorText: String) {
      if let finished { return finished }
      close(output)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0, errno == EINTR {}
      let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
      let errorText = String(decoding: Subprocess.readAll(errorFile), as: UTF8.self)
      close(errorFile)
      finished = (exit, errorText)
      return (exit, errorText)
    }
  }

  /// An open, already unlinked temporary file holding `bytes`, positioned at its start.
  private static func temporaryFile(containing bytes: [UInt8]) throws(LaunchError) -> Int32 {
    let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((folder + (folder.hasSuffix("/") ? "" : "/") + "okr-run-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw LaunchError(reason: String(cString: strerror(errno))) }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        close(descriptor)
        throw LaunchError(reason: String(cString: strerror(errno)))
      }
      written += count
    }
    lseek(descriptor, 0, SEEK_SET)
    return descriptor
  }

  fileprivate static func readAll(_ descriptor: Int32) -> [UInt8] {
    lseek(descriptor, 0, SEEK_SET)
    return (try? AtomicFile.readAll(descriptor)) ?? []
  }
}
