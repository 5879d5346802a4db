extension Pace {
  /// The share of the way from baseline to target expected after `elapsed`
  /// (0...1) of the cycle: linear; front-loaded `1 - (1 - e)²`; back-loaded `e²`.
  public func expectedFraction(_ elapsed: Double) -> Double {
    let e = min(1, max(0, elapsed))
    switch self {
    case .linear: return e
    case .front: return 1 - (1 - e) * (1 - e)
    case .back: return e * e
    }
  }
}

/// Where a key result stands against where it should be by now.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
  /// At most 0.1 behind the expected progress, and confidence not red; a
  /// boolean key result done, or open with green confidence.
  case onTrack = "on track"
  /// Between 0.1 and 0.25 behind; a threshold key result with no data or red
  /// confidence; a boolean key result open with yellow confidence.
  case atRisk = "at risk"
  /// More than 0.25 behind the expected progress, or the last confidence is red
  /// (0-3); a threshold key result on the wrong side of its bound; a boolean key
  /// result not done by the cycle's end.
  case offTrack = "off track"
}

/// A key result's progress as of a day: its score, the progress expected by
/// now under its pace, a projection and a verdict.
public struct KeyResultProgress: Sendable {
  /// The score as of the day (actual value, confidence, grade).
  public var scored: KeyResultScore
  /// The weekly check-ins up to the day, oldest first.
  public var weeks: [WeeklyCheckin]
  /// The share of the way expected by now, 0...1; `nil` for threshold and boolean key results, which have no halfway mark.
  public var expectedFraction: Double?
  /// The value expected by now (numeric key results).
  public var expectedValue: Double?
  /// The score at the cycle's end if progress since the first check-in goes on at the same rate (numeric key results with two check-ins).
  public var projectedScore: Double?
  /// On track, at risk or off track.
  public var verdict: Verdict
  /// The cycle.
  public var period: Period

  /// How far actual progress trails expected progress (positive when behind).
  public var gap: Double? { expectedFraction.map { $0 - scored.computedScore } }

  /// Measures a key result's progress.
  ///
  /// - Parameters:
  ///   - scored: Its score as of `day`.
  ///   - weeks: Its weekly check-ins as of `day`.
  ///   - period: The cycle.
  ///   - day: The as-of day.
  public init(scored: KeyResultScore, weeks: [WeeklyCheckin], period: Period, day: CalendarDate) {
    self.scored = scored
    self.weeks = weeks
    self.period = period
    let keyResult = scored.keyResult
    let elapsed = period.elapsedFraction(at: day)
    switch keyResult.measure {
    case .threshold, .boolean, .invalid:
      // Staying on one side of a bound, or being done, has no halfway mark to be behind.
      expectedFraction = nil
    case .numeric, .milestones:
      expectedFraction = keyResult.pace.expectedFraction(elapsed)
    }
    if case .numeric(let baseline, let target) = keyResult.measure, let fraction = expectedFraction {
      expectedValue = baseline + fraction * (target - baseline)
      projectedScore = Self.projection(weeks, baseline: baseline, target: target, end: period.end)
    }
    let band = scored.confidence?.level.band
    switch keyResult.measure {
    case .threshold:
      if scored.source == .none {
        verdict = .atRisk
      } else if scored.computedScore < 1 {
        verdict = .offTrack
      } else {
        verdict = band == .red ? .atRisk : .onTrack
      }
    case .boolean:
      // Done is done; until then the team's confidence is the only signal, and
      // a key result still open when the cycle is over is off track.
      if scored.computedScore >= 1 {
        verdict = .onTrack
      } else if band == .red || day >= period.end {
        verdict = .offTrack
      } else {
        verdict = band == .yellow ? .atRisk : .onTrack
      }
    default:
      let gap = (expectedFraction ?? 0) - scored.computedScore
      if gap > 0.25 || band == .red {
        verdict = .offTrack
      } else if gap > 0.1 {
        verdict = .atRisk
      } else {
        verdict = .onTrack
      }
    }
  }

  /// The pace line of a burn-up chart.
  ///
  /// The value expected at the end of each ISO week of the cycle (the cycle's
  /// last day for its last week), from the baseline at its start. Empty for
  /// all but numeric key results.
  public func expectedCurve() -> [(date: CalendarDate, value: Double)] {
    guard case .numeric(let baseline, let target) = scored.keyResult.measure else { return [] }
    var points = [(date: period.start, value: baseline)]
    var day = period.start.isoWeek.day(.sunday)
    while day < period.end {
      let fraction = scored.keyResult.pace.expectedFraction(period.elapsedFraction(at: day))
      points.append((day, baseline + fraction * (target - baseline)))
      day = day.adding(days: 7)
    }
    points.append((period.end, target))
    return points
  }

  /// The score at `end` if the value keeps moving at its rate since the first check-in.
  static func projection(_ weeks: [WeeklyCheckin], baseline: Double, target: Double, end: CalendarDate) -> Double? {
    let measured = weeks.filter { $0.value != nil }
    guard let first = measured.first, let last = measured.last, first.date < last.date,
      let from = first.value, let to = last.value
    else { return nil }
    let perDay = (to - from) / Double(first.date.days(to: last.date))
    let projected = to + perDay * Double(max(0, last.date.days(to: end)))
    return Scoring.numeric(actual: projected, baseline: baseline, target: target)
  }
}

/// Eight levels of a bar chart, for a week-by-week confidence trend in one line.
public enum Sparkline {
  /// `▃▅▆▆▂` for confidences 2, 5, 6, 6, 1; a space for a week without one.
  public static func confidence(_ levels: [Int?]) -> String {
    let blocks = Array("▁▂▃▄▅▆▇█")
    return String(
      levels.map { level in
        guard let level else { return " " }
        return blocks[min(7, max(0, level * 7 / 10))]
      })
  }
}
