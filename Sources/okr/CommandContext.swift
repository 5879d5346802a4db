import ArgumentParser
import OKRReports

/// One of a command's output streams: the process's own, written through at
/// once, or text kept for the caller (a test running the command in process).
struct CommandStream {
  /// The columns of the terminal the stream writes to; `nil` when it writes to a
  /// file or a pipe, which is how a stream that is not a terminal is told apart.
  let width: Int?
  /// Whether `--color auto` colours this stream: a terminal that is not
  /// `TERM=dumb`, without `NO_COLOR`.
  let colorsOnAuto: Bool
  /// Everything written to a kept stream; always empty for a process stream.
  private(set) var text = ""
  /// The file descriptor written through to; `nil` keeps the text.
  private let descriptor: Int32?

  /// The process's stream on `descriptor`, as the terminal and the environment describe it.
  static func process(_ descriptor: Int32) -> CommandStream {
    CommandStream(
      width: Terminal.width(of: descriptor), colorsOnAuto: Terminal.colorsOnAuto(descriptor), descriptor: descriptor)
  }

  /// A stream whose text is kept; a terminal of `width` columns when given, else a file.
  static func kept(width: Int? = nil) -> CommandStream {
    CommandStream(width: width, colorsOnAuto: width != nil, descriptor: nil)
  }

  /// Whether to colour this stream under `choice`.
  func colors(_ choice: ColorChoice) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto: return colorsOnAuto
    }
  }

  /// How text written to this stream looks under `choice`: its colour and width.
  func style(_ choice: ColorChoice) -> TextStyle {
    TextStyle(colors: colors(choice), width: width)
  }

  /// Writes okr's own text; interpolated values are escaped by ``TerminalText``.
  ///
  /// On a terminal, a line wider than it is broken at spaces, the rest indented
  /// two columns, so a message (a check-in recorded, an error) is never wrapped
  /// mid-word by the terminal.
  mutating func write(_ text: TerminalText) {
    write(rendered: TerminalLayout.fitted(text, width: width).description)
  }

  /// Writes a report as a renderer in OKRReports made it: the renderer's output
  /// type (``TerminalText``, ``HTML``, ``MarkdownText``, ``CSVCell``, or JSON's
  /// encoder) has already escaped every person's string.
  mutating func write(rendered text: String) {
    if let descriptor {
      Terminal.write(text, to: descriptor)
    } else {
      self.text += text
    }
  }
}

/// What a command runs with besides its arguments: the folder it runs in and
/// its two output streams.
///
/// The binary passes its own (``process()``); a test passes kept streams and a
/// folder of its choosing, runs the command in process and reads the text back.
/// It is handed to each command's run, never kept in a global.
struct CommandContext {
  /// The folder relative paths are read from and shown against.
  let workingDirectory: String
  /// Standard output: reports.
  var standardOutput: CommandStream
  /// Standard error: diagnostics, warnings and usage errors.
  var standardError: CommandStream
  /// What a command read that may as well live as long as the context.
  ///
  /// The binary's context lives until the process exits, which hands all of
  /// its memory back at once, where freeing a large repository's model piece
  /// by piece took a tenth of a second after the report was written. A test's
  /// context frees it when the test ends.
  private var keptUntilExit: [Any] = []

  /// Keeps `value` as long as the context.
  mutating func keepUntilExit(_ value: Any) {
    keptUntilExit.append(value)
  }

  /// The process's working directory and standard streams.
  static func process() -> CommandContext {
    CommandContext(
      workingDirectory: Terminal.workingDirectory, standardOutput: .process(Terminal.standardOutputDescriptor),
      standardError: .process(Terminal.standardErrorDescriptor))
  }

  /// Kept streams, neither a terminal unless a width is given for standard output.
  static func kept(workingDirectory: String, width: Int? = nil) -> CommandContext {
    CommandContext(workingDirectory: workingDirectory, standardOutput: .kept(width: width), standardError: .kept())
  }

  /// Writes `report` in `format` to `stream` (standard output unless said), with the renderer `renderers` has for it.
  ///
  /// - Throws: `ExitCode(64)` when the list has no renderer for `format`, which
  ///   ``FormatChoice`` refuses before a command runs.
  mutating func write<Report>(
    _ report: Report, as format: OutputFormat, with renderers: [FormatRenderer<Report>], style: TextStyle,
    to stream: WritableKeyPath<CommandContext, CommandStream> = \.standardOutput
  ) throws {
    guard let renderer = renderers.renderer(for: format) else { throw ExitCode(64) }
    self[keyPath: stream].write(rendered: renderer.render(report, style: style))
  }
}

/// A command that runs in a ``CommandContext`` rather than on the process's
/// own streams, so tests can run it in process.
protocol ContextCommand: ParsableCommand {
  /// Runs the command, writing to `context`; throws `ExitCode` for a status other than 0.
  func run(in context: inout CommandContext) throws
}

extension ContextCommand {
  /// Runs the command on the process's own streams.
  func run() throws {
    var context = CommandContext.process()
    try run(in: &context)
  }
}

/// A command whose `--format` is looked up in its list of renderers.
protocol FormattedCommand {
  /// The formats the command writes, in the order its help lists them.
  static var formats: [OutputFormat] { get }
}

/// A `--format` value: one of the formats `Command` writes.
///
/// ArgumentParser lists, completes and checks the values from
/// `Command.formats`, so help, the manual and the refusal of any other format
/// follow the command's list of renderers.
struct FormatChoice<Command: FormattedCommand>: ExpressibleByArgument, Equatable, Sendable {
  /// The format chosen.
  let format: OutputFormat

  /// A format the command writes.
  init(_ format: OutputFormat) {
    self.format = format
  }

  init?(argument: String) {
    guard let format = OutputFormat(rawValue: argument), Command.formats.contains(format) else { return nil }
    self.format = format
  }

  var defaultValueDescription: String { format.rawValue }

  static var allValueStrings: [String] { Command.formats.map(\.rawValue) }

  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

  /// Text, every command's default.
  static var text: FormatChoice { FormatChoice(.text) }
}
