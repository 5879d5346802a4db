import ArgumentParser

/// The `okr` command: OKRs kept as YAML in git, planned, checked in on and scored.
@main
struct OKR: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "okr",
    abstract: "Plan, check in on and score OKRs kept as YAML files in git.",
    discussion: """
      An OKR repository holds okr.yaml (optional settings), okrs/<quarter>/<team>.yaml \
      (one quarter file per team) and checkins/<quarter>/<team>.yaml (weekly check-ins). \
      A minimal quarter file:

        quarter: 2026-Q1
        team: growth
        objectives:
          - id: O1
            title: Customers get started without support
            key_results:
              - id: KR1
                title: Raise self-service onboarding from 35% to 65%
                baseline: 35
                target: 65
                unit: "%"

      Exit codes: 0 success; 1 problems found; 64 usage error; 74 a file could not be read or written.
      """,
    version: version,
    subcommands: [
      Init.self, Lint.self, Plan.self, Checkin.self, Status.self, Alerts.self, Score.self, Tree.self, Diff.self,
      History.self, Schema.self,
    ]
  )
}
