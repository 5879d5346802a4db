import OKRCore

/// The grammar of `okr checkin record`'s per-key-result options.
///
/// swift-argument-parser keeps each option's values in order but not how they
/// interleave, and a check-in needs to know which `--kr` a `--value` belongs
/// to. So the command declares these words as one argument that collects them
/// in order, and this type reads them:
///
///     entries  := entry+
///     entry    := --kr REF option*
///     option   := --value NUMBER | --done WORD | --confidence LEVEL
///               | --note TEXT | --blocker TEXT
///
/// Each option may also be written `--name=value`. An option's value is the
/// next word whatever it looks like, so `--value -1` is minus one. Every word
/// must fit the grammar: an option before the first `--kr`, an unknown word, a
/// missing value, or `--value`, `--confidence` or `--note` twice for one key
/// result is an error, and nothing is recorded. No input is ever dropped.
struct KeyResultArguments: Equatable {
  /// The options that describe one key result, as written after its `--kr`.
  static let options = ["--value", "--done", "--confidence", "--note", "--blocker"]

  /// The entries, one per `--kr`, in order.
  var entries: [CheckinDraft.Entry]

  /// Reads the words.
  ///
  /// - Parameter words: What followed the command's own options, in order.
  /// - Throws: ``Problem``, naming the first word that does not fit.
  init(_ words: [String]) throws(Problem) {
    var entries: [CheckinDraft.Entry] = []
    var index = 0
    while index < words.count {
      let (name, value) = try Self.option(at: &index, in: words)
      if name == "--kr" {
        entries.append(CheckinDraft.Entry(keyResult: value))
        continue
      }
      guard var entry = entries.popLast() else { throw .beforeFirstKeyResult(name) }
      try Self.apply(name, value, to: &entry)
      entries.append(entry)
    }
    self.entries = entries
  }

  /// The option at `index` and its value (`--name=value`, or the next word whatever it looks like); moves past both.
  private static func option(at index: inout Int, in words: [String]) throws(Problem) -> (name: String, value: String) {
    let word = words[index]
    var name = word
    var value: String?
    if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
      name = String(word[..<equals])
      value = String(word[word.index(after: equals)...])
    }
    guard name == "--kr" || options.contains(name) else {
      if word.hasPrefix("-") {
        throw .unknownOption(word, suggestion: Suggestion.closest(to: name, in: ["--kr"] + options))
      }
      throw .unexpectedWord(word)
    }
    if value == nil {
      guard index + 1 < words.count else { throw .missingValue(name) }
      index += 1
      value = words[index]
    }
    index += 1
    return (name, value ?? "")
  }

  /// Sets one option on its key result's entry; `--value`, `--confidence` and `--note` once each.
  private static func apply(_ name: String, _ text: String, to entry: inout CheckinDraft.Entry) throws(Problem) {
    let repeated = Problem.repeated(name, keyResult: entry.keyResult)
    switch name {
    case "--value":
      guard entry.value == nil else { throw repeated }
      entry.value = text
    case "--confidence":
      guard entry.confidence == nil else { throw repeated }
      entry.confidence = text
    case "--note":
      guard entry.note == nil else { throw repeated }
      entry.note = text
    case "--done": entry.done.append(text)
    default: entry.blockers.append(text)
    }
  }

  /// A word that does not fit the grammar: a usage error.
  enum Problem: Error, Equatable, CustomStringConvertible {
    case unknownOption(String, suggestion: String?)
    case unexpectedWord(String)
    case missingValue(String)
    case beforeFirstKeyResult(String)
    case repeated(String, keyResult: String)

    var description: String {
      switch self {
      case .unknownOption(let word, let suggestion):
        return "unknown option '\(word)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")"
      case .unexpectedWord(let word):
        return
          "unexpected argument '\(word)'; name a key result with --kr, then its --value, --done, --confidence, --note or --blocker"
      case .missingValue(let name):
        return "missing value for '\(name)'"
      case .beforeFirstKeyResult(let name):
        return "'\(name)' comes before any --kr; name the key result first: --kr O1/KR1 \(name) …"
      case .repeated(let name, let keyResult):
        return "'\(name)' is given twice for '\(keyResult)'; give it once per --kr"
      }
    }
  }
}
