// Rules about meaning across files: ids that must be unique, names that must
// resolve, and the tree of parent teams.

/// `duplicate-id`: two objectives, key results or quarter files with the same id.
public struct DuplicateIDRule: LintRule {
  public var id: Rule { .duplicateID }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "two objectives in a file, or two KRs in an objective, with the same id; two quarter files for the same team and cycle"
  }

  /// A second quarter file for a team and cycle.
  public func check(repository context: LintContext) -> [Diagnostic] {
    var firstFile: [LintContext.TeamKey: TeamQuarter] = [:]
    var diagnostics: [Diagnostic] = []
    for teamQuarter in context.repository.teamQuarters {
      let key = LintContext.key(of: teamQuarter)
      if let first = firstFile[key] {
        diagnostics.append(
          diagnostic(
            "team '\(Validator.cut(key.team))' already has a quarter file for \(key.cycle) (\(first.team.location.path.split(separator: "/").last ?? ""), line \(first.team.location.line))",
            at: teamQuarter.team.location))
      } else {
        firstFile[key] = teamQuarter
      }
    }
    return diagnostics
  }

  /// Objectives of a file, and key results of an objective, that repeat an id.
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    var findings = duplicates(teamQuarter.objectives.map(\.id), what: "objective")
    for objective in teamQuarter.objectives {
      findings += duplicates(
        objective.keyResults.map(\.id), what: "key result", in: "objective '\(Validator.cut(objective.id.value))'")
    }
    return findings
  }

  private func duplicates(_ ids: [Located<String>], what: String, in scope: String? = nil) -> [LintFinding] {
    var first: [String: Located<String>] = [:]
    var findings: [LintFinding] = []
    for id in ids {
      if let earlier = first[id.value] {
        findings.append(
          finding(
            "duplicate \(what) id '\(Validator.cut(id.value))'\(scope.map { " in \($0)" } ?? ""); it is already used at line \(earlier.location.line)",
            at: id.location))
      } else {
        first[id.value] = id
      }
    }
    return findings
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "KR1 twice in O1",
        [.growth(more: "      - id: KR1\n        title: Revenue\n        baseline: 0\n        target: 5\n")],
        at: LintExample.File.quarterPath, 11, 13, "duplicate key result id 'KR1' in objective 'O1'"),
      .fires(
        "two quarter files for team growth in 2026-Q1",
        [.growth(), LintExample.File("okrs/2026-Q1/growth2.yaml", LintExample.File.growth().text)],
        at: "okrs/2026-Q1/growth2.yaml", 2, 7,
        "team 'growth' already has a quarter file for 2026-Q1 (growth.yaml, line 2)"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "KR1 in O1 and KR1 in O2",
        [
          .growth(
            more:
              "  - id: O2\n    title: Keep\n    key_results:\n      - id: KR1\n        title: Churn\n        baseline: 5\n        target: 3\n"
          )
        ])
    ]
  }
}

/// `checkin-missing-kr`: a check-in for a key result its team's quarter file does not have.
///
/// A key result deleted mid-quarter leaves its check-ins behind, and the log
/// is append-only: they are history, so a warning, never an error, and every
/// report still runs. In git, reports list such a key result as dropped with
/// its last committed definition (``DeletedKeyResult``); outside git it is
/// not scored. A typo gets the same warning with the name meant.
public struct CheckinMissingKeyResultRule: LintRule {
  public var id: Rule { .checkinMissingKR }
  public var severity: Diagnostic.Severity { .warning }
  public var description: String {
    "a check-in names a key result its team's quarter file does not have (deleted mid-quarter, or a typo); "
      + "the check-ins stay as history"
  }

  public func check(_ resolved: ResolvedCheckin, in context: LintContext) -> [LintFinding] {
    guard let index = resolved.team else { return [] }
    let cut = Validator.cut
    return zip(resolved.checkin.entries, resolved.keyResultPositions).compactMap { entry, position in
      guard position == nil else { return nil }
      return finding(
        "team '\(cut(index.teamQuarter.slug))' has no key result '\(cut(entry.keyResult.value.description))' in "
          + "\(resolved.checkin.cycle.value); the check-in stays as history (reports list the key result as "
          + "dropped with its last score when git has its last definition, or when it is kept with "
          + "'dropped: {on: YYYY-MM-DD}')",
        at: entry.keyResult.location, hint: (entry.keyResult.value.description, index.keyResultNames))
    }
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a check-in for a key result the team does not have; the hint finds the one meant",
        [.growth(), .checkin("  O1/KR2: {value: 10}\n")],
        at: LintExample.File.checkinsPath, 5, 3, "has no key result 'O1/KR2' in 2026-Q1; the check-in stays as history"
      )
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("a check-in for a key result the team has", [.growth(), .checkin("  O1/KR1: {value: 10}\n")])]
  }
}

/// `unresolved-reference`: a name that names nothing.
public struct UnresolvedReferenceRule: LintRule {
  public var id: Rule { .unresolvedReference }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "`parent`, `aligns_to`, `kr`, or a check-in's team or cycle names nothing; a `source:` names a file that is "
      + "missing or outside the repository, or a program path that leads outside it"
  }

  /// A quarter file's `parent`, `aligns_to` and micro-goal `kr` references.
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    let cycle = teamQuarter.cycle.label
    let cut = Validator.cut
    // A file that does not parse may be the missing team's: its own error comes alone.
    let teamsMayBeUnread = !context.repository.undecodedFiles.isEmpty
    if let parent = teamQuarter.parent, context.indexes[.init(cycle: cycle, team: parent.value)] == nil,
      !teamsMayBeUnread
    {
      findings.append(
        finding(
          "parent team '\(cut(parent.value))' has no quarter file for \(cycle)", at: parent.location,
          hint: (parent.value, context.teamSlugs(in: cycle))))
    }
    for objective in teamQuarter.objectives {
      guard let alignsTo = objective.alignsTo else { continue }
      let reference = alignsTo.value
      guard let target = context.indexes[.init(cycle: cycle, team: reference.team)] else {
        if teamsMayBeUnread { continue }
        findings.append(
          finding(
            "'aligns_to' names team '\(cut(reference.team))', which has no quarter file for \(cycle)",
            at: alignsTo.location, hint: (reference.team, context.teamSlugs(in: cycle))))
        continue
      }
      if !target.objectiveIDs.contains(reference.objective) {
        findings.append(
          finding(
            "'aligns_to' names objective '\(cut(reference.objective))', which team '\(cut(reference.team))' does not have",
            at: alignsTo.location, hint: (reference.objective, target.objectiveList)))
      }
    }
    // This file's own key results: a second file for a team is not the one indexed.
    var own: LintContext.TeamIndex?
    for microGoal in teamQuarter.microGoals {
      guard let reference = microGoal.keyResult else { continue }
      if own == nil { own = LintContext.TeamIndex(teamQuarter) }
      guard own?.keyResults[reference.value] == nil else { continue }
      findings.append(
        finding(
          "'kr' names key result '\(cut(reference.value.description))', which this quarter file does not have",
          at: reference.location, hint: (reference.value.description, own?.keyResultNames ?? [])))
    }
    return findings
  }

  /// A check-in's team and cycle.
  ///
  /// While a file does not parse, a team or cycle without a quarter file may
  /// be that file's: the file's own error says what is wrong, and the ones
  /// that may only follow from it are left out.
  public func check(_ resolved: ResolvedCheckin, in context: LintContext) -> [LintFinding] {
    let cut = Validator.cut
    let checkin = resolved.checkin
    let cycle = checkin.cycle.value
    guard resolved.team != nil else {
      guard context.repository.undecodedFiles.isEmpty else { return [] }
      if context.slugs[cycle] != nil {
        return [
          finding(
            "team '\(cut(checkin.team.value))' has no quarter file for \(cycle)", at: checkin.team.location,
            hint: (checkin.team.value, context.teamSlugs(in: cycle)))
        ]
      }
      return [
        finding(
          "there is no quarter file for '\(cut(cycle))'", at: checkin.cycle.location, hint: (cycle, context.cycles))
      ]
    }
    // A key result the team no longer has is checkin-missing-kr's warning: its check-ins stay history.
    return []
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a parent team with no quarter file", [.growth(top: ["parent: company"])],
        at: LintExample.File.quarterPath, 3, 9, "parent team 'company' has no quarter file for 2026-Q1"),
      .fires(
        "`aligns_to` an objective the team does not have",
        [.growth(objective: ["aligns_to: growth/O2"])],
        at: LintExample.File.quarterPath, 6, 16, "'aligns_to' names objective 'O2', which team 'growth' does not have"),
      .fires(
        "a micro-goal's `kr` naming a key result the file does not have",
        [.microGoal(["kr": "kr: O1/KR2"])],
        at: LintExample.File.quarterPath, 17, 9, "'kr' names key result 'O1/KR2'"),
      .fires(
        "a check-in for a team with no quarter file",
        [
          .growth(),
          .checkin(team: "grwoth", "  O1/KR1: {value: 10}\n"),
        ],
        at: LintExample.File.checkinsPath, 1, 7, "team 'grwoth' has no quarter file for 2026-Q1; did you mean 'growth'?"
      ),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "a parent, an `aligns_to`, a `kr` and a check-in that all resolve",
        [
          .team("company"),
          .growth(top: ["parent: company"], objective: ["aligns_to: company/O1"]),
          .checkin("  O1/KR1: {value: 10}\n"),
        ])
    ]
  }
}

/// `parent-cycle`: teams whose `parent:` chain loops.
public struct ParentCycleRule: LintRule {
  public var id: Rule { .parentCycle }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "teams whose `parent:` chain loops" }

  /// The longest loop shown in full in a message; a longer one is cut.
  static let longestLoopShown = 8

  /// Each team on a loop, reported at its `parent:` with the loop as seen from it.
  public func check(repository context: LintContext) -> [Diagnostic] {
    let chains = context.parentChains
    var diagnostics: [Diagnostic] = []
    for teamQuarter in context.repository.teamQuarters {
      let key = LintContext.key(of: teamQuarter)
      // A second quarter file for the same team is a duplicate-id error, not a loop.
      guard let parent = teamQuarter.parent, let (index, position) = chains.memberOf[key],
        context.indexes[key]?.teamQuarter.location == teamQuarter.location
      else { continue }
      let loop = chains.loops[index]
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
        diagnostic(
          "team '\(Validator.cut(teamQuarter.slug))' is its own ancestor: \(shown.map(Validator.cut).joined(separator: " -> "))",
          at: parent.location))
    }
    return diagnostics
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a team that is its own parent", [.growth(top: ["parent: growth"])],
        at: LintExample.File.quarterPath, 3, 9, "team 'growth' is its own ancestor: growth -> growth")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "growth under company, company at the top",
        [
          .team("company"),
          .growth(top: ["parent: company"]),
        ])
    ]
  }
}

/// `parent-depth`: a team with more levels of parent teams above it than okr allows.
public struct ParentDepthRule: LintRule {
  public var id: Rule { .parentDepth }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "a team with more than \(Self.deepestParentChain) levels of parent teams above it"
  }

  /// The most levels of parent teams above a team.
  ///
  /// Real organisations nest a handful of levels. The bound keeps every
  /// report's walk of the tree (roll-ups, the tree's indentation) small: a
  /// chain of 20,000 teams overflowed the stack and indented quadratically.
  public static let deepestParentChain = 32

  /// Each team one level deeper than allowed, at its `parent:`; the teams
  /// under it are not reported again.
  public func check(repository context: LintContext) -> [Diagnostic] {
    context.parentChains.tooDeep.map {
      diagnostic(
        "team '\(Validator.cut($0.slug))' has \($0.levels) levels of parent teams above it, up to '\(Validator.cut($0.top))'; at most \(Self.deepestParentChain) are allowed",
        at: $0.parent)
    }
  }

  /// Teams `t0` (at the top) to `t<count - 1>`, each the parent of the next.
  private static func chain(of count: Int) -> [LintExample.File] {
    (0..<count).map { level in
      let team = "t\(level)"
      let parent = level == 0 ? [] : ["parent: t\(level - 1)"]
      return LintExample.File.team(team, top: parent)
    }
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a chain of 34 teams: the last has 33 levels above it", Self.chain(of: 34),
        at: "okrs/2026-Q1/t33.yaml", 3, 9, "team 't33' has 33 levels of parent teams above it, up to 't0'")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("a chain of 33 teams: the last has 32 levels above it", Self.chain(of: 33))]
  }
}
