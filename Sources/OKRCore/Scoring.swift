#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// A score's colour band.
public enum Grade: String, Sendable, Hashable, CaseIterable, Codable {
  case red, yellow, green
}

extension Grading {
  /// The bands in words, for legends and footers: `red below 0.4, yellow below 0.7, green from 0.7`.
  public var legend: String {
    "red below \(Format.number(yellowFrom)), yellow below \(Format.number(greenFrom)), green from \(Format.number(greenFrom))"
  }

  /// A score as every report prints it: one decimal, unless that would
  /// contradict the word beside it.
  ///
  /// Grades and "missed" are decided on the exact score, so where one decimal
  /// lands in another band (0.368 as 0.4 beside "red", 0.658 as 0.7 beside
  /// "yellow") or shows 1.0 for a score below 1.0 (0.96 beside "missed"),
  /// the score takes as many decimals as it needs to stay in its own band and
  /// below 1.0: 0.37, 0.66, 0.96. Rounding is half away from zero on the
  /// decimal value (``Scoring/oneDecimal(_:)``).
  ///
  /// - Parameter score: The exact score.
  /// - Returns: Its digits, with at least one decimal.
  public func printed(_ score: Double) -> String { printed(score, places: 1) }

  /// A change of score as every report prints it: `before` and `after` as
  /// ``printed(_:)`` prints them, unless that shows two different scores as one.
  ///
  /// A change shown must be visible: 0.78375 → 0.80875 is 0.8 → 0.8 at one
  /// decimal, so both take one more decimal at a time, together, until they
  /// differ (0.78 → 0.81). Scores that print apart at one decimal, and equal
  /// scores, print as ``printed(_:)`` does.
  ///
  /// - Parameters:
  ///   - before: The exact score before.
  ///   - after: The exact score after.
  /// - Returns: The digits of each, with the same number of decimals where more than one was needed.
  public func printed(_ before: Double, _ after: Double) -> (before: String, after: String) {
    var places = 1
    while true {
      var pair = (before: printed(before, places: places), after: printed(after, places: places))
      // The band rule may give one side more decimals; the other side then shows as many.
      let most = max(Self.decimals(pair.before), Self.decimals(pair.after))
      if most > places, places > 1 {
        places = most
        pair = (printed(before, places: places), printed(after, places: places))
      }
      guard pair.before == pair.after, before != after, places < 17 else { return pair }
      places += 1
    }
  }

  private static func decimals(_ text: String) -> Int {
    text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
  }

  /// ``printed(_:)`` starting at `places` decimals rather than one.
  private func printed(_ score: Double, places start: Int) -> String {
    guard score.isFinite else { return "\(score)" }
    var places = start
    while true {
      let text = Scoring.roundedDigits(score, places: places)
      // 17 places hold every digit of a double's shortest form within 0...1.
      guard places < 17, let shown = Double(text) else { return text }
      if grade(shown) == grade(score), shown < 1 || score >= 1 { return text }
      places += 1
    }
  }

  /// The grade of a score: red below `yellowFrom`, yellow below `greenFrom`, green from there.
  public func grade(_ score: Double) -> Grade {
    if score < yellowFrom { return .red }
    if score < greenFrom { return .yellow }
    return .green
  }
}

/// The scoring rules of format.md, as pure functions.
///
/// Arithmetic is decimal, not binary: the numbers people write (35, 65, 2.4,
/// 1.6) are decimals, and a score such as (1.9 - 2.4) / (1.6 - 2.4) is exactly
/// 0.625, not binary floating point's 0.6250000000000001. Each input double is
/// read back as its shortest decimal digits (what was written), the formula
/// runs in `Decimal`, and the result is the double nearest the exact score.
public enum Scoring {
  /// `clamp((actual - baseline) / (target - baseline), 0, 1)`: one formula for
  /// increasing and decreasing key results alike.
  public static func numeric(actual: Double, baseline: Double, target: Double) -> Double {
    if let actual = ExactDecimal(actual), let baseline = ExactDecimal(baseline), let target = ExactDecimal(target),
      let (numerator, denominator) = ExactDecimal.difference(actual, baseline, over: target)
    {
      guard denominator != 0 else { return 0 }
      return min(1, max(0, Double(numerator) / Double(denominator)))
    }
    return decimalNumeric(actual: actual, baseline: baseline, target: target)
  }

  /// ``numeric(actual:baseline:target:)`` in `Decimal`, for numbers the fast path cannot hold exactly.
  static func decimalNumeric(actual: Double, baseline: Double, target: Double) -> Double {
    guard let actualValue = decimal(actual), let baselineValue = decimal(baseline), let targetValue = decimal(target)
    else {
      return binaryNumeric(actual: actual, baseline: baseline, target: target)
    }
    let span = targetValue - baselineValue
    guard span != 0 else { return 0 }
    return double(min(1, max(0, (actualValue - baselineValue) / span)))
  }

  /// ``numeric(actual:baseline:target:)`` in binary arithmetic, beyond Decimal's range (about 1e-128 to 1e128).
  ///
  /// The three are first divided by the power of two nearest the largest of
  /// them, which is exact, so the differences cannot overflow: from -1e308 to
  /// 1e308, 0 is halfway, where the unscaled span was infinite and scored 0.
  static func binaryNumeric(actual: Double, baseline: Double, target: Double) -> Double {
    let largest = max(abs(actual), abs(baseline), abs(target))
    guard largest.isFinite, largest > 0 else { return 0 }
    let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
    let span = target / scale - baseline / scale
    guard span != 0 else { return 0 }
    let fraction = (actual / scale - baseline / scale) / span
    return fraction.isNaN ? 0 : min(1, max(0, fraction))
  }

  /// The value a `fraction` of the way from `baseline` to `target`.
  ///
  /// `baseline + fraction * (target - baseline)`, the same double for every
  /// span a double holds; when the span itself overflows (-1e308 to 1e308),
  /// the weighted sum of the two ends, which stays between them.
  ///
  /// - Parameters:
  ///   - fraction: How far along, from 0 (the baseline) to 1 (the target).
  ///   - baseline: The start.
  ///   - target: The end.
  /// - Returns: The value in between.
  public static func value(at fraction: Double, from baseline: Double, to target: Double) -> Double {
    let span = target - baseline
    if span.isFinite { return baseline + fraction * span }
    return baseline * (1 - fraction) + target * fraction
  }

  /// The weighted mean, or `nil` when there is nothing to average.
  public static func weightedMean(_ values: [(value: Double, weight: Double)]) -> Double? {
    if #available(macOS 15.0, *), let mean = ExactDecimal.weightedMean(values) {
      return mean.isNaN ? nil : mean
    }
    return decimalWeightedMean(values)
  }

  /// ``weightedMean(_:)`` in `Decimal`, for numbers the fast path cannot hold exactly.
  static func decimalWeightedMean(_ values: [(value: Double, weight: Double)]) -> Double? {
    var total = Decimal(0)
    var sum = Decimal(0)
    for (value, weight) in values {
      guard let value = decimal(value), let weight = decimal(weight) else {
        return binaryWeightedMean(values)
      }
      total += weight
      sum += value * weight
    }
    guard total > 0 else { return nil }
    return double(sum / total)
  }

  /// The weighted mean in binary arithmetic, for weights outside Decimal's range.
  private static func binaryWeightedMean(_ values: [(value: Double, weight: Double)]) -> Double? {
    let largest = values.map(\.weight).max() ?? 0
    guard largest > 0 else { return nil }
    // Scaled by the largest weight, so neither 1e-320 nor 1e300 overflows or vanishes.
    let total = values.reduce(0) { $0 + $1.weight / largest }
    let sum = values.reduce(0) { $0 + $1.value * ($1.weight / largest) }
    guard total > 0, (sum / total).isFinite else { return nil }
    return sum / total
  }

  /// The plain mean, or `nil` for no values.
  public static func mean(_ values: [Double]) -> Double? {
    weightedMean(values.map { ($0, 1) })
  }

  /// A double's decimal value (its shortest round-trip digits), or `nil`
  /// beyond what Decimal holds.
  static func decimal(_ value: Double) -> Decimal? {
    guard value.isFinite, value == 0 || (1e-120...1e120).contains(abs(value)) else { return nil }
    return Decimal(string: "\(value)", locale: nil)
  }

  /// The double nearest a decimal: its digits, read as a double, round correctly.
  static func double(_ value: Decimal) -> Double {
    // A Decimal's description is digits with a point, or "NaN": both read back.
    Double(value.description) ?? .nan
  }

  /// A score rounded to one decimal for display, half away from zero on its
  /// decimal value: 0.35 shows as 0.4 and 0.25 as 0.3, although the nearest
  /// doubles lie just below them.
  ///
  /// The double's shortest round-trip digits are its decimal value (what
  /// people wrote, or what the division means), so rounding works on those
  /// digits rather than on the binary number.
  public static func oneDecimal(_ score: Double) -> String {
    guard score.isFinite else { return "\(score)" }
    return roundedDigits(score, places: 1)
  }

  /// `value` rounded half away from zero to `places` decimals on its decimal
  /// value, as the double nearest that decimal.
  public static func rounded(_ value: Double, places: Int) -> Double {
    guard value.isFinite else { return value }
    // Fast path: away from a half, binary rounding of the scaled value is the
    // decimal rounding, and an exact integer over an exact power of ten is the
    // double nearest the decimal. Near a half, the digits decide.
    if places <= 15 {
      let power = (0..<places).reduce(1.0) { product, _ in product * 10 }
      let scaled = value * power
      let fraction = abs(scaled - scaled.rounded(.towardZero))
      // The product's error is within a few units in its last place: stay well clear of the half.
      if abs(scaled) < 1e12, abs(fraction - 0.5) > max(1e-6, 16 * scaled.ulp) {
        // + 0.0 turns a rounded -0 into the 0 the digits give.
        return scaled.rounded(.toNearestOrAwayFromZero) / power + 0.0
      }
    }
    return Double(roundedDigits(value, places: places)) ?? value
  }

  /// The digits of `value` rounded half away from zero to exactly `places`
  /// decimals (`places` ≥ 1), worked on its shortest round-trip digits.
  ///
  /// Every score a report shows passes through here, so it works on bytes:
  /// the digits as numbers 0...9, the point moved by the exponent, then one
  /// carry from the right when the first dropped digit is 5 or more.
  static func roundedDigits(_ value: Double, places: Int) -> String {
    let negative = value < 0
    var integer: [UInt8] = []
    var fraction: [UInt8] = []
    var exponent = 0
    var exponentSign = 1
    var part = 0  // 0 integer digits, 1 fraction digits, 2 exponent
    for byte in "\(abs(value))".utf8 {
      switch byte {
      case UInt8(ascii: "."): part = 1
      case UInt8(ascii: "e"), UInt8(ascii: "E"): part = 2
      case UInt8(ascii: "-"): exponentSign = -1
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = byte - UInt8(ascii: "0")
        switch part {
        case 0: integer.append(digit)
        case 1: fraction.append(digit)
        default: exponent = exponent * 10 + Int(digit)
        }
      default: break  // "+" of an exponent
      }
    }
    exponent *= exponentSign
    // Apply a scientific exponent by moving the decimal point.
    while exponent > 0 {
      integer.append(fraction.isEmpty ? 0 : fraction.removeFirst())
      exponent -= 1
    }
    while exponent < 0 {
      fraction.insert(integer.popLast() ?? 0, at: 0)
      exponent += 1
    }
    let roundUp = fraction.count > places && fraction[places] >= 5
    var kept = integer.isEmpty ? [0] : integer
    for place in 0..<places { kept.append(place < fraction.count ? fraction[place] : 0) }
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
    let firstSignificant = kept.prefix(integerCount).firstIndex { $0 != 0 } ?? integerCount
    var text: [UInt8] = negative && kept.contains { $0 != 0 } ? [UInt8(ascii: "-")] : []
    text.reserveCapacity(kept.count + 2)
    if firstSignificant == integerCount { text.append(UInt8(ascii: "0")) }
    for digit in kept[firstSignificant..<integerCount] { text.append(UInt8(ascii: "0") + digit) }
    text.append(UInt8(ascii: "."))
    for digit in kept[integerCount...] { text.append(UInt8(ascii: "0") + digit) }
    return String(decoding: text, as: UTF8.self)
  }
}

/// A double's shortest decimal digits as a whole number and a count of
/// fractional digits (`2.45` is 245 and 2), when they fit in 53 bits.
///
/// The fast path of ``Scoring``: the numbers in OKR files are short decimals,
/// and with them scaled to whole numbers below 2^53 a score is one quotient of
/// two exact doubles, which IEEE division rounds correctly. That is the exact
/// decimal result, as `Decimal` would give it, at a hundredth of the cost;
/// anything that does not fit falls back to `Decimal`.
struct ExactDecimal {
  /// The largest magnitude whose every integer a double holds exactly: 2^53.
  static let exactLimit = 9_007_199_254_740_992
  /// Powers of ten a double and an `Int` both hold exactly, up to 10^18.
  private static let powers: [Int] = (0...18).map { exponent in (0..<exponent).reduce(1) { product, _ in product * 10 }
  }

  var units: Int
  var scale: Int

  init?(_ value: Double) {
    guard value.isFinite, abs(value) < Double(Self.exactLimit) else { return nil }
    // The fewest fractional digits that read back as this double are the digits
    // people wrote (its shortest round-trip representation).
    for scale in Self.powers.indices {
      let power = Double(Self.powers[scale])
      let scaled = (value * power).rounded()
      guard abs(scaled) < Double(Self.exactLimit) else { return nil }
      if scaled / power == value {
        units = Int(scaled)
        self.scale = scale
        return
      }
    }
    return nil
  }

  /// A double's shortest round-trip digits whenever they fit in an `Int`
  /// with at most 18 fractional digits: 17 significant digits, such as a
  /// computed score's `0.9166666666666666`, which 53 bits cannot hold.
  ///
  /// For sums and means in 128-bit integers, which need the digits exact but
  /// not a double that holds them.
  init?(digitsOf value: Double) {
    if let short = ExactDecimal(value) {
      self = short
      return
    }
    guard value.isFinite else { return nil }
    var units = 0
    var scale = 0
    var exponent = 0
    var negative = false
    var exponentNegative = false
    var inFraction = false
    var inExponent = false
    // The description is the shortest round-trip digits: `-0.91`, `1e-07`, `1.5e+20`.
    for byte in "\(value)".utf8 {
      switch byte {
      case UInt8(ascii: "-"):
        if inExponent { exponentNegative = true } else { negative = true }
      case UInt8(ascii: "."): inFraction = true
      case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = Int(byte - UInt8(ascii: "0"))
        if inExponent {
          exponent = exponent * 10 + digit
          guard exponent < 400 else { return nil }
        } else {
          let (tens, overflow) = units.multipliedReportingOverflow(by: 10)
          guard !overflow, tens <= Int.max - digit else { return nil }
          units = tens + digit
          if inFraction { scale += 1 }
        }
      default: break  // "+" of an exponent
      }
    }
    scale -= exponentNegative ? -exponent : exponent
    if scale < 0 {
      guard -scale < Self.powers.count else { return nil }
      let (scaled, overflow) = units.multipliedReportingOverflow(by: Self.powers[-scale])
      guard !overflow else { return nil }
      (units, scale) = (scaled, 0)
    }
    guard scale < Self.powers.count else { return nil }
    self.units = negative ? -units : units
    self.scale = scale
  }

  /// The units at a larger scale, or `nil` on overflow.
  func units(atScale target: Int) -> Int? {
    let (product, overflow) = units.multipliedReportingOverflow(by: Self.powers[target - scale])
    return overflow ? nil : product
  }

  /// `(value - base)` and `(end - base)` at one scale, or `nil` when they do not fit exactly in a double.
  static func difference(_ value: Self, _ base: Self, over end: Self) -> (Int, Int)? {
    let scale = max(value.scale, base.scale, end.scale)
    guard let value = value.units(atScale: scale), let base = base.units(atScale: scale),
      let end = end.units(atScale: scale)
    else { return nil }
    let (numerator, borrow) = value.subtractingReportingOverflow(base)
    let (denominator, borrowToo) = end.subtractingReportingOverflow(base)
    guard !borrow, !borrowToo, numerator.magnitude < UInt(exactLimit), denominator.magnitude < UInt(exactLimit) else {
      return nil
    }
    return (numerator, denominator)
  }

  /// The weighted mean in exact 128-bit integers, correctly rounded; NaN when
  /// the weights sum to zero or less, `nil` when the numbers do not fit.
  @available(macOS 15.0, *)
  static func weightedMean(_ values: [(value: Double, weight: Double)]) -> Double? {
    var exactValues: [Self] = []
    var exactWeights: [Self] = []
    exactValues.reserveCapacity(values.count)
    exactWeights.reserveCapacity(values.count)
    for (value, weight) in values {
      guard let value = Self(digitsOf: value), let weight = Self(digitsOf: weight) else { return nil }
      exactValues.append(value)
      exactWeights.append(weight)
    }
    let valueScale = exactValues.map(\.scale).max() ?? 0
    let weightScale = exactWeights.map(\.scale).max() ?? 0
    var sum: Int128 = 0
    var total: Int128 = 0
    for (value, weight) in zip(exactValues, exactWeights) {
      // Units below 2^63 times at most 10^18 (2^123) each; products and sums are checked.
      let scaledValue = Int128(value.units) * Int128(powers[valueScale - value.scale])
      let scaledWeight = Int128(weight.units) * Int128(powers[weightScale - weight.scale])
      let (product, overflow) = scaledValue.multipliedReportingOverflow(by: scaledWeight)
      let (newSum, carry) = sum.addingReportingOverflow(product)
      let (newTotal, carryToo) = total.addingReportingOverflow(scaledWeight)
      guard !overflow, !carry, !carryToo else { return nil }
      (sum, total) = (newSum, newTotal)
    }
    guard total > 0 else { return .nan }
    // The sum carries the values' scale on top of the weights'; the total only the weights'.
    let (scaledTotal, overflow) = total.multipliedReportingOverflow(by: Int128(powers[valueScale]))
    guard !overflow else { return nil }
    guard let magnitude = quotient(sum.magnitude, scaledTotal.magnitude) else { return nil }
    return sum < 0 ? -magnitude : magnitude
  }

  /// `numerator / denominator` rounded to the nearest double (ties to even),
  /// by long division; `nil` for operands of 2^126 or more.
  @available(macOS 15.0, *)
  static func quotient(_ numerator: UInt128, _ denominator: UInt128) -> Double? {
    let limit: UInt128 = 1 << 126
    guard denominator > 0, numerator < limit, denominator < limit else { return nil }
    guard numerator > 0 else { return 0 }
    // 55 significant bits of the quotient, then whether anything is left over.
    var significand = numerator / denominator
    var remainder = numerator % denominator
    var exponent = 0
    let width = 128 - significand.leadingZeroBitCount
    if width > 55 {
      let dropped = width - 55
      if significand & ((1 << dropped) - 1) != 0 { remainder = 1 }
      significand >>= dropped
      exponent = dropped
    } else {
      while significand < 1 << 54 {
        remainder <<= 1
        significand <<= 1
        if remainder >= denominator {
          remainder -= denominator
          significand |= 1
        }
        exponent -= 1
      }
    }
    let sticky = remainder != 0
    var kept = significand >> 2
    let rest = significand & 3
    if rest == 3 || (rest == 2 && (sticky || kept & 1 == 1)) { kept += 1 }
    return Double(sign: .plus, exponent: exponent + 2, significand: Double(UInt64(kept)))
  }
}
