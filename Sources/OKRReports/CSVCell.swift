import OKRCore

/// One CSV cell: a person's text, neutralised, or a number okr formatted.
///
/// The only ways in are typed, so a renderer cannot write a person's string
/// unescaped:
///
/// - ``text(_:)``: made visible (see ``TerminalText/visible(_:keepingLineBreaks:)``;
///   line breaks stay, inside quotes),
///   then, if it starts (after any spaces) with a character a spreadsheet
///   reads as a formula — `=`, `+`, `-`, `@`, tab or carriage return, or their
///   full-width forms `＝`, `＋`, `－`, `＠` — prefixed with `'`, as OWASP
///   recommends against CSV injection;
/// - ``number(_:)``, ``exact(_:)`` and ``integer(_:)``: numbers okr itself
///   formats, so `-5` stays the number −5.
///
/// Every cell is then quoted as RFC 4180 says when it holds `,` or `"`.
public struct CSVCell: Sendable, Hashable {
  /// The cell as it appears between commas.
  public let field: String

  private init(field: String) {
    self.field = field
  }

  /// A person's text (or any text okr did not compute as a number), neutralised and quoted.
  public static func text(_ value: some CustomStringConvertible) -> CSVCell {
    let visible = TerminalText.visible(value.description, keepingLineBreaks: true)
    let original = value.description.unicodeScalars.first { $0 != " " }
    let shown = visible.unicodeScalars.first { $0 != " " }
    let neutral = [original, shown].contains { $0.map(startsFormula) ?? false } ? "'" + visible : visible
    return CSVCell(field: quoted(neutral))
  }

  /// A number as okr writes it: `35`, `2.1`, `-5`.
  public static func number(_ value: Double) -> CSVCell {
    CSVCell(field: Format.number(value))
  }

  /// A number with every digit Swift keeps: `0.7833333333333333`, `1.0`.
  public static func exact(_ value: Double) -> CSVCell {
    CSVCell(field: "\(value)")
  }

  /// A whole number.
  public static func integer(_ value: Int) -> CSVCell {
    CSVCell(field: String(value))
  }

  /// An empty cell.
  public static let empty = CSVCell(field: "")

  /// A record: the cells, comma-separated, and a line break.
  public static func record(_ cells: [CSVCell]) -> String {
    cells.map(\.field).joined(separator: ",") + "\n"
  }

  /// Whether a spreadsheet would read a cell starting with `scalar` as a formula.
  static func startsFormula(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
    default: return false
    }
  }

  private static func quoted(_ cell: String) -> String {
    // Scalars, not characters: a `,` with a combining mark is a single character.
    guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return cell
    }
    return "\"" + Format.replacing("\"", with: "\"\"", in: cell) + "\""
  }
}
