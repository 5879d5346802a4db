/// A key result's check-in for one week, after later documents of the same
/// week have corrected earlier ones.
public struct WeeklyCheckin: Sendable {
  /// The ISO week.
  public var week: ISOWeek
  /// The day the check-in counts from.
  public var date: CalendarDate
  /// Who checked in last that week.
  public var by: String?
  /// The measured value (numeric and threshold key results).
  public var value: Double?
  /// Whether it is done (boolean key results).
  public var done: Bool?
  /// The titles of milestones done (milestones key results).
  public var milestonesDone: [String]?
  /// How confident the team was.
  public var confidence: Confidence?
  /// What changed.
  public var note: String?
  /// What is in the way.
  public var blockers: [String]
  /// Every document of the week for this key result was written by `okr
  /// checkin pull` (`by: source`): the values are in, but no person has
  /// checked in, so the team still owes its check-in.
  public var isPulledOnly = false
}

/// Every key result's weekly check-ins, read from the check-in logs.
///
/// For the same team, week and key result, a later document wins, field by
/// field: a correction that gives only a new `value` keeps the week's
/// confidence and note. A check-in counts from its `date`, else from the
/// check-in day of its week. "As of" a day means: only check-ins counting
/// from that day or earlier exist.
public struct CheckinHistory: Sendable {
  private struct TeamKey: Hashable, Sendable {
    var cycle: String
    var team: String
  }

  /// What a report needs of one entry: its values without their source
  /// locations, a quarter of a `CheckinEntry`'s size (a company's history
  /// holds hundreds of thousands of them).
  private struct Record: Sendable {
    var week: ISOWeek
    var date: CalendarDate
    var by: String?
    var value: Double?
    var done: Bool?
    var milestonesDone: [String]?
    var confidence: Confidence?
    var note: String?
    var blockers: [String]
  }

  private typealias Records = [TeamKey: [KeyResultReference: [Record]]]

  /// Each team's key results' entries, in the order they were written.
  private var records: Records = [:]

  /// Reads the check-ins of `repository`.
  ///
  /// - Parameters:
  ///   - repository: The repository; its logs are read in path order, each in file order.
  ///   - cycle: Only this cycle's check-ins (a report is about one cycle), or every cycle's when `nil`.
  public init(_ repository: Repository, cycle: String? = nil) {
    // A check-in without a date counts from its team's check-in day, else the
    // repository's, else Friday; kept inside the team's cycle, so the last week
    // of a quarter (whose Friday may fall after the quarter ends) still counts.
    let teams = Dictionary(
      repository.teamQuarters.map { teamQuarter in
        (
          TeamKey(cycle: teamQuarter.cycle.label, team: teamQuarter.slug),
          (day: repository.cadence(of: teamQuarter).checkinDay, period: teamQuarter.cycle.period)
        )
      },
      uniquingKeysWith: { _, last in last })
    let fallback = repository.config.cadence.checkinDay ?? Cadence.defaultCheckinDay
    // Each log on its own core, then merged in path order: a key result's
    // entries stay in the order they were written.
    let logs = repository.checkinLogs.sorted(by: { $0.path < $1.path })
    let perLog = logs.concurrentMap { log -> Records in
      var records: Records = [:]
      for checkin in log.checkins where cycle == nil || checkin.cycle.value == cycle {
        let teamKey = TeamKey(cycle: checkin.cycle.value, team: checkin.team.value)
        let team = teams[teamKey]
        var date = checkin.effectiveDate(checkinDay: team?.day ?? fallback)
        if checkin.date == nil, let period = team?.period {
          date = min(max(date, period.start), period.end)
        }
        var keyResults = records.removeValue(forKey: teamKey) ?? [:]
        for entry in checkin.entries {
          keyResults[entry.keyResult.value, default: []].append(
            Record(
              week: checkin.week.value, date: date, by: checkin.by, value: entry.value?.value,
              done: entry.done?.value, milestonesDone: entry.milestonesDone?.map(\.value),
              confidence: entry.confidence?.value, note: entry.note, blockers: entry.blockers))
        }
        records[teamKey] = keyResults
      }
      return records
    }
    for logRecords in perLog {
      for (teamKey, keyResults) in logRecords {
        guard var merged = records.removeValue(forKey: teamKey) else {
          records[teamKey] = keyResults
          continue
        }
        for (keyResult, entries) in keyResults { merged[keyResult, default: []].append(contentsOf: entries) }
        records[teamKey] = merged
      }
    }
  }

  /// A key result's check-ins as of a day, one per week, oldest first.
  ///
  /// - Parameters:
  ///   - keyResult: The key result, within the team's file.
  ///   - team: The team's slug.
  ///   - cycle: The cycle's label.
  ///   - day: Check-ins counting from later days are left out.
  /// - Returns: The weekly check-ins, each with later corrections applied.
  public func weeks(of keyResult: KeyResultReference, team: String, cycle: String, asOf day: CalendarDate)
    -> [WeeklyCheckin]
  {
    var weeks: [WeeklyCheckin] = []
    // Entries come week after week, so a week is new or the last one; an
    // entry for an earlier week switches to an index by week.
    var indexByWeek: [ISOWeek: Int]?
    for record in records[TeamKey(cycle: cycle, team: team)]?[keyResult] ?? [] where record.date <= day {
      let index: Int?
      if indexByWeek == nil, weeks.last.map({ $0.week <= record.week }) ?? true {
        index = weeks.last?.week == record.week ? weeks.count - 1 : nil
      } else {
        if indexByWeek == nil {
          indexByWeek = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1.week, $0) })
        }
        index = indexByWeek?[record.week]
      }
      let pulled = record.by == KeyResultSource.recordedBy
      var week =
        index.map { weeks[$0] }
        ?? WeeklyCheckin(week: record.week, date: record.date, by: nil, blockers: [], isPulledOnly: pulled)
      week.isPulledOnly = week.isPulledOnly && pulled
      week.date = record.date
      week.by = record.by ?? week.by
      week.value = record.value ?? week.value
      week.done = record.done ?? week.done
      week.milestonesDone = record.milestonesDone ?? week.milestonesDone
      week.confidence = record.confidence ?? week.confidence
      week.note = record.note ?? week.note
      week.blockers = record.blockers.isEmpty ? week.blockers : record.blockers
      if let index {
        weeks[index] = week
      } else {
        indexByWeek?[record.week] = weeks.count
        weeks.append(week)
      }
    }
    if indexByWeek != nil { weeks.sort { $0.week < $1.week } }
    return weeks
  }
}

extension BidirectionalCollection where Element == WeeklyCheckin {
  /// The milestones done so far, by title; `nil` when no check-in names any.
  ///
  /// A check-in that names milestones states every one done by then, so the
  /// newest that names any counts. The one reading for scores, the interview
  /// and recording.
  public var milestonesDoneSoFar: [String]? {
    last { $0.milestonesDone != nil }?.milestonesDone
  }
}
