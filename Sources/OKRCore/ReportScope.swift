/// What a command is about: one cycle, some teams, one day.
///
/// Every command that reads or writes a cycle (the reports, `okr checkin`,
/// `okr checkin record`) asks ``Repository/scope(quarter:teams:day:)``, so a
/// check-in always lands in the cycle the reports show for the same day.
public struct ReportScope: Sendable, Equatable {
  /// The cycle's label: `2026-Q3`, or a custom cycle's.
  public var cycle: String
  /// The teams asked for; empty means all.
  public var teams: [String]
  /// The as-of day.
  public var day: CalendarDate
}

/// Why a scope cannot be formed; each is a usage problem.
public enum ScopeError: Error, Equatable, CustomStringConvertible {
  /// The repository has no quarter files at all.
  case noQuarterFiles
  /// The cycle asked for has no quarter files.
  case unknownCycle(String, known: [String])
  /// A team asked for has no quarter file in the cycle.
  case unknownTeam(String, cycle: String, known: [String])

  /// The message, without any command-line words (the executable adds those).
  public var description: String {
    switch self {
    case .noQuarterFiles:
      return "no quarter files found"
    case .unknownCycle(let cycle, let known):
      return
        "no quarter files for '\(cycle)'\(Suggestion.hint(for: cycle, in: known)) (quarters: \(Self.listed(known)))"
    case .unknownTeam(let team, let cycle, let known):
      let teams = known.isEmpty ? "" : " (teams: \(Self.listed(known)))"
      return "no team '\(team)' has a quarter file for \(cycle)\(Suggestion.hint(for: team, in: known))\(teams)"
    }
  }

  /// The most names a message lists; an organisation of hundreds of teams gets the first and a count.
  static let listedNames = 12

  /// `names` joined for a message: all of them, or the first ``listedNames`` and how many more.
  static func listed(_ names: [String]) -> String {
    guard names.count > listedNames else { return names.joined(separator: ", ") }
    return names.prefix(listedNames).joined(separator: ", ") + " and \(names.count - listedNames) more"
  }
}

extension Repository {
  /// The one rule for which cycle and teams a command means.
  ///
  /// The cycle is the one named; else the calendar quarter containing `day`
  /// when the repository has it; else the newest custom cycle containing
  /// `day`; else the newest cycle. Each team named must have a quarter file in
  /// that cycle.
  ///
  /// - Parameters:
  ///   - quarter: The cycle named, if any.
  ///   - teams: The teams named (empty: all).
  ///   - day: The as-of day.
  /// - Returns: The scope, or why there is none.
  public func scope(quarter: String?, teams: [String], day: CalendarDate) -> Result<ReportScope, ScopeError> {
    let labels = cycleLabels
    guard !labels.isEmpty else { return .failure(.noQuarterFiles) }
    let cycle: String
    if let quarter {
      guard labels.contains(quarter) else { return .failure(.unknownCycle(quarter, known: labels)) }
      cycle = quarter
    } else {
      cycle = defaultCycle(containing: day) ?? labels.last!
    }
    let known = self.teams(in: cycle)
    for team in teams where !known.contains(team) {
      return .failure(.unknownTeam(team, cycle: cycle, known: known))
    }
    return .success(ReportScope(cycle: cycle, teams: teams, day: day))
  }
}

extension Repository {
  /// The labels of the cycles that have quarter files, oldest first.
  public var cycleLabels: [String] {
    var seen: [String: Period] = [:]
    for cycle in allCycles where seen[cycle.label] == nil {
      seen[cycle.label] = cycle.period
    }
    return seen.sorted { ($0.value.start, $0.key) < ($1.value.start, $1.key) }.map(\.key)
  }

  /// A cycle's dates as its quarter files give them (`period:` included), or
  /// `nil` when no quarter file names it: the one answer to "when does this
  /// cycle run" for every command (a report, the `--quarters` trend,
  /// `okr init --from`).
  public func cycle(named label: String) -> Cycle? {
    allCycles.first { $0.label == label }
  }

  /// The cycle of every quarter file read, decoded or not.
  private var allCycles: [Cycle] { teamQuarters.map(\.cycle) + otherCycles }

  /// The cycle a report is for when none is named: the one containing `day`,
  /// else the newest that has quarter files.
  public func defaultCycle(containing day: CalendarDate) -> String? {
    let containing = Set(allCycles.filter { $0.period.contains(day) }.map(\.label))
    // The calendar quarter first (the default the command line promises); then the newest custom cycle.
    let quarter = Quarter(containing: day).description
    if containing.contains(quarter) { return quarter }
    if let label = cycleLabels.last(where: containing.contains) { return label }
    return cycleLabels.last
  }

  /// The team slugs that have a quarter file for `cycle`, sorted.
  public func teams(in cycle: String) -> [String] {
    teamQuarters.filter { $0.cycle.label == cycle }.map(\.slug).sorted()
  }
}
