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
///
/// A repository holds an entry per key result per week, and `okr lint` keeps
/// them all, so an entry is stored compactly: the values inline, their places
/// as lines below the key and column, and what few entries have (a note,
/// blockers, milestones) in one shared box. The properties read and write it
/// as located values all the same.
public struct CheckinEntry: Sendable {
  /// A place in the key's file, a few lines below the key: values are
  /// written beside or under their key.
  private struct Place: Sendable {
    var linesBelowKey: UInt16 = 0
    var column: UInt16 = 0
  }

  /// What has a location of its own: the values, kept as a ``Place`` when
  /// one can say it, and the entry, at its key unless said otherwise.
  private enum Placed: Hashable, Sendable {
    case value, done, confidence, entry
  }

  /// What most entries do not have.
  private struct Rare: Sendable {
    var milestonesDone: [Located<String>]?
    var note: String?
    var blockers: [String] = []
    /// Locations a ``Place`` cannot say (in another file than the key's, above
    /// it or far below), or an entry's other than its key's.
    var elsewhere: [Placed: SourceLocation] = [:]

    var isEmpty: Bool { milestonesDone == nil && note == nil && blockers.isEmpty && elsewhere.isEmpty }
  }

  private var storedKeyResult: Located<KeyResultReference>
  private var storedValue: Double = 0
  private var valuePlace = Place()
  private var donePlace = Place()
  private var confidencePlace = Place()
  private var hasValue = false
  private var storedDone: Bool?
  private var storedConfidence: Confidence?
  private var rareBox: SharedBox<Rare>?

  private var rare: Rare {
    get { rareBox?.value ?? Rare() }
    set { rareBox = newValue.isEmpty ? nil : SharedBox(newValue) }
  }

  /// Which key result, within the check-in's team.
  public var keyResult: Located<KeyResultReference> {
    get { storedKeyResult }
    set {
      // The other places are in the key's file: keep them where they are.
      let (value, done, confidence, location) = (value, done, confidence, location)
      storedKeyResult = newValue
      (self.value, self.done, self.confidence, self.location) = (value, done, confidence, location)
    }
  }

  /// The measured value (numeric and threshold key results).
  public var value: Located<Double>? {
    get { hasValue ? Located(storedValue, at: location(of: valuePlace, .value)) : nil }
    set {
      hasValue = newValue != nil
      storedValue = newValue?.value ?? 0
      valuePlace = place(of: newValue?.location, .value)
    }
  }

  /// Whether it is done (boolean key results).
  public var done: Located<Bool>? {
    get { storedDone.map { Located($0, at: location(of: donePlace, .done)) } }
    set {
      storedDone = newValue?.value
      donePlace = place(of: newValue?.location, .done)
    }
  }

  /// The titles of milestones done so far (milestones key results).
  public var milestonesDone: [Located<String>]? {
    get { rareBox?.value.milestonesDone }
    set { rare.milestonesDone = newValue }
  }

  /// How confident the team is now.
  public var confidence: Located<Confidence>? {
    get {
      storedConfidence.map { Located($0, at: location(of: confidencePlace, .confidence)) }
    }
    set {
      storedConfidence = newValue?.value
      confidencePlace = place(of: newValue?.location, .confidence)
    }
  }

  /// What changed, in the team's words.
  public var note: String? {
    get { rareBox?.value.note }
    set { rare.note = newValue }
  }

  /// What is in the way.
  public var blockers: [String] {
    get { rareBox?.value.blockers ?? [] }
    set { rare.blockers = newValue }
  }

  /// Where the entry is written.
  public var location: SourceLocation {
    get { rareBox?.value.elsewhere[.entry] ?? storedKeyResult.location }
    set {
      let isKeys = newValue == storedKeyResult.location
      if !isKeys || rareBox?.value.elsewhere[.entry] != nil { rare.elsewhere[.entry] = isKeys ? nil : newValue }
    }
  }

  /// Creates an entry.
  public init(
    keyResult: Located<KeyResultReference>, value: Located<Double>? = nil, done: Located<Bool>? = nil,
    milestonesDone: [Located<String>]? = nil, confidence: Located<Confidence>? = nil, note: String? = nil,
    blockers: [String] = [], location: SourceLocation
  ) {
    self.storedKeyResult = keyResult
    var rare = Rare(milestonesDone: milestonesDone, note: note, blockers: blockers)
    if location != keyResult.location { rare.elsewhere[.entry] = location }
    // Set once, so an entry with nothing rare allocates no box.
    self.rareBox = rare.isEmpty ? nil : SharedBox(rare)
    self.value = value
    self.done = done
    self.confidence = confidence
  }

  /// Where a property is: its place in the key's file, unless it is elsewhere.
  private func location(of place: Place, _ property: Placed) -> SourceLocation {
    if let rareBox, !rareBox.value.elsewhere.isEmpty, let location = rareBox.value.elsewhere[property] {
      return location
    }
    let key = storedKeyResult.location
    return key.at(line: key.line + Int(place.linesBelowKey), column: Int(place.column))
  }

  /// A property's location as a place in the key's file; one a place cannot say is kept whole.
  private mutating func place(of location: SourceLocation?, _ property: Placed) -> Place {
    let key = storedKeyResult.location
    let linesBelowKey = location.map { $0.line - key.line } ?? 0
    let fits = location.map { $0.hasPath(of: key) && $0.column <= UInt16.max } ?? true
    let isElsewhere = !fits || !(0...Int(UInt16.max)).contains(linesBelowKey)
    if isElsewhere || rareBox.map({ !$0.value.elsewhere.isEmpty }) == true {
      rare.elsewhere[property] = isElsewhere ? location : nil
    }
    guard let location, !isElsewhere else { return Place() }
    return Place(linesBelowKey: UInt16(linesBelowKey), column: UInt16(location.column))
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
