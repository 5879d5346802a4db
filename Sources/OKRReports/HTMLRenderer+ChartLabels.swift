extension HTMLRenderer {
  /// A rectangle in a chart's view-box units.
  struct Box: Equatable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    /// The box of a label at the chart's font size: `x` is where its `anchor` is, `y` its baseline.
    ///
    /// As wide as ``Frame/textWidth(_:)`` (an upper bound), from a full em
    /// above the baseline to 0.3 em below it: more than any font a browser
    /// picks draws, so a box kept clear is a label kept clear.
    init(label text: String, x: Double, y: Double, anchor: Anchor) {
      let width = Frame.textWidth(text)
      switch anchor {
      case .start: left = x
      case .end: left = x - width
      }
      right = left + width
      top = y - Frame.fontSize
      bottom = y + 0.3 * Frame.fontSize
    }

    init(left: Double, top: Double, right: Double, bottom: Double) {
      self.left = left
      self.top = top
      self.right = right
      self.bottom = bottom
    }

    /// The box grown by `margin` on every side.
    func grown(by margin: Double) -> Box {
      Box(left: left - margin, top: top - margin, right: right + margin, bottom: bottom + margin)
    }

    func overlaps(_ other: Box) -> Bool {
      left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }

    func contains(_ other: Box) -> Bool {
      other.left >= left && other.right <= right && other.top >= top && other.bottom <= bottom
    }

    /// Whether the segment passes through the box (Liang–Barsky clipping).
    func crosses(_ segment: Segment) -> Bool {
      let dx = segment.x2 - segment.x1
      let dy = segment.y2 - segment.y1
      var low = 0.0
      var high = 1.0
      for (p, q) in [
        (-dx, segment.x1 - left), (dx, right - segment.x1), (-dy, segment.y1 - top), (dy, bottom - segment.y1),
      ] {
        if p == 0 {
          if q < 0 { return false }
        } else {
          let t = q / p
          if p < 0 { low = max(low, t) } else { high = min(high, t) }
          if low > high { return false }
        }
      }
      return true
    }
  }

  /// Where a label's `x` is: its left end or its right end (SVG `text-anchor`).
  enum Anchor {
    case start, end
  }

  /// A straight stroke of a chart, in view-box units.
  struct Segment {
    var x1: Double
    var y1: Double
    var x2: Double
    var y2: Double
  }

  /// Everything drawn in one chart that a label must keep clear of: strokes and the labels already placed.
  struct ChartObstacles {
    /// Half the widest stroke (the check-ins' 1.6) and a little air.
    static let clearance = 1.2
    var segments: [Segment] = []
    var boxes: [Box] = []
    /// Where labels may go: the view box.
    var bounds = Box(left: 0, top: 0, right: Frame.width, bottom: Frame.height)

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) {
      segments.append(Segment(x1: x1, y1: y1, x2: x2, y2: y2))
    }

    /// A polyline, segment by segment.
    mutating func polyline(_ points: [(Double, Double)]) {
      for (from, to) in zip(points, points.dropFirst()) { line(from.0, from.1, to.0, to.1) }
    }

    /// A check-in's dot, as its square.
    mutating func dot(_ x: Double, _ y: Double, radius: Double) {
      boxes.append(Box(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius))
    }

    /// How many things a label in `box` would touch; `nil` when it would leave the view box.
    func collisions(_ box: Box) -> Int? {
      guard bounds.contains(box) else { return nil }
      let padded = box.grown(by: Self.clearance)
      return segments.filter(padded.crosses).count + boxes.filter(padded.overlaps).count
    }

    /// The first place where a label touches nothing, else the one where it touches least.
    ///
    /// - Parameters:
    ///   - text: The label as drawn.
    ///   - candidates: Where it could go, best first.
    /// - Returns: The place chosen, and its box (now an obstacle for the labels after it).
    mutating func place(
      _ text: String, candidates: [(x: Double, y: Double, anchor: Anchor)]
    ) -> (x: Double, y: Double, anchor: Anchor)? {
      var best: (place: (x: Double, y: Double, anchor: Anchor), box: Box, count: Int)?
      for candidate in candidates {
        let box = Box(label: text, x: candidate.x, y: candidate.y, anchor: candidate.anchor)
        guard let count = collisions(box) else { continue }
        if best == nil || count < best!.count { best = (candidate, box, count) }
        if count == 0 { break }
      }
      guard let best else { return nil }
      boxes.append(best.box)
      return best.place
    }
  }
}
