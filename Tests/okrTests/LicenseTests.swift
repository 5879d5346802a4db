import Foundation
import TestSupport
import Testing

/// The project carries the Apache License 2.0, as Swift and swift-argument-parser do, and every
/// way it is shipped says so.
@Suite struct LicenseTests {
  @Test func theLicenseIsApache2AndTheFormulaAndReleaseCarryIt() throws {
    let license = try String(contentsOfFile: PackagePaths.path("LICENSE"), encoding: .utf8)
    #expect(
      license.hasPrefix(
        "\n                                 Apache License\n                           Version 2.0, January 2004\n"))
    #expect(license.contains("END OF TERMS AND CONDITIONS"))
    #expect(license.contains("APPENDIX: How to apply the Apache License to your work."))
    #expect(license.split(separator: "\n", omittingEmptySubsequences: false).count == 203)
    let formula = try String(contentsOfFile: PackagePaths.path("packaging/homebrew/okr.rb"), encoding: .utf8)
    #expect(formula.contains("\n  license \"Apache-2.0\"\n"))
    let release = try String(contentsOfFile: PackagePaths.path("Scripts/release.sh"), encoding: .utf8)
    #expect(release.contains("cp README.md LICENSE \"$stage/$name/\""))
    #expect(!release.contains("ships without one"))
  }
}
