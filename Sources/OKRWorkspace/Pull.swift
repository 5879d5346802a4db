import OKRCore
import OKRFiles
import OKRReports

extension Workspace {
  /// What a refused pull says after its problems.
  static let nothingPulled = "nothing was recorded"

  /// Reads every source of the cycle of `day` and records the values: every
  /// source read and checked first, then every team's log written, or none.
  ///
  /// - Parameters:
  ///   - teams: Only these teams' key results; every team's when empty.
  ///   - day: The check-in's date; its cycle is the one pulled.
  ///   - timeout: Seconds each command source may run.
  ///   - dryRun: Read every source, write nothing.
  ///   - passing: Variables of okr's environment a command source gets besides PATH, HOME and LANG.
  ///   - willRun: Called with the team, the key result and the argv before each command runs.
  /// - Returns: The values read and the check-ins written (or, dry, that would be).
  /// - Throws: ``WorkspaceFailure``: every source that failed, each at its `source:` in the quarter file, and
  ///   nothing written (exit 1); or what stops any recording.
  public func pullSources(
    teams: [String], day: CalendarDate, timeout: Double, dryRun: Bool, passing: [String] = [],
    willRun: (_ team: String, _ keyResult: String, _ arguments: [String]) -> Void = { _, _, _ in }
  ) throws(WorkspaceFailure) -> PullReport {
    let loaded = loader.load(root: root)
    let chosen = try pulledTeams(loaded, teams: teams, day: day)
    // Every source is read before anything is written, and every failure is told.
    let reader = SourceReader(root: root, timeout: timeout, passing: passing)
    var problems: [Diagnostic] = []
    var pulls: [TeamPull] = []
    for teamQuarter in chosen {
      let read = readSources(of: teamQuarter, day: day, with: reader, willRun: willRun)
      problems += read.problems
      guard !read.entries.isEmpty else { continue }
      switch pull(read.entries, for: teamQuarter, day: day, logs: loaded.repository.checkinLogs) {
      case .success(let pull): pulls.append(pull)
      case .failure(let found): problems += found.diagnostics
      }
    }
    guard problems.isEmpty else {
      throw .refused(
        diagnostics: problems.sortedByLocation(), fileCount: 0, preface: nil, outcome: Self.nothingPulled)
    }
    return dryRun ? report(of: pulls, recorded: nil) : try record(pulls)
  }

  /// Why a team's values cannot be one check-in.
  private struct PullProblems: Error {
    var diagnostics: [Diagnostic]
  }

  /// One team's pulled values, checked and ready to write.
  private struct TeamPull {
    var item: CheckinRecorder.Item
    /// Each value, with whether the log already has it this week.
    var values: [PullReport.Value]
  }

  /// The quarters pulled: the cycle of `day`, the teams asked for, with no errors in their own files.
  private func pulledTeams(_ loaded: LoadedRepository, teams: [String], day: CalendarDate)
    throws(WorkspaceFailure) -> [TeamQuarter]
  {
    // Pulling every team cannot skip one whose file could not be read or parsed: its sources are unknown.
    if teams.isEmpty { try DiagnosticGate.refuseUnseen(loaded, outcome: Self.nothingPulled) }
    let scope: ReportScope
    switch loaded.repository.scope(quarter: nil, teams: teams, day: day) {
    case .success(let found): scope = found
    case .failure(let problem):
      try DiagnosticGate.refuseUnseen(loaded, outcome: Self.nothingPulled)
      throw usage(problem)
    }
    let chosen = loaded.repository.teamQuarters.filter {
      $0.cycle.label == scope.cycle && (teams.isEmpty || teams.contains($0.slug))
    }
    .sorted { $0.slug < $1.slug }
    if let outside = chosen.first(where: { !$0.cycle.period.contains(day) }) {
      throw .usage(
        "\(day) is outside \(scope.cycle) (\(outside.cycle.period.start) to \(outside.cycle.period.end)); "
          + "pull with the check-in's date in --as-of")
    }
    var ownFiles = Set<String>()
    for teamQuarter in chosen {
      ownFiles.insert(teamQuarter.location.path)
      ownFiles.insert(RepositoryLayout.checkinLog(root: root, quarter: teamQuarter.cycle.label, team: teamQuarter.slug))
    }
    try DiagnosticGate.check(
      loaded, for: .ownFiles(ownFiles), fileCount: ownFiles.count,
      outcome: "fix these errors first; \(Self.nothingPulled)")
    return chosen
  }

  /// Reads each source of a team's key results in force on `day`: the entries, and each failure at its `source:`.
  private func readSources(
    of teamQuarter: TeamQuarter, day: CalendarDate, with reader: SourceReader,
    willRun: (_ team: String, _ keyResult: String, _ arguments: [String]) -> Void
  ) -> (entries: [CheckinDraft.Entry], problems: [Diagnostic]) {
    var entries: [CheckinDraft.Entry] = []
    var problems: [Diagnostic] = []
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        guard let source = keyResult.source else { continue }
        if keyResult.isDropped(asOf: day) { continue }
        let reference = "\(objective.id.value)/\(keyResult.id.value)"
        if let arguments = source.value.arguments { willRun(teamQuarter.slug, reference, arguments) }
        switch reader.read(source.value, wantsFlag: keyResult.measure.checkinInput == .doneFlag) {
        case .failure(let failure):
          problems.append(.error(failure.reason, rule: failure.rule, at: source.location))
        case .success(.number(let text)):
          entries.append(CheckinDraft.Entry(keyResult: reference, value: text))
        case .success(.done(let flag)):
          entries.append(CheckinDraft.Entry(keyResult: reference, done: [flag ? "true" : "false"]))
        }
      }
    }
    return (entries, problems)
  }

  /// A team's values as one check-in by `source`, checked as the writer will check it; or why not, at the file.
  private func pull(
    _ entries: [CheckinDraft.Entry], for teamQuarter: TeamQuarter, day: CalendarDate, logs: [CheckinLog]
  ) -> Result<TeamPull, PullProblems> {
    let draft = CheckinDraft(
      team: teamQuarter.slug, cycle: teamQuarter.cycle.label, date: day, by: KeyResultSource.recordedBy,
      entries: entries)
    let checkin: ValidCheckin
    switch draft.validated(against: teamQuarter) {
    case .failure(let problems):
      return .failure(
        PullProblems(
          diagnostics: problems.messages.map { .error($0, rule: .checkinValue, at: teamQuarter.location) }))
    case .success(let valid): checkin = valid
    }
    do {
      // A value the log cannot keep exactly is refused now, with the others.
      _ = try CheckinLogWriter.document(for: checkin)
    } catch {
      return .failure(
        PullProblems(diagnostics: [.error(error.description, rule: .checkinValue, at: teamQuarter.location)]))
    }
    let path = RepositoryLayout.checkinLog(root: root, quarter: checkin.cycle, team: checkin.team)
    let log = logs.first { $0.path == path } ?? CheckinLog(path: path, checkins: [])
    let values = checkin.entries.map { entry in
      PullReport.Value(
        team: checkin.team, kr: entry.keyResult.description,
        value: entry.value ?? (entry.done == true ? "true" : "false"),
        alreadyRecorded: CheckinRecorder.isRecorded(entry, for: checkin, in: log))
    }
    let item = CheckinRecorder.Item(checkin: checkin, teamQuarter: teamQuarter, path: path, skipsUnchanged: true)
    return .success(TeamPull(item: item, values: values))
  }

  /// Writes every team's check-in at once, all or none.
  private func record(_ pulls: [TeamPull]) throws(WorkspaceFailure) -> PullReport {
    do {
      let outcomes = try CheckinRecorder(writer: CheckinLogWriter(root: root), loader: loader).record(
        pulls.map(\.item))
      return report(of: pulls, recorded: outcomes)
    } catch {
      let outcome =
        if case .partlyWritten = error {
          "run the same pull again to record the rest: what is recorded is skipped"
        } else { Self.nothingPulled }
      throw error.failure(workingDirectory: workingDirectory, outcome: outcome)
    }
  }

  /// The report: with `recorded`, what the writer found under the lock counts (another pull may have written
  /// a value meanwhile); without, a dry run's view of the logs as read.
  private func report(of pulls: [TeamPull], recorded: [CheckinRecorder.Outcome]?) -> PullReport {
    var values: [PullReport.Value] = []
    var checkins: [PullReport.Checkin] = []
    for (index, pull) in pulls.enumerated() {
      var teamValues = pull.values
      if let recorded {
        let written: Set<String> =
          if case .recorded(let checkin) = recorded[index] {
            Set(checkin.entries.map(\.keyResult.description))
          } else { [] }
        for value in teamValues.indices { teamValues[value].alreadyRecorded = !written.contains(teamValues[value].kr) }
      }
      values += teamValues
      let count = teamValues.filter { !$0.alreadyRecorded }.count
      guard count > 0 else { continue }
      checkins.append(
        PullReport.Checkin(
          team: pull.item.checkin.team, date: pull.item.checkin.date, keyResultCount: count,
          log: DisplayPath.relative(pull.item.path, to: workingDirectory)))
    }
    return PullReport(dryRun: recorded == nil, values: values, checkins: checkins)
  }
}
