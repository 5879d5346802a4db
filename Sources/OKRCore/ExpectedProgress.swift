/// Where a key result should stand on a day: the one definition every command uses.
///
/// The plan's sprint checkpoints, `okr status`, the check-in prompts, the
/// alerts and the HTML pace line all ask this type, so they cannot disagree
/// about the same key result on the same day.
///
/// For a key result with a span (numeric) the expected value runs from the baseline at the
/// start of the period to the target at its end. Hand-written sprint
/// checkpoints are anchors: at the end of that sprint's last day the expected
/// value is the checkpoint. Between two anchors the value follows the key
/// result's `pace` (linear, front or back), stretched to meet both anchors.
/// Days are whole: the value "on" a day is the value at the end of it.
///
/// Derived values are decimals, stated to one more decimal place than the
/// numbers written for the key result (baseline, target, checkpoints): 35 → 65
/// on day 20 of 92 is 41.5, not 41.52173913043478. That decimal is the
/// expected value, for display and for the exact comparisons of the alerts.
public struct ExpectedProgress: Sendable {
  /// A value the expected line must pass through: the baseline, a checkpoint, the target.
  struct Anchor: Sendable {
    /// The share of the period elapsed at the anchor, 0...1.
    var elapsed: Double
    /// The expected value there.
    var value: Double
  }

  /// The key result.
  public let keyResult: KeyResult
  /// The period the key result runs over.
  public let period: Period
  private let anchors: [Anchor]
  private let decimals: Int

  /// The expected progress of a key result over its team's sprint calendar.
  ///
  /// - Parameters:
  ///   - keyResult: The key result as written.
  ///   - calendar: Its team's sprints, which place its hand-written checkpoints.
  public init(keyResult: KeyResult, calendar: SprintCalendar) {
    self.keyResult = keyResult
    self.period = calendar.period
    guard case .span(let baseline, let target)? = keyResult.measure.scale else {
      anchors = []
      decimals = 0
      return
    }
    var checkpoints: [Anchor] = []
    var written = [baseline, target]
    for goal in keyResult.sprintGoals {
      guard let checkpoint = goal.checkpoint, let sprint = calendar.sprint(goal.sprint.value) else { continue }
      written.append(checkpoint)
      let elapsed = calendar.period.elapsedFraction(at: min(sprint.period.end, calendar.period.end))
      // Two goals for one sprint (a lint error) keep the first, as the plan does.
      if !checkpoints.contains(where: { $0.elapsed == elapsed }) {
        checkpoints.append(Anchor(elapsed: elapsed, value: checkpoint))
      }
    }
    checkpoints.sort { $0.elapsed < $1.elapsed }
    // A key result added mid-quarter starts from its baseline on the day it was added, not the period's first.
    let start = keyResult.addedOn.map { calendar.period.elapsedFraction(at: $0.adding(days: -1)) } ?? 0
    var anchors = [Anchor(elapsed: start, value: baseline)]
    anchors += checkpoints.filter { $0.elapsed > start }
    // A checkpoint on the period's last day is what people expect there; else the target is.
    if anchors.last!.elapsed < 1 { anchors.append(Anchor(elapsed: 1, value: target)) }
    self.anchors = anchors
    self.decimals = min(12, written.map(Self.fractionDigits).max()! + 1)
  }

  /// The value expected at the end of `day` (key results with a span), a decimal.
  ///
  /// Before the period it is the baseline; from its last day on, the target (or
  /// the checkpoint written for that day).
  public func value(on day: CalendarDate) -> Double? {
    guard let first = anchors.first else { return nil }
    let elapsed = period.elapsedFraction(at: day)
    if day < period.start { return first.value }
    guard let next = anchors.firstIndex(where: { $0.elapsed >= elapsed }) else { return anchors.last!.value }
    let to = anchors[next]
    if to.elapsed == elapsed || next == 0 { return to.value }
    let from = anchors[next - 1]
    let pace = keyResult.pace
    let share =
      (pace.expectedFraction(elapsed) - pace.expectedFraction(from.elapsed))
      / (pace.expectedFraction(to.elapsed) - pace.expectedFraction(from.elapsed))
    return Self.rounded(Scoring.value(at: share, from: from.value, to: to.value), decimals: decimals)
  }

  /// The share of the way expected by the end of `day`, 0...1, as the key
  /// result's kind reckons it; `nil` for kinds without a halfway mark.
  public func fraction(on day: CalendarDate) -> Double? {
    keyResult.measure.behaviour?.expectedFraction(on: day, of: self)
  }

  /// The share of the span from `baseline` to `target` that ``value(on:)`` makes by the end of `day`.
  func shareOfSpan(on day: CalendarDate, baseline: Double, target: Double) -> Double? {
    value(on: day).map { Scoring.numeric(actual: $0, baseline: baseline, target: target) }
  }

  /// The pace line of a burn-up chart.
  ///
  /// The expected value at the end of each ISO week of the period (its last
  /// day for the last week), from the baseline at its start. Empty for key
  /// results without a span.
  public func weeklyCurve() -> [(date: CalendarDate, value: Double)] {
    guard let first = anchors.first else { return [] }
    var points = [(date: period.start, value: first.value)]
    var day = period.start.isoWeek.day(.sunday)
    while day < period.end {
      points.append((day, value(on: day)!))
      day = day.adding(days: 7)
    }
    points.append((period.end, value(on: period.end)!))
    return points
  }

  /// How many digits follow the decimal point when `value` is written shortest.
  static func fractionDigits(_ value: Double) -> Int {
    let text = Format.number(value)
    if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      // 1e-07: seven digits; 1.5e-07: eight.
      let power = Int(text[text.index(after: exponent)...]) ?? 0
      let mantissa = text[..<exponent]
      let digits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
      return max(0, digits - power)
    }
    return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
  }

  /// `value` rounded half away from zero to `decimals` places (0 keeps whole numbers whole).
  static func rounded(_ value: Double, decimals: Int) -> Double {
    Scoring.rounded(value, places: max(1, decimals))
  }
}
