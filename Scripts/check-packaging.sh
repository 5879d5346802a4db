#!/usr/bin/env bash
# Checks what a user installs, from one release build (CI's only one):
#
#   1. Scripts/install.sh into a temporary DESTDIR and PREFIX: the installed okr
#      runs, `man -l` renders its page, and each completion script loads in its
#      shell where that shell is present (bash at least) and completes the names
#      in a fixture repository (Scripts/check-completions.sh).
#   2. Scripts/install.sh uninstall removes every file it installed.
#   3. Scripts/release.sh packs the same binary: the archive holds exactly the
#      expected files, its .sha256 verifies, and the okr inside runs.
#
# Tools that are missing are skipped with a message; bash and the release build are required.
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
fail() {
  echo "check-packaging: FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "check-packaging: ok: $*" >&2; }
skip() { echo "check-packaging: skipped: $*" >&2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
version=$(sed -n 's/^ *static let version = "\([^"]*\)".*/\1/p' Sources/okr/OKR+Version.swift)

# 1. Install. The release build happens here, once; everything after reuses it.
destdir="$scratch/stage"
prefix=/opt/okr-test
root="$destdir$prefix"
DESTDIR="$destdir" PREFIX="$prefix" Scripts/install.sh > "$scratch/installed.txt"
for file in bin/okr share/man/man1/okr.1 share/bash-completion/completions/okr \
  share/zsh/site-functions/_okr share/fish/vendor_completions.d/okr.fish; do
  if [ -s "$root/$file" ]; then pass "installed $file"; else fail "no $prefix/$file under DESTDIR"; fi
done
[ -x "$root/bin/okr" ] || fail "bin/okr is not executable"

if [ "$("$root/bin/okr" --version)" = "$version" ]; then
  pass "installed okr --version prints $version"
else
  fail "installed okr --version does not print $version"
fi
if "$root/bin/okr" score --repo examples/acme --as-of 2026-09-30 > "$scratch/score.txt" \
  && grep -q "^Overall " "$scratch/score.txt"; then
  pass "installed okr scores examples/acme"
else
  fail "installed okr did not score examples/acme"
fi
if [ "$(uname -s)" = Linux ]; then
  ldd "$root/bin/okr" > "$scratch/ldd.txt" 2>&1 || true
  if grep -q libswiftCore "$scratch/ldd.txt"; then
    fail "okr links the Swift runtime dynamically; install.sh should pass --static-swift-stdlib"
  else
    pass "okr carries the Swift runtime (no libswiftCore.so needed)"
  fi
fi

if command -v man > /dev/null; then
  if MANWIDTH=80 man -l "$root/share/man/man1/okr.1" 2> "$scratch/man.err" > "$scratch/man.txt" \
    && grep -q "okr.*Plan, check in on and score OKRs" "$scratch/man.txt" \
    && grep -q "checkin" "$scratch/man.txt"; then
    pass "man -l renders okr.1 ($(wc -l < "$scratch/man.txt") lines)"
  else
    fail "man -l did not render okr.1: $(head -3 "$scratch/man.err")"
  fi
else
  skip "man -l okr.1: no man here (apt-get install man-db)"
fi

completions="$root/share"
# Loaded, registered for okr, and `okr sco<Tab>` offers score (`sc` also offers schema).
if bash -c "source '$completions/bash-completion/completions/okr' && complete -p okr \
  && COMP_WORDS=(okr sco) COMP_CWORD=1 COMP_LINE='okr sco' COMP_POINT=7 && _okr okr sco okr \
  && echo \"okr sco<Tab>: \${COMPREPLY[*]}\"" > "$scratch/bash.txt" 2>&1 \
  && grep -q "okr sco<Tab>: score$" "$scratch/bash.txt"; then
  pass "bash completion loads: $(tr '\n' ';' < "$scratch/bash.txt")"
else
  fail "bash completion does not load or complete: $(cat "$scratch/bash.txt")"
fi
if command -v zsh > /dev/null; then
  # As zsh users turn it on: the folder on fpath, compinit, then `okr <Tab>` finds _okr.
  if zsh -f -c "fpath=('$completions/zsh/site-functions' \$fpath); autoload -Uz compinit; compinit -u -d '$scratch/zcompdump'; [[ \$_comps[okr] == _okr ]] && autoload +X _okr" > "$scratch/zsh.txt" 2>&1; then
    pass "zsh completion loads through compinit"
  else
    fail "zsh completion does not load: $(cat "$scratch/zsh.txt")"
  fi
else
  skip "zsh completion: no zsh here"
fi
if command -v fish > /dev/null; then
  if fish --no-config -c "source '$completions/fish/vendor_completions.d/okr.fish'; complete --do-complete 'okr '" > "$scratch/fish.txt" 2>&1 \
    && grep -q "^score" "$scratch/fish.txt"; then
    pass "fish completion loads and completes 'okr ' with the subcommands"
  else
    fail "fish completion does not load: $(head -3 "$scratch/fish.txt")"
  fi
else
  skip "fish completion: no fish here"
fi
# Tab offers the repository's teams, cycles, key results, templates and CSV files, asked of bash (always), and of
# zsh and fish typed into through tmux where they are installed; each line of it says which shell and what.
if Scripts/check-completions.sh "$root/bin/okr"; then
  pass "the installed okr's completions offer the repository's names"
else
  fail "the installed okr's completions do not offer the repository's names (see check-completions above)"
fi

# 2. Uninstall.
DESTDIR="$destdir" PREFIX="$prefix" Scripts/install.sh uninstall > /dev/null
left=$(find "$destdir" -type f)
if [ -z "$left" ]; then pass "uninstall removed every installed file"; else fail "uninstall left: $left"; fi

# 3. Release archive, as a maintainer makes it; its build finds nothing to do after step 1.
Scripts/release.sh --output "$scratch/dist" > "$scratch/release.txt"
archive=$(head -1 "$scratch/release.txt")
name=$(basename "$archive" .tar.gz)
case "$name" in
  "okr-$version-"*-*) pass "archive is named $name.tar.gz" ;;
  *) fail "archive $name.tar.gz is not okr-$version-<os>-<arch>.tar.gz" ;;
esac
if (cd "$scratch/dist" && { sha256sum -c "$name.tar.gz.sha256" 2> /dev/null || shasum -a 256 -c "$name.tar.gz.sha256"; }) > /dev/null; then
  pass "$name.tar.gz.sha256 verifies"
else
  fail "$name.tar.gz.sha256 does not verify"
fi
echo "check-packaging: $name.tar.gz holds:" >&2
tar -tzvf "$archive" | sed 's/^/  /' >&2
expected=$(
  printf '%s\n' "$name/README.md" "$name/bin/okr" "$name/share/man/man1/okr.1" \
    "$name/share/bash-completion/completions/okr" "$name/share/zsh/site-functions/_okr" \
    "$name/share/fish/vendor_completions.d/okr.fish" "$name/LICENSE"
)
actual=$(tar -tzf "$archive" | grep -v '/$')
if [ "$(sort <<< "$expected")" = "$(sort <<< "$actual")" ]; then
  pass "the archive holds exactly the binary, man page, completions, README and LICENSE"
else
  fail "the archive holds other files than expected:$(diff <(sort <<< "$expected") <(sort <<< "$actual") | sed 's/^/ /')"
fi
mkdir -p "$scratch/unpacked"
tar -xzf "$archive" -C "$scratch/unpacked"
if [ "$("$scratch/unpacked/$name/bin/okr" --version)" = "$version" ]; then
  pass "the okr in the archive runs"
else
  fail "the okr in the archive does not run"
fi
cmp -s "$scratch/unpacked/$name/share/man/man1/okr.1" docs/man/okr.1 || fail "the archive's man page is not docs/man/okr.1"

if [ "$failures" -gt 0 ]; then
  echo "check-packaging: $failures check(s) failed" >&2
  exit 1
fi
echo "check-packaging: all checks passed" >&2
