import OKRCore
import OKRReports
import Testing

@Suite struct DiagnosticRendererTests {
  private let report = LintReport(
    diagnostics: [
      .warning(
        "micro-goal 'x' has no owner", rule: .smartOwner, at: SourceLocation(path: "b.yaml", line: 3, column: 5)),
      .error(
        "cannot read 'c.yaml': permission denied", rule: .io, at: SourceLocation(path: "c.yaml", line: 0, column: 0)),
      .error(
        "unknown key 'tittle' in objective; did you mean 'title'?", rule: .unknownKey,
        at: SourceLocation(path: "b.yaml", line: 2, column: 9)),
      .error(
        "'target' must be a number, not the string '65'", rule: .wrongType,
        at: SourceLocation(path: "a.yaml", line: 10, column: 1)),
    ], fileCount: 3)

  @Test func textIsSortedCompilerStyleWithASummary() {
    #expect(
      DiagnosticTextRenderer(colors: false).render(report) == """
        a.yaml:10:1: error: 'target' must be a number, not the string '65' [wrong-type]
        b.yaml:2:9: error: unknown key 'tittle' in objective; did you mean 'title'? [unknown-key]
        b.yaml:3:5: warning: micro-goal 'x' has no owner [smart-owner]
        c.yaml: error: cannot read 'c.yaml': permission denied [io]
        3 errors and 1 warning in 3 files

        """)
  }

  @Test func colourWrapsSeverityAndMessage() {
    let line = DiagnosticTextRenderer(colors: true).render(report.diagnostics[0])
    #expect(
      line
        == "a.yaml:10:1: \u{1B}[1;31merror:\u{1B}[0m \u{1B}[1m'target' must be a number, not the string '65'\u{1B}[0m [wrong-type]\n"
    )
  }

  @Test func nothingToSayIsSilence() {
    #expect(DiagnosticTextRenderer(colors: false).render(LintReport(diagnostics: [], fileCount: 9)) == "")
    #expect(
      DiagnosticJSONRenderer().render(LintReport(diagnostics: [], fileCount: 9))
        == "{\n  \"diagnostics\" : [\n\n  ],\n  \"error_count\" : 0,\n  \"file_count\" : 9,\n  \"schema_version\" : 1,\n  \"warning_count\" : 0\n}\n"
    )
  }

  @Test func jsonIsAVersionedObject() {
    let json = DiagnosticJSONRenderer().render(LintReport(diagnostics: [report.diagnostics[0]], fileCount: 1))
    #expect(
      json == """
        {
          "diagnostics" : [
            {
              "column" : 1,
              "line" : 10,
              "message" : "'target' must be a number, not the string '65'",
              "path" : "a.yaml",
              "rule" : "wrong-type",
              "severity" : "error"
            }
          ],
          "error_count" : 1,
          "file_count" : 1,
          "schema_version" : 1,
          "warning_count" : 0
        }

        """)
  }
}
