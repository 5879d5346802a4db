/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// OKR dates are calendar days ("due 2026-01-08"), so all date math here is
/// day arithmetic on this type: there is one calendar and no time zone to get
/// wrong. `2024-02-30` does not exist and is never rolled over to March 1.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The year.
  public let year: Int
  /// The month, 1...12.
  public let month: Int
  /// The day of the month, 1...31.
  public let day: Int

  /// Creates a date, or `nil` when the day does not exist.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`, or returns `nil` (also for days that do not exist).
  public init?(_ text: String) {
    let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Self.number(parts[0]), let month = Self.number(parts[1]), let day = Self.number(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The date `daysSinceEpoch` days after 1970-01-01.
  public init(daysSinceEpoch days: Int) {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01 (negative before it).
  public var daysSinceEpoch: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `count` days later (earlier when negative).
  public func adding(days count: Int) -> CalendarDate {
    CalendarDate(daysSinceEpoch: daysSinceEpoch + count)
  }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(to other: CalendarDate) -> Int {
    other.daysSinceEpoch - daysSinceEpoch
  }

  /// The day of the week.
  public var weekday: Weekday {
    // 1970-01-01 was a Thursday.
    let index = ((daysSinceEpoch % 7) + 7 + 3) % 7
    return Weekday.allCases[index]
  }

  /// The ISO 8601 week this day belongs to.
  public var isoWeek: ISOWeek {
    let thursday = adding(days: 3 - weekday.isoIndex)
    let firstOfYear = CalendarDate(year: thursday.year, month: 1, day: 1)!
    return ISOWeek(unchecked: thursday.year, week: firstOfYear.days(to: thursday) / 7 + 1)
  }

  /// The first `weekday` on or after this date.
  public func next(_ target: Weekday) -> CalendarDate {
    adding(days: (target.isoIndex - weekday.isoIndex + 7) % 7)
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
  }

  /// Whether `year` has a February 29.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func number<Digits: Collection>(_ digits: Digits) -> Int? where Digits.Element == UInt8 {
    guard !digits.isEmpty, digits.count <= 9 else { return nil }
    var value = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// A day of the week, in ISO order (Monday first).
public enum Weekday: String, Sendable, Hashable, CaseIterable {
  case monday, tuesday, wednesday, thursday, friday, saturday, sunday

  /// 0 for Monday through 6 for Sunday.
  public var isoIndex: Int { Weekday.allCases.firstIndex(of: self)! }
}

/// An ISO 8601 week, written `2026-W03`.
public struct ISOWeek: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The ISO week-numbering year (which differs from the calendar year around New Year).
  public let year: Int
  /// The week, 1...52 or 53.
  public let week: Int

  init(unchecked year: Int, week: Int) {
    self.year = year
    self.week = week
  }

  /// Creates a week, or `nil` when the year has no such week (only some years have a week 53).
  public init?(year: Int, week: Int) {
    guard (1...9999).contains(year), week >= 1, week <= ISOWeek.weeks(in: year) else { return nil }
    self.init(unchecked: year, week: week)
  }

  /// Parses `YYYY-Www` (`2026-W03`).
  public init?(_ text: String) {
    let utf8 = Array(text.utf8)
    guard utf8.count == 8, utf8[4] == UInt8(ascii: "-"), utf8[5] == UInt8(ascii: "W"),
      let year = CalendarDate.number(utf8.prefix(4)),
      let week = CalendarDate.number(utf8.suffix(2))
    else { return nil }
    self.init(year: year, week: week)
  }

  /// How many ISO weeks `year` has: 53 when it starts on a Thursday, or is a
  /// leap year starting on a Wednesday; else 52.
  public static func weeks(in year: Int) -> Int {
    let december28 = CalendarDate(year: year, month: 12, day: 28)!
    return december28.isoWeek.week
  }

  /// The week's Monday.
  public var monday: CalendarDate {
    let january4 = CalendarDate(year: year, month: 1, day: 4)!
    return january4.adding(days: -january4.weekday.isoIndex + (week - 1) * 7)
  }

  /// The week's `weekday`.
  public func day(_ weekday: Weekday) -> CalendarDate {
    monday.adding(days: weekday.isoIndex)
  }

  /// Whether `date` falls in this week.
  public func contains(_ date: CalendarDate) -> Bool {
    date.isoWeek == self
  }

  public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
    (lhs.year, lhs.week) < (rhs.year, rhs.week)
  }

  /// `YYYY-Www`.
  public var description: String { "\(CalendarDate.pad(year, 4))-W\(CalendarDate.pad(week, 2))" }
}

extension ISOWeek {
  /// Whole weeks from this week to `other` (negative when `other` is earlier):
  /// the one way okr counts weeks between two days, Monday to Monday.
  public func weeks(to other: ISOWeek) -> Int {
    monday.days(to: other.monday) / 7
  }
}
