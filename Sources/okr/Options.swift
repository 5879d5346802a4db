import ArgumentParser
import Foundation
import OKRRepository

/// Where the OKR repository is.
struct RepositoryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The repository's root folder (default: the nearest folder up from here with okr.yaml, else with .git, else this one).",
      valueName: "dir"))
  var repo: String?

  /// The working directory, once.
  var workingDirectory: String { FileManager.default.currentDirectoryPath }

  /// The repository root: `--repo`, or found from the working directory.
  func root() -> String {
    if let repo { return Linter.absolutePath(repo, from: workingDirectory) }
    return RepositoryLoader.findRoot(startingAt: workingDirectory)
  }
}

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// Options about how output looks.
struct OutputOptions: ParsableArguments {
  @Option(help: "Colour diagnostics: auto (only on a terminal, never with NO_COLOR set), always or never.")
  var color: ColorChoice = .auto

  /// Whether standard error gets colour.
  var colorsStandardError: Bool {
    Terminal.allowsColor(color, fileDescriptor: STDERR_FILENO)
  }
}
