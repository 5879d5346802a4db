import TestSupport
import Testing

@testable import OKRCore

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// The integer fast path of `Scoring` gives what `Decimal` gives, and steps
/// aside for what it cannot hold exactly.
@Suite struct ExactDecimalTests {
  @Test(arguments: [
    (0.1, 1, 1), (2.45, 245, 2), (35, 35, 0), (-1.5, -15, 1), (0, 0, 0), (1e15, 1_000_000_000_000_000, 0),
    (0.000001, 1, 6),
  ])
  func shortestDigitsAsUnitsAndScale(_ value: Double, _ units: Int, _ scale: Int) throws {
    let exact = try #require(ExactDecimal(value))
    #expect((exact.units, exact.scale) == (units, scale))
  }

  @Test(arguments: [1e16, 0.1 + 0.2, 1e-20, .infinity, .nan])
  func valuesWithoutShortExactDigitsAreLeftToDecimal(_ value: Double) {
    #expect(ExactDecimal(value) == nil)
  }

  /// A decimal as people write it: up to six digits, up to three after the point, either sign.
  private func written(_ random: inout SeededGenerator) -> Double {
    let units = Int.random(in: -999_999...999_999, using: &random)
    let scale = Int.random(in: 0...3, using: &random)
    return Double("\(units)e-\(scale)")!
  }

  @Test func numericScoresMatchDecimalArithmetic() {
    var random = SeededGenerator(seed: 42)
    for _ in 0..<5_000 {
      let (actual, baseline, target) = (written(&random), written(&random), written(&random))
      #expect(
        Scoring.numeric(actual: actual, baseline: baseline, target: target)
          == Scoring.decimalNumeric(actual: actual, baseline: baseline, target: target),
        "\(actual) from \(baseline) to \(target)")
    }
  }

  @Test func meansOfComputedScoresMatchDecimalArithmetic() {
    // Scores are quotients with up to seventeen significant digits, like 0.7833333333333333.
    var random = SeededGenerator(seed: 11)
    var exactPaths = 0
    for _ in 0..<3_000 {
      let values = (0..<Int.random(in: 1...7, using: &random)).map { _ in
        let score = Double(Int.random(in: 0...1_000, using: &random)) / Double(Int.random(in: 1...97, using: &random))
        return (value: min(1, score), weight: Double(Int.random(in: 1...3, using: &random)))
      }
      #expect(Scoring.weightedMean(values) == Scoring.decimalWeightedMean(values), "\(values)")
      if #available(macOS 15.0, *), ExactDecimal.weightedMean(values) != nil { exactPaths += 1 }
    }
    // Seventeen digits fit in 128 bits: Decimal is left for the numbers that do not.
    if #available(macOS 15.0, *) { #expect(exactPaths == 3_000) }
  }

  /// Shortest digits of every size read exactly: what the description of the double says.
  @Test func digitsOfAnyDoubleThatFits() throws {
    let cases: [(Double, Int, Int)] = [
      (0.9166666666666666, 9_166_666_666_666_666, 16), (-0.9166666666666666, -9_166_666_666_666_666, 16),
      (1e-7, 1, 7), (1.5e-17, 15, 18), (12_345_678_901_234_567, 12_345_678_901_234_568, 0), (0.1, 1, 1),
      (1e18, 1_000_000_000_000_000_000, 0),
    ]
    for (value, units, scale) in cases {
      let digits = try #require(ExactDecimal(digitsOf: value), "\(value)")
      #expect(digits.units == units && digits.scale == scale, "\(value): \(digits.units) \(digits.scale)")
    }
    for value in [1e19, 1e-19, 1.5e-18, 5e-324, .greatestFiniteMagnitude, .infinity, .nan] {
      #expect(ExactDecimal(digitsOf: value) == nil, "\(value)")
    }
  }

  // 128-bit integers need macOS 15; the sources fall back to Decimal before that, so only
  // the tests that call the integer path directly are gated.
  @available(macOS 15.0, *)
  @Test func quotientsRoundToNearestEven() throws {
    #expect(ExactDecimal.quotient(1, 3) == 1.0 / 3)
    #expect(ExactDecimal.quotient(2, 3) == 2.0 / 3)
    #expect(ExactDecimal.quotient(10, 4) == 2.5)
    // 2^53 + 1 lies halfway between two doubles: ties go to the even one, 2^53.
    #expect(ExactDecimal.quotient(UInt128(1) << 53 + 1, 1) == 9_007_199_254_740_992)
    #expect(ExactDecimal.quotient(UInt128(1) << 53 + 3, 1) == 9_007_199_254_740_996)
    let big = UInt128(123_456_789_012_345_678) * 1_000_000_007
    #expect(ExactDecimal.quotient(big, 1_000_000_007) == 123_456_789_012_345_678.0)
    #expect(ExactDecimal.quotient(1, UInt128(1) << 126) == nil)
  }

  @Test func weightedMeansMatchDecimalArithmetic() {
    var random = SeededGenerator(seed: 7)
    for _ in 0..<2_000 {
      let values = (0..<Int.random(in: 0...8, using: &random)).map { _ in
        (value: abs(written(&random)) / 1_000_000, weight: Double(Int.random(in: 1...5, using: &random)))
      }
      #expect(Scoring.weightedMean(values) == Scoring.decimalWeightedMean(values), "\(values)")
    }
    // Sixteen-digit thirds need more than 53 bits once scaled: 128-bit integers hold them.
    let thirds = [(value: 1.0 / 3, weight: 1.0), (value: 2.0 / 3, weight: 1.0)]
    if #available(macOS 15.0, *) {
      #expect(ExactDecimal.weightedMean(thirds) != nil)
    }
    #expect(Scoring.weightedMean(thirds) == Scoring.decimalWeightedMean(thirds))
    #expect(Scoring.weightedMean([]) == nil)
    #expect(Scoring.weightedMean([(0.5, 0)]) == nil)
  }

  /// The whole-number threshold comparison agrees with the Decimal one on 20,000 random short decimals.
  @Test func integerThresholdComparisonsMatchDecimal() {
    var random = SeededGenerator(seed: 0x0A1E_27)
    func decimal(_ scale: Int) -> Double {
      let units = Int(random.next() % 20_001) - 10_000
      let divisor = [1.0, 10, 100, 1000][scale]
      return Double(units) / divisor
    }
    var fastPaths = 0
    for _ in 0..<20_000 {
      let (a, g, b, t) = (decimal(Int(random.next() % 3)), decimal(Int(random.next() % 3)), decimal(0), decimal(1))
      let threshold = Double(Int(random.next() % 101)) / 100
      guard t != b else { continue }
      let fast = Exact.integerShortfall(of: a, against: g, baseline: b, target: t, minus: threshold)
      let (da, dg, db, dt, dh) = (
        Exact.decimal(a)!, Exact.decimal(g)!, Exact.decimal(b)!, Exact.decimal(t)!, Exact.decimal(threshold)!
      )
      let span = dt - db
      let slow = Exact.sign((span < 0 ? da - dg : dg - da) - dh * (span < 0 ? -span : span))
      if let fast {
        fastPaths += 1
        #expect(fast == slow, "\(a) \(g) \(b) \(t) \(threshold)")
      }
    }
    #expect(fastPaths > 19_000)
  }

  /// A milestones key result's gap against a threshold: the whole-number comparison agrees
  /// with `Decimal` on 20,000 random weightings, and ties (a gap of exactly the threshold) stay ties.
  @Test func integerShareGapsMatchDecimal() {
    var random = SeededGenerator(seed: 0x5A4E)
    var fastPaths = 0
    for _ in 0..<20_000 {
      let weights = (0..<Int(random.next() % 6) + 1).map { _ in
        (
          weight: Double(Int(random.next() % 30) + 1) / [1.0, 10, 4][Int(random.next() % 3)],
          isReached: random.next() % 2 == 0
        )
      }
      // Expected fractions are rounded to four decimals; thresholds have two.
      let fraction = Double(Int(random.next() % 10_001)) / 10_000
      let threshold = Double(Int(random.next() % 41)) / 100
      let fast = Exact.integerShareGap(fraction: fraction, weights: weights, minus: threshold)
      let total = weights.reduce(Decimal(0)) { $0 + Exact.decimal($1.weight)! }
      let reached = weights.filter(\.isReached).reduce(Decimal(0)) { $0 + Exact.decimal($1.weight)! }
      let slow = Exact.sign(Exact.decimal(fraction)! * total - reached - Exact.decimal(threshold)! * total)
      if let fast {
        fastPaths += 1
        #expect(fast == slow, "\(weights) \(fraction) \(threshold)")
      }
    }
    #expect(fastPaths == 20_000)
    // A gap of exactly the threshold, which binary arithmetic puts below it: 0.7 - 1/2 is 0.19999999999999996.
    #expect(Exact.integerShareGap(fraction: 0.7, weights: [(1, true), (1, false)], minus: 0.2) == 0)
    #expect(Exact.integerShareGap(fraction: 0.7, weights: [(0.1, true), (0.2, false)], minus: 0.2) == 1)
    #expect(Exact.integerShareGap(fraction: 0.5, weights: [(0.25, true), (0.75, false)], minus: 0.25) == 0)
    // Zero weights and unreadable numbers are left to Decimal.
    #expect(Exact.integerShareGap(fraction: 0.5, weights: [(0, true)], minus: 0.1) == nil)
    #expect(Exact.integerShareGap(fraction: 0.5, weights: [(1e300, true)], minus: 0.1) == nil)
  }

  /// Rounding's fast path gives what rounding the digits gives: 20,000 random values, and halves.
  @Test func roundingFastPathMatchesTheDigits() {
    var random = SeededGenerator(seed: 0x5EED)
    var values = [0.35, 0.25, 2.675, -1.005, 41.65, 1e-7, 99999.95]
    for _ in 0..<20_000 {
      values.append((Double(Int64(bitPattern: random.next() % 2_000_000_001) - 1_000_000_000)) / 997)
    }
    for value in values {
      for places in 1...4 {
        #expect(Scoring.rounded(value, places: places) == Double(Scoring.roundedDigits(value, places: places)))
      }
    }
  }

  /// The digit rounding on bytes agrees with a plain reading of the digits as characters
  /// (the first definition, kept here as the oracle): random values of every magnitude,
  /// halves, carries through nines, exponents both ways, and signs.
  @Test func roundedDigitsAgreeWithTheCharacterReading() {
    var random = SeededGenerator(seed: 0xD161)
    var values: [Double] = [
      0, -0.0, 0.05, -0.05, 0.95, 9.95, -9.95, 99.999, 0.35, 0.25, 2.675, 1e-7, -1e-7, 5e-324, 1e21, 1.5e16,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 123_456_789.987_654_321,
    ]
    for _ in 0..<5_000 {
      let bits = random.next()
      let magnitude = Double(Int(bits % 41) - 20)
      let mantissa = Double(Int64(bitPattern: random.next() % 2_000_001) - 1_000_000) / 1000
      values.append(mantissa * pow10(magnitude))
      values.append(Double(Int64(bitPattern: random.next() % 20_001) - 10_000) / 1000)
    }
    for value in values {
      for places in 1...4 {
        #expect(
          Scoring.roundedDigits(value, places: places) == characterRoundedDigits(value, places: places),
          "\(value) to \(places)")
      }
    }
  }

  private func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(abs(exponent)) { result *= 10 }
    return exponent < 0 ? 1 / result : result
  }

  /// Rounds half away from zero on the characters of the shortest digits.
  private func characterRoundedDigits(_ value: Double, places: Int) -> String {
    let negative = value < 0
    var digits = "\(abs(value))"
    var exponent = 0
    if let e = digits.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(digits[digits.index(after: e)...]) ?? 0
      digits = String(digits[..<e])
    }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    var integer = Array(parts[0]).map { Int(String($0))! }
    var fraction = parts.count > 1 ? Array(parts[1]).map { Int(String($0))! } : []
    while exponent > 0 {
      integer.append(fraction.isEmpty ? 0 : fraction.removeFirst())
      exponent -= 1
    }
    while exponent < 0 {
      fraction.insert(integer.popLast() ?? 0, at: 0)
      exponent += 1
    }
    let roundUp = fraction.count > places && fraction[places] >= 5
    var kept = (integer.isEmpty ? [0] : integer) + (0..<places).map { $0 < fraction.count ? fraction[$0] : 0 }
    if roundUp {
      var index = kept.count - 1
      while index >= 0 {
        if kept[index] == 9 {
          kept[index] = 0
          index -= 1
        } else {
          kept[index] += 1
          break
        }
      }
      if index < 0 { kept.insert(1, at: 0) }
    }
    let integerCount = kept.count - places
    let wholeDigits = kept.prefix(integerCount).map(String.init).joined()
    let integerText = String(wholeDigits.drop { $0 == "0" })
    let text = (integerText.isEmpty ? "0" : integerText) + "." + kept.suffix(places).map(String.init).joined()
    return negative && kept.contains { $0 != 0 } ? "-" + text : text
  }

  /// What a review found: a span of Int.min, values whose scaled product errs by more than a
  /// millionth, and a rounded -0.
  @Test func edgesOfTheFastPaths() {
    #expect(
      Exact.integerShortfall(of: 0, against: 1, baseline: 922_337_203_685_477, target: -0.5808, minus: 0.1) == nil)
    #expect(
      ExactDecimal.difference(ExactDecimal(0)!, ExactDecimal(922_337_203_685_477)!, over: ExactDecimal(-0.5808)!) == nil
    )
    #expect(Scoring.rounded(4_504_110_186.605, places: 2) == 4_504_110_186.61)
    #expect(Scoring.rounded(1_061_744.91015, places: 4) == 1_061_744.9102)
    #expect(Scoring.rounded(-0.0001, places: 1).sign == .plus)
  }
}
