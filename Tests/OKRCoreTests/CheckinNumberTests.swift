import OKRCore
import Testing

/// The one rule for a check-in number, as the interview, `--value`, import and the log writer ask it.
@Suite struct CheckinNumberTests {
  @Test func numbersADoubleKeepsExactlyAreReadAndEverythingElseSaysWhy() {
    #expect(CheckinNumber.read("41") == .success(41))
    #expect(CheckinNumber.read("-0.5") == .success(-0.5))
    #expect(CheckinNumber.read("123456789012345") == .success(123_456_789_012_345))
    #expect(CheckinNumber.read("forty") == .failure(.notANumber))
    #expect(CheckinNumber.read("1e400") == .failure(.notANumber))  // infinite as a double
    #expect(CheckinNumber.read("nan") == .failure(.notANumber))
    #expect(CheckinNumber.read("0x10") == .failure(.notANumber))
    #expect(CheckinNumber.read("1234567890.1234567") == .failure(.tooManyDigits(17)))
    #expect(CheckinNumber.read("1e-320") == .failure(.tooCloseToZero))
  }

  /// Significant digits as written: from the first nonzero digit to the last, exponent aside.
  @Test func significantDigitsAreCountedAsWritten() {
    #expect(CheckinNumber.significantDigits("0.00120") == 2)
    #expect(CheckinNumber.significantDigits("1.2e-3") == 2)
    #expect(CheckinNumber.significantDigits("1e41") == 1)
    #expect(CheckinNumber.significantDigits("0o17") == nil)
    #expect(CheckinNumber.significantDigits(of: 1200) == 2)
  }
}
