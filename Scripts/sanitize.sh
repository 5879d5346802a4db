#!/usr/bin/env bash
# Runs the whole test suite under the address sanitizer and the thread
# sanitizer (the concurrent loader, the check-in lock). swiftc has no UBSan on
# Linux. Each sanitizer builds into its own folder, so the normal build stays.
#
#   Scripts/sanitize.sh            # both
#   Scripts/sanitize.sh address    # one
set -euo pipefail
cd "$(dirname "$0")/.."
for sanitizer in ${1:-address thread}; do
  echo "== swift test --sanitize=$sanitizer" >&2
  # The test runner itself leaks at exit; leaks in okr's own code would show in the fuzzer.
  ASAN_OPTIONS=detect_leaks=0 TSAN_OPTIONS=halt_on_error=1 \
    swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" 2>&1 | grep -E "Test run|passed|failed|ERROR: |WARNING: ThreadSanitizer|SUMMARY" | tail -5
done
