import OKRCore

/// `okr digest` as a Slack message: Block Kit JSON to post to an incoming webhook.
///
/// `{"text": …, "blocks": [{"type": "section", "text": {"type": "mrkdwn", …}}, …]}`.
/// Every person's string enters through ``SlackText``. Each text object is
/// `verbatim`, so Slack does not link channel names or parse mentions in plain
/// text either. Slack's limits (https://docs.slack.dev/reference/block-kit/blocks
/// and …/composition-objects/text-object): at most 50 blocks in a message, and at
/// most 3000 characters in a section's text. A section too long is split into
/// several; a line too long for one is cut with `…`; what does not fit in 50
/// blocks is counted in a block that says `…and N more`, at the end of each
/// section that had to give way. `text`, the fallback shown in
/// notifications and by Mattermost (which ignores `blocks`), is every block's
/// text, capped at Slack's 40,000 characters for a message's text.
public struct DigestSlackRenderer: ReportRenderer {
  /// The most characters (UTF-16 code units, the larger count) in a section's text.
  public static let sectionLimit = 3000
  /// The most blocks in one message.
  public static let blockLimit = 50
  /// The most characters in a message's top-level text.
  public static let textLimit = 40000

  /// Creates a renderer.
  public init() {}

  /// The message as JSON.
  public func render(_ report: DigestReport) -> String {
    let blocks = Self.pack(sections(report))
    let fallback = SlackText.joined(blocks, separator: "\n\n").cut(to: Self.textLimit)
    return JSONOutput.encode(
      SlackMessage(text: fallback.description, blocks: blocks.map { SlackMessage.Block(text: .init($0)) }))
  }

  /// The digest's sections, each a title line and item lines.
  func sections(_ report: DigestReport) -> [(title: SlackText, items: [SlackText])] {
    let teams: [SlackText] = report.teams.map { team in
      let name: SlackText = team.name.map { " · \($0)" } ?? .empty
      return "• \(team.team)\(name): \(DigestWords.score(team, report.grading)) · \(DigestWords.checkin(team))"
    }
    let alerts: [SlackText] =
      report.alerts.map { alert in
        let place = "\(alert.team)\(alert.kr.map { " \($0)" } ?? "")"
        return "• \(place) \(SlackText.code(alert.rule.rawValue)): \(alert.evidence) → \(alert.action)"
      } + (report.unchecked ?? []).map { "• \(DigestWords.unchecked($0))" }
    let absentees: [SlackText] = report.notCheckedIn.map { "• \(DigestWords.absentee($0))" }
    let moved: [SlackText] = report.moved.map { "• \($0.team) \($0.kr) \($0.title): \(DigestWords.move($0))" }
    let changes: [SlackText] =
      report.changes.isEmpty
      ? ["\(DigestWords.noChanges(report))"] : report.changes.map { "• \(DigestWords.change($0))" }
    let sections: [(title: SlackText, items: [SlackText])] = [
      ("*\(DigestWords.heading(report))*", []),
      ("*\(DigestWords.scoresTitle(report))*", teams),
      ("*\(DigestWords.absenteesTitle(report))*", absentees.isEmpty ? ["None."] : absentees),
      ("*\(DigestWords.movedTitle(report))*", moved.isEmpty ? ["None."] : moved),
      ("*Alerts*", alerts.isEmpty ? ["None."] : alerts),
      ("*\(DigestWords.changesTitle(report))*", changes),
    ]
    return sections
  }

  /// Sections packed into blocks within Slack's limits; see the type's documentation.
  ///
  /// When the blocks would pass 50, the longest sections give way first: each
  /// keeps at most as many blocks as leaves room for all (its last one saying
  /// how many lines are left out), so a long list of scores cannot push who
  /// has not checked in, or the alerts, out of the message.
  static func pack(_ sections: [(title: SlackText, items: [SlackText])]) -> [SlackText] {
    let packed = sections.map(packSection)
    var cap = blockLimit
    while cap > 1, packed.map({ min($0.count, cap) }).reduce(0, +) > blockLimit { cap -= 1 }
    guard cap > 1 else { return capped(packed.flatMap { $0 }, at: blockLimit) }
    return packed.flatMap { capped($0, at: cap) }
  }

  /// One section's blocks: the title and as many lines as fit in each, a line too long cut.
  private static func packSection(_ section: (title: SlackText, items: [SlackText])) -> [(
    text: SlackText, items: Int
  )] {
    var blocks: [(text: SlackText, items: Int)] = []
    var current = (text: section.title.cut(to: sectionLimit), items: 0)
    for item in section.items {
      let line = item.cut(to: sectionLimit)
      if current.text.length + 1 + line.length > sectionLimit {
        blocks.append(current)
        current = (line, 1)
      } else {
        current = (current.text.isEmpty ? line : current.text + "\n" + line, current.items + 1)
      }
    }
    return blocks + [current]
  }

  /// At most `count` blocks' texts, the last saying how many lines the rest held.
  private static func capped(_ blocks: [(text: SlackText, items: Int)], at count: Int) -> [SlackText] {
    guard blocks.count > count else { return blocks.map(\.text) }
    let left = blocks[(count - 1)...].map(\.items).reduce(0, +)
    return blocks.prefix(count - 1).map(\.text) + ["…and \(left) more"]
  }
}

/// A Slack message as an incoming webhook takes it.
struct SlackMessage: Encodable {
  /// The fallback text.
  var text: String
  /// The blocks.
  var blocks: [Block]

  /// A section block of mrkdwn text.
  struct Block: Encodable {
    var type = "section"
    var text: TextObject
  }

  /// A mrkdwn text object, taken as written: no links or mentions parsed from plain text.
  struct TextObject: Encodable {
    var type = "mrkdwn"
    var text: String
    var verbatim = true

    init(_ text: SlackText) {
      self.text = text.description
    }
  }
}
