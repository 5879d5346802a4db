import Foundation
import OKRFiles
import TestSupport
import Testing

@Suite struct AtomicFileTests {
  @Test func createsTheFileWithItsFoldersAndLeavesNoTemporaryFiles() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/okrs/2026-Q3/growth.yaml"
    try AtomicFile.create(path, contents: "team: growth\n")
    #expect(try directory.read("okrs/2026-Q3/growth.yaml") == "team: growth\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/okrs/2026-Q3") == ["growth.yaml"])
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode.map { $0 & 0o600 } == 0o600)
  }

  @Test func neverOverwritesAnExistingFile() throws {
    let directory = try TemporaryDirectory()
    try directory.write("a.yaml", "written by a person\n")
    #expect {
      try AtomicFile.create(directory.path + "/a.yaml", contents: "replacement\n")
    } throws: { error in
      (error as? AtomicFile.WriteError)?.alreadyExists == true
    }
    #expect(try directory.read("a.yaml") == "written by a person\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.yaml"])
  }
}
