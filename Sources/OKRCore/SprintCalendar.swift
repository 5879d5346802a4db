/// One sprint: a number and its days.
public struct Sprint: Hashable, Sendable {
  /// The sprint's number, from 1.
  public let number: Int
  /// The sprint's days.
  public let period: Period

  /// Creates a sprint.
  public init(number: Int, period: Period) {
    self.number = number
    self.period = period
  }
}

/// The sprints of a cycle.
///
/// Sprints of `sprintLength` start on `firstSprint` (default: the first Monday
/// on or after the cycle's start) and are numbered from 1. What is left at the
/// cycle's end joins the last sprint when it is shorter than half a sprint, so
/// no team gets a two-day sprint; a longer remainder becomes a short last sprint.
public struct SprintCalendar: Sendable {
  /// The cycle's days.
  public let period: Period
  /// The sprints, in order.
  public let sprints: [Sprint]

  /// Lays out the sprints of `period`.
  ///
  /// - Parameters:
  ///   - period: The cycle.
  ///   - sprintLength: Each sprint's length.
  ///   - firstSprint: The first sprint's first day, or `nil` for the first Monday on or after `period.start`.
  public init(period: Period, sprintLength: DayCount, firstSprint: CalendarDate?) {
    self.period = period
    let length = sprintLength.days
    var start = firstSprint ?? period.start.next(.monday)
    var sprints: [Sprint] = []
    while start <= period.end {
      let remaining = start.days(to: period.end) + 1
      if remaining >= length {
        sprints.append(
          Sprint(number: sprints.count + 1, period: Period(start: start, end: start.adding(days: length - 1))!))
        start = start.adding(days: length)
        continue
      }
      if 2 * remaining < length, let last = sprints.last {
        sprints[sprints.count - 1] = Sprint(
          number: last.number, period: Period(start: last.period.start, end: period.end)!)
      } else {
        sprints.append(Sprint(number: sprints.count + 1, period: Period(start: start, end: period.end)!))
      }
      break
    }
    self.sprints = sprints
  }

  /// The sprint numbered `number`, if the cycle has it.
  public func sprint(_ number: Int) -> Sprint? {
    sprints.indices.contains(number - 1) ? sprints[number - 1] : nil
  }

  /// The sprint `date` falls in, if any.
  public func sprint(containing date: CalendarDate) -> Sprint? {
    sprints.first { $0.period.contains(date) }
  }
}
