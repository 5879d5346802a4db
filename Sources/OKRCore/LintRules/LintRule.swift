/// One lint rule: its id, how bad its problems are, what triggers it, and
/// examples of files that trigger it and of near misses that do not.
///
/// The examples are the rule's documentation and its test: a test writes each
/// one to disk, lints it with the real loader, and checks that exactly the
/// expected diagnostic comes out; docs/format.md lists the rules and their
/// examples as ``LintRules/all`` renders them.
///
/// Rules that need the whole model (references, duplicates, practices) check
/// it in one of the `check` functions, which ``Validator`` runs for every rule
/// of the registry. Rules about a single file's YAML or keys fire in the
/// decoders, which know the node at fault; their `check` functions stay empty.
public protocol LintRule: Sendable {
  /// The rule's stable id, printed in brackets after each message.
  var id: Rule { get }
  /// How bad the rule's problems are.
  var severity: Diagnostic.Severity { get }
  /// What triggers the rule, in one line of Markdown.
  var description: String { get }
  /// Repositories in which the rule fires, each with the diagnostic it gives.
  var triggeringExamples: [LintExample] { get }
  /// Near misses: repositories in which the rule, and every other, stays quiet.
  var nonTriggeringExamples: [LintExample] { get }

  /// Problems that only the whole repository shows (a loop of parent teams);
  /// listed in full, since they span files.
  func check(repository context: LintContext) -> [Diagnostic]
  /// Problems in one quarter file, seen with the rest of the repository.
  func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding]
  /// Problems in one check-in, seen with the quarter file it names.
  func check(_ checkin: ResolvedCheckin, in context: LintContext) -> [LintFinding]
}

extension LintRule {
  /// Nothing: most rules look at one kind of file only.
  public func check(repository context: LintContext) -> [Diagnostic] { [] }
  /// Nothing: most rules look at one kind of file only.
  public func check(_ teamQuarter: TeamQuarter, in context: LintContext) -> [LintFinding] { [] }
  /// Nothing: most rules look at one kind of file only.
  public func check(_ checkin: ResolvedCheckin, in context: LintContext) -> [LintFinding] { [] }

  /// A diagnostic of this rule, at its severity.
  func diagnostic(_ message: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(severity, message, rule: id, at: location)
  }

  /// A finding of this rule, at its severity, with the names it may have meant.
  func finding(
    _ message: String, at location: SourceLocation, hint: (word: String, candidates: [String])? = nil
  ) -> LintFinding {
    LintFinding(diagnostic(message, at: location), hint: hint)
  }
}

/// A problem a rule found, whose "did you mean" hint may still have to be
/// searched: the search is costly, so the validator runs it only for the
/// problems it lists, while its budget lasts.
public struct LintFinding: Sendable {
  /// The problem.
  public var diagnostic: Diagnostic
  /// The name written, and the names it may have meant.
  public var hint: (word: String, candidates: [String])?

  /// Creates a finding.
  public init(_ diagnostic: Diagnostic, hint: (word: String, candidates: [String])? = nil) {
    self.diagnostic = diagnostic
    self.hint = hint
  }
}

/// A small repository, given as file texts, in which a rule fires or stays quiet.
public struct LintExample: Sendable {
  /// One file of the example: its path from the repository's root, and its text.
  public struct File: Sendable {
    /// The path from the repository's root, like `okrs/2026-Q1/growth.yaml`.
    public var path: String
    /// The file's text.
    public var text: String

    /// Creates a file.
    public init(_ path: String, _ text: String) {
      self.path = path
      self.text = text
    }
  }

  /// The diagnostic a triggering example gives: where, and part of its message.
  public struct Expectation: Sendable {
    /// The path from the repository's root (or the path named to lint).
    public var path: String
    /// The 1-based line, 0 for a problem with a whole file.
    public var line: Int
    /// The 1-based column, in Unicode scalars; 0 for a problem with a whole file.
    public var column: Int
    /// Words the message contains.
    public var message: String
  }

  /// What the example shows, in a few words.
  public var summary: String
  /// The repository's files.
  public var files: [File]
  /// The paths named to lint, from the repository's root; none lints the whole repository.
  public var lintedPaths: [String]
  /// The one diagnostic the example gives, or `nil` for a near miss that gives none.
  public var expectation: Expectation?

  /// A repository in which the rule fires once, at `path:line:column`, with a
  /// message containing `message`, and no other rule fires.
  public static func fires(
    _ summary: String, _ files: [File], lint lintedPaths: [String] = [], at path: String, _ line: Int, _ column: Int,
    _ message: String
  ) -> LintExample {
    LintExample(
      summary: summary, files: files, lintedPaths: lintedPaths,
      expectation: Expectation(path: path, line: line, column: column, message: message))
  }

  /// A repository in which no rule fires.
  public static func quiet(_ summary: String, _ files: [File], lint lintedPaths: [String] = []) -> LintExample {
    LintExample(summary: summary, files: files, lintedPaths: lintedPaths, expectation: nil)
  }
}

/// Every lint rule, once.
public enum LintRules {
  /// The rules, in the order docs/format.md lists them.
  ///
  /// Adding a rule is a ``Rule`` case, a type, and a line here; a test checks
  /// that every ``Rule`` has exactly one entry.
  public static let all: [any LintRule] = [
    // YAML itself.
    YAMLSyntaxRule(),
    YAMLEncodingRule(),
    DuplicateKeyRule(),
    YAMLStructureRule(),
    YAMLLimitRule(),
    IORule(),
    // The shape of OKR files.
    UnknownFileRule(),
    NoFilesRule(),
    UnknownKeyRule(),
    MissingKeyRule(),
    WrongTypeRule(),
    InvalidValueRule(),
    IDFormatRule(),
    // Meaning across files.
    DuplicateIDRule(),
    UnresolvedReferenceRule(),
    ParentCycleRule(),
    ParentDepthRule(),
    CheckinWeekRule(),
    CheckinValueRule(),
    // Practices.
    FocusRule(),
    EmptyObjectiveRule(),
    UnknownSprintRule(),
    SMARTOwnerRule(),
    SMARTDueRule(),
    SMARTDoneWhenRule(),
    SMARTEstimateRule(),
    CheckinMissingKeyResultRule(),
  ]

  private static let byID: [Rule: any LintRule] = Dictionary(all.map { ($0.id, $0) }) { first, _ in first }

  /// The registered rule with `id`.
  public static func rule(_ id: Rule) -> (any LintRule)? {
    byID[id]
  }
}

extension Rule {
  /// How bad problems of this rule are, as its registered ``LintRule`` says.
  public var severity: Diagnostic.Severity {
    LintRules.rule(self)?.severity ?? .error
  }
}
