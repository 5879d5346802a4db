import OKRCore

/// Many check-ins at once, from a spreadsheet or a metrics query: what `okr checkin import` reads.
///
/// The CSV has a header row naming its columns, in any order: `team` and `kr`
/// (required), then `value`, `done`, `confidence`, `note` and `date` (each
/// optional). A row is one key result's check-in; `done` is `true`/`false` for
/// a boolean key result, or milestone titles separated by `;` for a milestones
/// one. Rows of one team and one date become one check-in document. Every row
/// is checked against the repository before anything is written, and every
/// problem is reported at its cell (`file:line:column`), at most
/// ``DiagnosticLimit/perRule`` of them and then how many more, as `okr lint`
/// lists a file's. Each document carries the file's ``importID``.
public struct CheckinImport: Sendable {
  /// The columns a file may have.
  public static let columns = ["team", "kr", "value", "done", "confidence", "note", "date"]

  /// One check-in to append: a team's key results on one day.
  public struct Batch: Sendable {
    /// The team's quarter file of the check-in's cycle.
    public var teamQuarter: TeamQuarter
    /// The check-in, checked.
    public var checkin: ValidCheckin
  }

  /// The check-ins, by team and date; empty when there are problems.
  public var batches: [Batch] = []
  /// Every problem found, at its cell, limited as ``DiagnosticLimit`` says.
  public var diagnostics: [Diagnostic] = []

  /// What names this import in the documents it writes: `sha256:` and the
  /// digest of the file's bytes, so a rerun of the same file can tell what
  /// it already recorded.
  public static func importID(of text: String) -> String {
    "sha256:" + SHA256.hex(Array(text.utf8))
  }

  /// The check-ins to record, oldest first (a milestones check-in counts what
  /// earlier ones recorded), each with its log in the repository at `root`.
  public func items(inRepositoryAt root: String) -> [CheckinRecorder.Item] {
    batches.sorted { ($0.checkin.date, $0.checkin.team) < ($1.checkin.date, $1.checkin.team) }.map { batch in
      CheckinRecorder.Item(
        checkin: batch.checkin, teamQuarter: batch.teamQuarter,
        path: RepositoryLayout.checkinLog(root: root, quarter: batch.checkin.cycle, team: batch.checkin.team))
    }
  }

  /// Reads and checks a CSV file's text.
  ///
  /// - Parameters:
  ///   - text: The CSV.
  ///   - path: Its path, for diagnostics.
  ///   - repository: The repository, free of errors in the teams concerned.
  ///   - quarter: The cycle named with `--quarter`, if any.
  ///   - today: The date of rows without one.
  ///   - by: Who is checking in.
  public init(
    csv text: String, path: String, repository: Repository, quarter: String?, today: CalendarDate, by: String?
  ) {
    var limit = DiagnosticLimit()
    defer {
      diagnostics += limit.summaries
      if !diagnostics.isEmpty { batches = [] }
    }
    // Past the limit a problem is only counted: a million wrong rows make a
    // hundred messages and one summary, not 120 MB nobody reads.
    // The first problem is always listed, so no diagnostics means no problems.
    func problem(_ message: @autoclosure () -> String, _ line: Int, _ column: Int) {
      let location = SourceLocation(path: path, line: line, column: column)
      if limit.count(.invalidValue, at: location) {
        diagnostics.append(.error(message(), rule: .invalidValue, at: location))
      }
    }
    func problem(_ message: @autoclosure () -> String, at field: CSVTable.Field) {
      problem(message(), field.line, field.column)
    }
    let table: CSVTable
    do {
      table = try CSVTable(text)
    } catch {
      problem(error.message, error.line, error.column)
      return
    }
    guard let header = table.records.first else {
      problem("the file is empty: the first row names the columns (\(Self.columns.joined(separator: ",")))", 1, 1)
      return
    }
    var columnOf: [String: Int] = [:]
    for (index, field) in header.enumerated() {
      let name = field.text.trimmingSpaces().lowercased()
      guard Self.columns.contains(name) else {
        problem(
          "unknown column '\(field.text)'\(Suggestion.hint(for: name, in: Self.columns)) (columns: \(Self.columns.joined(separator: ", ")))",
          field.line, field.column)
        continue
      }
      if columnOf[name] != nil {
        problem("column '\(name)' is named twice", field.line, field.column)
      }
      columnOf[name] = index
    }
    for required in ["team", "kr"] where columnOf[required] == nil {
      problem("the header has no '\(required)' column", header.first?.line ?? 1, 1)
    }
    // An unknown or repeated column is one problem among the rows' own: the rows are still checked against the
    // columns that are known, so one run lists everything. Without 'team' and 'kr' no row can be read.
    guard columnOf["team"] != nil, columnOf["kr"] != nil else { return }

    struct Key: Hashable {
      var team: String
      var date: CalendarDate
    }
    /// A row: what it says, and its cells (the record shares the table's storage), for pointing at the one a
    /// problem is about.
    struct Row {
      var entry: CheckinDraft.Entry
      var record: [CSVTable.Field]
    }
    /// The cell of column `name`, when the record has one that is not blank.
    func field(_ name: String, in record: [CSVTable.Field]) -> CSVTable.Field? {
      guard let index = columnOf[name], index < record.count else { return nil }
      let field = record[index]
      return field.text.trimmingSpaces().isEmpty ? nil : field
    }
    /// The cell a problem with `part` of the row is about; its `kr` cell (which every row kept has) when that
    /// one is blank.
    func cell(for part: CheckinProblems.Part, of row: Row) -> CSVTable.Field {
      let name: String
      switch part {
      case .keyResult: name = "kr"
      case .value: name = "value"
      case .done: name = "done"
      case .confidence: name = "confidence"
      }
      return field(name, in: row.record) ?? field("kr", in: row.record)!
    }
    var order: [Key] = []
    var rows: [Key: [Row]] = [:]
    for record in table.records.dropFirst() {
      func cell(_ name: String) -> CSVTable.Field? { field(name, in: record) }
      let start = record.first.map { ($0.line, $0.column) } ?? (1, 1)
      if record.count > header.count {
        let extra = record[header.count]
        problem("this row has \(record.count) fields, the header \(header.count)", at: extra)
        continue
      }
      guard let team = cell("team"), let kr = cell("kr") else {
        // At the empty cell when the row has one, else where the row starts.
        let missing = cell("team") == nil ? "team" : "kr"
        if let index = columnOf[missing], index < record.count {
          problem("every row needs a 'team' and a 'kr'", at: record[index])
        } else {
          problem("every row needs a 'team' and a 'kr'", start.0, start.1)
        }
        continue
      }
      var date = today
      if let field = cell("date") {
        guard let parsed = CalendarDate(field.text.trimmingSpaces()) else {
          problem("'date' must be a day written YYYY-MM-DD, not '\(field.text)'", at: field)
          continue
        }
        date = parsed
      }
      var entry = CheckinDraft.Entry(keyResult: kr.text.trimmingSpaces())
      entry.value = cell("value")?.text.trimmingSpaces()
      entry.confidence = cell("confidence")?.text.trimmingSpaces()
      entry.note = cell("note")?.text
      if let done = cell("done") {
        entry.done = done.text.split(separator: ";").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
      }
      let key = Key(team: team.text.trimmingSpaces(), date: date)
      if rows[key] == nil { order.append(key) }
      rows[key, default: []].append(Row(entry: entry, record: record))
    }
    for key in order {
      let group = rows[key]!
      let teamField = field("team", in: group[0].record)!
      let scope = repository.scope(quarter: quarter, teams: [key.team], day: key.date)
      let teamQuarter: TeamQuarter
      switch scope {
      case .failure(let why):
        problem(why.description, at: teamField)
        continue
      case .success(let found):
        guard
          let match = repository.teamQuarters.first(where: { $0.slug == key.team && $0.cycle.label == found.cycle }),
          match.cycle.period.contains(key.date)
        else {
          // At the date that is outside, when the file wrote it; else it is --as-of's, and the team is what is wrong.
          problem(
            "\(key.date) is outside \(found.cycle), the cycle of team '\(key.team)'",
            at: field("date", in: group[0].record) ?? teamField)
          continue
        }
        teamQuarter = match
      }
      // Each row is checked on its own, so every problem points at its own cell.
      var seen: Set<String> = []
      var rowsAreRight = true
      for row in group {
        guard seen.insert(row.entry.keyResult).inserted else {
          problem(
            "key result '\(row.entry.keyResult)' has two rows for team '\(key.team)' on \(key.date); give it one",
            at: cell(for: .keyResult, of: row))
          rowsAreRight = false
          continue
        }
        let single = CheckinDraft(
          team: key.team, cycle: teamQuarter.cycle.label, date: key.date, by: by, entries: [row.entry])
        switch single.validated(against: teamQuarter) {
        case .failure(let problems):
          for found in problems.problems { problem(found.message, at: cell(for: found.part, of: row)) }
          rowsAreRight = false
        case .success(let checkin):
          do {
            // A value the log cannot keep exactly is refused now, not after other teams were written.
            _ = try CheckinLogWriter.document(for: checkin)
          } catch {
            if case .inexactValue = error {
              problem(error.description, at: cell(for: .value, of: row))
            } else {
              problem(error.description, at: field("note", in: row.record) ?? cell(for: .keyResult, of: row))
            }
            rowsAreRight = false
          }
        }
      }
      let draft = CheckinDraft(
        team: key.team, cycle: teamQuarter.cycle.label, date: key.date, by: by, entries: group.map(\.entry))
      if rowsAreRight, case .success(let checkin) = draft.validated(against: teamQuarter) {
        batches.append(Batch(teamQuarter: teamQuarter, checkin: checkin))
      }
    }
    guard diagnostics.isEmpty else { return }
    let importID = Self.importID(of: text)
    for index in batches.indices { batches[index].checkin.importID = importID }
  }
}

extension String {
  /// Without spaces and tabs at either end.
  fileprivate func trimmingSpaces() -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
