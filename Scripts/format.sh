#!/usr/bin/env bash
# Formats every Swift file with the toolchain's swift-format and .swift-format,
# then lints them strictly (the same check CI runs with --lint-only).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--lint-only" ]; then
  git ls-files -z '*.swift' | xargs -0 swift format format --parallel --in-place
fi
git ls-files -z '*.swift' | xargs -0 swift format lint --strict --parallel
