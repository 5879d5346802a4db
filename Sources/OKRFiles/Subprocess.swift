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

extension Subprocess {
  /// What a run under a deadline returned.
  struct BoundedResult {
    /// The exit status (128 + the signal when killed by one); meaningless when ``timedOut``.
    var status: Int32
    /// It was still running at the deadline, and its process group was killed.
    var timedOut: Bool
    /// Standard output, at most the limit.
    var output: [UInt8]
    /// Standard output went past the limit, and the process group was killed.
    var outputCut: Bool
    /// Standard error, at most the limit.
    var errorOutput: [UInt8]
    /// Standard error went past the limit; the rest was read and dropped.
    var errorCut: Bool
  }

  /// Runs a program that okr does not trust to finish or to be brief.
  ///
  /// It runs in `directory`, in a process group of its own, with `/dev/null`
  /// as standard input and both outputs read through pipes at once (so
  /// neither can fill and block it). At `timeout` seconds, or when standard
  /// output passes `outputLimit` bytes, the whole group is killed with
  /// `SIGKILL`, so a shell's children die with it. Standard error past the
  /// limit is read and dropped.
  ///
  /// - Parameters:
  ///   - executable: The program's path (absolute, or relative to the working directory of okr).
  ///   - arguments: Its arguments, without the program.
  ///   - directory: Where it runs.
  ///   - timeout: Seconds before it is killed.
  ///   - outputLimit: The most bytes kept of each output.
  ///   - environment: `NAME=value` entries, all it sees; `nil` passes the process's own.
  static func runBounded(
    _ executable: String, _ arguments: [String], directory: String, timeout: Double, outputLimit: Int,
    environment: [String]? = nil
  ) throws(LaunchError) -> BoundedResult {
    var outEnds: [Int32] = [0, 0]
    var errEnds: [Int32] = [0, 0]
    guard pipe(&outEnds) == 0 else { throw LaunchError(reason: String(cString: strerror(errno))) }
    guard pipe(&errEnds) == 0 else {
      close(outEnds[0])
      close(outEnds[1])
      throw LaunchError(reason: String(cString: strerror(errno)))
    }
    for descriptor in outEnds + errEnds { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
      var attributes: posix_spawnattr_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outEnds[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errEnds[1], 2)
    guard Self.addChangeDirectory(&actions, directory) == 0 else {
      for descriptor in outEnds + errEnds { close(descriptor) }
      throw LaunchError(reason: "cannot start a program in '\(directory)' on this system")
    }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A group of its own, to kill with everything it starts; signals as a shell would leave them.
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    let envp = environment.map { $0.map { strdup($0) } + [nil] }
    defer { for entry in envp ?? [] { free(entry) } }
    var pid = pid_t()
    let spawned =
      if let envp {
        posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
      } else {
        posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
      }
    close(outEnds[1])
    close(errEnds[1])
    guard spawned == 0 else {
      close(outEnds[0])
      close(errEnds[0])
      throw LaunchError(reason: String(cString: strerror(spawned)))
    }

    func now() -> Double {
      var time = timespec()
      clock_gettime(CLOCK_MONOTONIC, &time)
      return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let deadline = now() + timeout
    var result = BoundedResult(
      status: 0, timedOut: false, output: [], outputCut: false, errorOutput: [], errorCut: false)
    var open = [outEnds[0], errEnds[0]]
    var killed = false
    func killGroup() {
      guard !killed else { return }
      killed = true
      kill(-pid, SIGKILL)
    }
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while !open.isEmpty {
      let left = deadline - now()
      if left <= 0 {
        result.timedOut = true
        killGroup()
        break
      }
      var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&polls, nfds_t(polls.count), Int32(min(left * 1000 + 1, 60_000)))
      if ready < 0, errno == EINTR { continue }
      guard ready > 0 else { continue }
      for entry in polls where entry.revents != 0 {
        let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, 65_536) }
        if count < 0, errno == EINTR || errno == EAGAIN { continue }
        if count <= 0 {
          close(entry.fd)
          open.removeAll { $0 == entry.fd }
          continue
        }
        let bytes = chunk[..<count]
        if entry.fd == outEnds[0] {
          let room = outputLimit - result.output.count
          result.output += bytes.prefix(max(room, 0))
          if count > room {
            // One value is a few bytes: a flood is a mistake, not worth waiting for.
            result.outputCut = true
            killGroup()
          }
        } else {
          let room = outputLimit - result.errorOutput.count
          result.errorOutput += bytes.prefix(max(room, 0))
          if count > room { result.errorCut = true }
        }
      }
      if result.outputCut { break }
    }
    for descriptor in open { close(descriptor) }
    // Both outputs are closed; the program may still run, so wait for it no longer than the deadline.
    var status: Int32 = 0
    while true {
      let waited = waitpid(pid, &status, killed ? 0 : WNOHANG)
      if waited < 0, errno == EINTR { continue }
      if waited != 0 { break }
      if now() >= deadline {
        result.timedOut = true
        killGroup()
        continue
      }
      usleep(5_000)
    }
    result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return result
  }

  #if canImport(Darwin)
    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t?, _ directory: String) -> Int32 {
      posix_spawn_file_actions_addchdir_np(&actions, directory)
    }
  #else
    /// glibc (2.29+) and musl (1.1.24+) have it, but their headers declare it only under `_GNU_SOURCE`,
    /// which the Swift module does not define: it is found by name.
    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) -> Int32 {
      typealias AddChangeDirectory =
        @convention(c) (
          UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
        return -1
      }
      let add = unsafeBitCast(symbol, to: AddChangeDirectory.self)
      return directory.withCString { add(&actions, $0) }
    }
  #endif
}
