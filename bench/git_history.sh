#!/usr/bin/env bash
# How long okr takes to read git history. First the weekly shape: 50 teams
# (TEAMS=200 for the shape in docs/performance.md), 13 weekly commits that each
# touch every team's quarter file (a title, and every fourth week a target) and
# append to every team's check-in log. Then, with SHAPES=1, the shapes of issue
# #25 made by bench/git_shapes.py through git fast-import: 10,000 teams (status
# against score) and 500 teams x 5,000 commits of one team each.
#
#   bash bench/git_history.sh          # prints the timings
#   TEAMS=200 SHAPES=1 bash bench/git_history.sh
#   OKR=path/to/okr bash bench/git_history.sh
#
# The repository is generated into bench/corpus-git (ignored by git) with fixed
# authors and dates, so every run reads the same history.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
okr=${OKR:-}
if [ -z "$okr" ]; then
  swift build -c release --static-swift-stdlib --product okr --scratch-path .build-static >&2
  okr="$root/.build-static/release/okr"
fi
repo="$root/bench/corpus-git"
teams=${TEAMS:-50}
rm -rf "$repo"
mkdir -p "$repo/okrs/2026-Q3" "$repo/checkins/2026-Q3"
cd "$repo"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench
export GIT_COMMITTER_EMAIL=bench@example.com GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git init -q -b main .
printf 'organization: Bench\nalerts:\n  - rule: moved_goalposts\n  - rule: behind_pace\n' > okr.yaml

quarter_file() { # team week
  local target=$((200 + ($2 / 4) * 5))
  {
    printf 'quarter: 2026-Q3\nteam: team-%s\nobjectives:\n' "$1"
    for o in 1 2 3; do
      printf '  - id: O%s\n    title: Objective %s, revised in week %s\n    key_results:\n' "$o" "$o" "$2"
      for k in 1 2 3 4; do
        printf '      - {id: KR%s, title: Key result %s, baseline: 100, target: %s, unit: "%%"}\n' "$k" "$k" "$target"
      done
    done
  } > "okrs/2026-Q3/team-$1.yaml"
}

for week in $(seq 1 13); do
  day=$(date -u -d "2026-07-03 + $(( (week - 1) * 7 )) days" +%F)
  iso=$(date -u -d "$day" +%G-W%V)
  for t in $(seq 1 "$teams"); do
    quarter_file "$t" "$week"
    {
      printf -- '---\nteam: team-%s\nquarter: 2026-Q3\nweek: %s\nkey_results:\n' "$t" "$iso"
      for o in 1 2 3; do for k in 1 2 3 4; do
        printf '  O%s/KR%s: {value: %s, confidence: 7}\n' "$o" "$k" $((100 + week * 6))
      done; done
    } >> "checkins/2026-Q3/team-$t.yaml"
  done
  git add -A
  GIT_AUTHOR_DATE="${day}T12:00:00Z" GIT_COMMITTER_DATE="${day}T12:00:00Z" git commit -q -m "Week $week"
done
echo "$(git rev-list --count HEAD) commits, $teams teams, $(du -sh .git | cut -f1) of git objects" >&2

cd "$root"
commands=(
  "$okr alerts --repo $repo --as-of 2026-09-30 --format json"
  "$okr history --repo $repo --as-of 2026-09-30 --format json"
  "$okr diff HEAD~4 HEAD --repo $repo --as-of 2026-09-30 --format json"
  "$okr status --repo $repo --as-of 2026-09-30 --format json"
)
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "${RUNS:-10}" -i "${commands[@]}"
else
  for command in "${commands[@]}"; do
    echo "$command"
    /usr/bin/env time -f "  %e s, %M KB" $command > /dev/null || true
  done
fi

[ "${SHAPES:-0}" = 1 ] || exit 0
for shape in "10000 13 500" "500 5000 1"; do
  # shellcheck disable=SC2086 # three numbers
  set -- $shape
  folder="$root/bench/corpus-git-$1x$2"
  rm -rf "$folder"
  python3 "$root/bench/git_shapes.py" "$folder" "$1" "$2" "$3"
  echo "== $1 teams, $2 commits of $3 teams each" >&2
  for command in score alerts status; do
    /usr/bin/env time -f "  $command: %e s, %M KB" "$okr" "$command" --repo "$folder" --as-of 2026-09-30 --format json >/dev/null || true
  done
done
