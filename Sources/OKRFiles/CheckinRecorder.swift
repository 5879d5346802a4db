import OKRCore
import YAMLKit

/// Records a checked check-in in its team's log.
///
/// The document is made under the writer's lock, from the log as it is then:
/// "every milestone done so far" counts what a writer who finished a moment
/// earlier recorded, so concurrent check-ins never drop each other's milestones.
public struct CheckinRecorder: Sendable {
  /// Appends the document, locked and atomically.
  public var writer: CheckinLogWriter
  /// Reads the log back under the lock, with the repository's limits.
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
    // What cannot be written faithfully is refused before anything on disk is touched.
    _ = try CheckinLogWriter.document(for: checkin)
    var written = checkin
    try writer.append(to: path) { bytes throws(CheckinLogWriter.AppendError) in
      let log = loader.checkinLog(fromContents: bytes, path: path)
      let history = CheckinHistory(
        Repository(teamQuarters: [teamQuarter], checkinLogs: log.map { [$0] } ?? []), cycle: checkin.cycle)
      written = checkin.carryingMilestonesForward(from: history, in: teamQuarter)
      return try CheckinLogWriter.document(for: written)
    }
    return written
  }
}
