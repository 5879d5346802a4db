import OKRCore
import OKRFiles

/// One key result's value that a pull read from its source.
public struct PulledValue: Sendable, Equatable {
  /// The team.
  public var team: String
  /// The key result (`O1/KR1`).
  public var keyResult: String
  /// The value as recorded: a number as the source wrote it, or `true`/`false`.
  public var value: String
  /// Already the key result's latest value this week, so not written again.
  public var isUnchanged: Bool
}

/// What `okr checkin pull` did (or, with `--dry-run`, would do).
public struct PullOutcome: Sendable, Equatable {
  /// Every value read, by team then key result in file order.
  public var values: [PulledValue]
  /// Each team's check-in written, or (dry run) that would be.
  public var checkins: [ImportedCheckin]
}

extension Workspace {
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
  /// - Returns: The values read and the check-ins written.
  /// - Throws: ``WorkspaceFailure``: every source that failed, each naming its team and key result, and nothing
  ///   written (exit 1); or what stops any recording.
  public func pullSources(
    teams: [String], day: CalendarDate, timeout: Double, dryRun: Bool, passing: [String] = [],
    willRun: (_ team: String, _ keyResult: String, _ arguments: [String]) -> Void = { _, _, _ in }
  ) throws(WorkspaceFailure) -> PullOutcome {
    let loaded = loader.load(root: root)
    let model = loaded.repository
    let nothing = "nothing was recorded"
    let scope: ReportScope
    switch model.scope(quarter: nil, teams: teams, day: day) {
    case .success(let found): scope = found
    case .failure(let problem):
      try DiagnosticGate.refuseUnseen(loaded, outcome: nothing)
      throw usage(problem)
    }
    let chosen = model.teamQuarters.filter {
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
      loaded, for: .ownFiles(ownFiles), fileCount: ownFiles.count, outcome: "fix these errors first; \(nothing)")

    // Every source is read before anything is written, and every failure is told.
    let reader = SourceReader(root: root, timeout: timeout, passing: passing)
    var failures: [String] = []
    var values: [PulledValue] = []
    var items: [CheckinRecorder.Item] = []
    for teamQuarter in chosen {
      var entries: [CheckinDraft.Entry] = []
      for objective in teamQuarter.objectives {
        for keyResult in objective.keyResults {
          guard let source = keyResult.source?.value else { continue }
          if let dropped = keyResult.dropped, dropped.on <= day { continue }
          let reference = "\(objective.id.value)/\(keyResult.id.value)"
          if let arguments = source.arguments { willRun(teamQuarter.slug, reference, arguments) }
          let wantsFlag = keyResult.measure.checkinInput == .doneFlag
          switch reader.read(source, wantsFlag: wantsFlag) {
          case .failure(let failure):
            failures.append("team '\(teamQuarter.slug)', key result '\(reference)': \(failure.reason)")
          case .success(.number(let text)):
            entries.append(CheckinDraft.Entry(keyResult: reference, value: text))
          case .success(.done(let flag)):
            entries.append(CheckinDraft.Entry(keyResult: reference, done: [flag ? "true" : "false"]))
          }
        }
      }
      guard !entries.isEmpty else { continue }
      let draft = CheckinDraft(
        team: teamQuarter.slug, cycle: teamQuarter.cycle.label, date: day, by: KeyResultSource.recordedBy,
        entries: entries)
      switch draft.validated(against: teamQuarter) {
      case .failure(let problems):
        failures += problems.messages.map { "team '\(teamQuarter.slug)': \($0)" }
      case .success(let checkin):
        do {
          // A value the log cannot keep exactly is refused now, with the others.
          _ = try CheckinLogWriter.document(for: checkin)
        } catch {
          failures.append("team '\(teamQuarter.slug)': \(error.description)")
          continue
        }
        let path = RepositoryLayout.checkinLog(root: root, quarter: checkin.cycle, team: checkin.team)
        let log = model.checkinLogs.first { $0.path == path } ?? CheckinLog(path: path, checkins: [])
        for entry in checkin.entries {
          values.append(
            PulledValue(
              team: checkin.team, keyResult: entry.keyResult.description,
              value: entry.value ?? (entry.done == true ? "true" : "false"),
              isUnchanged: CheckinRecorder.isRecorded(entry, for: checkin, in: log)))
        }
        items.append(CheckinRecorder.Item(checkin: checkin, teamQuarter: teamQuarter, path: path, skipsUnchanged: true))
      }
    }
    guard failures.isEmpty else {
      throw .problems(failures, outcome: nothing, exitCode: 1)
    }
    func shown(_ item: CheckinRecorder.Item, count: Int, unchanged: Bool) -> ImportedCheckin {
      ImportedCheckin(
        team: item.checkin.team, date: item.checkin.date, keyResultCount: count,
        shownLog: DisplayPath.relative(item.path, to: workingDirectory), wasAlreadyRecorded: unchanged)
    }
    if dryRun {
      return PullOutcome(
        values: values,
        checkins: items.map { item in
          let count = values.filter { $0.team == item.checkin.team && !$0.isUnchanged }.count
          return shown(item, count: count, unchanged: count == 0)
        })
    }
    let outcomes: [CheckinRecorder.Outcome]
    do {
      outcomes = try CheckinRecorder(writer: CheckinLogWriter(root: root), loader: loader).record(items)
    } catch {
      let outcome =
        if case .partlyWritten = error {
          "run the same pull again to record the rest: what is recorded is skipped"
        } else { nothing }
      throw error.failure(workingDirectory: workingDirectory, outcome: outcome)
    }
    // What the writer found under the lock is what counts: another pull may have written a value meanwhile.
    var written: Set<String> = []
    for outcome in outcomes {
      guard case .recorded(let checkin) = outcome else { continue }
      for entry in checkin.entries { written.insert(checkin.team + " " + entry.keyResult.description) }
    }
    for index in values.indices {
      values[index].isUnchanged = !written.contains(values[index].team + " " + values[index].keyResult)
    }
    return PullOutcome(
      values: values,
      checkins: zip(items, outcomes).map { item, outcome in
        guard case .recorded(let checkin) = outcome else { return shown(item, count: 0, unchanged: true) }
        return shown(item, count: checkin.entries.count, unchanged: false)
      })
  }
}
