import OKRCore

/// What `okr checkin pull` read and recorded (or, with `--dry-run`, would record).
///
/// Built once by the workspace; the text and JSON renderers only read it.
public struct PullReport: Encodable, Sendable, Equatable {
  /// The JSON contract's version, ``ReportHeader/version``.
  public var schemaVersion = ReportHeader.version
  /// Nothing was written: the check-ins are the ones a pull would record.
  public var dryRun: Bool
  /// Every value read, by team then key result in file order.
  public var values: [Value]
  /// Each team's check-in written (or that would be), leaving out teams with nothing new.
  public var checkins: [Checkin]

  /// One key result's value read from its source.
  public struct Value: Encodable, Sendable, Equatable {
    /// The team's slug.
    public var team: String
    /// The key result, as `O1/KR1`.
    public var kr: String
    /// The value as recorded: a number as the source wrote it, or `true`/`false`.
    public var value: String
    /// Already the key result's latest value this week, so not written again.
    public var alreadyRecorded: Bool

    /// Creates a value.
    public init(team: String, kr: String, value: String, alreadyRecorded: Bool) {
      self.team = team
      self.kr = kr
      self.value = value
      self.alreadyRecorded = alreadyRecorded
    }

    enum CodingKeys: String, CodingKey {
      case team, kr, value
      case alreadyRecorded = "already_recorded"
    }
  }

  /// One team's check-in of pulled values.
  public struct Checkin: Encodable, Sendable, Equatable {
    /// The team's slug.
    public var team: String
    /// The check-in's day, `YYYY-MM-DD`.
    public var date: String
    /// How many key results it records.
    public var keyResultCount: Int
    /// The check-in log, relative to the working directory.
    public var log: String

    /// Creates a check-in.
    public init(team: String, date: CalendarDate, keyResultCount: Int, log: String) {
      self.team = team
      self.date = date.description
      self.keyResultCount = keyResultCount
      self.log = log
    }

    enum CodingKeys: String, CodingKey {
      case team, date, log
      case keyResultCount = "key_result_count"
    }
  }

  /// Creates a report.
  public init(dryRun: Bool, values: [Value], checkins: [Checkin]) {
    self.dryRun = dryRun
    self.values = values
    self.checkins = checkins
  }

  enum CodingKeys: String, CodingKey {
    case values, checkins
    case schemaVersion = "schema_version"
    case dryRun = "dry_run"
  }

  /// The line `--dry-run` prints before a command runs: the team, the key result and the argv, shell-quoted.
  ///
  /// - Parameters:
  ///   - team: The team's slug.
  ///   - keyResult: The key result, as `O1/KR1`.
  ///   - arguments: The program and its arguments.
  /// - Returns: The line, escaped for a terminal.
  public static func runningLine(team: String, keyResult: String, arguments: [String]) -> TerminalText {
    "running for \(team) \(keyResult): \(shellQuoted(arguments))\n"
  }

  /// An argv as a POSIX shell would take it back: each word that needs it in single quotes.
  static func shellQuoted(_ arguments: [String]) -> String {
    arguments.map { word in
      let plain =
        !word.isEmpty
        && word.unicodeScalars.allSatisfy { scalar in
          scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
              || "_@%+=:,./-".unicodeScalars.contains(scalar))
        }
      return plain
        ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }.joined(separator: " ")
  }
}

/// Renders a pull for people: each value, then each check-in recorded (or that a dry run would record).
public struct PullTextRenderer: ReportRenderer {
  /// The terminal's width, to break long lines at; `nil` for a file or a pipe.
  public var width: Int?

  /// Creates a renderer.
  public init(width: Int? = nil) {
    self.width = width
  }

  /// The report as text.
  public func render(_ report: PullReport) -> String {
    guard !report.values.isEmpty else { return "no key result has a source: nothing to pull\n" }
    var lines = report.values.map { value -> TerminalText in
      let unchanged: TerminalText = value.alreadyRecorded ? " (already recorded this week)" : ""
      return "\(value.team) \(value.kr): \(value.value)\(unchanged)\n"
    }
    if report.checkins.isEmpty { lines.append("nothing new\n") }
    for checkin in report.checkins {
      let count = Format.count(checkin.keyResultCount, "key result")
      lines.append(
        report.dryRun
          ? "would record \(count) for \(checkin.team) on \(checkin.date) in \(checkin.log); nothing was written\n"
          : "recorded \(count) for \(checkin.team) on \(checkin.date) in \(checkin.log)\n")
    }
    return lines.map { TerminalLayout.fitted($0, width: width).description }.joined()
  }
}
