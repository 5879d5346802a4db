/// A CSV file read as RFC 4180 says: fields separated by commas, records by
/// line breaks (LF or CRLF), a field in double quotes may hold commas, line
/// breaks and doubled quotes (`""` for one `"`).
///
/// Every field keeps where it starts (1-based line and column, columns
/// counting Unicode scalars), so a problem in a spreadsheet export points at
/// its cell the way a YAML problem points at its node.
public struct CSVTable: Sendable {
  /// One field and where it starts.
  public struct Field: Sendable, Equatable {
    public var text: String
    public var line: Int
    public var column: Int
  }

  /// The records, the header first; empty lines are skipped.
  public var records: [[Field]]

  /// Why the text is not CSV.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { message }
  }

  /// Reads CSV text.
  ///
  /// - Parameter text: The file's contents; a UTF-8 byte-order mark is skipped.
  /// - Throws: ``Problem`` for a quote that is never closed, or text after a closing quote.
  public init(_ text: String) throws(Problem) {
    var records: [[Field]] = []
    var record: [Field] = []
    var field = ""
    var fieldLine = 1
    var fieldColumn = 1
    var line = 1
    var column = 1
    var quoted = false
    var afterQuote = false
    var atFieldStart = true
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var index = 0
    func endField() {
      record.append(Field(text: field, line: fieldLine, column: fieldColumn))
      field = ""
      atFieldStart = true
      afterQuote = false
    }
    func endRecord() {
      endField()
      // A line with nothing on it is no record.
      if !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
      record = []
    }
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if atFieldStart {
        fieldLine = line
        fieldColumn = column
        atFieldStart = false
        if scalar == "\"" {
          quoted = true
          column += 1
          continue
        }
      }
      if quoted {
        if scalar == "\"" {
          if index < scalars.count, scalars[index] == "\"" {
            field.unicodeScalars.append("\"")
            index += 1
            column += 2
          } else {
            quoted = false
            afterQuote = true
            column += 1
          }
          continue
        }
        field.unicodeScalars.append(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
        continue
      }
      switch scalar {
      case ",":
        endField()
        column += 1
      case "\r" where index < scalars.count && scalars[index] == "\n":
        break
      case "\n":
        endRecord()
        line += 1
        column = 1
      default:
        if afterQuote {
          throw Problem(
            line: line, column: column, message: "text after a closing quote; a quoted field ends at its quote")
        }
        field.unicodeScalars.append(scalar)
        column += 1
      }
    }
    if quoted {
      throw Problem(line: fieldLine, column: fieldColumn, message: "this quoted field is never closed")
    }
    if !atFieldStart || !record.isEmpty { endRecord() }
    self.records = records
  }
}
