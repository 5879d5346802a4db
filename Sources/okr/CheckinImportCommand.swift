import ArgumentParser
import OKRCore
import OKRFiles
import OKRReports
import OKRWorkspace

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension OKR.Checkin {
  /// Many check-ins at once, from a CSV file.
  struct Import: ContextCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Record many check-ins at once from a CSV file (a spreadsheet export, a metrics query).",
      discussion: """
        The first row names the columns, in any order: team and kr (required), value, done, \
        confidence, note and date (default --as-of). done is true or false for a boolean key result, \
        or milestone titles separated by ';'. Quoted fields may hold commas and line breaks:

          team,kr,value,confidence,note,date
          growth,O1/KR1,13.9,7,"Trials up, pricing page live",2026-08-14
          platform,O2/KR2,19,6,,2026-08-14

        Every row is checked against the repository first, and every problem is reported at its \
        cell (file:line:column); if any row is wrong nothing is written. Then each team's rows of \
        one date are appended as one check-in, through the same locked, atomic writer as \
        'okr checkin record', to every log or to none. Each check-in names the file it came from \
        (import: sha256:...), so running the same import again records nothing twice.
        """)

    @OptionGroup var repository: RepositoryOptions

    @Option(
      help: ArgumentHelp("The cycle of every row (default: the one containing each row's date).", valueName: "quarter"))
    var quarter: String?

    @Option(
      name: .customLong("as-of"),
      help: ArgumentHelp("The date of rows without one, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Who is checking in (default: $USER).", valueName: "name"))
    var by: String?

    @Argument(help: ArgumentHelp("The CSV file, or - for standard input.", valueName: "file"))
    var file: String

    func validate() throws {
      try ReportOptions.validate(asOf: asOf)
    }

    func run(in context: inout CommandContext) throws {
      let day = ReportOptions.day(asOf: asOf)
      let shownFile = file == "-" ? "<stdin>" : file
      let bytes: [UInt8]
      // Relative to the working directory, joined rather than tidied, so the kernel resolves it as it
      // always did; an empty name names no file (joined, it would name the working directory).
      let path = file.hasPrefix("/") || file.isEmpty ? file : context.workingDirectory + "/" + file
      switch Self.readAll(file == "-" ? nil : path) {
      case .success(let read): bytes = read
      case .failure(let reason):
        context.standardError.write("error: cannot read '\(shownFile)': \(reason.message)\n")
        throw ExitCode(74)
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        context.standardError.write("error: '\(shownFile)' is not UTF-8 text\n")
        throw ExitCode.failure
      }
      let root = repository.root(in: context.workingDirectory)
      let loader = repository.loader()
      let loaded = loader.load(root: root)
      let imported = CheckinImport(
        csv: text, path: shownFile, repository: loaded.repository, quarter: quarter, today: day,
        by: by ?? ProcessInfo.processInfo.environment["USER"])
      // The teams written to must be free of errors, as for 'okr checkin record'.
      var ownFiles = Set<String>()
      for batch in imported.batches {
        ownFiles.insert(batch.teamQuarter.location.path)
        ownFiles.insert(
          RepositoryLayout.checkinLog(root: root, quarter: batch.checkin.cycle, team: batch.checkin.team))
      }
      let fileErrors = (loaded.diagnostics + Validator(loaded.repository).validate()).filter {
        $0.severity == .error && ownFiles.contains($0.location.path)
      }
      // A team or cycle not found may be in a file that could not be read.
      if !imported.diagnostics.isEmpty {
        try UnreadableFiles.refuse(loaded, outcome: "nothing was recorded", in: &context)
      }
      let problems = imported.diagnostics + fileErrors
      if !problems.isEmpty {
        let shown = DisplayPath.forDisplay(problems, workingDirectory: context.workingDirectory)
        context.standardError.write(
          rendered: DiagnosticTextRenderer(colors: false).render(LintReport(diagnostics: shown, fileCount: 0)))
        context.standardError.write("nothing was recorded\n")
        throw ExitCode.failure
      }
      let items = imported.items(inRepositoryAt: root)
      let outcomes: [CheckinRecorder.Outcome]
      do {
        outcomes = try CheckinRecorder(writer: CheckinLogWriter(root: root), loader: loader).record(items)
      } catch {
        try Self.report(error, in: &context)
      }
      for (item, outcome) in zip(items, outcomes) {
        let shown = DisplayPath.relative(item.path, to: context.workingDirectory)
        let checkin = item.checkin
        switch outcome {
        case .recorded:
          context.standardOutput.write(
            "recorded \(Format.count(checkin.entries.count, "key result")) for \(checkin.team) on \(checkin.date) in \(shown)\n"
          )
        case .alreadyRecorded:
          context.standardOutput.write(
            "already recorded: \(checkin.team) on \(checkin.date) is in \(shown) from an earlier import of this file\n")
        }
      }
    }

    /// Says why nothing (or, when logs could not be put back, what) was recorded, and exits.
    private static func report(_ error: CheckinLogWriter.AppendError, in context: inout CommandContext) throws -> Never
    {
      context.standardError.write("error: \(error.shown(workingDirectory: context.workingDirectory))\n")
      switch error {
      case .partlyWritten:
        context.standardError.write(
          "run the same import again to record the rest: what this file already recorded is skipped\n")
      default:
        context.standardError.write("nothing was recorded\n")
      }
      switch error {
      case .io, .partlyWritten: throw ExitCode(74)
      default: throw ExitCode.failure
      }
    }

    struct ReadFailure: Error {
      var message: String
    }

    /// A regular file's bytes, or standard input's when `path` is `nil`.
    static func readAll(_ path: String?) -> Result<[UInt8], ReadFailure> {
      let descriptor = path.map { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } ?? STDIN_FILENO
      guard descriptor >= 0 else {
        return .failure(ReadFailure(message: String(cString: strerror(errno)).lowercased()))
      }
      defer { if path != nil { close(descriptor) } }
      if path != nil {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
          return .failure(ReadFailure(message: "not a regular file"))
        }
      }
      let bytes: [UInt8]
      do {
        bytes = try AtomicFile.readAll(descriptor, limit: 64 << 20)
      } catch {
        return .failure(ReadFailure(message: error.reason))
      }
      return .success(bytes)
    }
  }
}
