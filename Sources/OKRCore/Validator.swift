/// Checks what no single file can: references between files, duplicate ids,
/// parent cycles, check-ins against the key results they name, and the
/// practices that make OKRs work (focus, SMART micro-goals, real sprints).
///
/// Each check belongs to its rule in ``LintRules/all``; the validator runs
/// every rule's checks and keeps each file's list readable.
///
/// Pure: it reads a ``Repository`` and returns diagnostics, in no particular
/// order; callers sort them.
public struct Validator: Sendable {
  /// The most candidates compared in all the "did you mean" searches of one
  /// validation; past it, unresolved names are reported without a hint.
  ///
  /// Each search compares one name with every candidate, and candidates grow
  /// with the repository: 5,000 teams each naming a missing parent took 8 s.
  public static let hintComparisons = 200_000

  /// A problem found, whose "did you mean" may still have to be searched.
  typealias Finding = LintFinding

  private let context: LintContext

  /// Prepares to validate `repository` with every registered rule.
  public init(_ repository: Repository) {
    self.context = LintContext(repository)
  }

  /// Every problem found.
  public func validate() -> [Diagnostic] {
    let repository = context.repository
    let rules = LintRules.all
    var diagnostics = rules.flatMap { $0.check(repository: context) }
    // Each file's own checks are independent: they run on all cores. Then,
    // in file order, each file lists at most DiagnosticLimit.perRule problems
    // of a rule, and the hints of those listed share one budget.
    let perTeam = repository.teamQuarters.concurrentMap { teamQuarter in
      rules.flatMap { $0.check(teamQuarter, in: context) }
    }
    var budget = Self.hintComparisons
    for findings in perTeam { diagnostics += Self.listed(findings, budget: &budget) }
    let perLog = repository.checkinLogs.concurrentMap { log in
      log.checkins.flatMap { checkin in
        let resolved = context.resolve(checkin)
        return rules.flatMap { $0.check(resolved, in: context) }
      }
    }
    for findings in perLog { diagnostics += Self.listed(findings, budget: &budget) }
    return diagnostics
  }

  /// One file's findings as diagnostics: at most ``DiagnosticLimit/perRule``
  /// of a rule, with a hint for each while the budget lasts.
  private static func listed(_ findings: [Finding], budget: inout Int) -> [Diagnostic] {
    var limit = DiagnosticLimit()
    var diagnostics: [Diagnostic] = []
    for finding in findings where limit.admit(finding.diagnostic) {
      var diagnostic = finding.diagnostic
      if let (word, candidates) = finding.hint, candidates.count <= budget {
        budget -= candidates.count
        diagnostic.message += Suggestion.hint(for: word, in: candidates)
      }
      diagnostics.append(diagnostic)
    }
    return diagnostics + limit.summaries
  }

  /// The longest name or title a message quotes in full.
  static let longestQuoted = 80

  /// A name or title as messages quote it: cut to ``longestQuoted`` characters
  /// with `…`, so a 1 MB title makes a line, not a megabyte, whichever check
  /// mentions it (four of them can for one micro-goal).
  static func cut(_ text: String) -> String {
    guard text.unicodeScalars.count > Self.longestQuoted else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.longestQuoted))) + "…"
  }
}
