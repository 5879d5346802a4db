/// "Did you mean" suggestions for misspelt keys and ids.
public enum Suggestion {
  /// The candidate closest to `word`, if it is close enough to be a likely typo.
  ///
  /// Closeness is the optimal-string-alignment distance (edits, with swaps of
  /// neighbours counted once), case-insensitive; "close enough" is at most one
  /// edit for short words and a third of the word's length for longer ones.
  /// Ties go to the candidate listed first, so suggestions are deterministic.
  ///
  /// - Parameters:
  ///   - word: What was written.
  ///   - candidates: What could have been meant.
  /// - Returns: The best candidate, or `nil` when none is close.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let typed = Array(word.lowercased().unicodeScalars)
    // Nobody mistypes a 200-character key; and the distance costs length squared.
    guard typed.count <= 64 else { return nil }
    let allowed = max(1, typed.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let other = Array(candidate.lowercased().unicodeScalars)
      // The lengths alone can rule a candidate out before any distance is computed.
      guard abs(other.count - typed.count) <= allowed else { continue }
      let distance = editDistance(typed, other)
      if distance <= allowed, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// `; did you mean 'x'?`, or nothing.
  public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
    closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }

  /// ``hint(for:in:)`` for a key result reference: a bare `KR1` is matched
  /// against each reference's key result (`O1/KR1`), since people leave the objective out.
  public static func referenceHint(for word: String, in references: [String]) -> String {
    guard !word.contains("/") else { return hint(for: word, in: references) }
    let matches = references.filter { $0.split(separator: "/").last?.lowercased() == word.lowercased() }
    switch matches.count {
    case 0: return hint(for: word, in: references)
    case 1: return "; did you mean '\(matches[0])'?"
    default: return "; did you mean one of " + matches.map { "'\($0)'" }.joined(separator: ", ") + "?"
    }
  }

  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
