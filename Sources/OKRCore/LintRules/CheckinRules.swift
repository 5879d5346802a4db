// Rules about check-ins against the quarter files they name.

/// `checkin-week`: a check-in's date outside its week, or its week outside the cycle.
public struct CheckinWeekRule: LintRule {
  public var id: Rule { .checkinWeek }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "a check-in `date` outside its `week`, or a week with no day in the cycle" }

  public func check(_ resolved: ResolvedCheckin, in context: LintContext) -> [LintFinding] {
    var findings: [LintFinding] = []
    let checkin = resolved.checkin
    let week = checkin.week
    if let date = checkin.date, !week.value.contains(date.value) {
      findings.append(
        finding(
          "date \(date.value) is not in week \(week.value) (\(week.value.monday) to \(week.value.day(.sunday)))",
          at: date.location))
    }
    let cycle = checkin.cycle.value
    // A check-in for a cycle or team with no quarter file is an unresolved reference.
    guard let period = resolved.team?.teamQuarter.cycle.period else { return findings }
    if week.value.day(.sunday) < period.start || week.value.monday > period.end {
      findings.append(
        finding("week \(week.value) is outside \(cycle) (\(period.start) to \(period.end))", at: week.location))
    }
    return findings
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a date in week 4 for a check-in of week 3",
        [.growth(), .checkin(date: "2026-01-19", "  O1/KR1: {value: 10}\n")],
        at: LintExample.File.checkinsPath, 4, 7, "date 2026-01-19 is not in week 2026-W03 (2026-01-12 to 2026-01-18)"),
      .fires(
        "a week after the cycle",
        [
          .growth(),
          .checkin(week: "2026-W15", "  O1/KR1: {value: 10}\n"),
        ],
        at: LintExample.File.checkinsPath, 3, 7, "week 2026-W15 is outside 2026-Q1 (2026-01-01 to 2026-03-31)"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "the Sunday that ends week 3; week 1 of 2026, which starts in 2025",
        [
          .growth(),
          .checkins(
            "team: growth\nquarter: 2026-Q1\nweek: 2026-W03\ndate: 2026-01-18\nkey_results:\n  O1/KR1: {value: 10}\n"
              + "---\nteam: growth\nquarter: 2026-Q1\nweek: 2026-W01\nkey_results:\n  O1/KR1: {value: 5}\n"),
        ])
    ]
  }
}

/// `checkin-value`: a check-in value that does not fit its key result's type.
public struct CheckinValueRule: LintRule {
  public var id: Rule { .checkinValue }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "an entry key that does not fit the KR's type; an unknown milestone title" }

  /// Each entry whose key result resolves, against that key result's type.
  public func check(_ resolved: ResolvedCheckin, in context: LintContext) -> [LintFinding] {
    // An entry that resolves to nothing is an unresolved reference.
    guard let index = resolved.team else { return [] }
    var findings: [LintFinding] = []
    for (entry, position) in zip(resolved.checkin.entries, resolved.keyResultPositions) {
      guard let position else { continue }
      // The measure only, read in place: copying the whole key result per entry was most of this rule's cost.
      let measure = index.teamQuarter.objectives[position.objective].keyResults[position.keyResult].measure
      let input = measure.checkinInput
      // Only a key result recorded by milestone titles has titles: the others skip the lookup.
      var titles: (set: Set<String>, list: [String]) = ([], [])
      if case .milestoneTitles? = input {
        titles = index.milestoneTitles[entry.keyResult.value] ?? titles
      }
      findings += fit(entry, to: measure, input: input, titles: titles)
    }
    return findings
  }

  /// Whether an entry records what its key result's kind takes (``KeyResultMeasure/checkinInput``):
  /// a key of another kind, or a milestone the key result does not have, is a finding.
  private func fit(
    _ entry: CheckinEntry, to measure: Measure, input: CheckinInput?, titles: (set: Set<String>, list: [String])
  ) -> [LintFinding] {
    let cut = Validator.cut
    var findings: [LintFinding] = []
    func misfit(_ key: String, _ location: SourceLocation, instead: String) {
      findings.append(
        finding(
          "'\(key)' does not fit \(measure.typeName) key result '\(cut(entry.keyResult.value.description))'; "
            + "record \(instead)",
          at: location))
    }
    switch input {
    case nil:
      break
    case .value?:
      if let done = entry.done { misfit("done", done.location, instead: "its 'value'") }
      if let first = entry.milestonesDone?.first { misfit("milestones_done", first.location, instead: "its 'value'") }
    case .doneFlag?:
      if let value = entry.value { misfit("value", value.location, instead: "'done: true' or 'done: false'") }
      if let first = entry.milestonesDone?.first {
        misfit("milestones_done", first.location, instead: "'done: true' or 'done: false'")
      }
    case .milestoneTitles?:
      if let value = entry.value { misfit("value", value.location, instead: "'milestones_done' with milestone titles") }
      if let done = entry.done { misfit("done", done.location, instead: "'milestones_done' with milestone titles") }
      for title in entry.milestonesDone ?? [] where !titles.set.contains(title.value) {
        findings.append(
          finding(
            "key result '\(cut(entry.keyResult.value.description))' has no milestone '\(cut(title.value))'",
            at: title.location, hint: (title.value, titles.list)))
      }
    }
    return findings
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a value for a boolean key result", [.growthForCheckins, .checkin("  O1/KR2: {value: 1}\n")],
        at: LintExample.File.checkinsPath, 5, 19, "'value' does not fit boolean key result 'O1/KR2'"),
      .fires(
        "a milestone title with a typo; the hint finds the one meant",
        [.growthForCheckins, .checkin("  O1/KR3: {milestones_done: [Design aproved]}\n")],
        at: LintExample.File.checkinsPath, 5, 30,
        "key result 'O1/KR3' has no milestone 'Design aproved'; did you mean 'Design approved'?"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "a value, a done and a milestone, each for its type of key result",
        [
          .growthForCheckins,
          .checkin("  O1/KR1: {value: 10}\n  O1/KR2: {done: true}\n  O1/KR3: {milestones_done: [Design approved]}\n"),
        ])
    ]
  }
}
