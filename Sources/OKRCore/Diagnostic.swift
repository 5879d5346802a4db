/// Where something is in a file: the path as the loader found it, and a
/// 1-based line and column (columns count Unicode scalars).
///
/// The model keeps a location for nearly every value it decodes, so a
/// location is 16 bytes: the path is held once per file in a shared,
/// immutable box (``at(line:column:)`` makes the file's other locations),
/// and the line and column are 32 bits each. A line or column past
/// 4,294,967,295, which only a file of over 4 GiB could have, reads as that
/// number.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// A file's path, shared by all the locations in the file.
  private final class SharedPath: Sendable {
    let path: String

    init(_ path: String) {
      self.path = path
    }
  }

  private var sharedPath: SharedPath
  private var storedLine: UInt32
  private var storedColumn: UInt32

  /// The file's path, as it was found.
  public var path: String {
    get { sharedPath.path }
    set { sharedPath = SharedPath(newValue) }
  }

  /// The 1-based line.
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = UInt32(clamping: newValue) }
  }

  /// The 1-based column, in Unicode scalars.
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = UInt32(clamping: newValue) }
  }

  /// Creates a location.
  public init(path: String, line: Int, column: Int) {
    self.sharedPath = SharedPath(path)
    self.storedLine = UInt32(clamping: line)
    self.storedColumn = UInt32(clamping: column)
  }

  /// Another place in the same file, sharing this location's path.
  public func at(line: Int, column: Int) -> SourceLocation {
    var location = self
    location.storedLine = UInt32(clamping: line)
    location.storedColumn = UInt32(clamping: column)
    return location
  }

  /// Whether this location is in the same file as `other`.
  func hasPath(of other: SourceLocation) -> Bool {
    sharedPath === other.sharedPath || path == other.path
  }

  public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    lhs.storedLine == rhs.storedLine && lhs.storedColumn == rhs.storedColumn
      && lhs.hasPath(of: rhs)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(path)
    hasher.combine(storedLine)
    hasher.combine(storedColumn)
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
  }

  /// `path:line:column`.
  public var description: String { "\(path):\(line):\(column)" }
}

/// A value together with the place it was written, so later checks can point at it.
public struct Located<Value: Sendable>: Sendable {
  /// The value.
  public var value: Value
  /// Where the value was written.
  public var location: SourceLocation

  /// Pairs a value with its location.
  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A problem found in OKR files, at a position, with the rule that found it.
public struct Diagnostic: Hashable, Sendable {
  /// How bad a problem is.
  public enum Severity: String, Sendable, Hashable, Codable {
    /// The file is wrong: reports built on it would be wrong too.
    case error
    /// The file is valid but breaks a practice (focus, SMART micro-goals).
    case warning
  }

  /// How bad the problem is.
  public var severity: Severity
  /// What is wrong: lower-case, no final period, user values in single quotes.
  public var message: String
  /// The rule that found the problem.
  public var rule: Rule
  /// Where the problem is.
  public var location: SourceLocation
  /// The resource limit a `yaml-limit` problem ran into, so the command line
  /// can say which option raises it; the message itself names no option.
  public var limit: ResourceLimit?

  /// Creates a diagnostic.
  public init(_ severity: Severity, _ message: String, rule: Rule, at location: SourceLocation) {
    self.severity = severity
    self.message = message
    self.rule = rule
    self.location = location
  }

  /// An error.
  public static func error(_ message: String, rule: Rule, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.error, message, rule: rule, at: location)
  }

  /// A warning.
  public static func warning(_ message: String, rule: Rule, at location: SourceLocation) -> Diagnostic {
    Diagnostic(.warning, message, rule: rule, at: location)
  }
}

extension Array where Element == Diagnostic {
  /// Diagnostics in the order people read them: by path, line, column, then message.
  public func sortedByLocation() -> [Diagnostic] {
    sorted {
      ($0.location.path, $0.location.line, $0.location.column, $0.message)
        < ($1.location.path, $1.location.line, $1.location.column, $1.message)
    }
  }
}

/// The limits that keep hostile input harmless, each raised by an option of the command line.
public enum ResourceLimit: String, Sendable, Hashable, CaseIterable {
  case fileSize, depth, aliasNodes, aliasBytes, files
}

/// The rules behind diagnostics; the raw value is printed in brackets after each message.
///
/// Each rule's severity, description and examples are its ``LintRule`` in ``LintRules/all``.
public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
  // YAML itself.
  /// libyaml could not scan or parse the text.
  case yamlSyntax = "yaml-syntax"
  /// The bytes are not valid UTF-8 or contain forbidden characters.
  case yamlEncoding = "yaml-encoding"
  /// A mapping sets the same key twice.
  case duplicateKey = "duplicate-key"
  /// A tag, alias, merge key or complex key that okr does not accept.
  case yamlStructure = "yaml-structure"
  /// A resource limit: file size, nesting depth, alias expansion.
  case yamlLimit = "yaml-limit"
  /// A file could not be read.
  case io = "io"

  // The shape of OKR files.
  /// A file that is neither a quarter file, a check-in log nor okr.yaml.
  case unknownFile = "unknown-file"
  /// Nothing to check: no okr.yaml and no YAML files under okrs/ or checkins/.
  case noFiles = "no-files"
  /// A key the format does not define.
  case unknownKey = "unknown-key"
  /// A required key is absent.
  case missingKey = "missing-key"
  /// A value of the wrong YAML type (a string where a number belongs).
  case wrongType = "wrong-type"
  /// A value of the right type that the format does not allow.
  case invalidValue = "invalid-value"
  /// An objective or key-result id outside `[A-Za-z0-9._-]+`.
  case idFormat = "id-format"

  // Meaning across files.
  /// Two objectives, key results or quarter files with the same id.
  case duplicateID = "duplicate-id"
  /// `parent`, `aligns_to`, `kr` or a check-in names something that does not exist.
  case unresolvedReference = "unresolved-reference"
  /// Teams whose `parent:` chain loops.
  case parentCycle = "parent-cycle"
  /// A team with more levels of parent teams above it than okr allows.
  case parentDepth = "parent-depth"
  /// A check-in whose `date:` is outside its `week:`, or whose week is outside the quarter.
  case checkinWeek = "checkin-week"
  /// A check-in value that does not fit the key result's type.
  case checkinValue = "checkin-value"

  // Practices (warnings).
  /// More than five objectives in a file, or five key results in an objective.
  case focus = "focus"
  /// An objective without key results.
  case emptyObjective = "empty-objective"
  /// A sprint goal or micro-goal for a sprint the quarter does not have.
  case unknownSprint = "unknown-sprint"
  /// A micro-goal without an owner.
  case smartOwner = "smart-owner"
  /// A micro-goal without a due date, or due outside its sprint or the quarter.
  case smartDue = "smart-due"
  /// A micro-goal without a `done_when` criterion.
  case smartDoneWhen = "smart-done-when"
  /// A micro-goal without an estimate, or estimated over two hours.
  case smartEstimate = "smart-estimate"
  /// A check-in for a key result its team's quarter file no longer has (deleted, or a typo).
  case checkinMissingKR = "checkin-missing-kr"
}
