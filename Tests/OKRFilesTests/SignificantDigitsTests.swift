import Testing

@testable import OKRFiles

/// Counting significant digits over bytes agrees with counting them by hand.
@Suite struct SignificantDigitsTests {
  @Test(arguments: [
    ("0", 0), ("0.0", 0), ("12", 2), ("1200", 2), ("0.00120", 2), ("1.2e-3", 2), ("1e41", 1), ("-0.5", 1),
    ("+105.0", 3), ("123456789012345678", 18), ("1_000", 1), (".5E+3", 1), ("000123000", 3),
  ])
  func decimalsCountFromTheFirstNonzeroDigitToTheLast(text: String, digits: Int) {
    #expect(FileDecoder.significantDigits(text) == digits)
  }

  @Test func hexadecimalAndOctalHaveNone() {
    #expect(FileDecoder.significantDigits("0x1e5") == nil)
    #expect(FileDecoder.significantDigits("0o17") == nil)
    #expect(FileDecoder.significantDigits("1e5x") == 1)
  }

  @Test func wholeNumbersCountAsTheirDecimalSpelling() {
    for value in [0, 1, 10, 1200, -1200, 987_654_321, Int.max, Int.min, -7, 100_000_000_000_000_000] {
      #expect(FileDecoder.significantDigits(of: value) == FileDecoder.significantDigits(String(value.magnitude)))
    }
  }
}
