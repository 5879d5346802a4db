import Testing

@testable import OKRCore

/// Shares and gaps are exact fractions of the decimals people wrote, rounded to a double once.
@Suite struct ExactFractionTests {
  /// The long division rounds to the nearest double, as IEEE division of two exact integers does.
  @Test(arguments: [(8, 9), (3, 10), (11, 25), (1, 3), (2, 3), (7, 11), (1, 1), (22, 7)])
  func theNearestDoubleOfAQuotient(_ numerator: Int, _ denominator: Int) throws {
    let fraction = try #require(ExactFraction(numerator: Int128(numerator), denominator: Int128(denominator)))
    #expect(fraction.nearestDouble == Double(numerator) / Double(denominator))
  }

  /// By hand: (0.9 - 0.1) / (0.9 - 0) = 0.8 / 0.9 = 8/9, (7 - 4) / 10 = 3/10, (20 - 9) / 25 = 11/25,
  /// and a decreasing key result (2.4 to 1.6, expected 2.0, at 2.2): (2.0 - 2.2) / (1.6 - 2.4) = 1/4.
  @Test func shortfallsAlongASpan() {
    #expect(Exact.shortfallShare(of: 0.1, against: 0.9, baseline: 0, target: 0.9) == 8.0 / 9)
    #expect(Exact.shortfallShare(of: 4, against: 7, baseline: 0, target: 10) == 0.3)
    #expect(Exact.shortfallShare(of: 9, against: 20, baseline: 0, target: 25) == 0.44)
    #expect(Exact.shortfallShare(of: 2.2, against: 2.0, baseline: 2.4, target: 1.6) == 0.25)
  }

  /// A projection: 12 → 13.1 over 7 days, 30 days more at that rate, scored from 10 to 40.
  ///
  /// By hand: 13.1 + 1.1 × 30 / 7 = 124.7 / 7, so (124.7 / 7 - 10) / 30 = 54.7 / 210 = 547/2100
  /// = 0.260476190476190476…, whose nearest double prints 0.2604761904761905. Projecting in binary
  /// first (17.814285714285713) gave 0.2604761904761904.
  @Test func aProjectionIsScoredExactly() {
    let projected = Exact.projectedScore(from: 12, to: 13.1, overDays: 7, moreDays: 30, baseline: 10, target: 40)
    #expect(projected == 547.0 / 2100)
    #expect("\(projected)" == "0.2604761904761905")
    // Past the target it is 1, below the baseline 0.
    #expect(Exact.projectedScore(from: 10, to: 30, overDays: 14, moreDays: 66, baseline: 0, target: 100) == 1)
    #expect(Exact.projectedScore(from: 30, to: 10, overDays: 14, moreDays: 66, baseline: 0, target: 100) == 0)
  }

  /// A milestones gap: 0.7 of the way expected, 4 of 10 equal weights done: 0.7 - 0.4 = 3/10
  /// (binary subtraction gives 0.29999999999999993).
  @Test func aMilestonesGap() {
    let weights = (0..<10).map { (weight: 1.0, isReached: $0 < 4) }
    #expect(Exact.shareGap(fraction: 0.7, weights: weights) == 0.3)
  }
}
