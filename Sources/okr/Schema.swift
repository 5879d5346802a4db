import ArgumentParser
import OKRReports
import OKRWorkspace

extension OKR {
  /// JSON Schema of each file kind, for editors.
  struct Schema: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "schema",
      abstract: "JSON Schema (2020-12) of okr's files, for editors, or of a JSON output, for the tools that read it.",
      discussion: """
        Generated from the same key tables the decoders use: every key okr accepts, with its type, \
        allowed words and a description for hover help; no key it rejects. With --write, all three \
        go to .okr/schemas/ in the repository, where 'okr init' points new files:

          # yaml-language-server: $schema=../../.okr/schemas/quarter.schema.json

          okr schema quarter > quarter.schema.json
          okr schema --write

        The JSON outputs' schemas (score, status, alerts, checkin, lint, plan, diff, history, trend, digest, \
        pull) come from the types that write that JSON; each output carries its schema_version:

          okr schema score > score.schema.json
        """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(
      help: ArgumentHelp(
        "A file kind (quarter, checkins, config) or a JSON output (score, status, alerts, checkin, lint, plan, "
          + "diff, history, trend, digest, pull).", valueName: "kind"))
    var kind: Kind?

    @Flag(help: "Write every schema to .okr/schemas/ in the repository instead of printing one.")
    var write = false

    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case quarter, checkins, config
      case score, status, alerts, checkin, lint, plan, diff, history, trend, digest, pull
    }

    func validate() throws {
      if write == (kind != nil) {
        throw ValidationError(
          write
            ? "--write writes every file schema; name no kind"
            : "name a kind: quarter, checkins, config, or an output: "
              + OutputSchema.allCases.map(\.rawValue).joined(separator: ", "))
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
