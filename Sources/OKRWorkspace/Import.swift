import OKRCore
import OKRFiles
import YAMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One check-in an import recorded, or found recorded by an earlier import of the same file.
public struct ImportedCheckin: Sendable, Equatable {
  /// The team.
  public var team: String
  /// The day it counts from.
  public var date: CalendarDate
  /// How many key results it holds.
  public var keyResultCount: Int
  /// The log, relative to the working directory.
  public var shownLog: String
  /// It was already in the log from an earlier import of this file, so nothing was written for it.
  public var wasAlreadyRecorded: Bool
}

extension Workspace {
  /// Records a CSV file's check-ins: every row checked first, then every team's log written, or none.
  ///
  /// - Parameters:
  ///   - text: The CSV.
  ///   - shownFile: How diagnostics name the file (`<stdin>` for standard input).
  ///   - quarter: The cycle of every row; each row's date's when `nil`.
  ///   - day: The date of rows without one.
  ///   - by: Who is checking in.
  public func importCheckins(
    csv text: String, shownFile: String, quarter: String?, day: CalendarDate, by: String?
  ) throws(WorkspaceFailure) -> [ImportedCheckin] {
    let loaded = loader.load(root: root)
    let imported = CheckinImport(
      csv: text, path: shownFile, repository: loaded.repository, quarter: quarter, today: day, by: by)
    // The teams written to must be free of errors, as for 'okr checkin record'.
    var ownFiles = Set<String>()
    for batch in imported.batches {
      ownFiles.insert(batch.teamQuarter.location.path)
      ownFiles.insert(RepositoryLayout.checkinLog(root: root, quarter: batch.checkin.cycle, team: batch.checkin.team))
    }
    // A team or cycle not found may be in a file that could not be read.
    if !imported.diagnostics.isEmpty { try DiagnosticGate.refuseUnseen(loaded, outcome: "nothing was recorded") }
    let problems = imported.diagnostics + DiagnosticGate.stopping(loaded, for: .ownFiles(ownFiles))
    guard problems.isEmpty else {
      throw .refused(diagnostics: problems, fileCount: 0, preface: nil, outcome: "nothing was recorded")
    }
    let items = imported.items(inRepositoryAt: root)
    let outcomes: [CheckinRecorder.Outcome]
    do {
      outcomes = try CheckinRecorder(writer: CheckinLogWriter(root: root), loader: loader).record(items)
    } catch {
      let outcome: String
      if case .partlyWritten = error {
        outcome = "run the same import again to record the rest: what this file already recorded is skipped"
      } else {
        outcome = "nothing was recorded"
      }
      throw error.failure(workingDirectory: workingDirectory, outcome: outcome)
    }
    return zip(items, outcomes).map { item, outcome in
      ImportedCheckin(
        team: item.checkin.team, date: item.checkin.date, keyResultCount: item.checkin.entries.count,
        shownLog: DisplayPath.relative(item.path, to: workingDirectory), wasAlreadyRecorded: outcome == .alreadyRecorded
      )
    }
  }

  /// A regular file's bytes, or standard input's when `path` is `nil`: what an import reads.
  ///
  /// - Parameters:
  ///   - path: The file, relative to the working directory; `nil` for standard input.
  ///   - shown: How errors name it.
  public func readInput(_ path: String?, shown: String) throws(WorkspaceFailure) -> [UInt8] {
    // Relative to the working directory, joined rather than tidied, so the kernel resolves it as it
    // always did; an empty name names no file (joined, it would name the working directory).
    let full = path.map { $0.hasPrefix("/") || $0.isEmpty ? $0 : workingDirectory + "/" + $0 }
    func refuse(_ reason: String) -> WorkspaceFailure {
      .problems(["cannot read '\(shown)': \(reason)"], outcome: "", exitCode: 74)
    }
    let limit = 64 << 20
    guard let full else {
      do {
        return try AtomicFile.readAll(STDIN_FILENO, limit: limit)
      } catch {
        throw refuse(error.reason)
      }
    }
    // The one file reader, with its cap: a pipe or a device is refused, not waited on.
    let contents: YAMLParser.FileContents
    do {
      contents = try YAMLParser.readFile(atPath: full, maxBytes: limit, regularFilesOnly: true)
    } catch {
      throw refuse(error.reason)
    }
    guard case .bytes(let bytes) = contents else { throw refuse("larger than \(limit >> 20) MiB") }
    return bytes
  }
}
