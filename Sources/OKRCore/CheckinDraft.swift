/// A check-in about to be recorded: what a person typed, before it is checked.
public struct CheckinDraft: Sendable, Equatable {
  /// One key result's part of the check-in, as typed.
  public struct Entry: Sendable, Equatable {
    /// The key result, as typed (`O1/KR1`).
    public var keyResult: String
    /// The value, as typed; numeric and threshold key results.
    public var value: String?
    /// `true`/`false` for boolean key results; milestone titles for milestones key results.
    public var done: [String]
    /// The confidence, as typed: 0 to 10, or green, yellow, red.
    public var confidence: String?
    /// What changed.
    public var note: String?
    /// What is in the way.
    public var blockers: [String]

    /// Creates an entry.
    public init(
      keyResult: String, value: String? = nil, done: [String] = [], confidence: String? = nil, note: String? = nil,
      blockers: [String] = []
    ) {
      self.keyResult = keyResult
      self.value = value
      self.done = done
      self.confidence = confidence
      self.note = note
      self.blockers = blockers
    }

    /// Whether the entry says anything at all.
    public var isEmpty: Bool {
      value == nil && done.isEmpty && confidence == nil && note == nil && blockers.isEmpty
    }
  }

  /// The team's slug.
  public var team: String
  /// The cycle's label.
  public var cycle: String
  /// The day of the check-in; its ISO week is the check-in's week.
  public var date: CalendarDate
  /// Who is checking in.
  public var by: String?
  /// One entry per key result, in the order given.
  public var entries: [Entry]

  /// Creates a draft.
  public init(team: String, cycle: String, date: CalendarDate, by: String?, entries: [Entry]) {
    self.team = team
    self.cycle = cycle
    self.date = date
    self.by = by
    self.entries = entries
  }
}

/// A check-in that passed every check: safe to append.
public struct ValidCheckin: Sendable, Equatable {
  /// One key result's part, typed.
  public struct Entry: Sendable, Equatable {
    public var keyResult: KeyResultReference
    /// The number as typed, for writing back exactly (`41`, `2.50`).
    public var value: String?
    public var done: Bool?
    /// Every milestone done so far, in the key result's order.
    public var milestonesDone: [String]?
    /// The confidence as typed: a level (`7`) or a word (`green`).
    public var confidence: String?
    public var note: String?
    public var blockers: [String]
  }

  public var team: String
  public var cycle: String
  public var week: ISOWeek
  public var date: CalendarDate
  public var by: String?
  public var entries: [Entry]
  /// The file it is imported from, when it is (see ``Checkin/importID``).
  public var importID: String?
}

extension CheckinDraft {
  /// Checks everything before anything is written: the key results exist,
  /// each value fits what its key result's kind records
  /// (``KeyResultMeasure/checkinInput``), confidence is 0 to 10 or a colour.
  ///
  /// Milestones done in earlier check-ins are not counted here: they are
  /// carried forward by ``ValidCheckin/carryingMilestonesForward(from:in:)``
  /// from the log as it is when the writer holds its lock.
  ///
  /// - Parameter teamQuarter: The team's quarter file for the cycle.
  /// - Returns: The check-in, or every problem found (lower-case, values in quotes).
  public func validated(against teamQuarter: TeamQuarter) -> Result<
    ValidCheckin, CheckinProblems
  > {
    var problems: [CheckinProblems.Problem] = []
    func problem(_ message: String, at part: CheckinProblems.Part) {
      problems.append(CheckinProblems.Problem(message: message, part: part))
    }
    var entries: [ValidCheckin.Entry] = []
    var seen: Set<KeyResultReference> = []
    let names = teamQuarter.keyResultReferences
    if entries.isEmpty, self.entries.isEmpty {
      problem("nothing to record: no key result is named", at: .keyResult)
    }
    for draft in self.entries {
      guard let reference = KeyResultReference(draft.keyResult), let keyResult = teamQuarter.keyResult(reference)
      else {
        problem(
          "team '\(team)' has no key result '\(draft.keyResult)' in \(cycle)\(Suggestion.referenceHint(for: draft.keyResult, in: names))",
          at: .keyResult)
        continue
      }
      guard seen.insert(reference).inserted else {
        problem("key result '\(reference)' is named twice; record it once", at: .keyResult)
        continue
      }
      var entry = ValidCheckin.Entry(
        keyResult: reference, note: draft.note, blockers: draft.blockers)
      if draft.isEmpty {
        problem(
          "nothing given for '\(reference)': add a value, done, confidence or note", at: .keyResult)
      }
      if let confidence = draft.confidence {
        if let level = Int(confidence), Confidence(level: level) != nil {
          entry.confidence = String(level)
        } else if Confidence.Band(rawValue: confidence.lowercased()) != nil {
          entry.confidence = confidence.lowercased()
        } else {
          problem(
            "confidence for '\(reference)' must be 0 to 10 or green, yellow, red, not '\(confidence)'", at: .confidence)
        }
      }
      switch keyResult.measure.checkinInput {
      case .value?:
        if !draft.done.isEmpty {
          problem(
            "'\(reference)' is a \(keyResult.measure.typeName) key result: record a value, not done", at: .done)
        }
        if let value = draft.value {
          // The one rule (CheckinNumber); a number a double cannot keep exactly is refused where it
          // would be written, in the writer's words, so every way in says the same.
          switch CheckinNumber.read(value) {
          case .failure(.notANumber):
            problem("value for '\(reference)' must be a number, not '\(value)'", at: .value)
          case .success(let number):
            entry.value = Self.canonicalNumber(value, number)
          case .failure:
            entry.value = Self.canonicalNumber(value, Double(value) ?? 0)
          }
        }
      case .doneFlag?:
        if draft.value != nil {
          problem(
            "'\(reference)' is a \(keyResult.measure.typeName) key result: record done true or false, not a value",
            at: .value)
        }
        if draft.done.count > 1 {
          problem(
            "done for '\(reference)' is given \(draft.done.count) times; give it once, true or false", at: .done)
        } else if let flag = draft.done.last {
          switch flag.lowercased() {
          case "true": entry.done = true
          case "false": entry.done = false
          default:
            problem("done for '\(reference)' must be true or false, not '\(flag)'", at: .done)
          }
        }
      case .milestoneTitles(let milestones)?:
        if draft.value != nil {
          problem(
            "'\(reference)' is a \(keyResult.measure.typeName) key result: record the milestones done, not a value",
            at: .value)
        }
        let titles = milestones.map(\.title)
        var done = Set(milestones.filter(\.done).map(\.title))
        for title in draft.done {
          if titles.contains(title) {
            done.insert(title)
          } else {
            problem(
              "'\(reference)' has no milestone '\(title)'\(Suggestion.hint(for: title, in: titles))", at: .done)
          }
        }
        if !draft.done.isEmpty {
          entry.milestonesDone = titles.filter(done.contains)
        }
      case nil:
        problem("'\(reference)' has errors in its quarter file; fix them first", at: .keyResult)
      }
      entries.append(entry)
    }
    guard problems.isEmpty else { return .failure(CheckinProblems(problems: problems)) }
    return .success(
      ValidCheckin(team: team, cycle: cycle, week: date.isoWeek, date: date, by: by, entries: entries))
  }

  /// The number as the person typed it when that is plain YAML (`41`, `2.50`),
  /// else the double's shortest form (`+5` becomes `5`, `.5` becomes `0.5`).
  static func canonicalNumber(_ typed: String, _ number: Double) -> String {
    let plain = typed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
    if plain, typed.first?.isNumber == true || (typed.first == "-" && typed.dropFirst().first?.isNumber == true),
      typed.last?.isNumber == true
    {
      return typed
    }
    if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
    return "\(number)"
  }
}

extension ValidCheckin {
  /// The check-in with every milestone done so far: for each key result
  /// recorded by milestone titles, the milestones done in `history` are added to the ones
  /// named now, in the key result's order.
  ///
  /// A milestones check-in states everything done so far, so this must run on
  /// the log as it is under the writer's lock: computed earlier, two people
  /// recording different milestones at once would each drop the other's.
  ///
  /// - Parameters:
  ///   - history: The check-ins of the log as it is now.
  ///   - teamQuarter: The team's quarter file, for the milestones' order.
  /// - Returns: The completed check-in.
  public func carryingMilestonesForward(from history: CheckinHistory, in teamQuarter: TeamQuarter) -> ValidCheckin {
    var result = self
    for index in result.entries.indices {
      let entry = result.entries[index]
      guard let named = entry.milestonesDone, let keyResult = teamQuarter.keyResult(entry.keyResult),
        case .milestoneTitles(let milestones)? = keyResult.measure.checkinInput
      else { continue }
      let previous = history.weeks(of: entry.keyResult, team: team, cycle: cycle, asOf: date).milestonesDoneSoFar ?? []
      let done = Set(named).union(previous)
      result.entries[index].milestonesDone = milestones.map(\.title).filter(done.contains)
    }
    return result
  }
}

/// Everything wrong with a check-in, found before anything was written.
public struct CheckinProblems: Error, Sendable, Equatable {
  /// The part of what was typed that a problem is about, so a caller can
  /// point at it: an option, or a cell of `okr checkin import`'s file.
  public enum Part: Sendable, Equatable {
    case keyResult, value, done, confidence
  }

  /// One problem.
  public struct Problem: Sendable, Equatable {
    /// What is wrong (lower-case, values in quotes).
    public var message: String
    /// The part it is about.
    public var part: Part
  }

  /// Every problem, in the order found.
  public var problems: [Problem]

  /// One message per problem.
  public var messages: [String] { problems.map(\.message) }
}
