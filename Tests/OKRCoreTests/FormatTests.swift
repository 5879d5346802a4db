import OKRCore
import Testing

/// Escaping helpers find what they escape even inside a larger character.
@Suite struct FormatTests {
  @Test func replacingMatchesScalarsNotWholeCharacters() {
    // `"` followed by a combining acute accent is one Character: String.replacing misses it.
    let quoted = "say \"\u{301}hi\""
    #expect(quoted.replacing("\"", with: "\"\"") == "say \"\u{301}hi\"\"")
    #expect(Format.replacing("\"", with: "\"\"", in: quoted) == "say \"\"\u{301}hi\"\"")
    #expect(Format.replacing("|", with: "\\|", in: "a|\u{301}b|c") == "a\\|\u{301}b\\|c")
    #expect(Format.replacing("/", with: "-", in: "no slash") == "no slash")
  }
}
