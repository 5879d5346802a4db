import OKRCore
import Testing

/// The interactive check-in's questions, answered from a script: Enter skips a key result of any
/// kind, and a skipped key result records nothing.
@Suite struct CheckinQuestionsTests {
  private static let here = SourceLocation(path: "t.yaml", line: 1, column: 1)

  static func keyResult(_ measure: Measure) -> KeyResult {
    KeyResult(id: Located("KR1", at: here), title: "K", measure: measure, location: here)
  }

  static let milestones = Measure.milestones(
    MilestonesMeasure([
      Milestone(title: "Design approved", done: true), Milestone(title: "Tooltips"), Milestone(title: "Docs"),
    ]))

  /// Answers the questions in order; `asked` counts them.
  static func answer(_ measure: Measure, _ answers: [String]) -> (entry: CheckinDraft.Entry?, asked: Int) {
    var remaining = answers[...]
    var asked = 0
    let questions = CheckinQuestions(
      keyResult: keyResult(measure), reference: KeyResultReference("O1/KR1")!, weeks: [])
    let entry = questions.entry { _ in
      asked += 1
      return remaining.popFirst() ?? ""
    }
    return (entry, asked)
  }

  @Test(arguments: [
    Measure.numeric(baseline: 0, target: 10), .boolean(done: false), .threshold(keep: .below, bound: 300), milestones,
  ])
  func enterAtTheFirstQuestionSkipsAKeyResultOfAnyKind(_ measure: Measure) {
    let (entry, asked) = Self.answer(measure, [""])
    #expect(entry == nil)
    #expect(asked == 1)
  }

  /// Two open milestones answered "n", then Enter at confidence, note and blocker: nothing is new,
  /// so nothing is recorded (before, the last confidence was recorded and refreshed staleness).
  @Test func nothingNewRecordsNothing() {
    let (entry, asked) = Self.answer(Self.milestones, ["n", "n", "", "", ""])
    #expect(entry == nil)
    #expect(asked == 5)
  }

  @Test func aMilestoneDoneIsRecorded() {
    let (entry, _) = Self.answer(Self.milestones, ["y", "", "7", "", ""])
    #expect(entry == CheckinDraft.Entry(keyResult: "O1/KR1", done: ["Tooltips"], confidence: "7"))
  }

  @Test func aValueWithEnterAtConfidenceIsRecorded() {
    let (entry, _) = Self.answer(.numeric(baseline: 0, target: 10), ["4", "", "", ""])
    #expect(entry == CheckinDraft.Entry(keyResult: "O1/KR1", value: "4"))
  }
}
