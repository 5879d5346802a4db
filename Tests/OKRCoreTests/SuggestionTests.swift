import OKRCore
import Testing

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("tittle", "title"), ("titel", "title"), ("baseLine", "baseline"), ("key_result", "key_results"),
    ("aligns-to", "aligns_to"), ("micro_goal", "micro_goals"),
  ])
  func suggestsTheClosestKey(_ typed: String, _ expected: String) {
    let keys = ["id", "title", "baseline", "target", "key_results", "aligns_to", "micro_goals"]
    #expect(Suggestion.closest(to: typed, in: keys) == expected)
  }

  @Test func suggestsNothingWhenNothingIsClose() {
    #expect(Suggestion.closest(to: "colour", in: ["title", "baseline"]) == nil)
    #expect(Suggestion.hint(for: "xyz", in: ["id"]) == "")
    #expect(Suggestion.hint(for: "tittle", in: ["title"]) == "; did you mean 'title'?")
  }

  @Test func tiesGoToTheFirstCandidate() {
    #expect(Suggestion.closest(to: "O3", in: ["O1", "O2"]) == "O1")
  }
}
