#!/usr/bin/env bash
# Writes docs/man/okr.1 from the commands' own definitions (their abstracts,
# discussions, arguments and help), with swift-argument-parser's generate-manual
# plugin. After changing a command, run it and commit the page.
#
#   Scripts/generate-manual.sh          # regenerate docs/man/okr.1
#   Scripts/generate-manual.sh --check  # fail when the committed page is out of date (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

# The page's date is fixed so the page changes only when the commands do; set
# it to the release day when OKR+Version.swift changes.
date=2026-11-29

# A debug build is enough: the page comes from `okr --experimental-dump-help`,
# which does not depend on optimisation, and it reuses `swift test`'s build.
swift package plugin generate-manual --configuration debug --date "$date" >&2
generated=.build/plugins/GenerateManual/outputs/okr/okr.1

if [ "${1:-}" = --check ]; then
  if ! diff -u docs/man/okr.1 "$generated"; then
    echo "docs/man/okr.1 is out of date with the commands: run Scripts/generate-manual.sh and commit it" >&2
    exit 1
  fi
  echo "docs/man/okr.1 matches the commands" >&2
else
  mkdir -p docs/man
  cp "$generated" docs/man/okr.1
  echo "wrote docs/man/okr.1" >&2
fi
