#!/usr/bin/env bash
# Fuzzes okr's YAML layer, OKR decoding and every report renderer with libFuzzer.
#
#   Scripts/fuzz.sh [SECONDS]      # default 60
#   OKR_FUZZ_ONLY=json-pointer Scripts/fuzz.sh 180   # the source JSON pointer reader alone
#
# Builds Fuzz/ (a separate package: a fuzz entry point has no main() and does
# not link in an ordinary build) with the fuzzer and address sanitizers, seeds
# a corpus from examples/, templates/ and Tests/Fixtures/, and runs with the
# YAML dictionary. A crash leaves crash-* files in Fuzz/; turn each into a
# regression test. The system libyaml is not instrumented, so coverage guidance
# stops at our code; for deeper runs build libyaml from Debian's source package
# (apt-get source libyaml) with CFLAGS="-fsanitize=fuzzer-no-link,address" and
# put its lib on LD_LIBRARY_PATH before this script's build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swift build --package-path Fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer 2>&1 | grep -v "ld.gold: warning" >&2
corpus=Fuzz/.build/corpus
mkdir -p "$corpus"
find examples templates Tests/Fixtures -name '*.yaml' | while read -r file; do
  cp "$file" "$corpus/seed-$(echo "$file" | tr '/' '_')"
done
# Whole repositories too: a quarter file, its team's check-in log and okr.yaml,
# joined by lines `#%%` as the target splits them, so every report is rendered.
for repository in examples/acme Tests/Fixtures/hostileStrings; do
  for log in "$repository"/checkins/*/*.yaml; do
    quarter="$repository/okrs/${log#"$repository"/checkins/}"
    [ -f "$quarter" ] || continue
    { cat "$quarter"; printf '\n#%%%%\n'; cat "$log"; printf '\n#%%%%\n'; cat "$repository/okr.yaml"; } \
      >"$corpus/seed-repository-$(basename "$repository")-$(basename "$log")"
  done
done
# JSON for the source pointer reader: a first line `/pointer` names what to read.
printf '/trials/conversion\n{"trials": {"conversion": 0.35, "n": [1, 2.5e3, -0, "\\ud83d\\ude00"]}}\n' >"$corpus/seed-json-pointer"
printf '{"a": [{"a": null, "a": true}], "0": "\\u00e9"}' >"$corpus/seed-json-plain"
cd Fuzz
# The test runner's own allocations are not our leaks; libFuzzer reports the rest.
# Swift's own crash backtracer would wait on an ASan'd process; libFuzzer reports crashes itself.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 .build/debug/OKRFuzz -max_total_time="$seconds" -dict=yaml.dict -max_len=32768 \
  -print_final_stats=1 .build/corpus 2>&1 | grep -E "^(stat::|Done|==|SUMMARY|.*crash)" || true
