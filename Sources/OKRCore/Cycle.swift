/// An inclusive range of calendar days: a quarter, or a custom OKR cycle.
public struct Period: Hashable, Sendable, CustomStringConvertible {
  /// The first day.
  public let start: CalendarDate
  /// The last day, included.
  public let end: CalendarDate

  /// Creates a period, or `nil` when `end` is before `start`.
  public init?(start: CalendarDate, end: CalendarDate) {
    guard start <= end else { return nil }
    self.start = start
    self.end = end
  }

  /// The number of days, both ends included.
  public var dayCount: Int { start.days(to: end) + 1 }

  /// The longest cycle a quarter file may set with `period:`, in days.
  ///
  /// Sprints, rituals, pace lines and check-in weeks are laid out day by day
  /// or week by week over the cycle, so its length bounds what every command
  /// does: 0001-01-01 to 9999-12-31 in one-day sprints took `plan` 20 s and
  /// 1.5 GB. A year and a month is room for any OKR cycle.
  public static let longestCycle = 400

  /// Whether `date` is inside the period.
  public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }

  /// How much of the period has passed by the end of `date`, from 0 to 1.
  public func elapsedFraction(at date: CalendarDate) -> Double {
    let elapsed = start.days(to: date) + 1
    return min(1, max(0, Double(elapsed) / Double(dayCount)))
  }

  /// `start..end`.
  public var description: String { "\(start)..\(end)" }

  /// The cycle after this one: from the day after it ends, as many months long.
  ///
  /// The length is counted in whole months from the first day to the day
  /// after the last (at least one), so a fiscal quarter of 2026-02-01 to
  /// 2026-04-30 is followed by 2026-05-01 to 2026-07-31, whatever the days
  /// in those months.
  public var following: Period {
    let next = end.adding(days: 1)
    let months = max(1, Self.wholeMonths(from: start, to: next))
    let last = Self.adding(months: months, to: next).adding(days: -1)
    return Period(start: next, end: last)!
  }

  /// Whole months from `first` to `later`: 2026-02-01 to 2026-05-01 is 3, to 2026-04-30 is 2.
  static func wholeMonths(from first: CalendarDate, to later: CalendarDate) -> Int {
    (later.year * 12 + later.month) - (first.year * 12 + first.month) - (later.day < first.day ? 1 : 0)
  }

  /// `date` moved by whole months, its day kept where the month has it (else the month's last day).
  static func adding(months: Int, to date: CalendarDate) -> CalendarDate {
    let index = date.year * 12 + (date.month - 1) + months
    let (year, month) = (index / 12, index % 12 + 1)
    let day = min(date.day, CalendarDate.daysIn(month: month, year: year))
    return CalendarDate(year: year, month: month, day: day) ?? date
  }
}

/// A calendar quarter, written `2026-Q1`.
public struct Quarter: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The year.
  public let year: Int
  /// The quarter, 1...4.
  public let number: Int

  /// Creates a quarter, or `nil` when `number` is not 1...4.
  public init?(year: Int, number: Int) {
    guard (1...9999).contains(year), (1...4).contains(number) else { return nil }
    self.year = year
    self.number = number
  }

  /// Parses `YYYY-Qn`.
  public init?(_ text: String) {
    let utf8 = Array(text.utf8)
    guard utf8.count == 7, utf8[4] == UInt8(ascii: "-"), utf8[5] == UInt8(ascii: "Q"),
      let year = CalendarDate.number(utf8.prefix(4)),
      let number = CalendarDate.number(utf8.suffix(1))
    else { return nil }
    self.init(year: year, number: number)
  }

  /// The quarter that contains `date`.
  public init(containing date: CalendarDate) {
    year = date.year
    number = (date.month - 1) / 3 + 1
  }

  /// The quarter's days.
  public var period: Period {
    let first = CalendarDate(year: year, month: number * 3 - 2, day: 1)!
    let lastMonth = number * 3
    let last = CalendarDate(year: year, month: lastMonth, day: CalendarDate.daysIn(month: lastMonth, year: year))!
    return Period(start: first, end: last)!
  }

  public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
    (lhs.year, lhs.number) < (rhs.year, rhs.number)
  }

  /// `YYYY-Qn`.
  public var description: String { "\(CalendarDate.pad(year, 4))-Q\(number)" }
}

/// One OKR cycle: usually a calendar quarter, or a custom `period:`.
///
/// The cycle's `label` is what check-ins and `--quarter` name it by: the
/// quarter (`2026-Q1`) when the file gives one, else the period written as
/// `2026-02-01..2026-04-30`.
public struct Cycle: Hashable, Sendable {
  /// What the cycle is called.
  public let label: String
  /// The cycle's days.
  public let period: Period

  /// A calendar quarter; `period` overrides its dates (a fiscal quarter).
  public init(quarter: Quarter, period: Period? = nil) {
    label = quarter.description
    self.period = period ?? quarter.period
  }

  /// A custom cycle named by its dates.
  public init(period: Period) {
    label = period.description
    self.period = period
  }

  /// Whether the cycle is a calendar quarter's days under its own name.
  public var isCalendarQuarter: Bool { Quarter(label)?.period == period }

  /// The cycle that follows this one when its files carry into `quarter`
  /// (`okr init --from`).
  ///
  /// A calendar quarter carries into `quarter`'s own days; a fiscal or custom
  /// cycle into the next cycle of its kind, which starts the day after it
  /// ends and keeps its length in months (``Period/following``), so the two
  /// never overlap.
  public func carried(into quarter: Quarter) -> Cycle {
    isCalendarQuarter ? Cycle(quarter: quarter) : Cycle(quarter: quarter, period: period.following)
  }
}

/// A length of time in whole days, written `Nd` or `Nw` (`2w`, `10d`).
public struct DayCount: Hashable, Sendable, CustomStringConvertible {
  /// The number of days, at least 1.
  public let days: Int

  /// Creates a length, or `nil` unless `days` is positive.
  public init?(days: Int) {
    guard days > 0 else { return nil }
    self.days = days
  }

  /// Parses `Nd` or `Nw`.
  public init?(_ text: String) {
    guard let unit = text.last, let count = Int(text.dropLast()), count > 0, count <= 365 else { return nil }
    switch unit {
    case "d": self.init(days: count)
    case "w": self.init(days: count * 7)
    default: return nil
    }
  }

  /// `Nw` when a whole number of weeks, else `Nd`.
  public var description: String { days % 7 == 0 ? "\(days / 7)w" : "\(days)d" }
}

/// Effort in minutes, written `90m`, `1.5h`, `2h` or `1h30m`.
public struct Effort: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Whole minutes.
  public let minutes: Int

  /// Creates an effort of `minutes`.
  public init(minutes: Int) {
    self.minutes = minutes
  }

  /// Parses `90m`, `1.5h`, `2h`, `1h30m`; `nil` for anything else or zero.
  public init?(_ text: String) {
    var total = 0.0
    var rest = Substring(text)
    if let h = rest.firstIndex(of: "h") {
      guard let hours = Self.decimal(rest[..<h]) else { return nil }
      total += hours * 60
      rest = rest[rest.index(after: h)...]
    }
    if !rest.isEmpty {
      guard rest.last == "m", let minutes = Self.decimal(rest.dropLast()) else { return nil }
      total += minutes
    }
    let minutes = Int(min(total, 1e9).rounded())
    guard minutes >= 1, total <= 10_000 * 60 else { return nil }
    self.minutes = minutes
  }

  /// `1`, `1.5`, `.5`: digits and one point, nothing Double(_:) would also take (`0x10`, `1e1`, `inf`).
  private static func decimal(_ text: Substring) -> Double? {
    guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      text.filter({ $0 == "." }).count <= 1, text != "."
    else { return nil }
    return Double(text)
  }

  /// Hours, as a fraction.
  public var hours: Double { Double(minutes) / 60 }

  public static func < (lhs: Effort, rhs: Effort) -> Bool { lhs.minutes < rhs.minutes }

  /// `1h30m`, `2h`, `45m`.
  public var description: String {
    switch (minutes / 60, minutes % 60) {
    case (0, let m): return "\(m)m"
    case (let h, 0): return "\(h)h"
    case (let h, let m): return "\(h)h\(m)m"
    }
  }
}
