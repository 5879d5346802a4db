import Testing
import YAMLKit

/// A head probe stops reading at the first document's head only when asked
/// to, and only where the head reads as a full parse would read it.
@Suite struct HeadProbeTests {
  /// The probe's calls, as "stop key: head keys".
  private final class Calls {
    var seen: [String] = []
  }

  private func parse(_ text: String, stopping: Bool = true) -> (YAMLStream, [String]) {
    let calls = Calls()
    let probe = YAMLHeadProbe(stopKeys: ["objectives", "key_results"]) { head in
      let keys = head.root.pairs.map { pairs in pairs.map { $0.key.scalarText ?? "?" } } ?? []
      calls.seen.append("\(head.stopKey): " + keys.joined(separator: ","))
      return stopping
    }
    return (YAMLParser.parse(Array(text.utf8), probe: probe), calls.seen)
  }

  @Test func stopsAtTheFirstStopKeyWithTheHeadAsTheOnlyDocument() {
    let (stream, calls) = parse("quarter: 2026-Q1\nteam: a\nobjectives:\n  - id: O1\n---\nsecond: document\n")
    #expect(calls == ["objectives: quarter,team"])
    #expect(stream.stoppedAtKey == "objectives")
    #expect(stream.documents.count == 1)
    #expect(stream.documents[0].root["quarter"]?.scalarText == "2026-Q1")
    #expect(stream.documents[0].root["objectives"] == nil)
    #expect(stream.errors.isEmpty)
  }

  @Test func readsOnWhenTheProbeSaysSo() {
    let text = "quarter: 2026-Q1\nobjectives:\n  - id: O1\nmicro_goals: []\n"
    let (stream, calls) = parse(text, stopping: false)
    #expect(calls == ["objectives: quarter"])
    #expect(stream.stoppedAtKey == nil)
    let full = YAMLParser.parse(text)
    #expect(stream.documents.count == full.documents.count)
    #expect(stream.documents[0].root.pairs?.count == 3)
    #expect(stream.documents[0].root["objectives"]?.items?.count == 1)
  }

  @Test func isAskedOnceAndOnlyAtTheTopLevel() {
    // `objectives` inside a nested mapping, or as a value, is no head's end.
    let (stream, calls) = parse(
      "cadence: {objectives: 1}\nname: objectives\nkey_results: {}\nobjectives: []\n", stopping: false)
    #expect(calls == ["key_results: cadence,name"])
    #expect(stream.documents[0].root.pairs?.count == 4)
  }

  @Test func anEmptyFirstDocumentLeavesTheHeadToTheNextOne() {
    let (stream, calls) = parse(
      "# comments only\n---\n---\nteam: a\nquarter: 2026-Q1\nweek: 2026-W01\nkey_results: {}\n")
    #expect(calls == ["key_results: team,quarter,week"])
    #expect(stream.stoppedAtKey == "key_results")
    #expect(stream.documents.last?.root["week"]?.scalarText == "2026-W01")
  }

  @Test func aFirstDocumentWithoutAStopKeyEndsTheLook() {
    let (stream, calls) = parse("team: a\n---\nobjectives: []\n")
    #expect(calls.isEmpty)
    #expect(stream.stoppedAtKey == nil)
    #expect(stream.documents.count == 2)
  }

  @Test func aProblemBeforeTheHeadEndsMeansAFullParse() {
    // The duplicate would be reported by a full parse: the file is read whole, so it is.
    let (stream, calls) = parse("quarter: 2026-Q1\nquarter: 2026-Q2\nobjectives: []\n")
    #expect(calls.isEmpty)
    #expect(stream.stoppedAtKey == nil)
    #expect(stream.errors.count == 1)
  }

  @Test func aMergeKeyInTheHeadMeansAFullParse() {
    let (stream, calls) = parse("base: &b {quarter: 2026-Q1}\n<<: *b\nobjectives: []\n")
    #expect(calls.isEmpty)
    #expect(stream.stoppedAtKey == nil)
    #expect(stream.documents[0].root["quarter"]?.scalarText == "2026-Q1")
  }

  @Test func aSyntaxErrorAfterTheHeadIsNeverRead() {
    let (stream, _) = parse("quarter: 2026-Q1\nobjectives:\n  - [unclosed\n")
    #expect(stream.stoppedAtKey == "objectives")
    #expect(stream.errors.isEmpty)
  }

  @Test func theRestIsSearchedFromTheStopKeyOn() {
    var found: [Bool] = []
    let probe = YAMLHeadProbe(stopKeys: ["objectives"]) { head in
      found = [
        "quarter", "objectives", "period", "O2", "\\", "end\n", "end\n\n", "", "2026-Q3", "2026-Q4", "o", "26-Q",
      ]
      .map(head.restContains)
      return true
    }
    _ = YAMLParser.parse(
      Array("quarter: 1\nobjectives: [O1, 'O2', 2026-Q3]  # a period\nend\n".utf8), probe: probe)
    #expect(found == [false, true, true, true, false, true, false, true, true, false, true, true])
  }
}
