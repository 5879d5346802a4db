#!/usr/bin/env bash
# Keeps one source for macOS, Linux and fully static Linux (musl) honest, from a
# Linux CI machine:
#
#   1. FoundationEssentials, Glibc, Musl and Darwin are imported only inside an
#      `#if canImport(<that module>)` branch, FoundationEssentials only under
#      `&& !OKR_FORCE_FOUNDATION`, and every Glibc branch has a Musl branch.
#   2. The `import Foundation` branches, the ones macOS compiles, compile here:
#      a build with -DOKR_FORCE_FOUNDATION takes them. It builds into its own
#      folder so the normal build stays.
#
#   Scripts/check-portability.sh                 # both
#   Scripts/check-portability.sh --imports-only  # the first, in a second
set -euo pipefail
cd "$(dirname "$0")/.."

# POSIX awk (mawk, gawk, BSD awk): a stack of the #if conditions around each line.
git ls-files -z 'Sources/*.swift' 'Tests/*.swift' | xargs -0 awk '
  function problem(message) { print FILENAME ":" FNR ": " message; bad = 1 }
  FNR == 1 { depth = 0; glibc[FILENAME] = 0; musl[FILENAME] = 0 }
  /canImport\(Glibc\)/ { glibc[FILENAME]++ }
  /canImport\(Musl\)/ { musl[FILENAME]++ }
  /^[ \t]*#if[ \t(]/ { depth++; condition[depth] = $0; next }
  /^[ \t]*#elseif[ \t(]/ { condition[depth] = $0; next }
  /^[ \t]*#else/ { condition[depth] = "#else"; next }
  /^[ \t]*#endif/ { if (depth > 0) depth--; next }
  depth == 0 && /(^|[^A-Za-z_.])(Glibc|Musl|Darwin)\.[a-z]/ {
    problem("a platform module named outside an #if: " $0)
  }
  /^[ \t]*(@[A-Za-z_]+[ \t]+)*((public|package|internal|fileprivate|private)[ \t]+)?import[ \t]/ {
    line = $0
    sub(/^.*import[ \t]+((struct|class|enum|protocol|typealias|func|let|var)[ \t]+)?/, "", line)
    sub(/[. \t].*$/, "", line)
    if (line != "FoundationEssentials" && line != "Glibc" && line != "Musl" && line != "Darwin") next
    if (depth == 0) {
      problem("import " line " outside an #if; write #if canImport(" line ") around it")
    } else if (index(condition[depth], "canImport(" line ")") == 0) {
      problem("import " line " under \"" condition[depth] "\", which does not ask canImport(" line ")")
    } else if (line == "FoundationEssentials" && index(condition[depth], "!OKR_FORCE_FOUNDATION") == 0) {
      problem("import FoundationEssentials without && !OKR_FORCE_FOUNDATION, so CI cannot build its #else branch")
    }
  }
  END {
    for (file in glibc) if (glibc[file] != musl[file]) {
      print file ": " glibc[file] " canImport(Glibc) but " musl[file] " canImport(Musl); give each Glibc branch a Musl branch"
      bad = 1
    }
    exit bad
  }
' || { echo "check-portability: platform imports need their #if (see above)" >&2; exit 1; }
echo "check-portability: platform imports are all guarded" >&2

[ "${1:-}" = "--imports-only" ] && exit 0

echo "== swift build -DOKR_FORCE_FOUNDATION (the branch macOS compiles)" >&2
swift build --scratch-path .build-foundation -Xswiftc -DOKR_FORCE_FOUNDATION
