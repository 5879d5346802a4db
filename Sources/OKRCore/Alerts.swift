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
    }
  }

  /// The thresholds that make sense for the rule.
  public var thresholdRange: ClosedRange<Double> {
    switch self {
    case .confidenceDrop: return 1...10
    case .behindPace, .orphanEffort: return 0.01...1
    case .staleCheckin: return 1...52
    case .missedCheckpoint: return 0...1
    }
  }

  /// The response when okr.yaml gives no `action`.
  public var defaultAction: String {
    switch self {
    case .confidenceDrop: return "The owner calls a short huddle to find out what changed"
    case .behindPace: return "Re-plan the next sprint goal for this key result"
    case .staleCheckin: return "Run this week's check-in: okr checkin"
    case .orphanEffort: return "Tie the work to a key result, or drop it"
    case .missedCheckpoint: return "Review the sprint: adjust the plan or the next checkpoint"
    }
  }
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
  /// - Parameters:
  ///   - repository: A repository without errors.
  ///   - card: The scores of the cycle as of the day (and its team selection).
  ///   - history: The repository's check-ins.
  /// - Returns: Alerts in team order (as in the card), then rule order, then key result.
  public func evaluate(repository: Repository, card: ScoreCard, history: CheckinHistory) -> [Alert] {
    var alerts: [Alert] = []
    for team in card.teams {
      let teamQuarter = team.teamQuarter
      for rule in rules {
        let action = rule.action ?? rule.kind.defaultAction
        func fire(_ keyResult: KeyResultReference?, _ evidence: String, _ measured: Double) {
          alerts.append(
            Alert(
              rule: rule.kind, team: teamQuarter.slug, keyResult: keyResult, evidence: evidence, measured: measured,
              threshold: rule.threshold, action: action))
        }
        switch rule.kind {
        case .staleCheckin:
          if let (weeks, evidence) = staleness(of: teamQuarter, history: history, day: card.asOf),
            Double(weeks) >= rule.threshold
          {
            fire(nil, evidence, Double(weeks))
          }
        case .orphanEffort:
          if let (share, evidence) = orphanShare(of: teamQuarter), share >= rule.threshold {
            fire(nil, evidence, share)
          }
        default:
          for objective in team.objectives {
            for scored in objective.keyResults {
              let reference = KeyResultReference(
                objective: objective.objective.id.value, keyResult: scored.keyResult.id.value)
              let weeks = history.weeks(
                of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: card.asOf)
              switch rule.kind {
              case .confidenceDrop:
                let readings = weeks.filter { $0.confidence != nil }
                if readings.count >= 2 {
                  let previous = readings[readings.count - 2]
                  let latest = readings[readings.count - 1]
                  let drop = Double(previous.confidence!.level - latest.confidence!.level)
                  if drop >= rule.threshold {
                    fire(
                      reference,
                      "confidence fell from \(previous.confidence!.level) (\(previous.week)) to \(latest.confidence!.level) (\(latest.week))",
                      drop)
                  }
                }
              case .behindPace:
                let progress = KeyResultProgress(
                  scored: scored, weeks: weeks, period: card.cycle.period, day: card.asOf)
                if let gap = progress.gap, let expected = progress.expectedFraction, gap >= rule.threshold,
                  !scored.isOverridden
                {
                  fire(
                    reference,
                    "expected \(percent(expected)) of the way by now, at \(percent(scored.computedScore))"
                      + (progress.expectedValue.map {
                        " (expected \(number($0)), actual \(scored.actual.map(number) ?? "none"))"
                      } ?? ""),
                    gap)
                }
              case .missedCheckpoint:
                if let (shortfall, evidence) = missedCheckpoint(
                  scored.keyResult, reference: reference, of: teamQuarter, repository: repository, history: history,
                  day: card.asOf), shortfall > rule.threshold
                {
                  fire(reference, evidence, shortfall)
                }
              default:
                break
              }
            }
          }
        }
      }
    }
    return alerts
  }

  /// Whole weeks since the team's last check-in (or since its first sprint started, without any).
  private func staleness(of teamQuarter: TeamQuarter, history: CheckinHistory, day: CalendarDate) -> (Int, String)? {
    let period = teamQuarter.cycle.period
    guard day >= period.start else { return nil }
    var last: WeeklyCheckin?
    for objective in teamQuarter.objectives {
      for keyResult in objective.keyResults {
        let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
        if let latest = history.weeks(of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: day)
          .last, latest.date > (last?.date ?? CalendarDate(daysSinceEpoch: Int.min / 4))
        {
          last = latest
        }
      }
    }
    let thisMonday = day.isoWeek.monday
    if let last {
      let weeks = last.week.monday.days(to: thisMonday) / 7
      return (weeks, "no check-in for \(weeks) week\(weeks == 1 ? "" : "s"): the last was \(last.week) (\(last.date))")
    }
    let weeks = max(0, period.start.isoWeek.monday.days(to: thisMonday) / 7)
    return (weeks, "no check-in yet, \(weeks) week\(weeks == 1 ? "" : "s") into \(teamQuarter.cycle.label)")
  }

  /// The share of planned micro-goal hours tied to no key result.
  private func orphanShare(of teamQuarter: TeamQuarter) -> (Double, String)? {
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
    guard total > 0 else { return nil }
    let share = Double(orphan) / Double(total)
    return (
      share,
      "\(Effort(minutes: orphan)) of \(Effort(minutes: total)) of micro-goal hours (\(percent(share))) feed no key result"
    )
  }

  /// The latest finished sprint whose checkpoint the key result did not reach, and by how much (a share of its span).
  private func missedCheckpoint(
    _ keyResult: KeyResult, reference: KeyResultReference, of teamQuarter: TeamQuarter, repository: Repository,
    history: CheckinHistory, day: CalendarDate
  ) -> (Double, String)? {
    guard case .numeric(let baseline, let target) = keyResult.measure else { return nil }
    let calendar = repository.sprintCalendar(of: teamQuarter)
    let finished = keyResult.sprintGoals.compactMap { goal -> (Sprint, Double)? in
      guard let checkpoint = goal.checkpoint, let sprint = calendar.sprint(goal.sprint.value), sprint.period.end <= day
      else { return nil }
      return (sprint, checkpoint)
    }
    guard let (sprint, checkpoint) = finished.max(by: { $0.0.number < $1.0.number }) else { return nil }
    let weeks = history.weeks(
      of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: sprint.period.end)
    let actual = weeks.last { $0.value != nil }?.value ?? keyResult.current ?? baseline
    // Progress is measured along the key result's direction, as a share of its span.
    let shortfall = (checkpoint - actual) / (target - baseline)
    guard shortfall > 0 else { return nil }
    return (
      shortfall,
      "sprint \(sprint.number) ended \(sprint.period.end) at \(number(actual)), short of its checkpoint \(number(checkpoint))"
    )
  }
}

private func percent(_ fraction: Double) -> String { Format.percent(fraction) }

/// Evidence numbers: two decimals at most.
private func number(_ value: Double) -> String { Format.number((value * 100).rounded() / 100) }
