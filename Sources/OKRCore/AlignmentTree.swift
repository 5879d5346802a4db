/// The alignment of one cycle: teams under their parents, objectives under
/// their teams, and which objectives each one serves and is served by.
public struct AlignmentTree: Sendable {
  /// A team and everything under it.
  public struct TeamNode: Sendable {
    /// The team's quarter file.
    public var teamQuarter: TeamQuarter
    /// For each objective (by id), the objectives of other teams that align to it (`growth/O1`), sorted.
    public var supporters: [String: [ObjectiveReference]]
    /// The child teams, by slug.
    public var children: [TeamNode]
  }

  /// The cycle's label.
  public var cycle: String
  /// Teams without a parent in this cycle, by slug.
  public var roots: [TeamNode]

  /// Builds the tree of a cycle.
  ///
  /// - Parameters:
  ///   - repository: The repository.
  ///   - cycle: The cycle's label.
  ///   - teams: Only these teams and their descendants; all teams when empty.
  public init(repository: Repository, cycle: String, teams selected: [String] = []) {
    self.cycle = cycle
    let teamQuarters = repository.teamQuarters.filter { $0.cycle.label == cycle }
    let bySlug = Dictionary(teamQuarters.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    var supporters: [String: [String: [ObjectiveReference]]] = [:]
    var children: [String: [String]] = [:]
    for teamQuarter in teamQuarters {
      if let parent = teamQuarter.parent?.value, bySlug[parent] != nil {
        children[parent, default: []].append(teamQuarter.slug)
      }
      for objective in teamQuarter.objectives {
        guard let target = objective.alignsTo?.value else { continue }
        supporters[target.team, default: [:]][target.objective, default: []].append(
          ObjectiveReference(team: teamQuarter.slug, objective: objective.id.value))
      }
    }
    var placed: Set<String> = []
    func node(_ slug: String) -> TeamNode? {
      guard let teamQuarter = bySlug[slug], placed.insert(slug).inserted else { return nil }
      let sortedSupporters = (supporters[slug] ?? [:]).mapValues { $0.sorted { $0.description < $1.description } }
      return TeamNode(
        teamQuarter: teamQuarter, supporters: sortedSupporters,
        children: (children[slug] ?? []).sorted().compactMap(node))
    }
    let starts: [String]
    if selected.isEmpty {
      starts = bySlug.keys.filter { slug in bySlug[slug]?.parent.map { bySlug[$0.value] == nil } ?? true }.sorted()
    } else {
      // A selected team under another selected team is shown in its place, not twice.
      let chosen = Set(selected.filter { bySlug[$0] != nil })
      starts = chosen.filter { slug in
        var ancestor = bySlug[slug]?.parent?.value
        var steps = 0
        while let current = ancestor, steps < bySlug.count {
          if chosen.contains(current) { return false }
          ancestor = bySlug[current]?.parent?.value
          steps += 1
        }
        return true
      }.sorted()
    }
    var roots = starts.compactMap(node)
    // Teams in a parent cycle (a lint error) have no root; show them rather than lose them.
    if selected.isEmpty {
      roots += bySlug.keys.sorted().compactMap(node)
    }
    self.roots = roots
  }
}
