/// How confident a team is that a key result will be reached: 0 to 10.
///
/// Words map to levels: green 8, yellow 5, red 2. Levels map back to colours:
/// 7...10 green, 4...6 yellow, 0...3 red.
public struct Confidence: Hashable, Sendable {
  /// The colour band of a confidence level.
  public enum Band: String, Sendable, Hashable, CaseIterable, Codable {
    case red, yellow, green
  }

  /// The level, in a byte: a check-in entry keeps one, and entries are many.
  private let storedLevel: UInt8

  /// The level, 0...10.
  public var level: Int { Int(storedLevel) }

  /// Creates a confidence, or `nil` outside 0...10.
  public init?(level: Int) {
    guard (0...10).contains(level) else { return nil }
    self.storedLevel = UInt8(level)
  }

  /// The level a colour word stands for.
  public init(_ band: Band) {
    switch band {
    case .green: storedLevel = 8
    case .yellow: storedLevel = 5
    case .red: storedLevel = 2
    }
  }

  /// The level's colour band.
  public var band: Band {
    switch level {
    case 7...: return .green
    case 4...6: return .yellow
    default: return .red
    }
  }
}

/// An immutable value on the heap, for what a compact model type keeps out
/// of line: copies share the box, and a change makes a new one.
final class SharedBox<Value: Sendable>: Sendable {
  let value: Value

  init(_ value: Value) {
    self.value = value
  }
}

/// One key result's entry in a check-in.
public struct CheckinEntry: Sendable {
  /// Which key result, within the check-in's team.
  public var keyResult: Located<KeyResultReference>
  /// The measured value (numeric and threshold key results).
  public var value: Located<Double>?
  /// Whether it is done (boolean key results).
  public var done: Located<Bool>?
  /// The titles of milestones done so far (milestones key results).
  public var milestonesDone: [Located<String>]?
  /// How confident the team is now.
  public var confidence: Located<Confidence>?
  /// What changed, in the team's words.
  public var note: String?
  /// What is in the way.
  public var blockers: [String]
  /// Where the entry is written.
  public var location: SourceLocation

  /// Creates an entry.
  public init(
    keyResult: Located<KeyResultReference>, value: Located<Double>? = nil, done: Located<Bool>? = nil,
    milestonesDone: [Located<String>]? = nil, confidence: Located<Confidence>? = nil, note: String? = nil,
    blockers: [String] = [], location: SourceLocation
  ) {
    self.keyResult = keyResult
    self.value = value
    self.done = done
    self.milestonesDone = milestonesDone
    self.confidence = confidence
    self.note = note
    self.blockers = blockers
    self.location = location
  }
}

/// One document of a check-in log: a team's weekly check-in.
public struct Checkin: Sendable {
  /// The team's slug.
  public var team: Located<String>
  /// The cycle's label (`2026-Q1`).
  public var cycle: Located<String>
  /// The ISO week the check-in is for.
  public var week: Located<ISOWeek>
  /// The day it was made; without it, the check-in day of its week counts.
  public var date: Located<CalendarDate>?
  /// Who made it.
  public var by: String?
  /// The file it was imported from (`sha256:` and the digest of its bytes),
  /// when `okr checkin import` wrote it: a rerun of the same import skips it.
  public var importID: String?
  /// One entry per key result, in file order.
  public var entries: [CheckinEntry]
  /// Where the document starts.
  public var location: SourceLocation

  /// Creates a check-in.
  public init(
    team: Located<String>, cycle: Located<String>, week: Located<ISOWeek>, date: Located<CalendarDate>? = nil,
    by: String? = nil, importID: String? = nil, entries: [CheckinEntry] = [], location: SourceLocation
  ) {
    self.team = team
    self.cycle = cycle
    self.week = week
    self.date = date
    self.by = by
    self.importID = importID
    self.entries = entries
    self.location = location
  }

  /// The day the check-in counts from: its date, else `checkinDay` of its week.
  public func effectiveDate(checkinDay: Weekday) -> CalendarDate {
    date?.value ?? week.value.day(checkinDay)
  }
}

/// A check-in log file: documents in the order they were appended.
public struct CheckinLog: Sendable {
  /// The file's path.
  public var path: String
  /// The check-ins, oldest first (file order: later documents supersede earlier ones).
  public var checkins: [Checkin]

  /// Creates a log.
  public init(path: String, checkins: [Checkin]) {
    self.path = path
    self.checkins = checkins
  }
}
