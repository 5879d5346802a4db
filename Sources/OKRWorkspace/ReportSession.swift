import OKRCore
import OKRFiles
import OKRReports

/// One cycle of the repository, loaded free of errors and scoped for a report.
///
/// It holds what every report command needs and answers each question from
/// one home: the score card, the status with its alerts, the definition
/// changes from git (dated by ``GitHistory``), the timeline, the tree and
/// the plan.
public struct ReportSession: Sendable {
  /// The workspace it was opened in.
  public let workspace: Workspace
  /// The loaded repository, free of errors, with the key results deleted
  /// mid-quarter put back as dropped (what every report scores).
  public let repository: Repository
  /// The repository as its files are on disk: what git's versions are compared with.
  let onDisk: Repository
  /// The cycle the report is about.
  public let cycle: String
  /// The teams asked for (empty: all).
  public let teams: [String]
}

extension Workspace {
  /// Loads the repository for a report, refuses broken files, and scopes the cycle and teams.
  ///
  /// The cycle is the one named, or else the one containing `day` (the
  /// calendar quarter's when it has files, else a custom cycle's).
  public func openReport(quarter: String?, teams: [String], day: CalendarDate) throws(WorkspaceFailure)
    -> ReportSession
  {
    let wanted = quarter ?? Quarter(containing: day).description
    var loaded = loader.load(root: root, onlyCycle: wanted)
    if quarter == nil, let chosen = loaded.repository.defaultCycle(containing: day), chosen != wanted {
      // A custom cycle, or no quarter file for the day's quarter: read again for the cycle that is the default.
      loaded = loader.load(root: root, onlyCycle: chosen)
    }
    try DiagnosticGate.check(loaded, for: .report)
    switch loaded.repository.scope(quarter: quarter, teams: teams, day: day) {
    case .success(let scope):
      var repository = loaded.repository
      let orphans = repository.orphanedCheckinReferences(in: scope.cycle, teams: scope.teams)
      if !orphans.isEmpty {
        repository = restoringDeletedKeyResults(orphans, in: scope.cycle, of: repository, day: day)
      }
      return ReportSession(
        workspace: self, repository: repository, onDisk: loaded.repository, cycle: scope.cycle, teams: scope.teams)
    case .failure(let problem):
      throw usage(problem)
    }
  }

  /// The repository with the key results deleted mid-quarter whose check-ins
  /// remain put back from git, dropped on the day they were deleted.
  ///
  /// Only a report whose check-ins name a key result the files lack reads
  /// the history. Outside git, or when it cannot be read, the repository is
  /// unchanged: those check-ins stay lint's `checkin-missing-kr` warnings.
  func restoringDeletedKeyResults(
    _ orphans: Set<ModelDiff.KeyResultKey>, in cycle: String, of repository: Repository, day: CalendarDate
  ) -> Repository {
    guard case .success(let history) = GitHistory.open(root: root),
      let deleted = try? history.deletedKeyResults(in: cycle, workingTree: repository, loader: loader, today: day)
    else { return repository }
    return repository.restoring(deleted, only: orphans)
  }
}

extension ReportSession {
  /// The score card of the session's cycle and teams as of a day.
  ///
  /// The session's cycle has quarter files (its scope was formed from them),
  /// so no card would be okr's own fault; even then it is said, not a silent exit 1.
  public func scoreCard(
    asOf day: CalendarDate, history: CheckinHistory? = nil, repository marked: Repository? = nil
  ) throws(WorkspaceFailure) -> ScoreCard {
    let repository = marked ?? self.repository
    guard let card = ScoreCard(repository: repository, cycle: cycle, asOf: day, teams: teams, history: history) else {
      throw .problems(
        ["internal error: \(cycle) has no quarter files to score; please report this"], outcome: "", exitCode: 1)
    }
    return card
  }

  /// The score report as of a day.
  public func scoreReport(asOf day: CalendarDate) throws(WorkspaceFailure) -> ScoreReport {
    ScoreReport(try scoreCard(asOf: day), organization: repository.config.organization)
  }

  /// The status of the session's cycle and teams as of a day, alerts included.
  ///
  /// When git could not read a version the moved_goalposts rule needs, the
  /// report says the rule could not be checked (``StatusReport/unchecked``)
  /// and the notices carry the `io` problem (exit 74 after the report).
  public func statusReport(asOf day: CalendarDate) throws(WorkspaceFailure) -> (StatusReport, WorkspaceNotices) {
    let history = CheckinHistory(repository, cycle: cycle)
    var read = checksMovedGoalposts ? definitionChanges(asOf: day, onlyDefinitions: true) : DefinitionChanges()
    // Outside git, a rule okr.yaml did not ask for is skipped without a word on every run; a shallow
    // clone, or a rule asked for by name, is still said.
    if read.isOutsideGit, !repository.config.alerts.contains(where: { $0.kind == .movedGoalposts }) {
      read.notices.warnings = []
    }
    return (try status(asOf: day, history: history, read: read).report, read.notices)
  }

  /// The week in one message, the seven days ending on the day: each team's score now and
  /// seven days earlier, who has not checked in, what moved, the alerts `okr alerts` gives,
  /// and the window's changes from git.
  ///
  /// The earlier score is against the definitions in force that day, as `okr history` scores
  /// it (``DefinitionsInForce``). Git is read once, for the changes, those definitions and
  /// (when the rule is on) moved_goalposts. Without history the digest says so and a warning
  /// says why; it is never an error.
  public func digestReport(asOf day: CalendarDate) throws(WorkspaceFailure) -> (DigestReport, WorkspaceNotices) {
    let history = CheckinHistory(repository, cycle: cycle)
    let checks = checksMovedGoalposts
    let purpose = "definition changes are not shown" + (checks ? " and moved_goalposts is skipped" : "")
    let read = definitionChanges(asOf: day, purpose: purpose, onlyDefinitions: true)
    let (status, card) = try status(asOf: day, history: history, read: checks ? read : DefinitionChanges())
    let lastWeek = day.adding(days: -7)
    var previous: ScoreCard?
    if lastWeek >= card.cycle.period.start {
      let defined = repository.asDefined(on: lastWeek, changes: read.changes ?? [])
      previous = try scoreCard(asOf: lastWeek, history: history, repository: defined)
    }
    let digest = DigestReport(status: status, card: card, previous: previous, history: history, changes: read.changes)
    return (digest, read.notices)
  }

  /// Whether the alert rules in force include moved_goalposts, which needs git.
  private var checksMovedGoalposts: Bool {
    AlertEvaluator(config: repository.config).rules.contains { $0.kind == .movedGoalposts }
  }

  /// The status as of a day from changes already read, and the score card it was made from.
  private func status(asOf day: CalendarDate, history: CheckinHistory, read: DefinitionChanges)
    throws(WorkspaceFailure) -> (report: StatusReport, card: ScoreCard)
  {
    // Key results added mid-quarter are expected to progress from the day they were added.
    let marked = repository.markingAdditions(from: read.changes ?? [])
    let card = try scoreCard(asOf: day, history: history, repository: marked)
    let alerts = AlertEvaluator(config: repository.config).evaluate(
      repository: repository, card: card, history: history, changes: read.changes)
    var status = StatusReport(
      card: card, history: history, alerts: alerts, organization: repository.config.organization,
      changes: read.changes)
    if let unreadable = read.notices.problems.first {
      status.unchecked = [UncheckedRule(rule: .movedGoalposts, reason: unreadable.message)]
    }
    return (status, card)
  }

  /// Each key result's quarter as a timeline, as of a day.
  ///
  /// - Throws: A usage failure when `keyResult` names no key result of the cycle.
  public func historyReport(asOf day: CalendarDate, keyResult: String?) throws(WorkspaceFailure)
    -> (HistoryReport, WorkspaceNotices)
  {
    let history = CheckinHistory(repository, cycle: cycle)
    let card = try scoreCard(asOf: day, history: history)
    let read = definitionChanges(asOf: day, purpose: "definition changes are not shown")
    let timeline = HistoryReport(
      card: card, history: history, changes: read.changes, keyResult: keyResult,
      organization: repository.config.organization)
    if let keyResult, timeline.keyResults.isEmpty {
      let known = repository.teamQuarters.filter {
        $0.cycle.label == cycle && (teams.isEmpty || teams.contains($0.slug))
      }
      .flatMap(\.keyResultReferences)
      throw .usage("no key result '\(keyResult)' in \(cycle)\(Suggestion.referenceHint(for: keyResult, in: known))")
    }
    return (timeline, read.notices)
  }

  /// Teams under their parents, objectives and their aligns_to links.
  public func treeReport() -> TreeReport {
    TreeReport(
      AlignmentTree(repository: repository, cycle: cycle, teams: teams), organization: repository.config.organization)
  }

  /// The quarter plan of the session's teams, one sprint or all.
  public func planReport(asOf day: CalendarDate, sprint: Int?) throws(WorkspaceFailure) -> PlanReport {
    let teamQuarters = repository.teamQuarters.filter { $0.cycle.label == cycle }
    let bySlug = Dictionary(teamQuarters.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    let plans = TeamOrder(teamQuarters, selected: teams).entries.compactMap { entry in
      bySlug[entry.slug].map { TeamPlan($0, in: repository) }
    }
    guard let period = teamQuarters.first?.cycle else { throw .usage("no quarter files for \(cycle)") }
    if let sprint, let most = plans.map(\.sprints.count).max(), sprint > most {
      throw .usage("'--sprint \(sprint)': \(cycle) has \(Format.count(most, "sprint"))")
    }
    return PlanReport(
      plans: plans, cycle: period, asOf: day, sprint: sprint, organization: repository.config.organization)
  }

  /// What reading the cycle's definition changes from git gave.
  struct DefinitionChanges {
    /// The changes; `nil` when there is no history to read, or it could not be read.
    var changes: [DatedChange]?
    /// Why there are none: a warning, or a version git could not read (an `io` problem).
    var notices = WorkspaceNotices()
    /// There is no history because there is no git or no repository (not a shallow clone, not an error).
    var isOutsideGit = false
  }

  /// The cycle's definition changes from git.
  ///
  /// Without history (no git, not a repository, a shallow clone) the changes
  /// are `nil` with a warning: the moved_goalposts rule is then skipped,
  /// never silently. A version git cannot read is an `io` problem naming the
  /// file and commit.
  ///
  /// - Parameter onlyDefinitions: Only definition changes are wanted (the
  ///   alerts and the charts), not objectives and key results added or removed.
  func definitionChanges(
    asOf day: CalendarDate, purpose: String = "moved_goalposts is skipped", onlyDefinitions: Bool = false
  ) -> DefinitionChanges {
    var read = DefinitionChanges()
    switch GitHistory.open(root: workspace.root) {
    case .success(let history):
      do {
        read.changes = try history.changes(
          in: cycle, workingTree: onDisk, loader: workspace.loader, today: day,
          onlyDefinitionChanges: onlyDefinitions)
      } catch {
        guard let path = error.path else {
          read.notices.warnings.append("\(purpose): \(error)")
          return read
        }
        let location = SourceLocation(path: path, line: 0, column: 0)
        read.notices.problems.append(Diagnostic.error(error.message + "; \(purpose)", rule: .io, at: location))
      }
    case .failure(let why):
      read.notices.warnings.append("\(purpose): \(why)")
      switch why {
      case .noGit, .notARepository: read.isOutsideGit = true
      case .shallow, .noCommits: break
      }
    }
    return read
  }
}
