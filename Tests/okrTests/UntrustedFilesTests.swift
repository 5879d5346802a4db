import Foundation
import TestSupport
import Testing

/// Files as untrusted input: links, names and files okr may not read.
///
/// A committed link, a file name, a file okr may not read: each is refused
/// with its reason, and nothing is read or written outside the repository.
@Suite struct UntrustedFilesTests {
  static let quarterFile = """
    quarter: 2026-Q1
    team: growth
    objectives:
      - id: O1
        title: Customers get started without support
        key_results:
          - {id: KR1, title: Raise self-service onboarding, baseline: 35, target: 65}

    """

  /// What a folder holds, recursively, as relative paths.
  private static func contents(of folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
  }

  // MARK: Links out of the repository

  @Test func initRefusesToWriteThroughAnOkrsLinkOutOfTheRepository() throws {
    let repository = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: repository.path + "/.git", withIntermediateDirectories: true)
    #expect(symlink(outside.path, repository.path + "/okrs") == 0)
    let result = try OKRCommand.run(["init", "--team", "growth", "--quarter", "2026-Q1"], in: repository.path)
    #expect(result.status == 74)
    #expect(
      result.standardError
        == "error: cannot write 'okrs/2026-Q1/growth.yaml': it leads (through a symbolic link) outside the repository; okr writes only inside it\n"
    )
    #expect(result.standardOutput == "")
    #expect(Self.contents(of: outside.path) == [])
    #expect(!FileManager.default.fileExists(atPath: repository.path + "/.okr"))
  }

  /// `.okr` or `.okr/schemas` committed as a link: `schema --write` and
  /// `init` (which writes the schemas too) refuse before writing anything.
  @Test(arguments: [".okr", ".okr/schemas"])
  func schemasAreNeverWrittenThroughALinkOutOfTheRepository(_ link: String) throws {
    let repository = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    if link != ".okr" {
      try FileManager.default.createDirectory(atPath: repository.path + "/.okr", withIntermediateDirectories: true)
    }
    #expect(symlink(outside.path, repository.path + "/" + link) == 0)
    let schemaFile = link == ".okr" ? "schemas/quarter.schema.json" : "quarter.schema.json"
    try outside.write(schemaFile, "{}")
    let refusal =
      "error: cannot write '.okr/schemas/quarter.schema.json': it leads (through a symbolic link) outside the repository; okr writes only inside it\n"
    let schema = try OKRCommand.run(["schema", "--write"], in: repository.path)
    #expect(schema.status == 74)
    #expect(schema.standardError == refusal)
    let initialized = try OKRCommand.run(["init", "--team", "growth", "--quarter", "2026-Q1"], in: repository.path)
    #expect(initialized.status == 74)
    #expect(initialized.standardError == refusal)
    // Nothing written, here or there: not even the quarter file, which comes first.
    #expect(!FileManager.default.fileExists(atPath: repository.path + "/okrs"))
    #expect(Self.contents(of: outside.path) == (link == ".okr" ? ["schemas", schemaFile] : [schemaFile]))
    #expect(try outside.read(schemaFile) == "{}")
  }

  /// An okr.yaml linked from elsewhere on the machine is not read: its text
  /// would reach messages, CI annotations and reports.
  @Test func anOkrYamlLinkedFromOutsideIsNotRead() throws {
    let repository = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    try repository.write("okrs/2026-Q1/growth.yaml", Self.quarterFile)
    try outside.write("okr.yaml", "organization: SECRET-ORGANIZATION\nSECRET_KEY: 1\n")
    #expect(symlink(outside.path + "/okr.yaml", repository.path + "/okr.yaml") == 0)
    let refusal =
      "okr.yaml: error: a symbolic link that leads outside the repository; okr reads only inside it [io]\n"
    for command in [["lint"], ["lint", "--format", "github"], ["score", "--as-of", "2026-02-01"]] {
      let result = try OKRCommand.run(command, in: repository.path)
      #expect(result.status == 74, "\(command)")
      #expect(!(result.standardOutput + result.standardError).contains("SECRET"), "\(command)")
    }
    let lint = try OKRCommand.run(["lint"], in: repository.path)
    #expect(lint.standardError == refusal + "1 error and 0 warnings in 1 file\n")
    // A link that stays inside is read as before.
    try FileManager.default.removeItem(atPath: repository.path + "/okr.yaml")
    try repository.write("config/okr.yaml", "organization: Acme\n")
    #expect(symlink("config/okr.yaml", repository.path + "/okr.yaml") == 0)
    let inside = try OKRCommand.run(["score", "--as-of", "2026-02-01"], in: repository.path)
    #expect(inside.status == 0, "\(inside.standardError)")
    #expect(inside.standardOutput.hasPrefix("Acme · 2026-Q1"))
  }

  /// A template linked from elsewhere is not read: its text would become the new quarter file.
  @Test func aTemplateLinkedFromOutsideIsNotRead() throws {
    let repository = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: repository.path + "/.git", withIntermediateDirectories: true)
    try outside.write("secret.yaml", "SECRET: 1\n")
    try FileManager.default.createDirectory(atPath: repository.path + "/templates", withIntermediateDirectories: true)
    #expect(symlink(outside.path + "/secret.yaml", repository.path + "/templates/mine.yaml") == 0)
    let result = try OKRCommand.run(
      ["init", "--team", "growth", "--quarter", "2026-Q1", "--template", "mine"], in: repository.path)
    #expect(result.status == 74)
    #expect(
      result.standardError
        == "error: cannot read template 'templates/mine.yaml': a symbolic link that leads outside the repository; okr reads only inside it\n"
    )
    #expect(!FileManager.default.fileExists(atPath: repository.path + "/okrs"))
  }

  // MARK: File names that are not UTF-8

  /// Creates the file whose path is `path`'s bytes, holding `contents`.
  private static func create(_ path: [UInt8], _ contents: String) throws {
    let descriptor = (path + [0]).withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
    }
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    let bytes = Array(contents.utf8)
    #expect(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) } == bytes.count)
  }

  /// A quarter file named in Latin-1 is refused with that reason, its name
  /// shown with the stray byte escaped, in text and JSON alike; it used to be
  /// "no such file or directory", though the file was there.
  @Test(arguments: [["lint"], ["score", "--as-of", "2026-02-01"], ["status", "--as-of", "2026-02-01"]])
  func aFileNameThatIsNotUTF8IsRefusedByName(_ command: [String]) throws {
    let repository = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: repository.path + "/okrs/2026-Q1", withIntermediateDirectories: true)
    try Self.create(
      Array((repository.path + "/okrs/2026-Q1/gr").utf8) + [0xFF] + Array("owth.yaml".utf8), Self.quarterFile)
    let result = try OKRCommand.run(command, in: repository.path)
    #expect(result.status == 74)
    #expect(
      result.standardError.hasPrefix(
        "okrs/2026-Q1/gr\\xFFowth.yaml: error: its name is not UTF-8 (stray bytes shown as \\xNN); okr reads only files and folders named in UTF-8, so rename it [io]\n"
      ))
    #expect(!result.standardError.contains("no such file"))
    #expect(!result.standardError.unicodeScalars.contains("\u{FFFD}"))
  }

  @Test func aFolderNameThatIsNotUTF8IsRefusedAndOtherNamesAreNot() throws {
    let repository = try TemporaryDirectory()
    try repository.write("okrs/2026-Q1/growth.yaml", Self.quarterFile)
    let folder = Array((repository.path + "/okrs/2026-Q1/caf").utf8) + [0xE9]
    #expect(
      (folder + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } }
        == 0)
    // Not a YAML file: never read, so its name does not matter.
    try Self.create(Array((repository.path + "/okrs/2026-Q1/notes").utf8) + [0xFF] + Array(".txt".utf8), "x")
    let result = try OKRCommand.run(["lint", "--format", "json"], in: repository.path)
    #expect(result.status == 74)
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    #expect(entries.count == 1)
    #expect(entries.first?["path"] as? String == "okrs/2026-Q1/caf\\xE9")
    #expect(entries.first?["rule"] as? String == "io")
  }

  // MARK: Unreadable quarter files

  /// A quarter file okr may not read (a FIFO here, refused without a blocking
  /// read; a file without permission below) is an `io` error, exit 74, for
  /// the commands that look a team up: never "create one with okr init".
  @Test(arguments: [
    ["checkin", "record", "--team", "growth", "--kr", "O1/KR1", "--value", "40", "--confidence", "7"],
    ["init", "--team", "growth", "--quarter", "2026-Q2", "--from", "2026-Q1"],
    ["checkin", "import", "week.csv"],
  ])
  func aQuarterFileThatCannotBeReadIsAnIOError(_ command: [String]) throws {
    let repository = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: repository.path + "/okrs/2026-Q1", withIntermediateDirectories: true)
    #expect(mkfifo(repository.path + "/okrs/2026-Q1/growth.yaml", 0o644) == 0)
    try repository.write("week.csv", "team,kr,value,confidence\ngrowth,O1/KR1,40,7\n")
    let result = try OKRCommand.run(command + ["--as-of", "2026-02-13"], in: repository.path)
    #expect(result.status == 74)
    let outcome =
      command[0] == "init"
      ? "fix these errors first; nothing was written"
      : command[1] == "import" ? "nothing was recorded" : "fix these errors first; nothing was recorded"
    #expect(
      result.standardError
        == "okrs/2026-Q1/growth.yaml: error: not a regular file (a pipe or a device); okr reads regular files only [io]\n1 error and 0 warnings in 1 file\n\(outcome)\n"
    )
    #expect(!FileManager.default.fileExists(atPath: repository.path + "/checkins"))
    #expect(!FileManager.default.fileExists(atPath: repository.path + "/okrs/2026-Q2"))
  }

  /// The case: a quarter file without read permission.
  ///
  /// Tests run as root, whom permissions do not stop, so okr runs as `nobody` there.
  @Test(.enabled(if: getuid() != 0 || Tool.find("setpriv") != nil))
  func aQuarterFileWithoutPermissionIsPermissionDenied() throws {
    let repository = try TemporaryDirectory()
    try repository.write("okrs/2026-Q1/growth.yaml", Self.quarterFile)
    #expect(chmod(repository.path + "/okrs/2026-Q1/growth.yaml", 0) == 0)
    let arguments = [
      "checkin", "record", "--team", "growth", "--kr", "O1/KR1", "--value", "40", "--as-of", "2026-02-13",
    ]
    let result =
      getuid() == 0
      ? try OKRCommand.run(
        ["--reuid=65534", "--regid=65534", "--clear-groups", PackagePaths.okrBinary] + arguments,
        in: repository.path, executable: Tool.find("setpriv")!)
      : try OKRCommand.run(arguments, in: repository.path)
    #expect(result.status == 74)
    #expect(
      result.standardError
        == "okrs/2026-Q1/growth.yaml: error: permission denied [io]\n1 error and 0 warnings in 1 file\nfix these errors first; nothing was recorded\n"
    )
  }
}
