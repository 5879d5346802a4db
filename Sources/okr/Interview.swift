import ArgumentParser
import OKRCore
import OKRReports

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// Asks for a check-in key result by key result on a terminal.
///
/// Each key result shows its last value; an empty answer to the first
/// question skips the key result, and an empty answer to the confidence
/// question keeps the last confidence. End of input (Ctrl-D) stops the
/// interview and records the key results answered so far.
struct Interview {
  let teamQuarter: TeamQuarter
  let history: CheckinHistory
  let day: CalendarDate

  /// End of input: stop asking.
  private struct EndOfInput: Error {}

  func run(in context: inout CommandContext) throws -> [CheckinDraft.Entry] {
    var entries: [CheckinDraft.Entry] = []
    context.standardOutput.write(
      "Check-in for \(teamQuarter.slug), \(day.isoWeek) (\(day)). An empty answer skips a key result; Ctrl-D ends.\n")
    do {
      for objective in teamQuarter.objectives {
        for keyResult in objective.keyResults {
          if let entry = try interview(keyResult, in: objective, context: &context) { entries.append(entry) }
        }
      }
    } catch {
      context.standardOutput.write("\n")
    }
    if entries.isEmpty {
      context.standardError.write("nothing entered; nothing was recorded\n")
      throw ExitCode.failure
    }
    return entries
  }

  private func interview(_ keyResult: KeyResult, in objective: Objective, context: inout CommandContext) throws
    -> CheckinDraft.Entry?
  {
    let reference = KeyResultReference(objective: objective.id.value, keyResult: keyResult.id.value)
    let weeks = history.weeks(of: reference, team: teamQuarter.slug, cycle: teamQuarter.cycle.label, asOf: day)
    context.standardOutput.write("\n\(reference)  \(keyResult.title)\n")
    var entry = CheckinDraft.Entry(keyResult: reference.description)
    switch keyResult.measure.checkinInput {
    case .value?:
      let last = weeks.last { $0.value != nil }?.value ?? keyResult.current
      let answer = try ask(
        "  value", hint: last.map { "last \(Format.quantity($0, unit: keyResult.unit))" }, in: &context
      ) {
        if case .failure(.notANumber) = CheckinNumber.read($0), !$0.isEmpty { return "a number, please" }
        return nil
      }
      guard !answer.isEmpty else { return nil }
      entry.value = answer
    case .doneFlag?:
      let last = weeks.last { $0.done != nil }?.done
      let answer = try ask("  done? (true/false)", hint: last.map { "last \($0)" }, in: &context) {
        ["", "true", "false", "y", "n", "yes", "no"].contains($0.lowercased()) ? nil : "true or false, please"
      }
      guard !answer.isEmpty else { return nil }
      entry.done = [["true", "y", "yes"].contains(answer.lowercased()) ? "true" : "false"]
    case .milestoneTitles(let milestones)?:
      let doneBefore = Set(weeks.milestonesDoneSoFar ?? [])
      let open = milestones.filter { !$0.done && !doneBefore.contains($0.title) }
      guard !open.isEmpty else { return nil }
      for milestone in open {
        let answer = try ask("  '\(milestone.title)' done now? (y/n)", hint: nil, in: &context).lowercased()
        if answer == "y" || answer == "yes" { entry.done.append(milestone.title) }
      }
    case nil:
      return nil
    }
    let lastConfidence = weeks.last { $0.confidence != nil }?.confidence?.level
    let confidence = try ask(
      "  how confident are we now? (0-10 or green/yellow/red)", hint: lastConfidence.map { "Enter keeps \($0)" },
      in: &context
    ) { answer in
      let valid =
        answer.isEmpty || Int(answer).flatMap { Confidence(level: $0) } != nil
        || Confidence.Band(rawValue: answer.lowercased()) != nil
      return valid ? nil : "0 to 10, or green, yellow, red, please"
    }
    entry.confidence = confidence.isEmpty ? lastConfidence.map(String.init) : confidence
    let note = try ask("  what changed?", hint: nil, in: &context)
    entry.note = note.isEmpty ? nil : note
    let blocker = try ask("  what is in the way?", hint: nil, in: &context)
    entry.blockers = blocker.isEmpty ? [] : [blocker]
    return entry.isEmpty ? nil : entry
  }

  /// One question, asked again while `problem` finds something wrong; the
  /// trimmed answer, empty for Enter.
  private func ask(
    _ question: TerminalText, hint: String?, in context: inout CommandContext,
    problem: (String) -> String? = { _ in nil }
  ) throws
    -> String
  {
    while true {
      let hint: TerminalText = hint.map { " (\($0))" } ?? .empty
      context.standardOutput.write("\(question)\(hint): ")
      guard let line = readLine() else { throw EndOfInput() }
      let isBlank = { (character: Character) in character.isWhitespace && !character.isNewline }
      let answer = String(line.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
      guard let problem = problem(answer) else { return answer }
      context.standardOutput.write("  \(problem)\n")
    }
  }
}
