#!/usr/bin/env bash
# The benchmark: okr against plain libyaml on the same files, side by side.
#
#   bash bench/run.sh            # all sizes; writes docs/performance.md
#   SIZES="small" bash bench/run.sh
#
# Builds okr in release mode and the C floor (bench/libyaml_floor.c), generates
# deterministic corpora with bench/generate_corpus.py (into bench/corpus-*,
# ignored by git), then times each command: with hyperfine when it is installed
# (apt-get install hyperfine), else by repeating runs and taking the median.
# Peak memory is GNU time's maximum resident set size of one run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=${SIZES:-"small medium large"}
runs=${RUNS:-5}

echo "building okr (release, Swift runtime linked statically) and the libyaml floor" >&2
# Static linking is how okr is meant to be installed: it halves start-up time
# (no dynamic loading of Foundation). Its own build folder keeps the debug build.
swift build -c release --static-swift-stdlib --product okr --scratch-path .build-static >&2
okr="$root/.build-static/release/okr"
floor="$root/.build/libyaml_floor"
cc -O2 -o "$floor" bench/libyaml_floor.c $(pkg-config --cflags --libs yaml-0.1)

teams_for() {
  case $1 in
    small) echo 8 ;;     # about 1 MB
    medium) echo 400 ;;  # about 50 MB
    large) echo 2000 ;;  # about 250 MB
  esac
}

# Median wall time and mean CPU time (user + system) in milliseconds of a
# command, as "WALL CPU"; CPU is "-" without hyperfine.
timing_ms() {
  local count=${2:-$runs}
  if command -v hyperfine >/dev/null 2>&1; then
    local json
    json=$(mktemp)
    hyperfine --warmup 1 --runs "$count" --ignore-failure --export-json "$json" --style none "$1" >/dev/null 2>&1
    python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['results'][0]
print(round(r['median'] * 1000), round((r['user'] + r['system']) * 1000))" "$json"
    rm -f "$json"
  else
    local times=()
    bash -c "$1" >/dev/null 2>&1 || true
    for _ in $(seq "$count"); do
      local start end
      start=$(date +%s%N)
      bash -c "$1" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      times+=($(((end - start) / 1000000)))
    done
    echo "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') -"
  fi
}

# Peak resident memory in MiB of one run.
peak_mib() {
  /usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

table="| corpus | files | size | command | median wall | × floor | CPU | peak memory | × size |\n| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n"
for size in $sizes; do
  corpus="$root/bench/corpus-$size"
  teams=$(teams_for "$size")
  if [ ! -f "$corpus/.teams-$teams" ]; then
    echo "generating the $size corpus ($teams teams x 4 quarters)" >&2
    rm -rf "$corpus"
    python3 bench/generate_corpus.py --teams "$teams" --quarters 4 --seed 1 --out "$corpus"
    touch "$corpus/.teams-$teams"
  fi
  files=$(find "$corpus" -name '*.yaml' | wc -l)
  bytes=$(find "$corpus" -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {print s}')
  shown_size=$(awk -v b="$bytes" 'BEGIN {printf "%.1f MB", b/1e6}')
  floor_wall=""
  while IFS='|' read -r label command; do
    echo "timing $size: $label" >&2
    read -r wall cpu < <(timing_ms "$command")
    memory=$(peak_mib "$command")
    floor_wall=${floor_wall:-$wall}
    ratio=$(awk -v w="$wall" -v f="$floor_wall" 'BEGIN {printf "%.2f", w/f}')
    size_ratio=$(awk -v m="$memory" -v b="$bytes" 'BEGIN {printf "%.2f", m*1048576/b}')
    table+="| $size ($teams teams) | $files | $shown_size | $label | $wall ms | $ratio | $cpu ms | $memory MiB | $size_ratio |\n"
  done <<EOT
C floor (libyaml events, 1 thread)|$floor $corpus
okr lint|$okr lint --repo $corpus
okr score --format json|$okr score --format json --repo $corpus --as-of 2026-09-30
okr status|$okr status --repo $corpus --as-of 2026-08-14
EOT
done
echo "timing okr score on examples/acme" >&2
acme="$okr score --repo $root/examples/acme --as-of 2026-09-30"
# A 20 ms command is timed many times: one slow start would otherwise decide it.
read -r acme_wall acme_cpu < <(timing_ms "$acme" "${ACME_RUNS:-100}")
acme_bytes=$(find examples/acme -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {print s}')
table+="| examples/acme | $(find examples/acme -name '*.yaml' | wc -l) | $(awk -v b="$acme_bytes" 'BEGIN {printf "%.2f MB", b/1e6}') | okr score (start-up cost) | $acme_wall ms | | $acme_cpu ms | $(peak_mib "$acme") MiB | |\n"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
timer=$(command -v hyperfine >/dev/null 2>&1 && hyperfine --version || echo "repeated runs, median (hyperfine not installed)")
{
  echo "# Performance"
  echo
  echo "Measured by \`bash bench/run.sh\` on $(nproc) cores ($cpu), $(date -u +%Y-%m-%d)."
  echo "Timer: $timer, $runs runs after one warm-up (examples/acme: ${ACME_RUNS:-100}); memory: GNU time's peak RSS of one run."
  echo "× floor: the median wall time over the C floor's on the same corpus. CPU: mean user + system"
  echo "time, over all cores. × size: peak memory over the corpus's size on disk."
  echo "okr $("$okr" --version), release build with the Swift runtime linked statically; libyaml $(pkg-config --modversion yaml-0.1)."
  echo
  echo "The corpora come from \`python3 bench/generate_corpus.py --teams N --quarters 4 --seed 1\`:"
  echo "each team has a quarter file and a 13-week check-in log per quarter (four quarters,"
  echo "2025-Q4 to 2026-Q3). The C floor only parses every file with libyaml's event API."
  echo "\`okr lint\` reads, parses, decodes and validates every file. \`okr score\` and"
  echo "\`okr status\` read and parse every file, decode and check the 2026-Q3 files (a"
  echo "report is about one quarter; docs/format.md §1), then report on 2026-Q3."
  echo
  printf "%b" "$table"
  echo
  echo "Commands, with CORPUS one of bench/corpus-{small,medium,large}:"
  echo
  echo '```sh'
  echo ".build/libyaml_floor CORPUS"
  echo ".build-static/release/okr lint --repo CORPUS"
  echo ".build-static/release/okr score --format json --repo CORPUS --as-of 2026-09-30"
  echo ".build-static/release/okr status --repo CORPUS --as-of 2026-08-14"
  echo ".build-static/release/okr score --repo examples/acme --as-of 2026-09-30"
  echo '```'
} > docs/performance.md.new
if [ -f docs/performance-notes.md ]; then cat docs/performance-notes.md >> docs/performance.md.new; fi
mv docs/performance.md.new docs/performance.md
echo "wrote docs/performance.md" >&2
cat docs/performance.md
