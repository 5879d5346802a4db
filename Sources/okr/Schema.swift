import ArgumentParser
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
      if let kind, let schema = Workspace.schema(named: kind.rawValue) {
        context.standardOutput.write(rendered: schema)
        return
      }
      let workspace = repository.workspace(in: context)
      let written = try context.workspace { () throws(WorkspaceFailure) in try workspace.writeSchemas() }
      for path in written { context.standardOutput.write("wrote \(path)\n") }
      if written.isEmpty { context.standardOutput.write(".okr/schemas/ is up to date\n") }
    }
  }
}
