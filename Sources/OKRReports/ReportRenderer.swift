/// The formats okr's reports come in.
///
/// Each report offers some of them; which ones is the caller's list of
/// ``FormatRenderer``s, so a format is added to a report by writing its
/// renderer and naming it there.
public enum OutputFormat: String, CaseIterable, Sendable {
  /// Text for people at a terminal, escaped by ``TerminalText``.
  case text
  /// Markdown for notes, documents and pull-request comments, escaped by ``MarkdownText``.
  case markdown
  /// JSON for programs, encoded by ``JSONOutput``.
  case json
  /// RFC 4180 CSV for spreadsheets, escaped by ``CSVCell``.
  case csv
  /// One self-contained HTML page, escaped by ``HTML``.
  case html
  /// GitHub Actions workflow commands that annotate a pull request.
  case github
  /// SARIF 2.1.0, for code scanning.
  case sarif
  /// A Slack Block Kit message (JSON), escaped by ``SlackText``.
  case slack
}

/// What text output may use where it goes: colour, and the width of the terminal.
///
/// A value, so a renderer stays pure: whoever knows about the terminal decides
/// these once and hands them over.
public struct TextStyle: Sendable, Equatable {
  /// Whether ANSI colour escapes may be written.
  public var colors: Bool
  /// The terminal's width in columns; `nil` when writing to a file or a pipe,
  /// where text keeps its full layout.
  public var width: Int?

  /// Creates a style.
  public init(colors: Bool = false, width: Int? = nil) {
    self.colors = colors
    self.width = width
  }
}

/// Turns a report into the text of one format, with no side effects.
///
/// The renderer's output type (``TerminalText``, ``HTML``, ``MarkdownText``,
/// ``CSVCell`` or ``JSONOutput``) escapes every person's string, so the text
/// can be written out as it is.
public protocol ReportRenderer<Report>: Sendable {
  /// What the renderer renders.
  associatedtype Report
  /// The report as text.
  func render(_ report: Report) -> String
}

/// Any encodable report as okr's JSON: sorted keys, pretty-printed, a final newline.
public struct JSONRenderer<Report: Encodable>: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The report as JSON.
  public func render(_ report: Report) -> String { JSONOutput.encode(report) }
}

/// One format a report offers, and how to render it.
///
/// A caller keeps a list of these per report, in the order the formats are
/// offered; the format asked for is looked up in it. `Source` is the report
/// the caller has in hand; an entry may render it as it is or reshape it first.
public struct FormatRenderer<Source>: Sendable {
  /// The format this entry writes.
  public let format: OutputFormat
  private let renderSource: @Sendable (Source, TextStyle) -> String

  /// A renderer of `Source` itself; `makeRenderer` gets the style the text may use.
  public init<Renderer: ReportRenderer>(
    _ format: OutputFormat, _ makeRenderer: @escaping @Sendable (TextStyle) -> Renderer
  ) where Renderer.Report == Source {
    self.format = format
    renderSource = { source, style in makeRenderer(style).render(source) }
  }

  /// A renderer of a document made from `Source` by `document`: a report
  /// reshaped for one format, such as a JSON document for bots.
  public init<Renderer: ReportRenderer>(
    _ format: OutputFormat, _ makeRenderer: @escaping @Sendable (TextStyle) -> Renderer,
    of document: @escaping @Sendable (Source) -> Renderer.Report
  ) {
    self.format = format
    renderSource = { source, style in makeRenderer(style).render(document(source)) }
  }

  /// The text of `source` in this entry's format.
  public func render(_ source: Source, style: TextStyle) -> String {
    renderSource(source, style)
  }
}

extension Array {
  /// The formats of a list of renderers, in its order.
  public func formats<Source>() -> [OutputFormat] where Element == FormatRenderer<Source> {
    map(\.format)
  }

  /// The renderer of `format` in a list of renderers; `nil` when the list does not offer it.
  public func renderer<Source>(for format: OutputFormat) -> FormatRenderer<Source>?
  where Element == FormatRenderer<Source> {
    first { $0.format == format }
  }
}
