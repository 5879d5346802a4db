import OKRCore

/// Many check-ins at once, from a spreadsheet or a metrics query: what `okr checkin import` reads.
///
/// The CSV has a header row naming its columns, in any order: `team` and `kr`
/// (required), then `value`, `done`, `confidence`, `note` and `date` (each
/// optional). A row is one key result's check-in; `done` is `true`/`false` for
/// a boolean key result, or milestone titles separated by `;` for a milestones
/// one. Rows of one team and one date become one check-in document. Every row
/// is checked against the repository before anything is written, and every
/// problem is reported at its cell (`file:line:column`).
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
  /// Every problem found, at its cell.
  public var diagnostics: [Diagnostic] = []

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
    func problem(_ message: String, _ line: Int, _ column: Int) {
      diagnostics.append(
        .error(message, rule: .invalidValue, at: SourceLocation(path: path, line: line, column: column)))
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
    guard diagnostics.isEmpty else { return }

    struct Key: Hashable {
      var team: String
      var date: CalendarDate
    }
    var order: [Key] = []
    var rows: [Key: [(entry: CheckinDraft.Entry, team: CSVTable.Field, kr: CSVTable.Field)]] = [:]
    for record in table.records.dropFirst() {
      func cell(_ name: String) -> CSVTable.Field? {
        guard let index = columnOf[name], index < record.count else { return nil }
        let field = record[index]
        return field.text.trimmingSpaces().isEmpty ? nil : field
      }
      let start = record.first.map { ($0.line, $0.column) } ?? (1, 1)
      if record.count > header.count {
        let extra = record[header.count]
        problem("this row has \(record.count) fields, the header \(header.count)", extra.line, extra.column)
        continue
      }
      guard let team = cell("team"), let kr = cell("kr") else {
        problem("every row needs a 'team' and a 'kr'", start.0, start.1)
        continue
      }
      var date = today
      if let field = cell("date") {
        guard let parsed = CalendarDate(field.text.trimmingSpaces()) else {
          problem("'date' must be a day written YYYY-MM-DD, not '\(field.text)'", field.line, field.column)
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
      rows[key, default: []].append((entry, team, kr))
    }
    for key in order {
      let group = rows[key]!
      let teamField = group[0].team
      let scope = repository.scope(quarter: quarter, teams: [key.team], day: key.date)
      let teamQuarter: TeamQuarter
      switch scope {
      case .failure(let why):
        problem(why.description, teamField.line, teamField.column)
        continue
      case .success(let found):
        guard
          let match = repository.teamQuarters.first(where: { $0.slug == key.team && $0.cycle.label == found.cycle }),
          match.cycle.period.contains(key.date)
        else {
          problem(
            "\(key.date) is outside \(found.cycle), the cycle of team '\(key.team)'", teamField.line, teamField.column)
          continue
        }
        teamQuarter = match
      }
      // Each row is checked on its own, so every problem points at its own row.
      var seen: Set<String> = []
      var rowsAreRight = true
      for row in group {
        guard seen.insert(row.entry.keyResult).inserted else {
          problem(
            "key result '\(row.entry.keyResult)' has two rows for team '\(key.team)' on \(key.date); give it one",
            row.kr.line, row.kr.column)
          rowsAreRight = false
          continue
        }
        let single = CheckinDraft(
          team: key.team, cycle: teamQuarter.cycle.label, date: key.date, by: by, entries: [row.entry])
        if case .failure(let problems) = single.validated(against: teamQuarter) {
          for message in problems.messages { problem(message, row.kr.line, row.kr.column) }
          rowsAreRight = false
        }
      }
      let draft = CheckinDraft(
        team: key.team, cycle: teamQuarter.cycle.label, date: key.date, by: by, entries: group.map(\.entry))
      if rowsAreRight, case .success(let checkin) = draft.validated(against: teamQuarter) {
        do {
          // A value the log cannot keep exactly is refused now, not after other teams were written.
          _ = try CheckinLogWriter.document(for: checkin)
          batches.append(Batch(teamQuarter: teamQuarter, checkin: checkin))
        } catch {
          problem(error.description, teamField.line, teamField.column)
        }
      }
    }
    if !diagnostics.isEmpty { batches = [] }
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
