import Foundation
import OKRCore
import TestSupport
import Testing

@testable import OKRFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The repository's edge holds for what is opened, not only for the path checked before: a symbolic link
/// swapped in between the check and the open is refused.
@Suite struct RepositoryBoundaryTests {
  /// A repository with `metrics/weekly.json`, and a secret file outside it.
  static func setUp() throws -> (repository: TemporaryDirectory, outside: TemporaryDirectory) {
    let repository = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    try repository.write("metrics/weekly.json", "{\"n\": 1}\n")
    try outside.write("secret.json", "{\"n\": 99}\n")
    return (repository, outside)
  }

  @Test func theOpenedFileIsJudgedByWhatTheSystemOpened() throws {
    let (repository, outside) = try Self.setUp()
    try FileManager.default.createSymbolicLink(
      atPath: repository.path + "/metrics/out.json", withDestinationPath: outside.path + "/secret.json")
    try FileManager.default.createSymbolicLink(
      atPath: repository.path + "/metrics/in.json", withDestinationPath: "weekly.json")
    let boundary = RepositoryBoundary(root: repository.path)
    for (name, inside) in [("weekly.json", true), ("in.json", true), ("out.json", false)] {
      let path = repository.path + "/metrics/" + name
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      #expect(descriptor >= 0)
      defer { close(descriptor) }
      #expect(boundary.contains(opened: descriptor, path: path) == inside, "\(name)")
    }
  }

  @Test func aLinkSwappedInBetweenTheCheckAndTheOpenIsRefused() throws {
    let (repository, outside) = try Self.setUp()
    let path = repository.path + "/metrics/weekly.json"
    // The check sees a regular file inside; then the file becomes a link to the secret, before the open.
    func swap() {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside.path + "/secret.json")
    }
    #expect(
      SourceFile.read("metrics/weekly.json", root: repository.path, betweenCheckAndOpen: swap)
        == .failure(SourceFailure("cannot read 'metrics/weekly.json': \(RepositoryBoundary.readRefusal)")))
    // Without a swap, the same link is refused at the check already, with the source's own words.
    #expect(
      SourceFile.read("metrics/weekly.json", root: repository.path)
        == .failure(
          SourceFailure(
            "file 'metrics/weekly.json' leads (through a symbolic link) outside the repository; okr reads a source only inside it",
            rule: .unresolvedReference)))
  }

  @Test func aFileInsideIsReadAsBefore() throws {
    let (repository, _) = try Self.setUp()
    #expect(SourceFile.read("metrics/weekly.json", root: repository.path) == .success(Array("{\"n\": 1}\n".utf8)))
    let contents = try RepositoryBoundary(root: repository.path).readFile(
      atPath: repository.path + "/metrics/weekly.json", maxBytes: 100)
    #expect(contents == .bytes(Array("{\"n\": 1}\n".utf8)))
  }
}
