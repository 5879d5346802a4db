/// The questions of the interactive check-in for one key result, and what
/// the answers record.
///
/// Enter at a key result's first question skips it, whatever its kind (a
/// value, done or not, the first open milestone), and a skipped key result
/// records nothing: no entry, so no check-in that would make it look fresh.
/// Later, Enter at the confidence question keeps the last confidence for a
/// key result that got something new (a value, a milestone, a note, a
/// blocker); with nothing new, the key result is skipped as well.
public struct CheckinQuestions: Sendable {
  /// One question: its words, a hint (`last 41 %`), and what makes an answer wrong.
  public struct Question: Sendable {
    /// What is asked.
    public var text: String
    /// Shown in brackets after it.
    public var hint: String?
    /// Why an answer is not accepted, or `nil` for a good one; an empty answer is always accepted.
    public var problem: @Sendable (String) -> String?
  }

  /// The key result asked about.
  public var keyResult: KeyResult
  /// Its reference, `O1/KR1`.
  public var reference: KeyResultReference
  /// Its check-ins so far, oldest first.
  public var weeks: [WeeklyCheckin]

  /// The questions for a key result.
  public init(keyResult: KeyResult, reference: KeyResultReference, weeks: [WeeklyCheckin]) {
    self.keyResult = keyResult
    self.reference = reference
    self.weeks = weeks
  }

  /// Asks the questions and builds the entry.
  ///
  /// - Parameter ask: Asks one question and returns the trimmed answer, empty for Enter.
  /// - Returns: The entry, or `nil` for a skipped key result.
  /// - Throws: What `ask` throws (end of input).
  public func entry(ask: (Question) throws -> String) rethrows -> CheckinDraft.Entry? {
    var entry = CheckinDraft.Entry(keyResult: reference.description)
    switch keyResult.measure.checkinInput {
    case .value?:
      let last = weeks.last { $0.value != nil }?.value ?? keyResult.current
      let answer = try ask(
        Question(
          text: "  value", hint: last.map { "last \(Format.quantity($0, unit: keyResult.unit))" },
          problem: {
            if case .failure(.notANumber) = CheckinNumber.read($0), !$0.isEmpty { return "a number, please" }
            return nil
          }))
      guard !answer.isEmpty else { return nil }
      entry.value = answer
    case .doneFlag?:
      let last = weeks.last { $0.done != nil }?.done
      let answer = try ask(
        Question(
          text: "  done? (true/false)", hint: last.map { "last \($0)" },
          problem: {
            ["", "true", "false", "y", "n", "yes", "no"].contains($0.lowercased()) ? nil : "true or false, please"
          }))
      guard !answer.isEmpty else { return nil }
      entry.done = [["true", "y", "yes"].contains(answer.lowercased()) ? "true" : "false"]
    case .milestoneTitles(let milestones)?:
      let doneBefore = Set(weeks.milestonesDoneSoFar ?? [])
      let open = milestones.filter { !$0.done && !doneBefore.contains($0.title) }
      guard !open.isEmpty else { return nil }
      for (index, milestone) in open.enumerated() {
        let answer = try ask(
          Question(
            text: "  '\(milestone.title)' done now? (y/n)", hint: index == 0 ? "Enter skips" : "Enter: no",
            problem: { ["", "y", "n", "yes", "no"].contains($0.lowercased()) ? nil : "y or n, please" })
        ).lowercased()
        // Enter at the first question skips the key result, as for every other kind.
        if index == 0, answer.isEmpty { return nil }
        if answer == "y" || answer == "yes" { entry.done.append(milestone.title) }
      }
    case nil:
      return nil
    }
    let lastConfidence = weeks.last { $0.confidence != nil }?.confidence?.level
    let confidence = try ask(
      Question(
        text: "  how confident are we now? (0-10 or green/yellow/red)",
        hint: lastConfidence.map { "Enter keeps \($0)" },
        problem: { answer in
          let valid =
            answer.isEmpty || Int(answer).flatMap { Confidence(level: $0) } != nil
            || Confidence.Band(rawValue: answer.lowercased()) != nil
          return valid ? nil : "0 to 10, or green, yellow, red, please"
        }))
    let note = try ask(Question(text: "  what changed?", hint: nil, problem: { _ in nil }))
    let blocker = try ask(Question(text: "  what is in the way?", hint: nil, problem: { _ in nil }))
    entry.note = note.isEmpty ? nil : note
    entry.blockers = blocker.isEmpty ? [] : [blocker]
    entry.confidence = confidence.isEmpty ? nil : confidence
    // Nothing new (every milestone still open, Enter everywhere else): nothing to record.
    if entry.value == nil, entry.done.isEmpty, entry.confidence == nil, entry.note == nil, entry.blockers.isEmpty {
      return nil
    }
    if entry.confidence == nil { entry.confidence = lastConfidence.map(String.init) }
    return entry
  }
}
