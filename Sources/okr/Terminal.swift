import OKRCore
import OKRReports

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

/// The terminal facts output depends on, and writing to the standard streams.
enum Terminal {
  /// Whether output to `fileDescriptor` should be coloured: always, never, or
  /// on `auto` only on a terminal that is not `TERM=dumb` and without `NO_COLOR`.
  static func allowsColor(_ choice: ColorChoice, fileDescriptor: Int32) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
      let environment = ProcessInfo.processInfo.environment
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return isatty(fileDescriptor) == 1
    }
  }

  /// Whether standard input is a terminal a person can answer on.
  static var standardInputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }

  /// The width of the terminal standard output writes to, in columns; `nil`
  /// when it writes to a file or a pipe, where text keeps its full layout.
  static var standardOutputWidth: Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    #if canImport(Darwin)
      let request = TIOCGWINSZ
    #else
      let request = UInt(TIOCGWINSZ)
    #endif
    if ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    // A terminal that does not say (some CI pseudo-terminals): COLUMNS, else the classic 80.
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
  }

  /// Writes okr's own text to standard output; interpolated values are escaped by ``TerminalText``.
  static func output(_ text: TerminalText) {
    write(text.description, to: STDOUT_FILENO)
  }

  /// Writes okr's own text to standard error; interpolated values are escaped by ``TerminalText``.
  static func error(_ text: TerminalText) {
    write(text.description, to: STDERR_FILENO)
  }

  /// Writes a report to standard output, as a renderer in OKRReports made it:
  /// the renderer's output type (``TerminalText``, ``HTML``, ``MarkdownText``,
  /// ``CSVCell``, or JSON's encoder) has already escaped every person's string.
  static func output(rendered text: String) {
    write(text, to: STDOUT_FILENO)
  }

  /// Writes a report to standard error, as a renderer in OKRReports made it.
  static func error(rendered text: String) {
    write(text, to: STDERR_FILENO)
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
  private static func write(_ text: String, to descriptor: Int32) {
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

/// Paths as people should see them: relative to the working directory when inside it.
enum DisplayPath {
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

  static func relative(_ path: String, to directory: String) -> String {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
    if path == directory { return "." }
    // Outside the working directory: climb with `..` while that stays short.
    let pathParts = path.split(separator: "/")
    let baseParts = directory.split(separator: "/")
    var common = 0
    while common < min(pathParts.count, baseParts.count), pathParts[common] == baseParts[common] { common += 1 }
    let ups = baseParts.count - common
    guard common > 0, ups <= 3 else { return path }
    return (Array(repeating: "..", count: ups) + pathParts[common...].map(String.init)).joined(separator: "/")
  }
}
