import OKRCore
import YAMLKit

/// Records checked check-ins in their teams' logs.
///
/// The documents are made under the writer's locks, from the logs as they are
/// then: "every milestone done so far" counts what a writer who finished a
/// moment earlier recorded, so concurrent check-ins never drop each other's
/// milestones.
public struct CheckinRecorder: Sendable {
  /// Appends the documents, locked and atomically.
  public var writer: CheckinLogWriter
  /// Reads the logs back under the locks, with the repository's limits; no
  /// log is made larger than its ``YAMLLimits/maxInputBytes``.
  public var loader: RepositoryLoader

  /// Creates a recorder.
  ///
  /// - Parameters:
  ///   - writer: Appends the document; give it the repository's root so it writes only inside it.
  ///   - loader: Reads the log back under the lock.
  public init(writer: CheckinLogWriter = CheckinLogWriter(), loader: RepositoryLoader = RepositoryLoader()) {
    self.writer = writer
    self.loader = loader
  }

  /// One check-in to record, and where.
  public struct Item: Sendable {
    /// A check-in that passed ``CheckinDraft/validated(against:)``.
    public var checkin: ValidCheckin
    /// Its team's quarter file.
    public var teamQuarter: TeamQuarter
    /// The team's check-in log for the cycle.
    public var path: String
    /// Leave out each value or flag equal to the key result's latest in the
    /// log for the check-in's week (what `okr checkin pull` records): decided
    /// under the lock, so two pulls at once write a value once.
    public var skipsUnchanged: Bool

    /// Creates an item.
    public init(checkin: ValidCheckin, teamQuarter: TeamQuarter, path: String, skipsUnchanged: Bool = false) {
      self.checkin = checkin
      self.teamQuarter = teamQuarter
      self.path = path
      self.skipsUnchanged = skipsUnchanged
    }
  }

  /// What recording one check-in did.
  public enum Outcome: Sendable, Equatable {
    /// Appended: the check-in as written, milestones carried forward.
    case recorded(ValidCheckin)
    /// Not appended: its log already has a document of the same import, team
    /// and date, or (``Item/skipsUnchanged``) every value it holds for the week.
    case alreadyRecorded
  }

  /// Appends a check-in to the log at `path`.
  ///
  /// - Parameters:
  ///   - checkin: A check-in that passed ``CheckinDraft/validated(against:)``.
  ///   - teamQuarter: Its team's quarter file.
  ///   - path: The team's check-in log for the cycle.
  /// - Returns: The check-in as written, milestones carried forward.
  /// - Throws: ``CheckinLogWriter/AppendError``; the log is unchanged whenever this throws.
  @discardableResult
  public func record(_ checkin: ValidCheckin, for teamQuarter: TeamQuarter, in path: String)
    throws(CheckinLogWriter.AppendError) -> ValidCheckin
  {
    let outcomes = try record([Item(checkin: checkin, teamQuarter: teamQuarter, path: path)])
    guard case .recorded(let written) = outcomes[0] else { return checkin }
    return written
  }

  /// Appends every check-in to its log, all or none, each log's in the order given.
  ///
  /// A check-in with an ``ValidCheckin/importID`` is skipped when its log
  /// already has a document with that import id, team and date: a rerun of
  /// an import that was stopped part way records only what it had not.
  ///
  /// - Parameter items: The check-ins; give them oldest first, as a later
  ///   milestones check-in counts what earlier ones recorded.
  /// - Returns: What became of each item, in order.
  /// - Throws: ``CheckinLogWriter/AppendError``, also when a log would grow
  ///   past the loader's size limit; every log is unchanged whenever this
  ///   throws (except after ``CheckinLogWriter/AppendError/partlyWritten(path:reason:kept:)``).
  public func record(_ items: [Item]) throws(CheckinLogWriter.AppendError) -> [Outcome] {
    // What cannot be written faithfully is refused before anything on disk is touched.
    for item in items { _ = try CheckinLogWriter.document(for: item.checkin) }
    var outcomes = [Outcome](repeating: .alreadyRecorded, count: items.count)
    try writer.append(to: items.map(\.path)) { positions, bytes throws(CheckinLogWriter.AppendError) in
      let path = items[positions[0]].path
      var log = loader.checkinLog(fromContents: bytes, path: path) ?? CheckinLog(path: path, checkins: [])
      var text = ""
      for position in positions {
        let item = items[position]
        if let importID = item.checkin.importID,
          log.checkins.contains(where: {
            $0.importID == importID && $0.team.value == item.checkin.team && $0.date?.value == item.checkin.date
          })
        {
          continue
        }
        var checkin = item.checkin
        if item.skipsUnchanged {
          checkin.entries.removeAll { Self.isRecorded($0, for: item.checkin, in: log) }
          if checkin.entries.isEmpty { continue }
        }
        let history = CheckinHistory(
          Repository(teamQuarters: [item.teamQuarter], checkinLogs: [log]), cycle: item.checkin.cycle)
        let written = checkin.carryingMilestonesForward(from: history, in: item.teamQuarter)
        let document = try CheckinLogWriter.document(for: written)
        text += document
        // The next check-in of this log counts this one's milestones.
        log.checkins += loader.checkinLog(fromContents: Array(document.utf8), path: path)?.checkins ?? []
        outcomes[position] = .recorded(written)
      }
      let separator = bytes.last.map { $0 == UInt8(ascii: "\n") ? 0 : 1 } ?? 0
      let size = bytes.count + separator + text.utf8.count
      if !text.isEmpty, size > loader.limits.maxInputBytes {
        throw .tooLarge(path: path, size: size, limit: loader.limits.maxInputBytes)
      }
      return text
    }
    return outcomes
  }

  /// Whether the log's latest value (or flag) for the entry's key result, in
  /// the check-in's team and week, equals the entry's: the later document
  /// wins, as everywhere.
  public static func isRecorded(_ entry: ValidCheckin.Entry, for checkin: ValidCheckin, in log: CheckinLog) -> Bool {
    var latestValue: Double?
    var latestDone: Bool?
    for recorded in log.checkins
    where recorded.team.value == checkin.team && recorded.cycle.value == checkin.cycle
      && recorded.week.value == checkin.week
    {
      for found in recorded.entries where found.keyResult.value == entry.keyResult {
        if let value = found.value { latestValue = value.value }
        if let done = found.done { latestDone = done.value }
      }
    }
    if let text = entry.value {
      guard let latestValue, case .success(let number) = CheckinNumber.read(text) else { return false }
      return number == latestValue
    }
    if let done = entry.done { return latestDone == done }
    return false
  }
}
