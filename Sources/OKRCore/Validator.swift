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

  /// The most candidates compared in all the "did you mean" searches of one
  /// validation; past it, unresolved names are reported without a hint.
  ///
  /// Each search compares one name with every candidate, and candidates grow
  /// with the repository: 5,000 teams each naming a missing parent took 8 s.
  public static let hintComparisons = 200_000

  private let repository: Repository
  private let teams: [TeamKey: TeamQuarter]
  /// Each cycle's team slugs, in file order, for "did you mean" hints.
  private let slugs: [String: [String]]
  /// The objectives and key results of each team (its first quarter file), looked up by id.
  private let indexes: [TeamKey: TeamIndex]
  /// The cycles that have quarter files, sorted.
  private let cycles: [String]

  private struct TeamKey: Hashable {
    var cycle: String
    var team: String
  }

  /// A team's ids, for lookups in constant time instead of a scan per reference.
  private struct TeamIndex {
    var objectiveIDs: Set<String> = []
    /// The objective ids in file order, for hints.
    var objectiveList: [String] = []
    /// The first key result of each reference, as ``TeamQuarter/keyResult(_:)`` finds it.
    var keyResults: [KeyResultReference: KeyResult] = [:]
    /// `O1/KR1` for every key result in file order, for hints.
    var keyResultNames: [String] = []
    /// The milestone titles of each key result recorded by milestone titles, as a set and in file order.
    var milestoneTitles: [KeyResultReference: (set: Set<String>, list: [String])] = [:]

    init(_ teamQuarter: TeamQuarter) {
      var seenObjectives: Set<String> = []
      for objective in teamQuarter.objectives {
        objectiveIDs.insert(objective.id.value)
        objectiveList.append(objective.id.value)
        let isFirst = seenObjectives.insert(objective.id.value).inserted
        for keyResult in objective.keyResults {
          let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
          keyResultNames.append(reference.description)
          guard isFirst, keyResults[reference] == nil else { continue }
          keyResults[reference] = keyResult
          if case .milestoneTitles(let milestones)? = keyResult.measure.checkinInput {
            let titles = milestones.map(\.title)
            milestoneTitles[reference] = (Set(titles), titles)
          }
        }
      }
    }
  }

  /// A problem found, whose "did you mean" may still have to be searched.
  private struct Finding {
    var diagnostic: Diagnostic
    /// The name written, and the names it may have meant.
    var hint: (word: String, candidates: [String])?

    init(_ diagnostic: Diagnostic, hint: (word: String, candidates: [String])? = nil) {
      self.diagnostic = diagnostic
      self.hint = hint
    }
  }

  /// Prepares to validate `repository`.
  public init(_ repository: Repository) {
    self.repository = repository
    var teams: [TeamKey: TeamQuarter] = [:]
    var slugs: [String: [String]] = [:]
    var indexes: [TeamKey: TeamIndex] = [:]
    for teamQuarter in repository.teamQuarters {
      let key = TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      if teams[key] == nil {
        teams[key] = teamQuarter
        indexes[key] = TeamIndex(teamQuarter)
      }
      slugs[key.cycle, default: []].append(key.team)
    }
    self.teams = teams
    self.slugs = slugs
    self.indexes = indexes
    self.cycles = slugs.keys.sorted()
  }

  /// Every problem found.
  public func validate() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    diagnostics += duplicateTeams()
    // Each file's own checks are independent: they run on all cores. Then,
    // in file order, each file lists at most DiagnosticLimit.perRule problems
    // of a rule, and the hints of those listed share one budget.
    let perTeam = repository.teamQuarters.concurrentMap { teamQuarter in
      (structure(of: teamQuarter) + sprints(of: teamQuarter)).map { Finding($0) } + references(of: teamQuarter)
    }
    var budget = Self.hintComparisons
    for findings in perTeam { diagnostics += Self.listed(findings, budget: &budget) }
    diagnostics += parentChains()
    let perLog = repository.checkinLogs.concurrentMap { log in log.checkins.flatMap { validate($0) } }
    for findings in perLog { diagnostics += Self.listed(findings, budget: &budget) }
    return diagnostics
  }

  /// One file's findings as diagnostics: at most ``DiagnosticLimit/perRule``
  /// of a rule, with a hint for each while the budget lasts.
  private static func listed(_ findings: [Finding], budget: inout Int) -> [Diagnostic] {
    var limit = DiagnosticLimit()
    var diagnostics: [Diagnostic] = []
    for finding in findings where limit.admit(finding.diagnostic) {
      var diagnostic = finding.diagnostic
      if let (word, candidates) = finding.hint, candidates.count <= budget {
        budget -= candidates.count
        diagnostic.message += Suggestion.hint(for: word, in: candidates)
      }
      diagnostics.append(diagnostic)
    }
    return diagnostics + limit.summaries
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
            "\(label) is \(teamQuarter.cycle.period) here but \(other.cycle.period) for team '\(cut(other.slug))'; one quarter must mean one period",
            rule: .invalidValue, at: teamQuarter.location))
      } else if periods[label] == nil {
        periods[label] = teamQuarter
      }
      let key = TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      if let first = firstFile[key] {
        diagnostics.append(
          .error(
            "team '\(cut(key.team))' already has a quarter file for \(key.cycle) (\(first.team.location.path.split(separator: "/").last ?? ""), line \(first.team.location.line))",
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
            "objective '\(cut(objective.id.value))' has no key results: nothing will tell whether it was achieved",
            rule: .emptyObjective, at: objective.location))
      }
      if keyResults.count > Self.focusLimit {
        diagnostics.append(
          .warning(
            "objective '\(cut(objective.id.value))' has \(keyResults.count) key results; focus on at most \(Self.focusLimit)",
            rule: .focus, at: keyResults[Self.focusLimit].location))
      }
      diagnostics += duplicates(keyResults.map(\.id), what: "key result", in: "objective '\(cut(objective.id.value))'")
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
            "duplicate \(what) id '\(cut(id.value))'\(scope.map { " in \($0)" } ?? ""); it is already used at line \(earlier.location.line)",
            rule: .duplicateID, at: id.location))
      } else {
        first[id.value] = id
      }
    }
    return diagnostics
  }

  // MARK: References

  private func references(of teamQuarter: TeamQuarter) -> [Finding] {
    var findings: [Finding] = []
    let cycle = teamQuarter.cycle.label
    if let parent = teamQuarter.parent, teams[TeamKey(cycle: cycle, team: parent.value)] == nil {
      findings.append(
        Finding(
          .error(
            "parent team '\(cut(parent.value))' has no quarter file for \(cycle)", rule: .unresolvedReference,
            at: parent.location), hint: (parent.value, teamSlugs(in: cycle))))
    }
    for objective in teamQuarter.objectives {
      guard let alignsTo = objective.alignsTo else { continue }
      let reference = alignsTo.value
      guard let target = indexes[TeamKey(cycle: cycle, team: reference.team)] else {
        findings.append(
          Finding(
            .error(
              "'aligns_to' names team '\(cut(reference.team))', which has no quarter file for \(cycle)",
              rule: .unresolvedReference, at: alignsTo.location), hint: (reference.team, teamSlugs(in: cycle))))
        continue
      }
      if !target.objectiveIDs.contains(reference.objective) {
        findings.append(
          Finding(
            .error(
              "'aligns_to' names objective '\(cut(reference.objective))', which team '\(cut(reference.team))' does not have",
              rule: .unresolvedReference, at: alignsTo.location), hint: (reference.objective, target.objectiveList)))
      }
    }
    // This file's own key results: a second file for a team is not the one indexed.
    var own: TeamIndex?
    for microGoal in teamQuarter.microGoals {
      guard let reference = microGoal.keyResult else { continue }
      if own == nil { own = TeamIndex(teamQuarter) }
      guard own?.keyResults[reference.value] == nil else { continue }
      findings.append(
        Finding(
          .error(
            "'kr' names key result '\(cut(reference.value.description))', which this quarter file does not have",
            rule: .unresolvedReference, at: reference.location),
          hint: (reference.value.description, own?.keyResultNames ?? [])))
    }
    return findings
  }

  /// The longest name or title a message quotes in full.
  static let longestQuoted = 80

  /// A name or title as messages quote it: cut to ``longestQuoted`` characters
  /// with `…`, so a 1 MB title makes a line, not a megabyte, whichever check
  /// mentions it (four of them can for one micro-goal).
  private func cut(_ text: String) -> String {
    guard text.unicodeScalars.count > Self.longestQuoted else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.longestQuoted))) + "…"
  }

  /// Listed once in `init`: filtering every team for each unresolved name was quadratic.
  private func teamSlugs(in cycle: String) -> [String] {
    slugs[cycle] ?? []
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
              "team '\(cut(slug))' has \(depth.levels) levels of parent teams above it, up to '\(cut(depth.top))'; at most \(Self.deepestParentChain) are allowed",
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
          "team '\(cut(teamQuarter.slug))' is its own ancestor: \(shown.map(cut).joined(separator: " -> "))",
          rule: .parentCycle,
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
    let name = "micro-goal '\(cut(microGoal.title))'"
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

  private func validate(_ checkin: Checkin) -> [Finding] {
    var findings: [Finding] = []
    let week = checkin.week
    if let date = checkin.date, !week.value.contains(date.value) {
      findings.append(
        Finding(
          .error(
            "date \(date.value) is not in week \(week.value) (\(week.value.monday) to \(week.value.day(.sunday)))",
            rule: .checkinWeek, at: date.location)))
    }
    let cycle = checkin.cycle.value
    let key = TeamKey(cycle: cycle, team: checkin.team.value)
    guard let teamQuarter = teams[key], let index = indexes[key] else {
      if slugs[cycle] != nil {
        findings.append(
          Finding(
            .error(
              "team '\(cut(checkin.team.value))' has no quarter file for \(cycle)", rule: .unresolvedReference,
              at: checkin.team.location), hint: (checkin.team.value, teamSlugs(in: cycle))))
      } else {
        findings.append(
          Finding(
            .error(
              "there is no quarter file for '\(cut(cycle))'", rule: .unresolvedReference, at: checkin.cycle.location),
            hint: (cycle, cycles)))
      }
      return findings
    }
    let period = teamQuarter.cycle.period
    if week.value.day(.sunday) < period.start || week.value.monday > period.end {
      findings.append(
        Finding(
          .error(
            "week \(week.value) is outside \(cycle) (\(period.start) to \(period.end))", rule: .checkinWeek,
            at: week.location)))
    }
    for entry in checkin.entries {
      guard let keyResult = index.keyResults[entry.keyResult.value] else {
        findings.append(
          Finding(
            .error(
              "team '\(cut(teamQuarter.slug))' has no key result '\(cut(entry.keyResult.value.description))' in \(cycle)",
              rule: .unresolvedReference, at: entry.keyResult.location),
            hint: (entry.keyResult.value.description, index.keyResultNames)))
        continue
      }
      findings += fit(entry, to: keyResult, titles: index.milestoneTitles[entry.keyResult.value] ?? ([], []))
    }
    return findings
  }

  /// Checks that an entry records what its key result's kind takes (``KeyResultMeasure/checkinInput``).
  private func fit(
    _ entry: CheckinEntry, to keyResult: KeyResult, titles: (set: Set<String>, list: [String])
  ) -> [Finding] {
    var findings: [Finding] = []
    let type = keyResult.measure.typeName
    func misfit(_ key: String, _ location: SourceLocation, instead: String) {
      findings.append(
        Finding(
          .error(
            "'\(key)' does not fit \(type) key result '\(cut(entry.keyResult.value.description))'; record \(instead)",
            rule: .checkinValue, at: location)))
    }
    switch keyResult.measure.checkinInput {
    case nil:
      break
    case .value?:
      if let done = entry.done { misfit("done", done.location, instead: "its 'value'") }
      if let first = entry.milestonesDone?.first { misfit("milestones_done", first.location, instead: "its 'value'") }
    case .doneFlag?:
      if let value = entry.value { misfit("value", value.location, instead: "'done: true' or 'done: false'") }
      if let first = entry.milestonesDone?.first {
        misfit("milestones_done", first.location, instead: "'done: true' or 'done: false'")
      }
    case .milestoneTitles?:
      if let value = entry.value { misfit("value", value.location, instead: "'milestones_done' with milestone titles") }
      if let done = entry.done { misfit("done", done.location, instead: "'milestones_done' with milestone titles") }
      for title in entry.milestonesDone ?? [] where !titles.set.contains(title.value) {
        findings.append(
          Finding(
            .error(
              "key result '\(cut(entry.keyResult.value.description))' has no milestone '\(cut(title.value))'",
              rule: .checkinValue,
              at: title.location), hint: (title.value, titles.list)))
      }
    }
    return findings
  }
}
