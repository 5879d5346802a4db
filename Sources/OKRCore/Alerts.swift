#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// An alert that fires: which rule, where, the evidence, and the response the team agreed on.
public struct Alert: Sendable, Hashable {
  /// The rule that fired.
  public var rule: AlertKind
  /// The team.
  public var team: String
  /// The key result, for rules about one (all but stale_checkin and orphan_effort).
  public var keyResult: KeyResultReference?
  /// What was seen, with the numbers: `confidence fell from 6 (2026-W31) to 3 (2026-W32)`.
  public var evidence: String
  /// The measured number the rule compared with its threshold.
  public var measured: Double
  /// The rule's threshold.
  public var threshold: Double
  /// What to do: the rule's `action` from okr.yaml, or its default.
  public var action: String
  /// For `moved_goalposts`: the change, with its commit, author and day.
  public var change: DatedChange?
}

extension AlertKind {
  /// The threshold used when a rule gives none.
  public var defaultThreshold: Double {
    switch self {
    case .confidenceDrop: return 2
    case .behindPace: return 0.2
    case .staleCheckin: return 2
    case .orphanEffort: return 0.3
    case .missedCheckpoint: return 0
    case .staleKeyResult: return 2
    case .movedGoalposts: return 0
    }
  }

  /// The thresholds that make sense for the rule.
  public var thresholdRange: ClosedRange<Double> {
    switch self {
    case .confidenceDrop: return 1...10
    case .behindPace, .orphanEffort: return 0.01...1
    case .staleCheckin, .staleKeyResult: return 1...52
    case .missedCheckpoint: return 0...1
    case .movedGoalposts: return 0...0
    }
  }

  /// When the rule fires, in the words of docs/format.md's table of rules (a test keeps the two equal).
  public var summary: String {
    switch self {
    case .confidenceDrop: return "confidence fell by ≥ threshold points since the previous check-in"
    case .behindPace: return "expected progress minus actual progress ≥ threshold, before the period's last day"
    case .staleCheckin: return "no check-in by a person for ≥ threshold weeks (values pulled from sources do not count)"
    case .orphanEffort: return "the share of micro-goal hours tied to no KR ≥ threshold"
    case .missedCheckpoint:
      return
        "a finished sprint ended short of its `checkpoint` by more than threshold (a share of the KR's baseline-to-target span), "
        + "before the period's last day"
    case .staleKeyResult:
      return
        "a KR whose result is not final had no check-in (a pulled value counts) for ≥ threshold weeks while its team "
        + "checked in more recently than that (a person, as for `stale_checkin`)"
    case .movedGoalposts:
      return
        "a KR's definition changed after the planning day without a `change_note`, as git history shows ([§15](#15-history-in-git))"
    }
  }

  /// The thresholds okr.yaml may give, in words.
  public var allowedThresholds: String {
    switch self {
    case .staleCheckin, .staleKeyResult: return "whole weeks, 1–52"
    case .movedGoalposts: return "no threshold"
    default: return "\(Format.number(thresholdRange.lowerBound))–\(Format.number(thresholdRange.upperBound))"
    }
  }

  /// The default threshold in words.
  public var defaultThresholdText: String {
    self == .movedGoalposts ? "none" : Format.number(defaultThreshold)
  }

  /// The response when okr.yaml gives no `action`.
  public var defaultAction: String {
    switch self {
    case .confidenceDrop: return "The owner calls a short huddle to find out what changed"
    case .behindPace: return "Re-plan the next sprint goal for this key result"
    case .staleCheckin: return "Run this week's check-in: okr checkin"
    case .orphanEffort: return "Tie the work to a key result, or drop it"
    case .missedCheckpoint: return "Review the sprint: adjust the plan or the next checkpoint"
    case .staleKeyResult: return "Measure this key result in this week's check-in, or say why it cannot be measured"
    case .movedGoalposts: return "Restore the definition, or say why it changed in the key result's change_note"
    }
  }
}

extension AlertKind {
  /// Whether the rule's response is to re-plan the rest of the quarter, which
  /// from the period's last day on has nothing left to act on.
  public var asksToReplan: Bool { self == .behindPace || self == .missedCheckpoint }
}

/// The feedback loop: evaluates the repository's alert rules as of a day.
///
/// Without `alerts:` in okr.yaml, every rule runs with its default threshold;
/// with it, exactly the rules listed run.
public struct AlertEvaluator: Sendable {
  /// The rules that run.
  public let rules: [AlertRule]

  /// The rules of a repository, or every rule with its defaults when it lists none.
  public init(config: RepositoryConfig) {
    if config.alerts.isEmpty {
      let nowhere = SourceLocation(path: "okr.yaml", line: 0, column: 0)
      rules = AlertKind.allCases.map { AlertRule(kind: $0, threshold: $0.defaultThreshold, location: nowhere) }
    } else {
      rules = config.alerts
    }
  }

  /// The alerts that fire for a cycle as of a day.
  ///
  /// Every comparison with a threshold is exact on the decimal values people
  /// wrote: binary floating point never decides whether an alert fires.
  ///
  /// - Parameters:
  ///   - repository: A repository without errors.
  ///   - card: The scores of the cycle as of the day (and its team selection).
  ///   - history: The repository's check-ins.
  ///   - changes: The cycle's definition changes from git history; `nil`
  ///     when there is no history to read, which skips `moved_goalposts`.
  /// - Returns: Alerts in team order (as in the card), then rule order, then key result.
  public func evaluate(
    repository: Repository, card: ScoreCard, history: CheckinHistory, changes: [DatedChange]? = nil
  ) -> [Alert] {
    var alerts: [Alert] = []
    // The moved goal posts of each team, grouped once rather than scanned per team.
    var movedByTeam: [String: [DatedChange]] = [:]
    for moved in changes ?? [] where moved.isMovedGoalpost { movedByTeam[moved.change.team, default: []].append(moved) }
    for team in card.teams {
      let teamQuarter = team.teamQuarter
      let day = card.asOf
      let keyResults = team.objectives.flatMap { objective in
        objective.keyResults.map { scored in
          let reference = KeyResultReference(
            objective: objective.objective.id.value, keyResult: scored.keyResult.id.value)
          let weeks = history.weeks(of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: day)
          let progress = KeyResultProgress(
            scored: scored, weeks: weeks, expected: team.expectedProgress(of: scored.keyResult), day: day)
          return (reference: reference, progress: progress)
        }
      }
      // Did the team check in: values pulled from sources are not it (TeamCheckins).
      let teamCheckins = TeamCheckins(keyResults.map(\.progress.weeks))
      let teamLast = teamCheckins.last
      // From the period's last day on there is no sprint left to re-plan: the final verdicts speak instead.
      let isLastDayOrLater = day >= teamQuarter.cycle.period.end
      for rule in rules {
        if isLastDayOrLater, rule.kind.asksToReplan { continue }
        let action = rule.action ?? rule.kind.defaultAction
        func fire(_ keyResult: KeyResultReference?, _ evidence: String, _ measured: Double, change: DatedChange? = nil)
        {
          alerts.append(
            Alert(
              rule: rule.kind, team: teamQuarter.slug, keyResult: keyResult, evidence: evidence, measured: measured,
              threshold: rule.threshold, action: action, change: change))
        }
        switch rule.kind {
        case .movedGoalposts:
          for moved in movedByTeam[teamQuarter.slug] ?? [] {
            guard let objective = moved.change.objective, let keyResult = moved.change.keyResult else { continue }
            let origin = moved.commit.map { "in \($0) by \(moved.author ?? "someone")" } ?? "in the working tree"
            fire(
              KeyResultReference(objective: objective, keyResult: keyResult),
              "\(moved.change.field ?? "definition") changed from \(moved.change.from?.description ?? "none") to "
                + "\(moved.change.to?.description ?? "none") on \(moved.date) \(origin), after the planning day "
                + "\(moved.planningDay), without a change_note",
              0, change: moved)
          }
        case .staleCheckin:
          if let (weeks, evidence) = staleness(of: teamCheckins, of: teamQuarter, day: day),
            Staleness(teamThreshold: rule.threshold).isTeamStale(weeks: weeks)
          {
            fire(nil, evidence, Double(weeks))
          }
        case .orphanEffort:
          if let (orphan, total) = orphanMinutes(of: teamQuarter),
            Exact.ratio(Decimal(orphan), over: Decimal(total), isAtLeast: rule.threshold)
          {
            let share = Double(orphan) / Double(total)
            fire(
              nil,
              "\(Effort(minutes: orphan)) of \(Effort(minutes: total)) of micro-goal hours (\(percent(share))) feed no key result",
              share)
          }
        case .confidenceDrop, .behindPace, .missedCheckpoint, .staleKeyResult:
          for (reference, progress) in keyResults {
            let scored = progress.scored
            switch rule.kind {
            case .confidenceDrop:
              let readings = progress.weeks.compactMap { week in week.confidence.map { (week, $0) } }
              if readings.count >= 2 {
                let (previousWeek, previous) = readings[readings.count - 2]
                let (latestWeek, latest) = readings[readings.count - 1]
                let drop = previous.level - latest.level
                if Double(drop) >= rule.threshold {
                  fire(
                    reference,
                    "confidence fell from \(previous.level) (\(previousWeek.week)) to \(latest.level) (\(latestWeek.week))",
                    Double(drop))
                }
              }
            case .behindPace:
              if let gap = progress.gap, let expected = progress.expectedFraction,
                progress.isBehind(byAtLeast: rule.threshold), !scored.isOverridden
              {
                fire(
                  reference,
                  "expected \(percent(expected)) of the way by now, at \(percent(scored.computedScore))"
                    + (progress.expectedValue.map {
                      " (expected \(Format.number($0)), actual \(scored.actual.map(Format.number) ?? "none"))"
                    } ?? ""),
                  gap)
              }
            case .missedCheckpoint:
              if let (shortfall, evidence) = missedCheckpoint(
                scored.keyResult, reference: reference, of: teamQuarter, calendar: team.calendar, history: history,
                day: day, threshold: rule.threshold)
              {
                fire(reference, evidence, shortfall)
              }
            case .staleKeyResult:
              if let (weeks, evidence) = staleKeyResult(progress, teamLast: teamLast, of: teamQuarter, day: day),
                Staleness(keyResultThreshold: rule.threshold).isKeyResultStale(
                  scored, weeks: weeks,
                  teamWeeks: teamLast.flatMap {
                    Staleness.weeks(since: $0.week, period: teamQuarter.cycle.period, day: day)
                  })
              {
                fire(reference, evidence, Double(weeks))
              }
            default:
              break
            }
          }
        }
      }
    }
    return alerts
  }

  /// Whole weeks since the team's last check-in by a person (or since its cycle started, without any).
  private func staleness(of team: TeamCheckins, of teamQuarter: TeamQuarter, day: CalendarDate) -> (Int, String)? {
    guard let weeks = Staleness.weeks(since: team.last?.week, period: teamQuarter.cycle.period, day: day) else {
      return nil
    }
    // Say why a week with values in it does not count, so nobody reads the log and doubts the alert.
    let pulled =
      team.pulledSince.map { "; values pulled from sources since (the last \($0.week)) are not a check-in" } ?? ""
    if let last = team.last {
      return (
        weeks, "no check-in for \(Format.count(weeks, "week")): the last was \(last.week) (\(last.date))\(pulled)"
      )
    }
    return (weeks, "no check-in yet, \(Format.count(weeks, "week")) into \(teamQuarter.cycle.label)\(pulled)")
  }

  /// Whole weeks since a key result's last check-in while its team checked in
  /// since (or since the cycle started, when it never had one).
  private func staleKeyResult(
    _ progress: KeyResultProgress, teamLast: WeeklyCheckin?, of teamQuarter: TeamQuarter, day: CalendarDate
  ) -> (Int, String)? {
    guard let teamLast,
      let weeks = Staleness.weeks(since: progress.weeks.last?.week, period: teamQuarter.cycle.period, day: day)
    else { return nil }
    let since = "while the team checked in \(teamLast.week) (\(teamLast.date))"
    if let last = progress.weeks.last {
      return (
        weeks, "no check-in for \(Format.count(weeks, "week")): the last was \(last.week) (\(last.date)), \(since)"
      )
    }
    return (weeks, "never checked in, \(Format.count(weeks, "week")) into \(teamQuarter.cycle.label), \(since)")
  }

  /// Planned micro-goal minutes tied to no key result, and all planned minutes (`nil` with none).
  private func orphanMinutes(of teamQuarter: TeamQuarter) -> (orphan: Int, total: Int)? {
    var total = 0
    var orphan = 0
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        for sprintGoal in keyResult.sprintGoals {
          for microGoal in sprintGoal.microGoals where microGoal.status != .dropped {
            total += microGoal.estimate?.value.minutes ?? 0
          }
        }
      }
    }
    for microGoal in teamQuarter.microGoals where microGoal.status != .dropped {
      let minutes = microGoal.estimate?.value.minutes ?? 0
      total += minutes
      if microGoal.keyResult == nil { orphan += minutes }
    }
    return total > 0 ? (orphan, total) : nil
  }

  /// The latest finished sprint whose hand-written checkpoint the key result
  /// missed by more than `threshold` (a share of its span), and by how much.
  private func missedCheckpoint(
    _ keyResult: KeyResult, reference: KeyResultReference, of teamQuarter: TeamQuarter, calendar: SprintCalendar,
    history: CheckinHistory, day: CalendarDate, threshold: Double
  ) -> (Double, String)? {
    guard case .span(let baseline, let target)? = keyResult.measure.scale else { return nil }
    let finished = keyResult.sprintGoals.compactMap { goal -> (Sprint, Double)? in
      guard let checkpoint = goal.checkpoint, let sprint = calendar.sprint(goal.sprint.value), sprint.period.end <= day
      else { return nil }
      return (sprint, checkpoint)
    }
    guard let (sprint, checkpoint) = finished.max(by: { $0.0.number < $1.0.number }) else { return nil }
    let weeks = history.weeks(
      of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: sprint.period.end)
    guard let actual = keyResult.actual(from: weeks).value else { return nil }
    // Progress is measured along the key result's direction, as a share of its span.
    guard Exact.shortfall(of: actual, against: checkpoint, baseline: baseline, target: target, minus: threshold) > 0
    else { return nil }
    return (
      Exact.shortfallShare(of: actual, against: checkpoint, baseline: baseline, target: target),
      "sprint \(sprint.number) ended \(sprint.period.end) at \(Format.number(actual)), short of its checkpoint \(Format.number(checkpoint))"
    )
  }
}

private func percent(_ fraction: Double) -> String { Format.percent(fraction) }
