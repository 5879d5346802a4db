#!/usr/bin/env bash
# Asks each shell for okr's completions in a fixture repository, as a person pressing Tab would:
#
#   bash  sources the generated script and calls _okr with COMP_WORDS/COMP_CWORD set (always run);
#   zsh   loads _okr through compinit in a real interactive zsh, types the line and Tab (in tmux);
#   fish  sources okr.fish in a real interactive fish, types the line and Tab (in tmux).
#
# fish 3's `complete --do-complete` cannot run the generated script's `commandline -tC` outside an
# interactive shell, so both zsh and fish are driven through a terminal. A shell, or tmux, that is
# missing is reported as skipped. Each scripted shell calls `okr ---completion …` back, which reads
# the repository the line names with --repo, else the one around the current directory.
#
# Usage: Scripts/check-completions.sh [OKR] [SHELL...]   (default: .build/debug/okr, and bash zsh fish)
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
fail() {
  echo "check-completions: FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "check-completions: ok: $*" >&2; }
skip() { echo "check-completions: skipped: $*" >&2; }

okr=${1:-.build/debug/okr}
shells=("${@:2}")
[ ${#shells[@]} -gt 0 ] || shells=(bash zsh fish)
wanted() { [[ " ${shells[*]} " == *" $1 "* ]]; }
okr="$(cd "$(dirname "$okr")" && pwd)/$(basename "$okr")"
[ -x "$okr" ] || {
  echo "check-completions: no okr at $okr" >&2
  exit 1
}
scratch=$(mktemp -d)
socket="okr-completions-$$"
servers=()
cleanup() {
  tmux -L "$socket" kill-server > /dev/null 2>&1 || true
  # A server that inherited blocked signals does not stop on kill-server; it is ended by its id.
  for pid in "${servers[@]}"; do kill -9 "$pid" > /dev/null 2>&1 || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT
# The generated scripts call `okr` by name, as an installed one would be.
mkdir -p "$scratch/bin"
ln -s "$okr" "$scratch/bin/okr"
export PATH="$scratch/bin:$PATH"

# The fixture: two cycles, two teams, one of the repository's own templates, a CSV among other files.
repo="$scratch/repo"
quarter() { # cycle team key-results...
  local file="$repo/okrs/$1/$2.yaml"
  mkdir -p "$(dirname "$file")"
  printf 'quarter: %s\nteam: %s\nobjectives:\n' "$1" "$2" > "$file"
  shift 2
  local objective=""
  for reference in "$@"; do
    if [ "${reference%%/*}" != "$objective" ]; then
      objective=${reference%%/*}
      printf '  - id: %s\n    title: Objective %s\n    key_results:\n' "$objective" "$objective" >> "$file"
    fi
    printf '      - {id: %s, title: Reach ten, baseline: 0, target: 10}\n' "${reference#*/}" >> "$file"
  done
}
quarter 2026-Q2 growth O1/KR1 O1/KR2
quarter 2026-Q3 growth O1/KR1 O2/KR1
quarter 2026-Q3 web O1/KR1 O1/KR2 O1/KR3
mkdir -p "$repo/templates" "$repo/data"
printf '# A team retrospective template\n' > "$repo/templates/retro.yaml"
printf 'team,kr,value\n' > "$repo/data/week.csv"
printf 'notes\n' > "$repo/data/notes.txt"
# A repository where nothing decodes: completion offers nothing and says nothing.
broken="$scratch/broken"
mkdir -p "$broken/okrs/2026-Q3"
printf 'quarter: [\n' > "$broken/okrs/2026-Q3/web.yaml"

okr --generate-completion-script bash > "$scratch/okr.bash"
mkdir -p "$scratch/zsh"
okr --generate-completion-script zsh > "$scratch/zsh/_okr"
okr --generate-completion-script fish > "$scratch/okr.fish"

# bash: the words of a line, the last one being completed; prints the candidates sorted on one line.
bash_candidates() {
  bash -c 'source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _okr okr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' bash "$scratch/okr.bash" "$@" 2> "$scratch/bash.err"
}
bash_expect() { # expected -- words...
  local expected=$1
  shift 2
  local got
  got=$(cd "${directory:-$repo}" && bash_candidates "$@")
  got=${got% }
  if [ "$got" = "$expected" ] && [ ! -s "$scratch/bash.err" ]; then
    pass "bash: '$*<Tab>' offers: $got"
  else
    fail "bash: '$*<Tab>' offers '$got', expected '$expected'$(sed 's/^/; stderr: /' "$scratch/bash.err")"
  fi
}

if wanted bash; then
  bash_expect "growth web" -- okr status --team ''
  bash_expect "web" -- okr status --team w
  bash_expect "2026-Q2 2026-Q3" -- okr score --quarter ''
  bash_expect "O1/KR1 O1/KR2 O1/KR3 O2/KR1" -- okr history --kr ''
  bash_expect "O1/KR1 O1/KR2 O1/KR3" -- okr history --team web --kr ''
  bash_expect "O1/KR1 O2/KR1" -- okr history --quarter 2026-Q3 --team growth --kr ''
  bash_expect "kanban personal product retro" -- okr init --team x --template ''
  bash_expect "data okrs templates" -- okr checkin import ''
  bash_expect "data/week.csv" -- okr checkin import data/
  bash_expect "O1/KR1 O1/KR2 O1/KR3" -- okr checkin record --team web --kr ''
  bash_expect "--blocker --confidence --done --kr --note --value" -- okr checkin record --team web --kr O1/KR1 ''
  bash_expect "0 1 10 2 3 4 5 6 7 8 9 green red yellow" -- okr checkin record --team web --kr O1/KR1 --confidence ''
  bash_expect "false true" -- okr checkin record --team web --kr O1/KR1 --done ''
  directory=$scratch bash_expect "growth web" -- okr status --repo "$repo" --team ''
  directory=$scratch bash_expect "growth web" -- okr status --repo="$repo" --team ''
  directory=$scratch bash_expect "" -- okr status --team ''
  directory=$scratch bash_expect "" -- okr status --repo "$broken" --team ''
  directory=$scratch bash_expect "" -- okr status --repo "$scratch/nowhere" --team ''
fi

# zsh and fish: a real interactive shell in tmux; type the line, press Tab, read the screen.
# `pane_expect SHELL LINE WORD...`: after Tab, every WORD is on the screen (listed, or put on the line). A
# second Tab is pressed when the first only filled in what the candidates share (zsh's `2026-Q`).
pane_expect() {
  local shell=$1 line=$2
  shift 2
  tmux -L "$socket" send-keys -t "$shell" C-u C-l
  sleep 0.3
  tmux -L "$socket" send-keys -t "$shell" -l "$line"
  local screen="" missing="" tabs=0 tries
  while [ $tabs -lt 2 ]; do
    tmux -L "$socket" send-keys -t "$shell" Tab
    tabs=$((tabs + 1))
    tries=0
    while [ $tries -lt 15 ]; do
      sleep 0.2
      tries=$((tries + 1))
      screen=$(tmux -L "$socket" capture-pane -p -t "$shell")
      missing=""
      for word in "$@"; do
        grep -qF -- "$word" <<< "$screen" || missing="$missing $word"
      done
      [ -z "$missing" ] && break 2
    done
  done
  tmux -L "$socket" send-keys -t "$shell" C-c
  if [ -z "$missing" ]; then
    pass "$shell: '$line<Tab>' offers $*"
  else
    fail "$shell: '$line<Tab>' does not offer$missing; the screen: $(tr '\n' '|' <<< "$screen")"
  fi
}

start_shell() { # name command...
  local name=$1
  shift
  tmux -L "$socket" new-session -d -s "$name" -x 200 -y 40 -c "$repo" "$@"
  servers+=("$(tmux -L "$socket" display-message -p '#{pid}')")
  sleep 1
}

if ! wanted zsh && ! wanted fish; then
  :
elif ! command -v tmux > /dev/null; then
  skip "zsh and fish completions: no tmux here to type into them (apt-get install tmux)"
else
  if ! wanted zsh; then
    :
  elif command -v zsh > /dev/null; then
    start_shell zsh env PATH="$PATH" HOME="$scratch" zsh -f
    tmux -L "$socket" send-keys -t zsh "PS1='%# '; fpath=('$scratch/zsh' \$fpath); autoload -Uz compinit; compinit -u -d '$scratch/zcompdump'" Enter
    sleep 1
    pane_expect zsh "okr status --team " growth web
    pane_expect zsh "okr score --quarter " 2026-Q2 2026-Q3
    pane_expect zsh "okr history --team web --kr " O1/KR1 O1/KR2 O1/KR3
    pane_expect zsh "okr init --template " kanban personal product retro
    pane_expect zsh "okr checkin record --team web --kr " O1/KR1 O1/KR2 O1/KR3
    pane_expect zsh "okr checkin record --team web --kr O1/KR1 --confidence " green yellow red
    pane_expect zsh "okr status --repo '$repo' --quarter " 2026-Q2 2026-Q3
  else
    skip "zsh completions: no zsh here (apt-get install zsh)"
  fi
  if ! wanted fish; then
    :
  elif command -v fish > /dev/null; then
    start_shell fish env PATH="$PATH" HOME="$scratch" XDG_CONFIG_HOME="$scratch/fish-config" fish --no-config
    tmux -L "$socket" send-keys -t fish "function fish_prompt; echo '> '; end; source '$scratch/okr.fish'" Enter
    sleep 1
    pane_expect fish "okr status --team " growth web
    pane_expect fish "okr score --quarter " 2026-Q2 2026-Q3
    pane_expect fish "okr history --team web --kr " O1/KR1 O1/KR2 O1/KR3
    pane_expect fish "okr init --template " kanban personal product retro
    pane_expect fish "okr checkin record --team web --kr " O1/KR1 O1/KR2 O1/KR3
    pane_expect fish "okr checkin record --team web --kr O1/KR1 --confidence " green yellow red
    pane_expect fish "okr checkin import data/" week.csv
  else
    skip "fish completions: no fish here (apt-get install fish)"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "check-completions: $failures failed" >&2
  exit 1
fi
echo "check-completions: all passed" >&2
