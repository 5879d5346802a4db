#!/usr/bin/env bash
# The benchmark: okr against plain libyaml on the same files, side by side.
# One invocation makes the whole run of record:
#
#   bash bench/run.sh            # everything; writes docs/performance.md
#
# 1. multi-quarter corpora (small, medium, large: four quarters, reports decode one);
# 2. a one-quarter corpus (every file in the reported quarter, many key results);
# 3. history scaling: eight quarters against the same repository's one quarter;
# 4. start-up: `okr score` and `okr --version` on examples/acme.
#
# Smaller runs, such as a check of the script itself:
#
#   SIZES=small ONE_QUARTER_TEAMS=20 HISTORY_TEAMS=10 RUNS=2 HISTORY_RUNS=2 ACME_RUNS=10 \
#     OUTPUT=/tmp/performance.md bash bench/run.sh
#
# Builds okr in release mode and the C floor (bench/libyaml_floor.c), generates
# deterministic corpora with bench/generate_corpus.py (into bench/corpus-*,
# ignored by git), then times each command: with hyperfine when it is installed
# (apt-get install hyperfine), else by repeating runs and taking the median.
# Peak memory is GNU time's maximum resident set size of one run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=${SIZES-"small medium large"}
one_quarter_teams=${ONE_QUARTER_TEAMS:-1200}
history_teams=${HISTORY_TEAMS:-200}
runs=${RUNS:-5}
acme_runs=${ACME_RUNS:-100}
history_runs=${HISTORY_RUNS:-20}
output=${OUTPUT:-docs/performance.md}

echo "building okr (release, Swift runtime linked statically) and the libyaml floor" >&2
# Static linking is how okr is meant to be installed: it halves start-up time
# (no dynamic loading of Foundation). Its own build folder keeps the debug build.
swift build -c release --static-swift-stdlib --product okr --scratch-path .build-static >&2
okr="$root/.build-static/release/okr"
floor="$root/.build/libyaml_floor"
mkdir -p "$root/.build"
cc -O2 -o "$floor" bench/libyaml_floor.c $(pkg-config --cflags --libs yaml-0.1)

# generate FOLDER ARGS...: runs the generator unless FOLDER was made with the same arguments.
generate() {
  local folder=$1
  shift
  if [ "$(cat "$folder/.generated" 2>/dev/null)" != "$*" ]; then
    echo "generating $folder ($*)" >&2
    rm -rf "$folder"
    python3 bench/generate_corpus.py "$@" --seed 1 --out "$folder"
    echo "$*" > "$folder/.generated"
  fi
}

# Median wall time and mean CPU time (user + system) in milliseconds of a
# command, as "WALL CPU"; CPU is "-" without hyperfine.
timing_ms() {
  local count=${2:-$runs} warmup=${3:-1}
  if command -v hyperfine >/dev/null 2>&1; then
    local json
    json=$(mktemp)
    hyperfine --warmup "$warmup" --runs "$count" --ignore-failure --export-json "$json" --style none "$1" >/dev/null 2>&1
    python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['results'][0]
print(round(r['median'] * 1000, 1), round((r['user'] + r['system']) * 1000, 1))" "$json"
    rm -f "$json"
  else
    local times=()
    for _ in $(seq "$warmup"); do bash -c "$1" >/dev/null 2>&1 || true; done
    for _ in $(seq "$count"); do
      local start end
      start=$(date +%s%N)
      bash -c "$1" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      times+=($(((end - start) / 1000)))
    done
    echo "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}') -"
  fi
}

# Peak resident memory in MiB of one run.
peak_mib() {
  /usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

yaml_bytes() { find "$1" -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {print s}'; }
shown_mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b/1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print ""; else printf "%.2f", a/b}'; }
rounded() { awk -v a="$1" 'BEGIN {if (a == "-") print "-"; else if (a >= 100) printf "%.0f", a; else printf "%.1f", a}'; }

table="| corpus | files | size | command | median wall | × floor | CPU | CPU × floor | peak memory | × size |\n"
table+="| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"

# bench_corpus LABEL FOLDER: the floor and okr's commands on one corpus, as table rows.
bench_corpus() {
  local label=$1 corpus=$2
  local files bytes floor_wall="" floor_cpu=""
  files=$(find "$corpus" -name '*.yaml' | wc -l)
  bytes=$(yaml_bytes "$corpus")
  while IFS='|' read -r name command; do
    echo "timing $label: $name" >&2
    local wall cpu memory
    read -r wall cpu < <(timing_ms "$command")
    memory=$(peak_mib "$command")
    floor_wall=${floor_wall:-$wall}
    floor_cpu=${floor_cpu:-$cpu}
    table+="| $label | $files | $(shown_mb "$bytes") | $name | $(rounded "$wall") ms | $(ratio "$wall" "$floor_wall")"
    table+=" | $(rounded "$cpu") ms | $(ratio "$cpu" "$floor_cpu") | $memory MiB"
    table+=" | $(awk -v m="$memory" -v b="$bytes" 'BEGIN {printf "%.2f", m*1048576/b}') |\n"
  done <<EOT
C floor (libyaml events, 1 thread)|$floor $corpus
okr lint|$okr lint --repo $corpus
okr score --format json|$okr score --format json --repo $corpus --as-of 2026-09-30
okr status|$okr status --repo $corpus --as-of 2026-08-14
okr status --format json|$okr status --format json --repo $corpus --as-of 2026-08-14
okr digest --format slack|$okr digest --format slack --repo $corpus --as-of 2026-08-14
EOT
}

teams_for() {
  case $1 in
    small) echo 8 ;;     # about 1 MB
    medium) echo 400 ;;  # about 40 MB
    large) echo 2000 ;;  # about 200 MB
  esac
}

# 1. Four quarters: reports decode one of them, lint all.
for size in $sizes; do
  teams=$(teams_for "$size")
  generate "$root/bench/corpus-$size" --teams "$teams" --quarters 4
  bench_corpus "$size ($teams teams, 4 quarters)" "$root/bench/corpus-$size"
done

# 2. One quarter: every file is the reported quarter's and is decoded.
one_quarter="$root/bench/corpus-one-quarter"
generate "$one_quarter" --teams "$one_quarter_teams" --quarters 1 --objectives 5
bench_corpus "one quarter ($one_quarter_teams teams)" "$one_quarter"

# 3. History: eight quarters, and the same repository with only the reported one.
history8="$root/bench/corpus-history-8"
history1="$root/bench/corpus-history-1"
generate "$history8" --teams "$history_teams" --quarters 8
rm -rf "$history1"
mkdir -p "$history1/okrs" "$history1/checkins"
cp "$history8/okr.yaml" "$history1/"
cp -R "$history8/okrs/2026-Q3" "$history1/okrs/"
cp -R "$history8/checkins/2026-Q3" "$history1/checkins/"
history_table="| repository | files | size | median wall | CPU | × one quarter |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
one_wall=""
for corpus in "$history1" "$history8"; do
  quarters=$([ "$corpus" = "$history1" ] && echo 1 || echo 8)
  echo "timing history: $quarters quarter(s)" >&2
  # A quarter of a second a run, compared within 15%: more runs than the corpora get.
  read -r wall cpu < <(timing_ms "$okr score --format json --repo $corpus --as-of 2026-09-30" "$history_runs" 3)
  one_wall=${one_wall:-$wall}
  history_table+="| $history_teams teams, $quarters quarter$([ "$quarters" = 1 ] || echo s) | $(find "$corpus" -name '*.yaml' | wc -l)"
  history_table+=" | $(shown_mb "$(yaml_bytes "$corpus")") | $(rounded "$wall") ms | $(rounded "$cpu") ms | $(ratio "$wall" "$one_wall") |\n"
done

# 4. Start-up: a 10 ms command is timed many times, after warm-ups: one slow start would otherwise decide it.
echo "timing start-up on examples/acme" >&2
acme="$okr score --repo $root/examples/acme --as-of 2026-09-30"
read -r acme_wall acme_cpu < <(timing_ms "$acme" "$acme_runs" 10)
read -r version_wall version_cpu < <(timing_ms "$okr --version" "$acme_runs" 10)
startup_table="| command | median wall | CPU | peak memory |\n| --- | ---: | ---: | ---: |\n"
startup_table+="| okr score on examples/acme ($(find examples/acme -name '*.yaml' | wc -l) files) | $acme_wall ms | $acme_cpu ms | $(peak_mib "$acme") MiB |\n"
startup_table+="| okr --version (process start) | $version_wall ms | $version_cpu ms | $(peak_mib "$okr --version") MiB |\n"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
timer=$(command -v hyperfine >/dev/null 2>&1 && hyperfine --version || echo "repeated runs, median (hyperfine not installed)")
{
  echo "# Performance"
  echo
  echo "Measured by \`bash bench/run.sh\` on $(nproc) cores ($cpu), $(date -u +%Y-%m-%d), load average"
  echo "$(cut -d' ' -f1-3 /proc/loadavg) before the run."
  echo "Timer: $timer, $runs runs after one warm-up (history: $history_runs after 3; start-up: $acme_runs after 10);"
  echo "memory: GNU time's peak RSS of one run."
  echo "× floor: the median wall time over the C floor's on the same corpus. CPU: mean user + system"
  echo "time, over all cores; CPU × floor: over the floor's. × size: peak memory over the corpus's size on disk."
  echo "okr $("$okr" --version), release build with the Swift runtime linked statically; libyaml $(pkg-config --modversion yaml-0.1)."
  echo
  echo "The corpora come from \`bench/generate_corpus.py\` (seed 1). Four quarters"
  echo "(\`--teams N --quarters 4\`): each team has a quarter file (three objectives of five"
  echo "key results) and a 13-week check-in log per quarter, 2025-Q4 to 2026-Q3. One quarter"
  echo "(\`--teams $one_quarter_teams --quarters 1 --objectives 5\`): 2026-Q3 only, five objectives of five"
  echo "key results, so every file is the reported quarter's. The C floor only parses every"
  echo "file with libyaml's event API. \`okr lint\` reads, parses, decodes and validates every"
  echo "file. \`okr score\` and \`okr status\` read each file of another quarter only up to its"
  echo "cycle key (docs/format.md §1), then decode, check and report on 2026-Q3."
  echo
  printf "%b" "$table"
  echo
  echo "Commands, with CORPUS one of bench/corpus-*:"
  echo
  echo '```sh'
  echo ".build/libyaml_floor CORPUS"
  echo ".build-static/release/okr lint --repo CORPUS"
  echo ".build-static/release/okr score --format json --repo CORPUS --as-of 2026-09-30"
  echo ".build-static/release/okr status --repo CORPUS --as-of 2026-08-14"
  echo ".build-static/release/okr status --format json --repo CORPUS --as-of 2026-08-14"
  echo ".build-static/release/okr digest --format slack --repo CORPUS --as-of 2026-08-14"
  echo '```'
  echo
  echo "## History costs nothing"
  echo
  echo "\`okr score --format json --as-of 2026-09-30\` on \`--teams $history_teams --quarters 8\`"
  echo "(bench/corpus-history-8), and on the same repository with only its 2026-Q3 files and"
  echo "okr.yaml (bench/corpus-history-1):"
  echo
  printf "%b" "$history_table"
  echo
  echo "## Start-up"
  echo
  printf "%b" "$startup_table"
} > "$output.new"
if [ "$output" = docs/performance.md ] && [ -f docs/performance-notes.md ]; then
  cat docs/performance-notes.md >> "$output.new"
fi
mv "$output.new" "$output"
echo "wrote $output" >&2
cat "$output"
