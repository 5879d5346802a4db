// Rules about the shape of OKR files: which files, which keys, which values.
// Most fire in the decoders, which know the node at fault; `invalid-value`
// also checks what only the whole repository shows.

/// `unknown-file`: a file that is neither a quarter file, a check-in log nor okr.yaml.
public struct UnknownFileRule: LintRule {
  public var id: Rule { .unknownFile }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "okr cannot tell what the file is (see [§1](#1-repository-layout))" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a to-do list outside okrs/ and checkins/, named to lint",
        [.growth(), LintExample.File("notes/todo.yaml", "items: [call Ana, book room]\n")], lint: ["notes/todo.yaml"],
        at: "notes/todo.yaml", 1, 1, "cannot tell what this file is")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "a quarter file outside okrs/, named to lint: its `objectives` say what it is",
        [LintExample.File("notes/growth.yaml", LintExample.File.growth().text)], lint: ["notes/growth.yaml"])
    ]
  }
}

/// `no-files`: nothing to check.
public struct NoFilesRule: LintRule {
  public var id: Rule { .noFiles }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "nothing to check: no okr.yaml and no YAML files under okrs/ or checkins/, or none in a folder named to `okr lint`"
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a repository whose OKRs are in a folder okr does not read",
        [LintExample.File("goals/2026-Q1/growth.yaml", LintExample.File.growth().text)],
        at: ".", 0, 0, "no OKR files here")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("a repository of okr.yaml alone", [.config("organization: Acme\n")])]
  }
}

/// `unknown-key`: a key the format does not define.
public struct UnknownKeyRule: LintRule {
  public var id: Rule { .unknownKey }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "a key the format does not define, or one that belongs to another KR type" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "`tittle` in an objective", [.growth(objective: ["tittle: Grow faster"])],
        at: LintExample.File.quarterPath, 6, 5, "unknown key 'tittle' in objective"),
      .fires(
        "`done`, a boolean key result's key, on a numeric one", [.growth(keyResult: ["done: true"])],
        at: LintExample.File.quarterPath, 11, 9, "key 'done' does not apply to a numeric key result"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("`owner` and `unit` on a key result", [.growth(keyResult: ["owner: ana", "unit: signups"])])]
  }
}

/// `missing-key`: a required key is absent or null.
public struct MissingKeyRule: LintRule {
  public var id: Rule { .missingKey }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "a required key is absent or null; `score_note` without `score`" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a check-in without `week`",
        [.growth(), .checkins("team: growth\nquarter: 2026-Q1\nkey_results:\n  O1/KR1: {value: 10}\n")],
        at: LintExample.File.checkinsPath, 1, 1, "is missing required key 'week'"),
      .fires(
        "a micro-goal's `title:` with nothing after it",
        [.growth(more: "micro_goals:\n  - title:\n")],
        at: LintExample.File.quarterPath, 12, 5, "needs a value"),
      .fires(
        "`score_note` without `score`", [.growth(keyResult: ["score_note: moved to Q2"])],
        at: LintExample.File.quarterPath, 11, 9, "there is no 'score'"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "`score_note` with `score`; a check-in with `week`",
        [
          .growth(keyResult: ["score: 0.5", "score_note: moved to Q2"]),
          .checkin("  O1/KR1: {value: 10}\n"),
        ])
    ]
  }
}

/// `wrong-type`: a value of the wrong YAML type.
public struct WrongTypeRule: LintRule {
  public var id: Rule { .wrongType }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "a string where a number or boolean belongs, a scalar where a list or mapping belongs, or the reverse"
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a quoted target", [.growth().replacing("target: 100", with: "target: \"100\"")],
        at: LintExample.File.quarterPath, 10, 17, "'target' must be a number, not the string '100'"),
      .fires(
        "one objective, not a list of them",
        [.quarter("quarter: 2026-Q1\nteam: growth\nobjectives: Grow\n")],
        at: LintExample.File.quarterPath, 3, 13, "'objectives' must be a sequence, not a string"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "a target with a fraction",
        [.growth().replacing("target: 100", with: "target: 99.5")])
    ]
  }
}

/// `invalid-value`: a value of the right type that the format does not allow.
public struct InvalidValueRule: LintRule {
  public var id: Rule { .invalidValue }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "right type, not allowed: bad date/week/quarter/slug/duration/estimate/reference, unknown enum word, `period` ending before it starts or longer than 400 days, weight ≤ 0, score outside 0–1, target = baseline, confidence not a whole number from 0 to 10, alert threshold out of range, bad `scoring`, sprint < 1, empty `objectives`"
  }

  /// One cycle label with two periods: the first quarter file (in sorted
  /// order) with a label sets its period; any other is an error.
  public func check(repository context: LintContext) -> [Diagnostic] {
    var periods: [String: TeamQuarter] = [:]
    var diagnostics: [Diagnostic] = []
    for teamQuarter in context.repository.teamQuarters {
      let label = teamQuarter.cycle.label
      if let other = periods[label], other.cycle.period != teamQuarter.cycle.period {
        diagnostics.append(
          diagnostic(
            "\(label) is \(teamQuarter.cycle.period) here but \(other.cycle.period) for team '\(Validator.cut(other.slug))'; one quarter must mean one period",
            at: teamQuarter.location))
      } else if periods[label] == nil {
        periods[label] = teamQuarter
      }
    }
    return diagnostics
  }

  /// A `first_sprint` with which the cycle has no sprints.
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] {
    guard let first = teamQuarter.cadence.firstSprint, !context.firstSprintFits(teamQuarter) else { return [] }
    let period = teamQuarter.cycle.period
    return [
      finding(
        "'first_sprint' \(first.value) is outside \(teamQuarter.cycle.label) (\(period.start) to \(period.end))",
        at: first.location)
    ]
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a weight of 0", [.growth(keyResult: ["weight: 0"])],
        at: LintExample.File.quarterPath, 11, 17, "'weight' must be greater than 0, not 0"),
      .fires(
        "a date that does not exist", [.microGoal(["due": "due: 2026-02-30"])],
        at: LintExample.File.quarterPath, 14, 10, "'due' must be a date written YYYY-MM-DD that exists"),
      .fires(
        "sprint 1 starting after the cycle ends", [.growth(top: ["cadence: {first_sprint: 2026-04-06}"])],
        at: LintExample.File.quarterPath, 3, 25, "'first_sprint' 2026-04-06 is outside 2026-Q1"),
      .fires(
        "2026-Q1 with other days in another team's file",
        [
          .team("company"),
          .growth(top: ["period: {start: 2026-02-01, end: 2026-04-30}"]),
        ],
        at: LintExample.File.quarterPath, 1, 1, "one quarter must mean one period"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "a weight of 0.5; sprint 1 starting a week before the cycle",
        [.growth(top: ["cadence: {first_sprint: 2025-12-29}"], keyResult: ["weight: 0.5"])])
    ]
  }
}

/// `id-format`: an objective or key-result id outside `[A-Za-z0-9._-]+`.
public struct IDFormatRule: LintRule {
  public var id: Rule { .idFormat }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "an objective or key-result id outside `[A-Za-z0-9._-]+`" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "an objective id with a space",
        [.growth().replacing("id: O1", with: "id: O1 growth")],
        at: LintExample.File.quarterPath, 4, 9, "objective id 'O1 growth' may use only ASCII letters")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "ids with dots, underscores and dashes",
        [.growth().replacing("id: O1", with: "id: q1.growth_1").replacing("id: KR1", with: "id: KR-1")])
    ]
  }
}
