import OKRCore
import OKRReports

extension Workspace {
  /// The trend across quarters: every team's roll-up per quarter, each
  /// scored as of its last day (as of `day` while it runs).
  ///
  /// Files of other quarters do not stop the trend, as drafts do not stop a report.
  public func trend(_ quarters: [Quarter], asOf day: CalendarDate, teams: [String]) throws(WorkspaceFailure)
    -> TrendReport
  {
    let loaded = loader.load(root: root)
    let labels = Set(quarters.map(\.description))
    try DiagnosticGate.check(loaded, for: .trend(labels))
    guard loaded.repository.cycleLabels.contains(where: labels.contains) else {
      throw .usage(
        "no quarter files for \(quarters.map(\.description).joined(separator: ", ")) (quarters: "
          + "\(loaded.repository.cycleLabels.joined(separator: ", ")))")
    }
    return TrendReport(repository: loaded.repository, quarters: quarters, asOf: day, teams: teams)
  }
}
