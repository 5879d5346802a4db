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
    let output: (read: Int32, write: Int32)
    do {
      output = try makePipe()
    } catch {
      close(errorFile)
      throw error
    }
    defer { close(output.write) }
    for descriptor in [inputFile, errorFile] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    var actions = SpawnActions()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inputFile, 0)
    posix_spawn_file_actions_adddup2(&actions, output.write, 1)
    posix_spawn_file_actions_adddup2(&actions, errorFile, 2)
    posix_spawn_file_actions_addclose(&actions, output.read)
    let pid: pid_t
    do {
      pid = try spawn(executable, arguments, actions: &actions, attributes: nil, environment: environment)
    } catch {
      close(output.read)
      close(errorFile)
      throw error
    }
    return Running(pid: pid, output: output.read, errorFile: errorFile)
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
  /// limit is read and dropped. Once the program itself has exited, anything
  /// it left behind gets ``pipeGrace`` seconds to let go of the outputs; then
  /// the group is killed and what was read is the answer: a background child
  /// holding a pipe is not the program running past its deadline.
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
    let output = try makePipe()
    let errorOutput: (read: Int32, write: Int32)
    do {
      errorOutput = try makePipe()
    } catch {
      close(output.read)
      close(output.write)
      throw error
    }
    let pid: pid_t
    do {
      pid = try spawnInGroup(
        executable, arguments, directory: directory, output: output.write, errorOutput: errorOutput.write,
        environment: environment)
    } catch {
      for descriptor in [output.read, errorOutput.read] { close(descriptor) }
      throw error
    }
    var run = BoundedRun(
      pid: pid, output: output.read, errorOutput: errorOutput.read, deadline: MonotonicClock.seconds() + timeout,
      outputLimit: outputLimit)
    return run.finish()
  }

  /// How long, after a program exits, what it left running may keep its outputs open: 200 ms.
  static let pipeGrace = 0.2

  /// A pipe whose ends are closed in any program started.
  ///
  /// The child gets them only as 0, 1 and 2 (dup2 clears the flag); were the
  /// originals inherited, a process a program leaves running (a git daemon)
  /// would keep the pipe open and the read would never end.
  private static func makePipe() throws(LaunchError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw LaunchError(reason: String(cString: strerror(errno))) }
    for descriptor in ends { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }

  /// Starts the program in a group of its own, in `directory`, reading `/dev/null`; closes the write ends.
  private static func spawnInGroup(
    _ executable: String, _ arguments: [String], directory: String, output: Int32, errorOutput: Int32,
    environment: [String]?
  ) throws(LaunchError) -> pid_t {
    defer {
      close(output)
      close(errorOutput)
    }
    var actions = SpawnActions()
    var attributes = SpawnAttributes()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, output, 1)
    posix_spawn_file_actions_adddup2(&actions, errorOutput, 2)
    guard addChangeDirectory(&actions, directory) == 0 else {
      throw LaunchError(reason: "cannot start a program in '\(directory)' on this system")
    }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    setOwnGroupAndDefaultSignals(&attributes)
    return try spawn(
      executable, arguments, actions: &actions, attributes: &attributes, environment: environment)
  }

  #if canImport(Darwin)
    private typealias SpawnAttributes = posix_spawnattr_t?
    private typealias SpawnActions = posix_spawn_file_actions_t?
  #else
    private typealias SpawnAttributes = posix_spawnattr_t
    private typealias SpawnActions = posix_spawn_file_actions_t
  #endif

  /// A group of its own, to kill with everything it starts; signals as a shell would leave them.
  private static func setOwnGroupAndDefaultSignals(_ attributes: inout SpawnAttributes) {
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
  }

  /// `posix_spawn` with C strings made and freed here.
  ///
  /// - Parameter environment: `NAME=value` entries; `nil` passes the process's own.
  private static func spawn(
    _ executable: String, _ arguments: [String], actions: inout SpawnActions,
    attributes: UnsafePointer<SpawnAttributes>?, environment: [String]?
  ) throws(LaunchError) -> pid_t {
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    let envp = environment.map { $0.map { strdup($0) } + [nil] }
    defer { for entry in envp ?? [] { free(entry) } }
    var pid = pid_t()
    let spawned =
      if let envp {
        posix_spawn(&pid, executable, &actions, attributes, argv, envp)
      } else {
        posix_spawn(&pid, executable, &actions, attributes, argv, environ)
      }
    guard spawned == 0 else { throw LaunchError(reason: String(cString: strerror(spawned))) }
    return pid
  }

  /// A started program in its own group, its two outputs read until they close, it exits, or a limit is met.
  private struct BoundedRun {
    let pid: pid_t
    let output: Int32
    let errorOutput: Int32
    let deadline: Double
    let outputLimit: Int
    var open: [Int32]
    var result = BoundedResult(
      status: 0, timedOut: false, output: [], outputCut: false, errorOutput: [], errorCut: false)
    /// The group was sent `SIGKILL`.
    var killed = false
    /// The program's wait status, once it has been reaped.
    var waitStatus: Int32?
    /// When what the program left running must have let go of the outputs.
    var graceEnd: Double?

    init(pid: pid_t, output: Int32, errorOutput: Int32, deadline: Double, outputLimit: Int) {
      self.pid = pid
      self.output = output
      self.errorOutput = errorOutput
      self.deadline = deadline
      self.outputLimit = outputLimit
      open = [output, errorOutput]
    }

    /// Reads until the outputs close or a limit is met, then waits for the program; the result.
    mutating func finish() -> BoundedResult {
      while !open.isEmpty, !result.outputCut, !limitReached() {
        let now = MonotonicClock.seconds()
        readReady(waiting: min(graceEnd ?? deadline, deadline, now + 0.05) - now)
      }
      for descriptor in open { close(descriptor) }
      open = []
      waitForExit()
      let status = waitStatus ?? 0
      result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
      return result
    }

    /// Whether reading must stop: the program exited and its grace is over, or the deadline passed.
    private mutating func limitReached() -> Bool {
      let now = MonotonicClock.seconds()
      if waitStatus == nil, reap(blocking: false) { graceEnd = now + Subprocess.pipeGrace }
      if let graceEnd, now >= min(graceEnd, deadline) {
        // Only what the program left behind holds the outputs: end it, and keep what was read.
        killGroup()
        return true
      }
      guard waitStatus == nil, now >= deadline else { return false }
      result.timedOut = true
      killGroup()
      return true
    }

    /// Waits up to `seconds` for output, and reads what is there.
    private mutating func readReady(waiting seconds: Double) {
      var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&polls, nfds_t(polls.count), Int32(max(seconds, 0) * 1000 + 1))
      guard ready > 0 else { return }
      for entry in polls where entry.revents != 0 { readChunk(entry.fd) }
    }

    /// Reads one chunk of `descriptor`, closing it at its end.
    private mutating func readChunk(_ descriptor: Int32) {
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, 65_536) }
      if count < 0, errno == EINTR || errno == EAGAIN { return }
      guard count > 0 else {
        close(descriptor)
        open.removeAll { $0 == descriptor }
        return
      }
      let bytes = chunk[..<count]
      if descriptor == output {
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

    /// Both outputs are closed; the program may still run, so waits for it no longer than the deadline.
    private mutating func waitForExit() {
      while waitStatus == nil {
        if reap(blocking: killed) { return }
        if MonotonicClock.seconds() >= deadline {
          result.timedOut = true
          killGroup()
          continue
        }
        usleep(5_000)
      }
    }

    /// Whether the program has exited (and is reaped now).
    private mutating func reap(blocking: Bool) -> Bool {
      var status: Int32 = 0
      while true {
        let waited = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        if waited < 0, errno == EINTR { continue }
        guard waited != 0 else { return false }
        waitStatus = status
        return true
      }
    }

    /// Kills the program's whole group, once.
    ///
    /// After the program is reaped its id still names the group while
    /// anything in it lives, and no new process can take the id until then.
    private mutating func killGroup() {
      guard !killed else { return }
      killed = true
      kill(-pid, SIGKILL)
    }
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
