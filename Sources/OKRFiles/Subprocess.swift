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
/// standard output through a pipe read to its end, so no amount of output in
/// either direction can deadlock the two processes.
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

  /// Runs `executable` with `arguments`, feeding it `input`.
  static func run(_ executable: String, _ arguments: [String], input: [UInt8] = [])
    throws(LaunchError) -> Result
  {
    let inputFile = try temporaryFile(containing: input)
    defer { close(inputFile) }
    let errorFile = try temporaryFile(containing: [])
    defer { close(errorFile) }
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw LaunchError(reason: String(cString: strerror(errno))) }
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
    var pid = pid_t()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    close(writeEnd)
    guard spawned == 0 else {
      close(readEnd)
      throw LaunchError(reason: String(cString: strerror(spawned)))
    }
    let output = (try? AtomicFile.readAll(readEnd)) ?? []
    close(readEnd)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Result(status: exit, output: output, errorText: String(decoding: readAll(errorFile), as: UTF8.self))
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

  private static func readAll(_ descriptor: Int32) -> [UInt8] {
    lseek(descriptor, 0, SEEK_SET)
    return (try? AtomicFile.readAll(descriptor)) ?? []
  }

}
