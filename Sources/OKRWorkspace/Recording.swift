import OKRCore
import OKRFiles

/// One team's check-in about to be recorded: its quarter file, its log and its history so far.
public struct RecordingSession: Sendable {
  /// The workspace it was opened in.
  public let workspace: Workspace
  /// The loaded repository (only the team's own files are free of errors).
  public let repository: Repository
  /// The team's quarter file in the cycle the check-in lands in.
  public let teamQuarter: TeamQuarter
  /// The team's check-in log, which may not exist yet.
  let logPath: String

  /// The cycle's check-ins so far, for an interview's defaults.
  public var history: CheckinHistory { CheckinHistory(repository, cycle: teamQuarter.cycle.label) }
}

/// What a recording wrote, in the words the command prints.
public struct RecordedCheckin: Sendable, Equatable {
  /// How many key results it recorded.
  public var keyResultCount: Int
  /// Its ISO week.
  public var week: String
  /// The day it counts from.
  public var date: CalendarDate
  /// The log written, relative to the working directory.
  public var shownLog: String
}

extension Workspace {
  /// Finds the team's quarter file for the check-in's day and makes sure its own files are free of errors.
  ///
  /// The same rule as every report: a check-in lands in the cycle `okr
  /// status` shows for the day. Only this team's quarter file and log need to
  /// be right to record safely; a team or cycle not found may be in a file
  /// that could not be read, which is then the error (exit 74).
  public func openRecording(team: String, quarter: String?, day: CalendarDate) throws(WorkspaceFailure)
    -> RecordingSession
  {
    let loaded = loader.load(root: root)
    let model = loaded.repository
    let outcome = "fix these errors first; nothing was recorded"
    let scope: ReportScope
    switch model.scope(quarter: quarter, teams: [team], day: day) {
    case .success(let found): scope = found
    case .failure(let problem):
      try DiagnosticGate.refuseUnseen(loaded, outcome: outcome)
      guard case .usage(let message) = usage(problem) else { throw usage(problem) }
      throw .problems([message], outcome: "nothing was recorded", exitCode: 64)
    }
    guard let chosen = model.teamQuarters.first(where: { $0.slug == team && $0.cycle.label == scope.cycle }) else {
      try DiagnosticGate.refuseUnseen(loaded, outcome: outcome)
      throw .usage("no team '\(team)' has a quarter file for \(scope.cycle)")
    }
    guard chosen.cycle.period.contains(day) else {
      throw .usage(
        "\(day) is outside \(scope.cycle) (\(chosen.cycle.period.start) to \(chosen.cycle.period.end)); "
          + "record with the check-in's date in --as-of, or name its quarter with --quarter")
    }
    let logPath = RepositoryLayout.checkinLog(root: root, quarter: chosen.cycle.label, team: team)
    try DiagnosticGate.check(loaded, for: .ownFiles([chosen.location.path, logPath]), fileCount: 2, outcome: outcome)
    return RecordingSession(workspace: self, repository: model, teamQuarter: chosen, logPath: logPath)
  }
}

extension RecordingSession {
  /// Checks the draft against the key results and appends it to the log, all or nothing.
  public func record(_ draft: CheckinDraft) throws(WorkspaceFailure) -> RecordedCheckin {
    let checkin: ValidCheckin
    switch draft.validated(against: teamQuarter) {
    case .success(let valid): checkin = valid
    case .failure(let problems): throw .problems(problems.messages, outcome: "nothing was recorded", exitCode: 1)
    }
    do {
      try CheckinRecorder(writer: CheckinLogWriter(root: workspace.root), loader: workspace.loader).record(
        checkin, for: teamQuarter, in: logPath)
    } catch {
      throw error.failure(workingDirectory: workspace.workingDirectory)
    }
    return RecordedCheckin(
      keyResultCount: checkin.entries.count, week: checkin.week.description, date: checkin.date,
      shownLog: DisplayPath.relative(logPath, to: workspace.workingDirectory))
  }
}

extension DiagnosticGate {
  /// Refuses with the errors of the files a lookup could not see into, when
  /// there are any: a team or cycle not found may be in a file that could not
  /// be read (no permission, a FIFO, a link out of the repository: exit 74) or
  /// that does not parse (exit 1), so that file's own error is the one to
  /// report, at its place, not "no such team".
  static func refuseUnseen(_ loaded: LoadedRepository, outcome: String) throws(WorkspaceFailure) {
    let undecoded = Set(loaded.repository.undecodedFiles)
    let unseen = loaded.diagnostics.filter {
      $0.severity == .error && ($0.rule == .io || undecoded.contains($0.location.path))
    }
    guard unseen.isEmpty else {
      throw .refused(diagnostics: unseen, fileCount: loaded.files.count, preface: nil, outcome: outcome)
    }
  }
}

extension CheckinLogWriter.AppendError {
  /// The failure a command ends with: the error's words with the logs'
  /// paths as the working directory sees them, and the option that raises a limit.
  func failure(workingDirectory: String, outcome: String = "") -> WorkspaceFailure {
    let exitCode: Int32
    switch self {
    case .io, .partlyWritten: exitCode = 74
    default: exitCode = 1
    }
    return .problems([shown(workingDirectory: workingDirectory)], outcome: outcome, exitCode: exitCode)
  }

  /// The error's words as `okr checkin record` and `import` print them: the
  /// logs' paths as the working directory sees them, and the option that
  /// raises a limit (the libraries below the workspace name no option).
  public func shown(workingDirectory: String) -> String {
    let relative = { (path: String) in DisplayPath.relative(path, to: workingDirectory) }
    switch self {
    case .busy(let lock, let pid):
      return Self.busy(lock: relative(lock), pid: pid).description
    case .brokenLog(let path, let problem):
      return Self.brokenLog(path: relative(path), problem: problem).description
    case .io(let path, let reason):
      return Self.io(path: relative(path), reason: reason).description
    case .tooLarge(let path, let size, let limit):
      return Self.tooLarge(path: relative(path), size: size, limit: limit).description
        + "; raise it with \(WorkspaceOptions.flag(for: .fileSize))"
    case .partlyWritten(let path, let reason, let kept):
      return Self.partlyWritten(path: relative(path), reason: reason, kept: kept.map(relative)).description
    case .unwritable, .inexactValue:
      return description
    }
  }
}

extension WorkspaceOptions {
  /// The command-line option that raises a resource limit.
  public static func flag(for limit: ResourceLimit) -> String {
    switch limit {
    case .fileSize: return "--max-file-size"
    case .depth: return "--max-depth"
    case .aliasNodes: return "--max-alias-nodes"
    case .aliasBytes: return "--max-alias-bytes"
    case .files: return "--max-files"
    }
  }
}
