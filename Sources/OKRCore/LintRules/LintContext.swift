/// What the lint rules share about one repository: its teams by cycle and
/// slug, each team's ids for lookups in constant time, and its parent chains.
///
/// Built once per validation, so that no rule scans the repository for each
/// reference it resolves.
public struct LintContext: Sendable {
  /// The repository checked.
  public let repository: Repository
  /// Each cycle's team slugs, in file order, for "did you mean" hints.
  let slugs: [String: [String]]
  /// The first quarter file of each team and cycle, with its objectives and
  /// key results indexed by id.
  let indexes: [TeamKey: TeamIndex]
  /// The cycles that have quarter files, sorted.
  let cycles: [String]
  /// Where each team's `parent:` chain leads.
  let parentChains: ParentChains

  /// A team in a cycle.
  struct TeamKey: Hashable {
    var cycle: String
    var team: String
  }

  /// Where a key result is in its quarter file: its objective's position, and its own in the objective.
  struct KeyResultPosition: Sendable {
    var objective: Int
    var keyResult: Int
  }

  /// A team's ids, for lookups in constant time instead of a scan per reference.
  struct TeamIndex: Sendable {
    /// The quarter file indexed.
    var teamQuarter: TeamQuarter
    var objectiveIDs: Set<String> = []
    /// The objective ids in file order, for hints.
    var objectiveList: [String] = []
    /// Where the first key result of each reference is, as ``TeamQuarter/keyResult(_:)`` finds it.
    var keyResults: [KeyResultReference: KeyResultPosition] = [:]
    /// `O1/KR1` for every key result in file order, for hints.
    var keyResultNames: [String] = []
    /// The milestone titles of each key result recorded by milestone titles, as a set and in file order.
    var milestoneTitles: [KeyResultReference: (set: Set<String>, list: [String])] = [:]

    init(_ teamQuarter: TeamQuarter) {
      self.teamQuarter = teamQuarter
      var seenObjectives: Set<String> = []
      for (objectiveIndex, objective) in teamQuarter.objectives.enumerated() {
        objectiveIDs.insert(objective.id.value)
        objectiveList.append(objective.id.value)
        let isFirst = seenObjectives.insert(objective.id.value).inserted
        for (keyResultIndex, keyResult) in objective.keyResults.enumerated() {
          let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
          keyResultNames.append(reference.description)
          guard isFirst, keyResults[reference] == nil else { continue }
          keyResults[reference] = KeyResultPosition(objective: objectiveIndex, keyResult: keyResultIndex)
          if case .milestoneTitles(let milestones)? = keyResult.measure.checkinInput {
            let titles = milestones.map(\.title)
            milestoneTitles[reference] = (Set(titles), titles)
          }
        }
      }
    }
  }

  /// Prepares what the rules share about `repository`.
  public init(_ repository: Repository) {
    self.repository = repository
    var slugs: [String: [String]] = [:]
    var indexes: [TeamKey: TeamIndex] = [:]
    // Each team's index on all cores; the first file of a team wins.
    let teamIndexes = repository.teamQuarters.concurrentMap(TeamIndex.init)
    for (teamQuarter, index) in zip(repository.teamQuarters, teamIndexes) {
      let key = TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
      if indexes[key] == nil { indexes[key] = index }
      slugs[key.cycle, default: []].append(key.team)
    }
    self.slugs = slugs
    self.indexes = indexes
    self.cycles = slugs.keys.sorted()
    self.parentChains = ParentChains(repository.teamQuarters, teams: indexes)
  }

  /// The team slugs of a cycle, in file order; listed once in `init`, since
  /// filtering every team for each unresolved name was quadratic.
  func teamSlugs(in cycle: String) -> [String] {
    slugs[cycle] ?? []
  }

  /// A check-in with the quarter file and key results it names, looked up once for all rules.
  func resolve(_ checkin: Checkin) -> ResolvedCheckin {
    let team = indexes[TeamKey(cycle: checkin.cycle.value, team: checkin.team.value)]
    return ResolvedCheckin(
      checkin: checkin, team: team, keyResultPositions: checkin.entries.map { team?.keyResults[$0.keyResult.value] })
  }

  /// The key of a quarter file's team.
  static func key(of teamQuarter: TeamQuarter) -> TeamKey {
    TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug)
  }

  // MARK: Sprints

  /// Whether the sprint calendar of a quarter file can be laid out.
  ///
  /// Sprint 1 may start up to one sprint before the cycle, never after its
  /// end. When it cannot, `invalid-value` says so and no sprint is checked.
  func firstSprintFits(_ teamQuarter: TeamQuarter) -> Bool {
    guard let first = teamQuarter.cadence.firstSprint else { return true }
    let period = teamQuarter.cycle.period
    let length = (repository.cadence(of: teamQuarter).sprintLength ?? Cadence.defaultSprintLength).days
    return !(first.value > period.end || first.value.adding(days: length) <= period.start)
  }

  /// Calls `body` with every micro-goal of a quarter file, in file order
  /// (those of sprint goals first, then the top-level ones), and the sprint
  /// it is planned in when the cycle has that sprint; with none when the
  /// sprint calendar cannot be laid out.
  func forEachMicroGoal(of teamQuarter: TeamQuarter, _ body: (MicroGoal, Sprint?) -> Void) {
    guard firstSprintFits(teamQuarter) else { return }
    let calendar = repository.sprintCalendar(of: teamQuarter)
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        for sprintGoal in keyResult.sprintGoals {
          let sprint = calendar.sprint(sprintGoal.sprint.value)
          for microGoal in sprintGoal.microGoals { body(microGoal, sprint) }
        }
      }
    }
    for microGoal in teamQuarter.microGoals {
      body(microGoal, microGoal.sprint.flatMap { calendar.sprint($0.value) })
    }
  }
}

/// A check-in with what it names looked up once, for every rule that checks it:
/// its team's quarter file for its cycle, and each entry's key result.
public struct ResolvedCheckin: Sendable {
  /// The check-in.
  public let checkin: Checkin
  /// The index of the first quarter file of the check-in's team and cycle, if there is one.
  let team: LintContext.TeamIndex?
  /// Where each entry's key result is in the team's quarter file, in the
  /// order of the entries; `nil` where the team has none by that name.
  let keyResultPositions: [LintContext.KeyResultPosition?]
}

/// Where each team's `parent:` chain leads: the loops among teams, and the
/// teams with more than ``ParentDepthRule/deepestParentChain`` levels of parents.
///
/// Each team has at most one parent, so the teams of a cycle form chains
/// that end at a top team or run into one loop. One walk colours every team
/// once (unseen, on the current walk, finished) and gives each its depth
/// from where the walk stopped, so the analysis is linear in the number of
/// teams; the old walk from every team, which searched the chain at every
/// step, took 46 s at 4,000 teams.
struct ParentChains: Sendable {
  /// A team too deep under its top team.
  struct TooDeep: Sendable {
    /// The team's slug.
    var slug: String
    /// Levels of parents above it.
    var levels: Int
    /// The team at the top of its chain.
    var top: String
    /// Where its `parent:` is written.
    var parent: SourceLocation
  }

  /// The loops, each as the slugs on it in parent order.
  private(set) var loops: [[String]] = []
  /// The loop each team on a loop is on, and its position there.
  private(set) var memberOf: [LintContext.TeamKey: (loop: Int, position: Int)] = [:]
  /// The teams one level deeper than allowed, in the order the walk met them.
  private(set) var tooDeep: [TooDeep] = []

  init(_ teamQuarters: [TeamQuarter], teams: [LintContext.TeamKey: LintContext.TeamIndex]) {
    typealias TeamKey = LintContext.TeamKey
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
    for teamQuarter in teamQuarters {
      let cycle = teamQuarter.cycle.label
      var key = TeamKey(cycle: cycle, team: teamQuarter.slug)
      var walk: [String] = []
      var reachedTop = false
      while states[key] == nil, let team = teams[key]?.teamQuarter {
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
        if depth.levels == ParentDepthRule.deepestParentChain + 1, let parent = teams[teamKey]?.teamQuarter.parent {
          tooDeep.append(TooDeep(slug: slug, levels: depth.levels, top: depth.top, parent: parent.location))
        }
      }
      for slug in walk { states[TeamKey(cycle: cycle, team: slug)] = .finished }
    }
  }
}
