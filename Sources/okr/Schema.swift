import ArgumentParser
import OKRFiles
import OKRReports
import OKRWorkspace

extension OKR {
  /// JSON Schema of each file kind, for editors.
  struct Schema: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "schema",
      abstract: "JSON Schema (2020-12) of quarter files, check-in logs or okr.yaml, for editors.",
      discussion: """
        Generated from the same key tables the decoders use: every key okr accepts, with its type, \
        allowed words and a description for hover help; no key it rejects. With --write, all three \
        go to .okr/schemas/ in the repository, where 'okr init' points new files:

          # yaml-language-server: $schema=../../.okr/schemas/quarter.schema.json

          okr schema quarter > quarter.schema.json
          okr schema --write
        """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("quarter, checkins or config.", valueName: "kind"))
    var kind: Kind?

    @Flag(help: "Write every schema to .okr/schemas/ in the repository instead of printing one.")
    var write = false

    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case quarter, checkins, config
    }

    func validate() throws {
      if write == (kind != nil) {
        throw ValidationError(
          write ? "--write writes every schema; name no kind" : "name a kind: quarter, checkins or config")
      }
    }

    func run(in context: inout CommandContext) throws {
      if let kind, let schema = OKRSchema(rawValue: kind.rawValue) {
        context.standardOutput.write(rendered: JSONOutput.encode(schema.document))
        return
      }
      let written = try Self.writeSchemas(root: repository.root(in: context.workingDirectory), in: &context)
      for path in written {
        context.standardOutput.write("wrote \(DisplayPath.relative(path, to: context.workingDirectory))\n")
      }
      if written.isEmpty { context.standardOutput.write(".okr/schemas/ is up to date\n") }
    }

    /// Refuses, before anything is read or written, when a schema's path leads
    /// out of the repository: through a committed `.okr` or `.okr/schemas` link.
    ///
    /// - Throws: Exit code 74, having said which file and why.
    static func refuseLinksOut(root: String, in context: inout CommandContext) throws {
      let boundary = RepositoryBoundary(root: root)
      for schema in OKRSchema.allCases {
        let path = RepositoryLayout.schema(root: root, fileName: schema.fileName)
        guard boundary.contains(path) else {
          let shown = DisplayPath.relative(path, to: context.workingDirectory)
          context.standardError.write("error: cannot write '\(shown)': \(RepositoryBoundary.writeRefusal)\n")
          throw ExitCode(74)
        }
      }
    }

    /// Writes the schemas that are missing or out of date into `root/.okr/schemas/`.
    ///
    /// - Returns: The paths written.
    static func writeSchemas(root: String, in context: inout CommandContext) throws -> [String] {
      try refuseLinksOut(root: root, in: &context)
      var written: [String] = []
      for schema in OKRSchema.allCases {
        let path = RepositoryLayout.schema(root: root, fileName: schema.fileName)
        let text = JSONOutput.encode(schema.document)
        if (try? AtomicFile.contents(of: path)) == text { continue }
        do {
          try AtomicFile.replace(path, contents: text)
        } catch {
          context.standardError.write("error: \(error)\n")
          throw ExitCode(74)
        }
        written.append(path)
      }
      return written
    }
  }
}
