import OKRCore

/// The alignment tree as a value.
///
/// Teams nest under their parents, with their objectives and the links
/// between objectives. Its JSON is `okr tree --format json`.
public struct TreeReport: Encodable, Sendable {
  /// The JSON contract's version.
  public var schemaVersion = ReportHeader.version
  /// okr.yaml's organization, if any.
  public var organization: String?
  /// The cycle's label.
  public var quarter: String
  /// The top teams.
  public var teams: [Team]

  /// A team, its objectives and its child teams.
  public struct Team: Encodable, Sendable {
    public var team: String
    public var name: String?
    public var parent: String?
    public var objectives: [Objective]
    public var children: [Team]
  }

  /// An objective and its alignment.
  public struct Objective: Encodable, Sendable {
    public var id: String
    public var title: String
    /// The parent objective it serves.
    public var alignsTo: String?
    /// The objectives that align to it, sorted.
    public var supportedBy: [String]

    enum CodingKeys: String, CodingKey {
      case id, title
      case alignsTo = "aligns_to"
      case supportedBy = "supported_by"
    }
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case organization, quarter, teams
  }

  /// Builds the report from the tree.
  public init(_ tree: AlignmentTree, organization: String?) {
    self.organization = organization
    quarter = tree.cycle
    teams = tree.roots.map(Self.team)
  }

  private static func team(_ node: AlignmentTree.TeamNode) -> Team {
    Team(
      team: node.teamQuarter.slug, name: node.teamQuarter.name, parent: node.teamQuarter.parent?.value,
      objectives: node.teamQuarter.objectives.map { objective in
        Objective(
          id: objective.id.value, title: objective.title, alignsTo: objective.alignsTo?.value.description,
          supportedBy: (node.supporters[objective.id.value] ?? []).map(\.description))
      }, children: node.children.map(team))
  }
}

/// `okr tree` as indented text.
public struct TreeTextRenderer: ReportRenderer {
  /// The terminal's width in columns; `nil` keeps the full layout (a file, a pipe).
  public var width: Int?

  /// Creates a renderer.
  public init(width: Int? = nil) {
    self.width = width
  }

  /// The tree as text: teams, then their objectives with `→` to what they
  /// serve and `←` from what serves them, then their child teams.
  public func render(_ report: TreeReport) -> String {
    let organization: TerminalText = report.organization.map { "\($0) · " } ?? .empty
    let layout = TerminalLayout(width: width, rows: [])
    var out: TerminalText = "\(layout.wrap("\(organization)\(report.quarter) alignment"))\n"
    func write(_ team: TreeReport.Team, depth: Int) {
      let indent = TerminalText(text: String(repeating: "    ", count: depth))
      let name: TerminalText = team.name.map { " · \($0)" } ?? .empty
      out += "\n\(layout.wrap("\(indent)\(team.team)\(name)", indent: indent.width + 2))\n"
      for objective in team.objectives {
        // One row of its own: the title shortened first, the objective it serves kept whole.
        let row = TerminalLayout.Row(
          lead: "\(indent)  \(objective.id)  ", title: objective.title,
          cells: objective.alignsTo.map { ["→ \($0)"] } ?? [])
        out += TerminalLayout(width: width, rows: [row], shortestTitle: 16, stackIndent: indent.width + 6).lines(row)
        if !objective.supportedBy.isEmpty {
          let line: TerminalText = "← \(objective.supportedBy.joined(separator: ", "))"
          out += "\(indent)      \(layout.wrap(line, first: indent.width + 6, indent: indent.width + 8))\n"
        }
      }
      for child in team.children { write(child, depth: depth + 1) }
    }
    for team in report.teams { write(team, depth: 0) }
    return out.description
  }
}
