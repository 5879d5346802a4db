import Foundation
import TestSupport
import Testing

/// `okr plan` on examples/acme.
@Suite struct PlanCommandTests {
  private let acme = ["--repo", "examples/acme", "--as-of", "2026-08-05"]

  @Test(arguments: ["text", "markdown", "json"])
  func planAcme(_ format: String) throws {
    let result = InProcess.run(["plan", "--team", "growth", "--format", format] + acme)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(Snapshot.mismatch(result.standardOutput, named: "planAcme-\(format)") == nil)
  }

  @Test func theJSONPlanAddsUp() throws {
    let result = InProcess.run(["plan", "--format", "json"] + acme)
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let teams = try #require(plan["teams"] as? [[String: Any]])
    #expect(teams.map { $0["team"] as? String } == ["company", "growth", "onboarding", "platform", "support"])
    for team in teams {
      let sprints = try #require(team["sprints"] as? [[String: Any]])
      #expect(sprints.count == 6)
      #expect(sprints.map { $0["current"] as? Bool } == [false, false, true, false, false, false])
      #expect(team["current_sprint"] as? Int == 3)
      // Numeric goals chain: each sprint starts where the previous one ended and the last ends at target.
      var ends: [String: Double] = [:]
      for sprint in sprints {
        for goal in sprint["goals"] as? [[String: Any]] ?? [] {
          guard let kr = goal["kr"] as? String, let from = goal["from"] as? Double, let to = goal["to"] as? Double
          else { continue }
          if let previous = ends[kr] { #expect(from == previous) }
          ends[kr] = to
        }
        let planned = (sprint["micro_goals"] as? [[String: Any]] ?? [])
          .filter { $0["status"] as? String != "dropped" }.compactMap { $0["estimate_hours"] as? Double }
          .reduce(0, +)
        #expect(abs(planned - (sprint["planned_hours"] as? Double ?? -1)) < 1e-9)
      }
    }
  }

  @Test func oneSprint() throws {
    let result = InProcess.run(["plan", "--team", "growth", "--sprint", "3", "--format", "json"] + acme)
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let sprints = try #require((plan["teams"] as? [[String: Any]])?.first?["sprints"] as? [[String: Any]])
    #expect(sprints.map { $0["sprint"] as? Int } == [3])
    let tooFar = InProcess.run(["plan", "--sprint", "9"] + acme)
    #expect(tooFar.status == 64)
    #expect(tooFar.standardError == "error: '--sprint 9': 2026-Q3 has 6 sprints\n")
  }
}
