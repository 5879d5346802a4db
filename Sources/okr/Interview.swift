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
/// question skips the key result, whatever its kind, and records nothing for
/// it (``CheckinQuestions``). End of input (Ctrl-D) stops the
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
    // The questions and what the answers record live in OKRCore (CheckinQuestions); this asks them.
    return try CheckinQuestions(keyResult: keyResult, reference: reference, weeks: weeks).entry { question in
      try ask(TerminalText(text: question.text), hint: question.hint, in: &context, problem: question.problem)
    }
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
