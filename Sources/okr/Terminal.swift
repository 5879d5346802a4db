import OKRCore
import OKRReports
import OKRWorkspace

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

/// The process's side of a ``CommandContext``: its working directory, its
/// standard streams and what they are connected to, and how it ends.
enum Terminal {
  /// Standard output's file descriptor.
  static let standardOutputDescriptor = STDOUT_FILENO
  /// Standard error's file descriptor.
  static let standardErrorDescriptor = STDERR_FILENO

  /// The process's working directory.
  static var workingDirectory: String { FileManager.default.currentDirectoryPath }

  /// Whether `--color auto` colours output to `descriptor`: a terminal that is
  /// not `TERM=dumb`, without `NO_COLOR`.
  static func colorsOnAuto(_ descriptor: Int32) -> Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(descriptor) == 1
  }

  /// Whether standard input is a terminal a person can answer on.
  static var standardInputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }

  /// The width of the terminal `descriptor` writes to, in columns; `nil`
  /// when it writes to a file or a pipe, where text keeps its full layout.
  static func width(of descriptor: Int32) -> Int? {
    guard isatty(descriptor) == 1 else { return nil }
    var size = winsize()
    #if canImport(Darwin)
      let request = TIOCGWINSZ
    #else
      let request = UInt(TIOCGWINSZ)
    #endif
    if ioctl(descriptor, request, &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    // A terminal that does not say (some CI pseudo-terminals): COLUMNS, else the classic 80.
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
  }

  /// Ends the process with `status`.
  static func exit(_ status: Int32) -> Never {
    #if canImport(Glibc)
      Glibc.exit(status)
    #elseif canImport(Musl)
      Musl.exit(status)
    #else
      Darwin.exit(status)
    #endif
  }

  /// Writes all of `text`, however many calls `write(2)` takes; a stream that
  /// fails (closed, full) is left alone, as there is nowhere to report it.
  static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        #if canImport(Glibc)
          let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
        #elseif canImport(Musl)
          let written = Musl.write(descriptor, base + offset, bytes.count - offset)
        #else
          let written = Darwin.write(descriptor, base + offset, bytes.count - offset)
        #endif
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
  }
}

extension DisplayPath {
  /// Diagnostics as the command line shows them: paths relative to the working
  /// directory, and a limit's message naming the option that raises it (the
  /// libraries name no option).
  static func forDisplay(_ diagnostics: [Diagnostic], workingDirectory: String) -> [Diagnostic] {
    diagnostics.map { diagnostic in
      var diagnostic = diagnostic
      diagnostic.location.path = relative(diagnostic.location.path, to: workingDirectory)
      if let limit = diagnostic.limit {
        diagnostic.message += "; raise it with \(RepositoryOptions.option(for: limit))"
      }
      return diagnostic
    }
  }
}
