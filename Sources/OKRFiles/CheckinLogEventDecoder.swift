import OKRCore
import YAMLKit

/// Decodes a check-in log straight from libyaml's events, without building
/// nodes: the fast path for the files a repository has most of.
///
/// It takes only what ``FileDecoder`` takes without a word: documents that are
/// check-ins whose keys are all known, none twice, and whose values all fit,
/// and it gives the same check-ins at the same positions. At anything else (an
/// unknown or repeated key, a value of the wrong kind, a null where a value is
/// required, an anchor, alias or tag, a parse error) it gives up and returns
/// `nil`; the loader then parses and decodes the same bytes the usual way,
/// which reports the problem. So it never reports anything itself, and what
/// it accepts reads the same both ways (`CheckinEventDecoderTests` holds it to
/// that).
struct CheckinLogEventDecoder {
  private let stream: YAMLEventStream
  private let decoder: FileDecoder

  private init(stream: YAMLEventStream, path: String) {
    self.stream = stream
    self.decoder = FileDecoder(path: path)
  }

  /// The check-ins of a log, or `nil` when the node decoder must read it.
  ///
  /// - Parameters:
  ///   - bytes: The file's bytes.
  ///   - path: The file's path, for positions.
  ///   - limits: The parser's limits (nesting depth).
  ///   - cycle: The cycle a report reads: a log whose first check-in is of
  ///     another is left to the node decoder, which stops at its head.
  static func decode(_ bytes: [UInt8], path: String, limits: YAMLLimits, cycle: String?) -> [Checkin]? {
    YAMLParser.withEvents(of: bytes, limits: limits) { stream in
      var reader = CheckinLogEventDecoder(stream: stream, path: path)
      return reader.log(cycle: cycle)
    }
  }

  private mutating func log(cycle: String?) -> [Checkin]? {
    var checkins: [Checkin] = []
    while let event = stream.next() {
      guard case .documentStart = event else { return nil }
      switch stream.next() {
      case .scalar(let scalar)? where scalar.isNull:
        break  // A document holding only comments (or nothing) is no check-in.
      case .mappingStart(let mark)?:
        // The first check-in says whether the log is of the reported cycle, by
        // its head: one of another is left at once to the node decoder, which
        // reads no further than that head either.
        guard let checkin = checkin(at: mark, headOf: checkins.isEmpty ? cycle : nil) else { return nil }
        checkins.append(checkin)
      default:
        return nil
      }
      guard case .documentEnd? = stream.next() else { return nil }
    }
    guard stream.isComplete, !checkins.isEmpty else { return nil }
    return checkins.compactMapExactly { $0 }
  }

  private func location(_ mark: Mark) -> SourceLocation { decoder.location(mark) }

  /// The next event if it is a scalar.
  private func scalar() -> YAMLEventStream.Scalar? {
    guard case .scalar(let scalar)? = stream.next() else { return nil }
    return scalar
  }

  /// The next event's text, if it is a scalar that is not null.
  private func requiredText() -> Located<String>? {
    guard let value = scalar(), !value.isNull else { return nil }
    return Located(value.text, at: location(value.mark))
  }

  private static let checkinKeys = FileDecoder.checkinKeys.map { Array($0.utf8) }
  private static let entryKeys = FileDecoder.checkinEntryKeys.map { Array($0.utf8) }

  /// Which of `keys` the scalar is, by its bytes; each key once (`seen` has a bit per key).
  private func key(_ scalar: YAMLEventStream.Scalar, in keys: [[UInt8]], seen: inout UInt) -> Int? {
    guard let index = scalar.position(in: keys), seen & (1 << index) == 0 else { return nil }
    seen |= 1 << index
    return index
  }

  /// A check-in document; with `headCycle`, `nil` unless its `quarter:`
  /// names that cycle before its `key_results:`.
  private mutating func checkin(at mark: Mark, headOf headCycle: String?) -> Checkin? {
    var team: Located<String>?
    var cycle: Located<String>?
    var week: Located<ISOWeek>?
    var date: Located<CalendarDate>?
    var by: String?
    var importID: String?
    var entries: [CheckinEntry]?
    var seen: UInt = 0
    while true {
      guard let event = stream.next() else { return nil }
      if case .mappingEnd = event { break }
      guard case .scalar(let keyScalar) = event,
        let index = key(keyScalar, in: Self.checkinKeys, seen: &seen)
      else { return nil }
      switch FileDecoder.checkinKeys[index] {
      case "team":
        guard let text = requiredText() else { return nil }
        team = text
      case "quarter":
        guard let text = requiredText(), headCycle.map({ $0 == text.value }) ?? true else { return nil }
        cycle = text
      case "week":
        guard let text = requiredText(), let value = ISOWeek(text.value) else { return nil }
        week = Located(value, at: text.location)
      case "date":
        guard let value = scalar() else { return nil }
        if !value.isNull {
          guard let day = CalendarDate(value.text) else { return nil }
          date = Located(day, at: location(value.mark))
        }
      case "by":
        guard let value = scalar() else { return nil }
        by = value.isNull ? nil : value.text
      case "import":
        guard let value = scalar() else { return nil }
        importID = value.isNull ? nil : value.text
      default:  // key_results
        guard headCycle == nil || cycle != nil, case .mappingStart? = stream.next(), let decoded = keyResults()
        else { return nil }
        entries = decoded
      }
    }
    guard let team, let cycle, let week, let entries else { return nil }
    return Checkin(
      team: team, cycle: cycle, week: week, date: date, by: by, importID: importID, entries: entries,
      location: location(mark))
  }

  private mutating func keyResults() -> [CheckinEntry]? {
    var entries: [CheckinEntry] = []
    var names: Set<String> = []
    while true {
      guard let event = stream.next() else { return nil }
      // The model is kept for a whole run: no room to spare in its lists.
      if case .mappingEnd = event { return entries.compactMapExactly { $0 } }
      guard case .scalar(let keyScalar) = event else { return nil }
      let name = keyScalar.text
      guard let reference = KeyResultReference(name), names.insert(name).inserted,
        case .mappingStart? = stream.next(),
        let entry = entry(Located(reference, at: location(keyScalar.mark)))
      else { return nil }
      entries.append(entry)
    }
  }

  private mutating func entry(_ keyResult: Located<KeyResultReference>) -> CheckinEntry? {
    var entry = CheckinEntry(keyResult: keyResult, location: keyResult.location)
    var seen: UInt = 0
    while true {
      guard let event = stream.next() else { return nil }
      if case .mappingEnd = event { return entry }
      guard case .scalar(let keyScalar) = event,
        let index = key(keyScalar, in: Self.entryKeys, seen: &seen)
      else { return nil }
      let key = FileDecoder.checkinEntryKeys[index]
      if key == "milestones_done" || key == "blockers" {
        guard let list = texts() else { return nil }
        // An explicit null is as good as no key.
        guard case .items(let items) = list else { continue }
        if key == "blockers" {
          entry.blockers = items.map(\.value)
        } else {
          entry.milestonesDone = items
        }
        continue
      }
      guard let value = scalar() else { return nil }
      guard !value.isNull else { continue }  // An explicit null is as good as no key.
      let here = location(value.mark)
      switch key {
      case "value":
        guard
          case .success(let number) = FileDecoder.number(value.value, significantDigits: { value.significantDigits })
        else { return nil }
        entry.value = Located(number, at: here)
      case "done":
        guard case .bool(let done) = value.value else { return nil }
        entry.done = Located(done, at: here)
      case "confidence":
        guard let confidence = FileDecoder.confidence(value.value) else { return nil }
        entry.confidence = Located(confidence, at: here)
      default:  // note
        entry.note = value.text
      }
    }
  }

  /// What a key that takes a list of texts holds.
  private enum TextList {
    case null
    case items([Located<String>])
  }

  /// The next value as a list of texts; `nil` for anything but a null or a sequence of scalars.
  private func texts() -> TextList? {
    switch stream.next() {
    case .scalar(let value)? where value.isNull:
      return .null
    case .sequenceStart?:
      var items: [Located<String>] = []
      while true {
        switch stream.next() {
        case .sequenceEnd?: return .items(items.compactMapExactly { $0 })
        case .scalar(let item)?: items.append(Located(item.text, at: location(item.mark)))
        default: return nil
        }
      }
    default:
      return nil
    }
  }
}

extension YAMLEventStream.Scalar {
  /// The significant digits as written; see ``FileDecoder/significantDigits(_:)``.
  fileprivate var significantDigits: Int? { FileDecoder.significantDigits(bytes) }
}

extension RepositoryLoader {
  /// What the two decoders of check-in logs disagree on in `bytes`, or `nil`
  /// when they agree: the fuzzer's oracle for the event decoder.
  ///
  /// When the event decoder takes the bytes, the node decoder must read them
  /// without a diagnostic and to the same check-ins, values and positions
  /// alike. When it leaves them, the loader reads nodes only: nothing to compare.
  ///
  /// - Parameters:
  ///   - bytes: A check-in log's contents.
  ///   - path: Its path, for positions.
  ///   - cycle: The cycle a report reads, or `nil` for every cycle.
  /// - Returns: The disagreement, described; `nil` when there is none.
  @_spi(Fuzzing) public func checkinDecodersDisagreement(_ bytes: [UInt8], path: String, cycle: String?) -> String? {
    guard let events = CheckinLogEventDecoder.decode(bytes, path: path, limits: limits, cycle: cycle) else {
      return nil
    }
    let nodes = nodeDecodedLog(bytes, path: path)
    guard nodes.diagnostics.isEmpty else {
      return "the event decoder took a log the node decoder reports: \(nodes.diagnostics.map(\.message))"
    }
    guard case .checkinLog(let log)? = nodes.content else {
      return "the event decoder took a log the node decoder reads as no check-in log"
    }
    func inCycle(_ checkins: [Checkin]) -> String {
      var text = ""
      dump(cycle.map { cycle in checkins.filter { $0.cycle.value == cycle } } ?? checkins, to: &text)
      return text
    }
    let (fromEvents, fromNodes) = (inCycle(events), inCycle(log.checkins))
    return fromEvents == fromNodes ? nil : "the decoders read different check-ins:\n\(fromEvents)\n\(fromNodes)"
  }
}
