#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// Threshold comparisons on the decimal values people wrote.
///
/// A gap of exactly 0.2 must meet a threshold of 0.2, but in binary floating
/// point 1.0 - 0.8 is 0.19999999999999996. Every number here is taken as its
/// shortest decimal digits (what was written) and the comparison
/// `numerator / denominator` against the threshold is made without dividing:
/// `numerator - threshold × denominator`, whose subtraction and product are
/// exact in `Decimal` for the short numbers OKR files hold.
enum Exact {
  /// A double's decimal value, or `nil` beyond what `Decimal` holds.
  static func decimal(_ value: Double) -> Decimal? { Scoring.decimal(value) }

  /// The sign of `numerator / denominator - threshold`; `denominator` must be positive.
  static func sign(_ numerator: Decimal, over denominator: Decimal, minus threshold: Double) -> Int {
    guard let threshold = decimal(threshold) else {
      return sign(Scoring.double(numerator) / Scoring.double(denominator) - threshold)
    }
    return sign(numerator - threshold * denominator)
  }

  /// Whether `numerator / denominator` is at least `threshold`; `denominator` must be positive.
  static func ratio(_ numerator: Decimal, over denominator: Decimal, isAtLeast threshold: Double) -> Bool {
    sign(numerator, over: denominator, minus: threshold) >= 0
  }

  /// The shortfall of `actual` against `goal` along a key result's direction
  /// (from `baseline` to `target`) as a share of its span, compared with
  /// `threshold`: the sign of `shortfall - threshold`.
  static func shortfall(
    of actual: Double, against goal: Double, baseline: Double, target: Double, minus threshold: Double
  ) -> Int {
    if let fast = integerShortfall(of: actual, against: goal, baseline: baseline, target: target, minus: threshold) {
      return fast
    }
    guard let a = decimal(actual), let g = decimal(goal), let b = decimal(baseline), let t = decimal(target) else {
      let span = target - baseline
      return sign((span < 0 ? actual - goal : goal - actual) / abs(span) - threshold)
    }
    let span = t - b
    return sign(span < 0 ? a - g : g - a, over: span < 0 ? -span : span, minus: threshold)
  }

  /// ``shortfall(of:against:baseline:target:minus:)`` in whole numbers.
  ///
  /// The five numbers are scaled to one power of ten as `ExactDecimal` reads
  /// them, and `shortfall × 10^t - threshold × span` is compared in
  /// overflow-checked integers. `nil` when a number has no short decimal form or a product
  /// would overflow, and the `Decimal` path decides. The numbers in OKR files
  /// take this path: a score card's alerts cost microseconds, not `Decimal`'s milliseconds.
  static func integerShortfall(
    of actual: Double, against goal: Double, baseline: Double, target: Double, minus threshold: Double
  ) -> Int? {
    guard let a = ExactDecimal(actual), let g = ExactDecimal(goal), let b = ExactDecimal(baseline),
      let t = ExactDecimal(target), let h = ExactDecimal(threshold)
    else { return nil }
    let scale = max(a.scale, g.scale, b.scale, t.scale)
    guard let av = a.units(atScale: scale), let gv = g.units(atScale: scale), let bv = b.units(atScale: scale),
      let tv = t.units(atScale: scale)
    else { return nil }
    let (span, spanOverflow) = tv.subtractingReportingOverflow(bv)
    let (short, shortOverflow) = (span < 0 ? av : gv).subtractingReportingOverflow(span < 0 ? gv : av)
    guard !spanOverflow, !shortOverflow, span != 0, span != .min else { return nil }
    // short / |span| against h.units / 10^h.scale:  short × 10^h.scale  against  h.units × |span|.
    guard let power = ExactDecimal(1)?.units(atScale: h.scale) else { return nil }
    let (left, leftOverflow) = short.multipliedReportingOverflow(by: power)
    let (right, rightOverflow) = h.units.multipliedReportingOverflow(by: span < 0 ? -span : span)
    guard !leftOverflow, !rightOverflow else { return nil }
    return left > right ? 1 : left < right ? -1 : 0
  }

  /// The sign of `fraction - reached / total - threshold` in whole numbers,
  /// where `total` sums every weight and `reached` the weights of the parts
  /// done: a milestones key result's gap against a threshold.
  ///
  /// Multiplied out by `total × 10^s`, the comparison is
  /// `(fraction - threshold) × total` against `reached`, in overflow-checked
  /// integers at one power of ten. `nil` when a number has no short decimal
  /// form, a product would overflow, or the weights do not sum above zero:
  /// the `Decimal` path decides then.
  static func integerShareGap(fraction: Double, weights: [(weight: Double, isReached: Bool)], minus threshold: Double)
    -> Int?
  {
    guard let f = ExactDecimal(fraction), let h = ExactDecimal(threshold) else { return nil }
    var exactWeights: [ExactDecimal] = []
    exactWeights.reserveCapacity(weights.count)
    for part in weights {
      guard let weight = ExactDecimal(part.weight) else { return nil }
      exactWeights.append(weight)
    }
    let weightScale = exactWeights.map(\.scale).max() ?? 0
    var total = 0
    var reached = 0
    for (weight, part) in zip(exactWeights, weights) {
      guard let units = weight.units(atScale: weightScale) else { return nil }
      let (newTotal, overflow) = total.addingReportingOverflow(units)
      guard !overflow else { return nil }
      total = newTotal
      if part.isReached {
        let (newReached, overflowToo) = reached.addingReportingOverflow(units)
        guard !overflowToo else { return nil }
        reached = newReached
      }
    }
    guard total > 0 else { return nil }
    let scale = max(f.scale, h.scale)
    guard let fu = f.units(atScale: scale), let hu = h.units(atScale: scale),
      let power = ExactDecimal(1)?.units(atScale: scale)
    else { return nil }
    let (difference, overflow) = fu.subtractingReportingOverflow(hu)
    let (left, leftOverflow) = difference.multipliedReportingOverflow(by: total)
    let (right, rightOverflow) = reached.multipliedReportingOverflow(by: power)
    guard !overflow, !leftOverflow, !rightOverflow else { return nil }
    return left > right ? 1 : left < right ? -1 : 0
  }

  /// How far `actual` trails `goal` along a key result's direction, as a
  /// share of its span: `(goal - actual) / (target - baseline)`, the one
  /// formula for increasing and decreasing key results, as the double nearest
  /// its exact value (``ExactFraction/nearestDouble``).
  ///
  /// The gap `behind_pace` measures and the shortfall `missed_checkpoint`
  /// measures are this number: 1.0 expected against 0.7 reached is 0.3, not
  /// binary subtraction's 0.30000000000000004.
  static func shortfallShare(of actual: Double, against goal: Double, baseline: Double, target: Double) -> Double {
    if #available(macOS 15.0, *), let goalFraction = ExactFraction(goal), let actualFraction = ExactFraction(actual),
      let targetFraction = ExactFraction(target), let baselineFraction = ExactFraction(baseline),
      let short = goalFraction - actualFraction, let span = targetFraction - baselineFraction,
      let share = short / span, let nearest = share.nearestDouble
    {
      return nearest
    }
    return (goal - actual) / (target - baseline)
  }

  /// The score a value would reach if it kept moving as it did: from `from`
  /// to `to` over `overDays` days, then `moreDays` more at that rate,
  /// scored from `baseline` to `target` and clamped to 0...1, as the double
  /// nearest its exact value.
  ///
  /// Exactly `(to + (to - from) × moreDays / overDays - baseline) / (target - baseline)`,
  /// so the projection of 10 → 30 over 14 days, 66 days on, is not first
  /// rounded to the binary 124.28571428571428 and then scored.
  static func projectedScore(
    from: Double, to: Double, overDays: Int, moreDays: Int, baseline: Double, target: Double
  ) -> Double {
    if #available(macOS 15.0, *), let f = ExactFraction(from), let t = ExactFraction(to),
      let b = ExactFraction(baseline), let g = ExactFraction(target),
      let over = ExactFraction(numerator: Int128(overDays), denominator: 1),
      let more = ExactFraction(numerator: Int128(moreDays), denominator: 1),
      let moved = t - f, let rate = moved / over, let ahead = rate * more, let projected = t + ahead,
      let progress = projected - b, let span = g - b, let share = progress / span, let nearest = share.nearestDouble
    {
      return min(1, max(0, nearest))
    }
    let perDay = (to - from) / Double(overDays)
    return Scoring.numeric(actual: to + perDay * Double(moreDays), baseline: baseline, target: target)
  }

  /// `value × numerator / denominator` (a sprint's share of the hours per
  /// sprint), as the double nearest its exact value.
  static func scaled(_ value: Double, by numerator: Int, over denominator: Int) -> Double {
    if #available(macOS 15.0, *), let v = ExactFraction(value),
      let ratio = ExactFraction(numerator: Int128(numerator), denominator: Int128(denominator)),
      let product = v * ratio, let nearest = product.nearestDouble
    {
      return nearest
    }
    return value * Double(numerator) / Double(denominator)
  }

  /// `fraction - reached / total`, where `total` sums every weight and
  /// `reached` the weights of the parts done: a milestones key result's gap,
  /// as the double nearest its exact value.
  static func shareGap(fraction: Double, weights: [(weight: Double, isReached: Bool)]) -> Double {
    if #available(macOS 15.0, *), var total = ExactFraction(0), var reached = ExactFraction(0) {
      var exact = true
      for part in weights {
        guard let weight = ExactFraction(part.weight), let sum = total + weight,
          let done = part.isReached ? reached + weight : reached
        else {
          exact = false
          break
        }
        (total, reached) = (sum, done)
      }
      if exact, let f = ExactFraction(fraction), let share = reached / total, let gap = f - share,
        let nearest = gap.nearestDouble
      {
        return nearest
      }
    }
    let total = weights.reduce(0) { $0 + $1.weight }
    let reached = weights.filter(\.isReached).reduce(0) { $0 + $1.weight }
    return fraction - reached / total
  }

  static func sign(_ value: Decimal) -> Int { value > 0 ? 1 : value < 0 ? -1 : 0 }
  static func sign(_ value: Double) -> Int { value > 0 ? 1 : value < 0 ? -1 : 0 }
}

/// A quotient of decimals, held exactly: a share or a gap before it becomes a double.
///
/// Numbers enter as their shortest decimal digits (what people wrote, or
/// the double nearest an exact score); differences, sums and quotients stay
/// exact in 128-bit integers, reduced as they go, and ``nearestDouble`` is
/// the one place such a value becomes a double: rounded correctly, ties to
/// even, by ``ExactDecimal/quotient(_:_:)``. So 8/9 is written
/// 0.8888888888888888, never 0.888888888888889 (binary 0.8 / 0.9), and 3/10
/// 0.3. Every step that would overflow gives `nil`, and the caller falls
/// back to binary arithmetic, as ``Scoring`` falls back to `Decimal`.
@available(macOS 15.0, *)
struct ExactFraction: Equatable {
  /// The numerator; carries the sign.
  private(set) var numerator: Int128
  /// The denominator, always positive.
  private(set) var denominator: Int128

  /// A double's decimal value, or `nil` when its digits do not fit.
  init?(_ value: Double) {
    guard let digits = ExactDecimal(digitsOf: value) else { return nil }
    var power: Int128 = 1
    for _ in 0..<digits.scale { power *= 10 }
    self.init(numerator: Int128(digits.units), denominator: power)
  }

  /// `numerator / denominator` in lowest terms, or `nil` for a zero denominator.
  init?(numerator: Int128, denominator: Int128) {
    guard denominator != 0, numerator != .min, denominator != .min else { return nil }
    var (n, d) = denominator < 0 ? (-numerator, -denominator) : (numerator, denominator)
    var (a, b) = (n.magnitude, d.magnitude)
    while b != 0 { (a, b) = (b, a % b) }
    if a > 1 {
      n /= Int128(a)
      d /= Int128(a)
    }
    self.numerator = n
    self.denominator = d
  }

  static func + (lhs: Self, rhs: Self) -> Self? { combine(lhs, rhs, negate: false) }

  static func - (lhs: Self, rhs: Self) -> Self? { combine(lhs, rhs, negate: true) }

  /// `lhs × rhs`, or `nil` on overflow.
  static func * (lhs: Self, rhs: Self) -> Self? {
    let (n, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.numerator)
    let (d, o2) = lhs.denominator.multipliedReportingOverflow(by: rhs.denominator)
    guard !o1, !o2 else { return nil }
    return Self(numerator: n, denominator: d)
  }

  /// `lhs / rhs`, or `nil` for a zero divisor or on overflow.
  static func / (lhs: Self, rhs: Self) -> Self? {
    let (n, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
    let (d, o2) = lhs.denominator.multipliedReportingOverflow(by: rhs.numerator)
    guard !o1, !o2 else { return nil }
    return Self(numerator: n, denominator: d)
  }

  private static func combine(_ lhs: Self, _ rhs: Self, negate: Bool) -> Self? {
    let (left, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
    let (right, o2) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
    let (d, o3) = lhs.denominator.multipliedReportingOverflow(by: rhs.denominator)
    let (n, o4) = negate ? left.subtractingReportingOverflow(right) : left.addingReportingOverflow(right)
    guard !o1, !o2, !o3, !o4 else { return nil }
    return Self(numerator: n, denominator: d)
  }

  /// The double nearest the exact value, or `nil` beyond what the long division takes (2^126).
  var nearestDouble: Double? {
    guard let magnitude = ExactDecimal.quotient(numerator.magnitude, denominator.magnitude) else { return nil }
    return numerator < 0 ? -magnitude : magnitude
  }
}
