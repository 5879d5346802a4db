import OKRCore

/// The one place okr runs `git`: as an untrusted reader of someone else's repository.
///
/// A checkout's `.git/config` (and any file it includes) is the repository
/// owner's input, as much as its YAML files are. So every call:
///
/// - pins, on the command line (which outranks every config file), each
///   setting that could run a program or change the shape of what okr parses:
///   signatures, fsmonitor, pagers, colours, path quoting, the log encoding,
///   root commits, renames, and every transport (so a partial clone cannot
///   fetch a missing object lazily through a configured `uploadpack` or
///   `sshCommand`);
/// - runs with an environment cleared of the caller's `GIT_*` variables, no
///   terminal prompt, no lazy fetch, no replace objects and no optional locks,
///   and with an empty standard input unless okr feeds it object ids;
/// - uses plumbing (`rev-list`, `diff-tree -z`, `ls-tree -z`, `cat-file
///   --batch` fed object ids, never paths) whose output okr parses by NUL
///   separators, lengths from git and object ids checked as hex, so no file
///   name, author name or commit message can forge a field.
///
/// docs/format.md ("What okr asks of git") lists the same.
struct GitCommand: Sendable {
  /// The `git` executable.
  let executable: String
  /// The folder git runs in (`-C`): the OKR repository's root.
  let root: String

  /// The settings okr pins for every call, as `-c` pairs.
  static let pinnedSettings: [String] = [
    "core.fsmonitor=false", "core.pager=cat", "core.quotePath=false", "core.hooksPath=/dev/null",
    "log.showSignature=false", "log.showRoot=true", "log.follow=false", "i18n.logOutputEncoding=UTF-8",
    "color.ui=never", "color.diff=never", "diff.renames=false", "diff.external=", "diff.noprefix=false",
    "protocol.allow=never", "protocol.file.allow=never", "protocol.git.allow=never", "protocol.ssh.allow=never",
    "protocol.http.allow=never", "protocol.https.allow=never", "protocol.ext.allow=never",
    "gc.auto=0", "maintenance.auto=false",
  ]

  /// The environment git runs with: the caller's, less every `GIT_*` variable, plus okr's own.
  static let environment: [String] = {
    let kept = Subprocess.currentEnvironment().filter { entry in
      !entry.hasPrefix("GIT_") && !entry.hasPrefix("LC_ALL=") && !entry.hasPrefix("PAGER=")
    }
    return kept + [
      "GIT_TERMINAL_PROMPT=0", "GIT_NO_LAZY_FETCH=1", "GIT_NO_REPLACE_OBJECTS=1", "GIT_OPTIONAL_LOCKS=0",
      "GIT_PAGER=cat", "PAGER=cat", "GIT_ASKPASS=", "SSH_ASKPASS=", "LC_ALL=C",
    ]
  }()

  /// The full argument list for one call.
  func arguments(_ command: [String]) -> [String] {
    ["--no-pager", "-C", root] + Self.pinnedSettings.flatMap { ["-c", $0] } + command
  }

  /// Runs git and returns its standard output.
  ///
  /// - Throws: ``GitHistory/Failure`` with git's first line of standard error when it exits non-zero.
  func run(_ command: [String], input: [UInt8] = []) throws(GitHistory.Failure) -> [UInt8] {
    let result: Subprocess.Result
    do {
      result = try Subprocess.run(executable, arguments(command), input: input, environment: Self.environment)
    } catch {
      throw GitHistory.Failure(message: "cannot run git: \(error.reason)")
    }
    guard result.status == 0 else { throw GitHistory.Failure(message: Self.firstLine(result.errorText)) }
    return result.output
  }

  /// Runs git and returns its output as text, without the final newlines.
  func text(_ command: [String]) throws(GitHistory.Failure) -> String {
    var text = String(decoding: try run(command), as: UTF8.self)
    while text.last == "\n" { text.removeLast() }
    return text
  }

  /// Starts git with its output streamed, for answers too large to hold at once.
  func start(_ command: [String], input: [UInt8] = []) throws(GitHistory.Failure) -> Subprocess.Running {
    do {
      return try Subprocess.start(executable, arguments(command), input: input, environment: Self.environment)
    } catch {
      throw GitHistory.Failure(message: "cannot run git: \(error.reason)")
    }
  }

  /// What git said, first line, as okr shows it.
  static func firstLine(_ errorText: String) -> String {
    errorText.split(separator: "\n").first.map(String.init) ?? "git failed"
  }
}

/// A git object name: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits, checked.
struct ObjectID: Hashable, Sendable, CustomStringConvertible {
  /// The hex digits.
  let hex: String

  /// The name in `bytes`, or `nil` when they are not one.
  init?(_ bytes: some Collection<UInt8>) {
    guard bytes.count == 40 || bytes.count == 64,
      bytes.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    else { return nil }
    hex = String(decoding: bytes, as: UTF8.self)
  }

  /// The name in `text`, or `nil`.
  init?(_ text: String) {
    self.init(Array(text.utf8))
  }

  /// Whether this is the all-zero name git uses for "no object".
  var isNull: Bool { hex.allSatisfy { $0 == "0" } }

  /// Seven characters, as people recognise a commit.
  var short: String { String(hex.prefix(7)) }

  var description: String { hex }
}

/// The parts of a raw commit object okr reads: who wrote it and the day it landed.
struct CommitObject: Equatable {
  /// The author's name.
  var author: String
  /// The committer's day, in the committer's own time zone (as `git log --format=%cs`).
  var committed: CalendarDate

  /// Parses a commit object's headers.
  ///
  /// The object comes whole from `git cat-file --batch` with its length, so
  /// nothing in a name or message can spill into another commit; a name is
  /// everything before the last ` <` of its line, decoded as the commit's
  /// `encoding` header says (UTF-8 unless it names ISO-8859-1).
  init?(_ bytes: [UInt8]) {
    var author: [UInt8]?
    var committer: [UInt8]?
    var encoding = ""
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let end = bytes[index...].firstIndex(of: 0x0a) ?? bytes.endIndex
      let line = bytes[index..<end]
      index = end == bytes.endIndex ? end : end + 1
      if line.isEmpty { break }
      if line.first == 0x20 { continue }  // a continuation line (a signature)
      guard let space = line.firstIndex(of: 0x20) else { continue }
      let key = String(decoding: line[line.startIndex..<space], as: UTF8.self)
      let value = Array(line[(space + 1)...])
      switch key {
      case "author" where author == nil: author = value
      case "committer" where committer == nil: committer = value
      case "encoding": encoding = String(decoding: value, as: UTF8.self).lowercased()
      default: break
      }
    }
    guard let author, let committer, let who = Self.identity(author),
      let day = Self.day(committer)
    else { return nil }
    let latin1 = ["iso-8859-1", "iso8859-1", "latin1", "latin-1"].contains(encoding)
    self.author =
      latin1
      ? String(decoding: who.map { UInt16($0) }, as: UTF16.self)
      : String(decoding: who, as: UTF8.self)
    committed = day
  }

  /// The name in `Name <email> seconds zone`.
  private static func identity(_ value: [UInt8]) -> ArraySlice<UInt8>? {
    guard let open = value.lastIndex(of: 0x3c) else { return nil }
    var end = open
    while end > value.startIndex, value[end - 1] == 0x20 { end -= 1 }
    return value[value.startIndex..<end]
  }

  /// The day of `Name <email> seconds zone` in its own zone.
  private static func day(_ value: [UInt8]) -> CalendarDate? {
    let fields = value.split(separator: 0x20)
    guard fields.count >= 2, let seconds = Int(String(decoding: fields[fields.count - 2], as: UTF8.self)),
      abs(seconds) < 1 << 40
    else { return nil }
    let zone = Array(fields[fields.count - 1])
    guard zone.count == 5, zone[0] == 0x2b || zone[0] == 0x2d,
      let hours = Int(String(decoding: zone[1...2], as: UTF8.self)),
      let minutes = Int(String(decoding: zone[3...4], as: UTF8.self))
    else { return nil }
    let offset = (hours * 3600 + minutes * 60) * (zone[0] == 0x2d ? -1 : 1)
    let local = seconds + offset
    return CalendarDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
  }
}
