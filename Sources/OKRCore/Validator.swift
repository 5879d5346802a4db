/// Checks what no single file can: references between files, duplicate ids,
/// parent cycles, check-ins against the key results they name, and the
/// practices that make OKRs work (focus, SMART micro-goals, real sprints).
///
/// Pure: it reads a ``Repository`` and returns diagnostics, in no particular
/// order; callers sort them.
public struct Validator: Sendable {
  /// The most objectives per file, and key results per objective, before a focus warning.
  public static let focusLimit = 5
  /// The longest a micro-goal may be estimated at.
  public static let longestMicroGoal = Effort(minutes: 120)

  private let repository: Repository
  private let teams: [TeamKey: TeamQuarter]
  /// Each cycle's team slugs, in file order, for "did you mean" hints.
  private let slugs: [String: [String]]

  private struct TeamKey: Hashable {
    var cycle: String
    var team: String
  }

  /// Prepares to validate `repository`.
  public init(_ repository: Repository) {
    self.repository = repository
    var teams: [TeamKey: TeamQuarter] = [:]
    var slugs: [String: [String]] = [:]
    for teamQuarter in repository.teamQuarters {
      let key = TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      if teams[key] == nil { teams[key] = teamQuarter }
      slugs[key.cycle, default: []].append(key.team)
    }
    self.teams = teams
    self.slugs = slugs
  }

  /// Every problem found.
  public func validate() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    diagnostics += duplicateTeams()
    // Each file's own checks are independent: they run on all cores and are
    // merged in file order.
    // Each file lists at most DiagnosticLimit.perRule problems of a rule.
    let perTeam = repository.teamQuarters.concurrentMap { teamQuarter in
      DiagnosticLimit.applied(
        to: structure(of: teamQuarter) + references(of: teamQuarter) + sprints(of: teamQuarter))
    }
    diagnostics += perTeam.joined()
    diagnostics += parentChains()
    let perLog = repository.checkinLogs.concurrentMap { log in
      DiagnosticLimit.applied(to: log.checkins.flatMap { validate($0) })
    }
    diagnostics += perLog.joined()
    return diagnostics
  }

  // MARK: Files

  private func duplicateTeams() -> [Diagnostic] {
    var firstFile: [TeamKey: TeamQuarter] = [:]
    var periods: [String: TeamQuarter] = [:]
    var diagnostics: [Diagnostic] = []
    for teamQuarter in repository.teamQuarters {
      let label = teamQuarter.cycle.label
      if let other = periods[label], other.cycle.period != teamQuarter.cycle.period {
        diagnostics.append(
          .error(
            "\(label) is \(teamQuarter.cycle.period) here but \(other.cycle.period) for team '\(other.slug)'; one quarter must mean one period",
            rule: .invalidValue, at: teamQuarter.location))
      } else if periods[label] == nil {
        periods[label] = teamQuarter
      }
      let key = TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      if let first = firstFile[key] {
        diagnostics.append(
          .error(
            "team '\(key.team)' already has a quarter file for \(key.cycle) (\(first.team.location.path.split(separator: "/").last ?? ""), line \(first.team.location.line))",
            rule: .duplicateID, at: teamQuarter.team.location))
      } else {
        firstFile[key] = teamQuarter
      }
    }
    return diagnostics
  }

  private func structure(of teamQuarter: TeamQuarter) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let objectives = teamQuarter.objectives
    if objectives.count > Self.focusLimit {
      diagnostics.append(
        .warning(
          "\(objectives.count) objectives in one quarter; focus on at most \(Self.focusLimit)", rule: .focus,
          at: objectives[Self.focusLimit].location))
    }
    diagnostics += duplicates(objectives.map(\.id), what: "objective")
    for objective in objectives {
      let keyResults = objective.keyResults
      if keyResults.isEmpty {
        diagnostics.append(
          .warning(
            "objective '\(objective.id.value)' has no key results: nothing will tell whether it was achieved",
            rule: .emptyObjective, at: objective.location))
      }
      if keyResults.count > Self.focusLimit {
        diagnostics.append(
          .warning(
            "objective '\(objective.id.value)' has \(keyResults.count) key results; focus on at most \(Self.focusLimit)",
            rule: .focus, at: keyResults[Self.focusLimit].location))
      }
      diagnostics += duplicates(keyResults.map(\.id), what: "key result", in: "objective '\(objective.id.value)'")
    }
    return diagnostics
  }

  private func duplicates(_ ids: [Located<String>], what: String, in scope: String? = nil) -> [Diagnostic] {
    var first: [String: Located<String>] = [:]
    var diagnostics: [Diagnostic] = []
    for id in ids {
      if let earlier = first[id.value] {
        diagnostics.append(
          .error(
            "duplicate \(what) id '\(id.value)'\(scope.map { " in \($0)" } ?? ""); it is already used at line \(earlier.location.line)",
            rule: .duplicateID, at: id.location))
      } else {
        first[id.value] = id
      }
    }
    return diagnostics
  }

  // MARK: References

  private func references(of teamQuarter: TeamQuarter) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let cycle = teamQuarter.cycle.label
    if let parent = teamQuarter.parent, teams[TeamKey(cycle: cycle, team: parent.value)] == nil {
      diagnostics.append(
        .error(
          "parent team '\(parent.value)' has no quarter file for \(cycle)\(Suggestion.hint(for: parent.value, in: teamSlugs(in: cycle)))",
          rule: .unresolvedReference, at: parent.location))
    }
    for objective in teamQuarter.objectives {
      guard let alignsTo = objective.alignsTo else { continue }
      let reference = alignsTo.value
      guard let target = teams[TeamKey(cycle: cycle, team: reference.team)] else {
        diagnostics.append(
          .error(
            "'aligns_to' names team '\(reference.team)', which has no quarter file for \(cycle)\(Suggestion.hint(for: reference.team, in: teamSlugs(in: cycle)))",
            rule: .unresolvedReference, at: alignsTo.location))
        continue
      }
      let ids = target.objectives.map(\.id.value)
      if !ids.contains(reference.objective) {
        diagnostics.append(
          .error(
            "'aligns_to' names objective '\(reference.objective)', which team '\(reference.team)' does not have\(Suggestion.hint(for: reference.objective, in: ids))",
            rule: .unresolvedReference, at: alignsTo.location))
      }
    }
    for microGoal in teamQuarter.microGoals {
      guard let reference = microGoal.keyResult, teamQuarter.keyResult(reference.value) == nil else { continue }
      diagnostics.append(
        .error(
          "'kr' names key result '\(reference.value)', which this quarter file does not have\(Suggestion.hint(for: reference.value.description, in: keyResultNames(of: teamQuarter)))",
          rule: .unresolvedReference, at: reference.location))
    }
    return diagnostics
  }

  /// Listed once in `init`: filtering every team for each unresolved name was quadratic.
  private func teamSlugs(in cycle: String) -> [String] {
    slugs[cycle] ?? []
  }

  private func keyResultNames(of teamQuarter: TeamQuarter) -> [String] {
    teamQuarter.objectives.flatMap { objective in
      objective.keyResults.map { "\(objective.id.value)/\($0.id.value)" }
    }
  }

  /// The longest loop shown in full in a `parent-cycle` message; a longer one is cut.
  static let longestLoopShown = 8
  /// The most levels of parent teams above a team.
  ///
  /// Real organisations nest a handful of levels. The bound keeps every
  /// report's walk of the tree (roll-ups, the tree's indentation) small: a
  /// chain of 20,000 teams overflowed the stack and indented quadratically.
  public static let deepestParentChain = 32

  /// Teams whose `parent:` chain comes back to them, each reported at its
  /// `parent:` with the loop as seen from it, and teams with more than
  /// ``deepestParentChain`` levels of parents above them.
  ///
  /// Each team has at most one parent, so the teams of a cycle form chains
  /// that end at a top team or run into one loop. One walk colours every team
  /// once (unseen, on the current walk, finished) and gives each its depth
  /// from where the walk stopped, so the check is linear in the number of
  /// teams; the old walk from every team, which searched the chain at every
  /// step, took 46 s at 4,000 teams.
  private func parentChains() -> [Diagnostic] {
    enum State {
      case onWalk(Int)
      case finished
    }
    struct Depth {
      /// Levels of parents above the team.
      var levels: Int
      /// The team at the top of its chain.
      var top: String
    }
    var states: [TeamKey: State] = [:]
    // Teams on or under a loop have no depth.
    var depths: [TeamKey: Depth] = [:]
    var loops: [[String]] = []
    var memberOf: [TeamKey: (loop: Int, position: Int)] = [:]
    var diagnostics: [Diagnostic] = []
    for teamQuarter in repository.teamQuarters {
      let cycle = teamQuarter.cycle.label
      var key = TeamKey(cycle: cycle, team: teamQuarter.slug)
      var walk: [String] = []
      var reachedTop = false
      while states[key] == nil, let team = teams[key] {
        states[key] = .onWalk(walk.count)
        walk.append(key.team)
        // A missing parent is an unresolved reference; the team counts as a top team.
        guard let parent = team.parent?.value, teams[TeamKey(cycle: cycle, team: parent)] != nil else {
          reachedTop = true
          break
        }
        key = TeamKey(cycle: cycle, team: parent)
      }
      guard let last = walk.last else { continue }
      // Where the walk stopped gives the depth of the last team walked.
      var parentDepth: Depth?
      var unassigned = walk.count
      switch states[key] {
      case .onWalk(let start)? where !reachedTop:
        let loop = Array(walk[start...])
        for (position, slug) in loop.enumerated() {
          memberOf[TeamKey(cycle: cycle, team: slug)] = (loops.count, position)
        }
        loops.append(loop)
        unassigned = 0
      case .finished?:
        parentDepth = depths[key]
        if parentDepth == nil { unassigned = 0 }
      default:
        // The last team walked is a top team.
        let top = Depth(levels: 0, top: last)
        depths[TeamKey(cycle: cycle, team: last)] = top
        parentDepth = top
        unassigned -= 1
      }
      for slug in walk[..<unassigned].reversed() {
        guard let above = parentDepth else { break }
        let depth = Depth(levels: above.levels + 1, top: above.top)
        let teamKey = TeamKey(cycle: cycle, team: slug)
        depths[teamKey] = depth
        parentDepth = depth
        if depth.levels == Self.deepestParentChain + 1, let parent = teams[teamKey]?.parent {
          diagnostics.append(
            .error(
              "team '\(slug)' has \(depth.levels) levels of parent teams above it, up to '\(depth.top)'; at most \(Self.deepestParentChain) are allowed",
              rule: .parentDepth, at: parent.location))
        }
      }
      for slug in walk { states[TeamKey(cycle: cycle, team: slug)] = .finished }
    }
    for teamQuarter in repository.teamQuarters {
      let key = TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      // A second quarter file for the same team is a duplicate-id error, not a loop.
      guard let parent = teamQuarter.parent, let (index, position) = memberOf[key],
        teams[key]?.location == teamQuarter.location
      else { continue }
      let loop = loops[index]
      // The loop from this team back to it; a long one is cut, so that n teams
      // on a loop make n short messages, not n² names.
      let shown: [String]
      if loop.count <= Self.longestLoopShown {
        shown = (0...loop.count).map { loop[(position + $0) % loop.count] }
      } else {
        shown =
          (0..<Self.longestLoopShown / 2).map { loop[(position + $0) % loop.count] }
          + ["… (\(loop.count) teams in the loop)", teamQuarter.slug]
      }
      diagnostics.append(
        .error(
          "team '\(teamQuarter.slug)' is its own ancestor: \(shown.joined(separator: " -> "))", rule: .parentCycle,
          at: parent.location))
    }
    return diagnostics
  }

  // MARK: Sprints and micro-goals

  private func sprints(of teamQuarter: TeamQuarter) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let cadence = repository.cadence(of: teamQuarter)
    if let first = teamQuarter.cadence.firstSprint {
      let period = teamQuarter.cycle.period
      let length = (cadence.sprintLength ?? Cadence.defaultSprintLength).days
      // Sprint 1 may start up to one sprint before the cycle, never after its end.
      if first.value > period.end || first.value.adding(days: length) <= period.start {
        diagnostics.append(
          .error(
            "'first_sprint' \(first.value) is outside \(teamQuarter.cycle.label) (\(period.start) to \(period.end))",
            rule: .invalidValue, at: first.location))
        return diagnostics
      }
    }
    let calendar = repository.sprintCalendar(of: teamQuarter)
    func checkSprintExists(_ sprint: Located<Int>) -> Sprint? {
      if let found = calendar.sprint(sprint.value) { return found }
      diagnostics.append(
        .warning(
          "sprint \(sprint.value) does not exist: \(teamQuarter.cycle.label) has \(calendar.sprints.count) sprint\(calendar.sprints.count == 1 ? "" : "s")",
          rule: .unknownSprint, at: sprint.location))
      return nil
    }
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        for sprintGoal in keyResult.sprintGoals {
          let sprint = checkSprintExists(sprintGoal.sprint)
          for microGoal in sprintGoal.microGoals {
            diagnostics += smart(microGoal, sprint: sprint, in: teamQuarter)
          }
        }
      }
    }
    for microGoal in teamQuarter.microGoals {
      let sprint = microGoal.sprint.flatMap(checkSprintExists)
      diagnostics += smart(microGoal, sprint: sprint, in: teamQuarter)
    }
    return diagnostics
  }

  /// SMART checks: specific (done_when), measurable and time-bound (due, in
  /// its sprint), assigned (owner), small (estimated, at most two hours).
  private func smart(_ microGoal: MicroGoal, sprint: Sprint?, in teamQuarter: TeamQuarter) -> [Diagnostic] {
    guard microGoal.status != .dropped else { return [] }
    var diagnostics: [Diagnostic] = []
    let name = "micro-goal '\(microGoal.title)'"
    if microGoal.owner == nil {
      diagnostics.append(.warning("\(name) has no owner", rule: .smartOwner, at: microGoal.location))
    }
    if let due = microGoal.due {
      if let sprint, !sprint.period.contains(due.value) {
        diagnostics.append(
          .warning(
            "\(name) is due \(due.value), outside its sprint \(sprint.number) (\(sprint.period.start) to \(sprint.period.end))",
            rule: .smartDue, at: due.location))
      } else if sprint == nil, !teamQuarter.cycle.period.contains(due.value) {
        let period = teamQuarter.cycle.period
        diagnostics.append(
          .warning(
            "\(name) is due \(due.value), outside \(teamQuarter.cycle.label) (\(period.start) to \(period.end))",
            rule: .smartDue, at: due.location))
      }
    } else {
      diagnostics.append(.warning("\(name) has no due date", rule: .smartDue, at: microGoal.location))
    }
    if microGoal.doneWhen == nil {
      diagnostics.append(
        .warning(
          "\(name) has no 'done_when': say how anyone can tell it is done", rule: .smartDoneWhen, at: microGoal.location
        ))
    }
    if let estimate = microGoal.estimate {
      if estimate.value > Self.longestMicroGoal {
        diagnostics.append(
          .warning(
            "\(name) is estimated at \(estimate.value); split it into micro-goals of at most 2h", rule: .smartEstimate,
            at: estimate.location))
      }
    } else {
      diagnostics.append(.warning("\(name) has no estimate", rule: .smartEstimate, at: microGoal.location))
    }
    return diagnostics
  }

  // MARK: Check-ins

  private func validate(_ checkin: Checkin) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let week = checkin.week
    if let date = checkin.date, !week.value.contains(date.value) {
      diagnostics.append(
        .error(
          "date \(date.value) is not in week \(week.value) (\(week.value.monday) to \(week.value.day(.sunday)))",
          rule: .checkinWeek, at: date.location))
    }
    let cycle = checkin.cycle.value
    guard let teamQuarter = teams[TeamKey(cycle: cycle, team: checkin.team.value)] else {
      let cycles = Set(repository.teamQuarters.map(\.cycle.label))
      if cycles.contains(cycle) {
        diagnostics.append(
          .error(
            "team '\(checkin.team.value)' has no quarter file for \(cycle)\(Suggestion.hint(for: checkin.team.value, in: teamSlugs(in: cycle)))",
            rule: .unresolvedReference, at: checkin.team.location))
      } else {
        diagnostics.append(
          .error(
            "there is no quarter file for '\(cycle)'\(Suggestion.hint(for: cycle, in: cycles.sorted()))",
            rule: .unresolvedReference, at: checkin.cycle.location))
      }
      return diagnostics
    }
    let period = teamQuarter.cycle.period
    if week.value.day(.sunday) < period.start || week.value.monday > period.end {
      diagnostics.append(
        .error(
          "week \(week.value) is outside \(cycle) (\(period.start) to \(period.end))", rule: .checkinWeek,
          at: week.location))
    }
    for entry in checkin.entries {
      guard let keyResult = teamQuarter.keyResult(entry.keyResult.value) else {
        diagnostics.append(
          .error(
            "team '\(teamQuarter.slug)' has no key result '\(entry.keyResult.value)' in \(cycle)\(Suggestion.hint(for: entry.keyResult.value.description, in: keyResultNames(of: teamQuarter)))",
            rule: .unresolvedReference, at: entry.keyResult.location))
        continue
      }
      diagnostics += fit(entry, to: keyResult)
    }
    return diagnostics
  }

  /// Checks that an entry records what its key result's type measures.
  private func fit(_ entry: CheckinEntry, to keyResult: KeyResult) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let type = keyResult.measure.typeName
    func misfit(_ key: String, _ location: SourceLocation, instead: String) {
      diagnostics.append(
        .error(
          "'\(key)' does not fit \(type) key result '\(entry.keyResult.value)'; record \(instead)", rule: .checkinValue,
          at: location))
    }
    switch keyResult.measure {
    case .invalid:
      break
    case .numeric, .threshold:
      if let done = entry.done { misfit("done", done.location, instead: "its 'value'") }
      if let first = entry.milestonesDone?.first { misfit("milestones_done", first.location, instead: "its 'value'") }
    case .boolean:
      if let value = entry.value { misfit("value", value.location, instead: "'done: true' or 'done: false'") }
      if let first = entry.milestonesDone?.first {
        misfit("milestones_done", first.location, instead: "'done: true' or 'done: false'")
      }
    case .milestones(let milestones):
      if let value = entry.value { misfit("value", value.location, instead: "'milestones_done' with milestone titles") }
      if let done = entry.done { misfit("done", done.location, instead: "'milestones_done' with milestone titles") }
      let titles = milestones.map(\.title)
      for title in entry.milestonesDone ?? [] where !titles.contains(title.value) {
        diagnostics.append(
          .error(
            "key result '\(entry.keyResult.value)' has no milestone '\(title.value)'\(Suggestion.hint(for: title.value, in: titles))",
            rule: .checkinValue, at: title.location))
      }
    }
    return diagnostics
  }
}
