import ArgumentParser
import OKRWorkspace

#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// Shell completions that know the repository: the shell calls back `okr ---completion …` on Tab, and these
/// answer from the repository that `--repo` on the line names (else the one around the current directory).
///
/// They read through the workspace, like every command, and never fail: a repository that cannot be read
/// offers nothing, and nothing is printed but the candidates.
enum RepositoryCompletion {
  /// Team ids, in the `--quarter` given on the line, else in every cycle.
  static let teams = CompletionKind.custom { words, index, _ in
    Line(words, current: index).candidates.teams
  }

  /// The cycles that have quarter files.
  static let quarters = CompletionKind.custom { words, index, _ in
    Line(words, current: index).candidates.quarters
  }

  /// Key results as `O1/KR1`, of the `--team` given on the line, else of every team.
  static let keyResults = CompletionKind.custom { words, index, _ in
    let line = Line(words, current: index)
    return line.candidates.keyResults(teams: line.values(of: "--team"))
  }

  /// Template names: the built-in ones and the repository's `templates/`.
  static let templates = CompletionKind.custom { words, index, _ in
    Line(words, current: index).candidates.templates
  }

  /// `checkin record`'s per-key-result options, and after `--kr` or `--confidence` their values.
  static let keyResultOptions = CompletionKind.custom { words, index, _ in
    let line = Line(words, current: index)
    switch line.previous {
    case "--kr": return line.candidates.keyResults(teams: line.values(of: "--team"))
    case "--confidence": return (0...10).map(String.init) + ["green", "yellow", "red"]
    case "--done": return ["true", "false"]
    case "--value", "--note", "--blocker": return []
    default: return ["--kr"] + KeyResultArguments.options
    }
  }

  /// The words of the command line being completed, unquoted as far as a shell would.
  struct Line {
    let words: [String]
    let current: Int

    init(_ words: [String], current: Int) {
      self.words = words.map(Self.unquoted)
      self.current = current
    }

    /// The word before the one being completed.
    var previous: String? { current > 0 && current - 1 < words.count ? words[current - 1] : nil }

    /// Every value given to `option` (`--team a` or `--team=a`), the word being completed aside.
    func values(of option: String) -> [String] {
      var values: [String] = []
      for (index, word) in words.enumerated() where index != current {
        if word == option, index + 1 < words.count, index + 1 != current {
          values.append(words[index + 1])
        } else if word.hasPrefix(option + "=") {
          values.append(String(word.dropFirst(option.count + 1)))
        }
      }
      return values
    }

    /// The repository's names, read from `--repo` (the last one given) or the current directory.
    var candidates: CompletionCandidates {
      let workingDirectory = FileManager.default.currentDirectoryPath
      let workspace = Workspace(WorkspaceOptions(repo: values(of: "--repo").last), workingDirectory: workingDirectory)
      return workspace.completions(quarter: values(of: "--quarter").last)
    }

    /// A shell word as the command would receive it: quotes removed, backslash escapes undone, `~/` at home.
    ///
    /// Shells hand the words over verbatim (`"my repo"`, `my\ repo`); only the common forms are undone, since a
    /// word this misreads only finds no repository, and then nothing is offered.
    static func unquoted(_ word: String) -> String {
      var out = ""
      var quote: Character?
      var escaped = false
      for character in word {
        if escaped {
          out.append(character)
          escaped = false
        } else if let open = quote {
          if character == open {
            quote = nil
          } else if character == "\\" && open == "\"" {
            escaped = true
          } else {
            out.append(character)
          }
        } else if character == "'" || character == "\"" {
          quote = character
        } else if character == "\\" {
          escaped = true
        } else {
          out.append(character)
        }
      }
      if out.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
        return home + out.dropFirst()
      }
      return out
    }
  }
}
