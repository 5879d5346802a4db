import Foundation
import OKRCore
import OKRFiles
import TestSupport
import Testing

@testable import OKRReports

/// The HTML page's charts draw only finite numbers.
@Suite struct HTMLRendererTests {
  /// Acme's status mid-quarter, with one key result's first check-in and
  /// second week of pace made values no axis can hold.
  @Test func aNonFiniteValueIsLeftOutOfItsChartWithANote() throws {
    let repository = RepositoryLoader().load(root: PackagePaths.path("examples/acme")).repository
    let day = try #require(CalendarDate("2026-08-14"))
    let history = CheckinHistory(repository, cycle: "2026-Q3")
    let card = try #require(ScoreCard(repository: repository, cycle: "2026-Q3", asOf: day, history: history))
    var status = StatusReport(card: card, history: history, alerts: [], organization: nil)
    let team = try #require(status.teams.firstIndex { $0.team == "growth" })
    var keyResult = status.teams[team].objectives[0].keyResults[0]
    try #require(keyResult.history.count > 1 && keyResult.expectedByWeek.count > 2)
    keyResult.history[0].value = .nan
    keyResult.expectedByWeek[1].value = -.infinity
    status.teams[team].objectives[0].keyResults[0] = keyResult
    let page = HTMLRenderer().render(status)
    let lowered = page.lowercased().replacingOccurrences(of: "dominant-baseline", with: "")
    #expect(!lowered.contains("nan") && !lowered.contains("inf"))
    let note = "left out of the chart, as not a finite number: 1 check-in, 1 week of the pace"
    #expect(page.contains("<p class=\"note\">O1/KR1: \(note)</p>\n"))
    #expect(page.contains("; \(note)</desc>"))
    // The other check-ins are still drawn.
    let chart = try #require(page.range(of: "aria-labelledby=\"chart-growth-O1-KR1-t"))
    let points =
      String(page[chart.lowerBound...]).components(separatedBy: "</svg>")[0]
      .components(separatedBy: "<circle class=\"point\"").count - 1
    #expect(points == keyResult.history.count - 1)
  }
}
