// Rules about YAML itself and reading files. They fire where files are read
// and parsed, which know the bytes and marks at fault; here are their words
// and examples.

/// `yaml-syntax`: libyaml cannot scan or parse the text.
public struct YAMLSyntaxRule: LintRule {
  public var id: Rule { .yamlSyntax }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "libyaml cannot scan or parse the text (tabs as indentation included)" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a tab as indentation",
        [.quarter("quarter: 2026-Q1\nteam: growth\nobjectives:\n\t- id: O1\n")],
        at: LintExample.File.quarterPath, 4, 1, "found a tab character where YAML expects indentation"),
      .fires(
        "a quoted name never closed",
        [.quarter("quarter: 2026-Q1\nteam: growth\nname: \"Growth\nobjectives: []\n")],
        at: LintExample.File.quarterPath, 5, 1, "found unexpected end of stream"),
      .fires(
        "a value starting with `%`, `@` or a backtick, which YAML reserves: the message says to quote it",
        [.quarter("quarter: 2026-Q1\nteam: growth\nname: %growth\nobjectives: []\n")],
        at: LintExample.File.quarterPath, 3, 7, "a plain value cannot start with '%', which YAML reserves; quote"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("the file indented with spaces, its quotes closed", [.growth()])]
  }
}

/// `yaml-encoding`: the bytes are not UTF-8, or hold characters YAML forbids.
public struct YAMLEncodingRule: LintRule {
  public var id: Rule { .yamlEncoding }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "not UTF-8 (UTF-16 included), or characters YAML forbids" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a bell character (U+0007) in a team's name",
        [.growth(top: ["name: Gro\u{7}wth"])],
        at: LintExample.File.quarterPath, 3, 10, "control characters are not allowed")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "letters beyond ASCII and emoji, in UTF-8",
        [.growth(top: ["name: Croissance 🌱"])])
    ]
  }
}

/// `duplicate-key`: a mapping sets the same key twice.
public struct DuplicateKeyRule: LintRule {
  public var id: Rule { .duplicateKey }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "a mapping sets the same key twice" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "`owner` twice at the top of a quarter file",
        [.growth(top: ["owner: ana", "owner: bob"])],
        at: LintExample.File.quarterPath, 4, 1, "duplicate key 'owner'; it is already set at line 3, column 1")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "`owner` once at the top and once in an objective",
        [.growth(top: ["owner: ana"], objective: ["owner: bob"])])
    ]
  }
}

/// `yaml-structure`: a tag, alias, merge key, complex key or document okr does not accept.
public struct YAMLStructureRule: LintRule {
  public var id: Rule { .yamlStructure }
  public var severity: Diagnostic.Severity { .error }
  public var description: String {
    "unknown tag, tag that does not fit, complex key, undefined alias, bad merge value, a second document in a one-document file"
  }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a language-specific tag",
        [.growth(top: ["name: !!python/object:os.system rm"])],
        at: LintExample.File.quarterPath, 3, 7, "unknown tag '!!python/object:os.system'"),
      .fires(
        "an alias to an anchor nobody set",
        [.growth(top: ["owner: *lead"])],
        at: LintExample.File.quarterPath, 3, 8, "refers to no anchor defined before it"),
      .fires(
        "a second document in a quarter file",
        [.growth(more: "---\nquarter: 2026-Q2\n")],
        at: LintExample.File.quarterPath, 11, 1, "a quarter file holds one YAML document"),
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "a standard tag, and an alias to an anchor set before it",
        [.growth(top: ["name: !!str Growth", "owner: &lead ana"], objective: ["owner: *lead"])])
    ]
  }
}

/// `yaml-limit`: the input is larger, deeper or expands further than okr reads.
public struct YAMLLimitRule: LintRule {
  public var id: Rule { .yamlLimit }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "input size, nesting depth or alias expansion over its limit" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "a value nested 65 levels deep",
        [.growth(more: "micro_goals: " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n")],
        at: LintExample.File.quarterPath, 11, 77, "nesting")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [
      .quiet(
        "an anchor used by one alias",
        [.growth(top: ["owner: &lead ana"], objective: ["owner: *lead"])])
    ]
  }
}

/// `io`: a file or a path named to lint cannot be read.
public struct IORule: LintRule {
  public var id: Rule { .io }
  public var severity: Diagnostic.Severity { .error }
  public var description: String { "a file or named path cannot be read" }

  public var triggeringExamples: [LintExample] {
    [
      .fires(
        "linting a file that is not there", [.growth()], lint: ["okrs/2026-Q1/grwoth.yaml"],
        at: "okrs/2026-Q1/grwoth.yaml", 0, 0, "no such file or directory")
    ]
  }

  public var nonTriggeringExamples: [LintExample] {
    [.quiet("linting the file that is there", [.growth()], lint: [LintExample.File.quarterPath])]
  }
}
