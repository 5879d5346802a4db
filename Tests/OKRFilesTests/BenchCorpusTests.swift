import Foundation
import OKRCore
import OKRFiles
import OKRReports
import TestSupport
import Testing

/// The benchmark's corpus generator writes real, clean OKR repositories, and
/// loading them on all cores gives exactly what loading one by one gives.
@Suite(.enabled(if: Tool.find("python3") != nil, "needs python3 for bench/generate_corpus.py"))
struct BenchCorpusTests {
  private func generate(teams: Int, quarters: Int) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Tool.find("python3")))
    process.arguments = [
      PackagePaths.path("bench/generate_corpus.py"), "--teams", "\(teams)", "--quarters", "\(quarters)",
      "--seed", "7", "--out", directory.path,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return directory
  }

  @Test func theGeneratedCorpusLintsClean() throws {
    let corpus = try generate(teams: 4, quarters: 2)
    let result = Linter().lint(paths: [], repository: corpus.path, workingDirectory: corpus.path)
    #expect(result.diagnostics.map { "\($0.location): \($0.message)" } == [])
    #expect(result.fileCount == 17)
  }

  @Test func concurrentAndSerialLoadingAgreeExactly() throws {
    let corpus = try generate(teams: 25, quarters: 2)
    func fingerprint(_ concurrent: Bool) throws -> String {
      let loaded = RepositoryLoader(isConcurrent: concurrent).load(root: corpus.path)
      var lines = loaded.files + loaded.diagnostics.map { "\($0.location) \($0.message)" }
      lines += loaded.repository.teamQuarters.map { team in
        "\(team.location.path) \(team.slug) "
          + team.objectives.flatMap(\.keyResults).map(\.id.value).joined(separator: ",")
      }
      lines += loaded.repository.checkinLogs.map { "\($0.path) \($0.checkins.count)" }
      let card = try #require(
        ScoreCard(repository: loaded.repository, cycle: "2026-Q3", asOf: CalendarDate("2026-08-14")!))
      lines += card.teams.map { "\($0.teamQuarter.slug) \($0.rollup ?? -1) \($0.depth)" }
      return lines.joined(separator: "\n")
    }
    let serial = try fingerprint(false)
    #expect(serial.contains("team-00024"))
    #expect(try fingerprint(true) == serial)
  }

  @Test func aLoadOfOneCycleScoresItExactlyAsTheWholeLoadDoes() throws {
    let corpus = try generate(teams: 12, quarters: 3)
    let whole = RepositoryLoader().load(root: corpus.path)
    #expect(whole.repository.cycleLabels.count == 3)
    for cycle in whole.repository.cycleLabels {
      let scoped = RepositoryLoader().load(root: corpus.path, onlyCycle: cycle)
      #expect(scoped.repository.cycleLabels == whole.repository.cycleLabels)
      #expect(scoped.repository.teamQuarters.allSatisfy { $0.cycle.label == cycle })
      #expect(scoped.repository.checkinLogs.allSatisfy { $0.checkins.allSatisfy { $0.cycle.value == cycle } })
      #expect(scoped.repository.teamQuarters.count == whole.repository.teams(in: cycle).count)
      func rows(_ repository: Repository) throws -> [String] {
        let card = try #require(ScoreCard(repository: repository, cycle: cycle, asOf: CalendarDate("2026-09-30")!))
        return card.teams.flatMap { team in
          team.objectives.flatMap(\.keyResults).map { "\(team.teamQuarter.slug) \($0.keyResult.id.value) \($0.score)" }
            + ["\(team.teamQuarter.slug) \(team.rollup ?? -1)"]
        }
      }
      #expect(try rows(scoped.repository) == rows(whole.repository))
    }
  }

  /// The reports a load of one cycle gives, rendered: the score as JSON, the status as text.
  private func reports(_ repository: Repository, cycle: String, asOf day: CalendarDate) throws -> String {
    let history = CheckinHistory(repository, cycle: cycle)
    let card = try #require(ScoreCard(repository: repository, cycle: cycle, asOf: day, history: history))
    let alerts = AlertEvaluator(config: repository.config).evaluate(
      repository: repository, card: card, history: history)
    let status = StatusReport(
      card: card, history: history, alerts: alerts, organization: repository.config.organization, changes: nil)
    return JSONOutput.encode(ScoreReport(card, organization: repository.config.organization))
      + StatusTextRenderer(colors: false, width: 100).render(status)
  }

  /// Reading other quarters' files only up to their cycle key changes nothing
  /// a report shows; the broken tail of another quarter's file proves it was not read.
  @Test func stoppingAtOtherQuartersHeadsReportsByteForByteAsAFullLoad() throws {
    let corpus = try generate(teams: 6, quarters: 3)
    let day = try #require(CalendarDate("2026-09-30"))
    let broken = corpus.path + "/okrs/2026-Q1/team-00002.yaml"
    let text = try String(contentsOfFile: broken, encoding: .utf8)
    try (text + "  - [not closed\n").write(toFile: broken, atomically: true, encoding: .utf8)
    let whole = RepositoryLoader().load(root: corpus.path)
    #expect(whole.diagnostics.contains { $0.rule == .yamlSyntax && $0.location.path == broken })
    for cycle in ["2026-Q2", "2026-Q3"] {
      let scoped = RepositoryLoader().load(root: corpus.path, onlyCycle: cycle)
      #expect(scoped.diagnostics.map(\.message) == [])
      #expect(scoped.repository.cycleLabels == whole.repository.cycleLabels)
      #expect(scoped.repository.otherCycles.count == 2 * 6)
      #expect(
        try reports(scoped.repository, cycle: cycle, asOf: day) == reports(whole.repository, cycle: cycle, asOf: day))
    }
  }
}
