#!/usr/bin/env bash
# Installs okr like a Unix tool: the binary, its man page and shell completions.
#
#   PREFIX=$HOME/.local Scripts/install.sh      # build (release) and install where you can write
#   Scripts/install.sh build && sudo Scripts/install.sh   # into /usr/local; the build stays yours
#   DESTDIR=/tmp/stage PREFIX=/usr Scripts/install.sh   # stage for a package
#   Scripts/install.sh uninstall                # remove what install put there (same PREFIX/DESTDIR)
#
# What goes where, under $DESTDIR$PREFIX:
#   bin/okr
#   share/man/man1/okr.1                        (docs/man/okr.1, generated from the commands)
#   share/bash-completion/completions/okr       (bash-completion loads it on first use)
#   share/zsh/site-functions/_okr
#   share/fish/vendor_completions.d/okr.fish
#
# The build is `swift build -c release`, with the Swift runtime linked statically
# on Linux so the binary runs on machines without a Swift toolchain. Set
# OKR_BINARY to install an okr you built already (CI builds once for install and release).
# Under sudo, install takes the binary `Scripts/install.sh build` made rather than
# building as root (which would leave root-owned files in .build and needs swift on root's PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

build_flags=(-c release --product okr)
[ "$(uname -s)" = Linux ] && build_flags+=(--static-swift-stdlib)

action=${1:-install}
prefix=${PREFIX-/usr/local}
root="${DESTDIR:-}${prefix}"

bin="$root/bin/okr"
man="$root/share/man/man1/okr.1"
bash_completion="$root/share/bash-completion/completions/okr"
zsh_completion="$root/share/zsh/site-functions/_okr"
fish_completion="$root/share/fish/vendor_completions.d/okr.fish"

case "$action" in
  build)
    swift build "${build_flags[@]}"
    echo "built $(swift build "${build_flags[@]}" --show-bin-path)/okr; now: sudo $0 (or PREFIX=... $0)"
    exit 0
    ;;
  install) ;;
  uninstall)
    for file in "$bin" "$man" "$bash_completion" "$zsh_completion" "$fish_completion"; do
      if [ -e "$file" ]; then
        rm -f "$file"
        echo "removed $file"
      fi
    done
    exit 0
    ;;
  *)
    echo "usage: [PREFIX=/usr/local] [DESTDIR=] $0 [build|install|uninstall]" >&2
    exit 64
    ;;
esac

if [ -z "${OKR_BINARY:-}" ] && [ -n "${SUDO_USER:-}" ] && [ "$(id -u)" = 0 ]; then
  # The path `build` printed; no swift needed to find it.
  for candidate in .build/release/okr .build/*/release/okr; do
    if [ -x "$candidate" ]; then OKR_BINARY=$candidate; break; fi
  done
  if [ -z "${OKR_BINARY:-}" ]; then
    echo "install.sh: under sudo, build first as yourself: Scripts/install.sh build" >&2
    exit 1
  fi
  echo "installing $OKR_BINARY, built by 'Scripts/install.sh build' (run it again after changes)" >&2
fi
if [ -z "${OKR_BINARY:-}" ]; then
  swift build "${build_flags[@]}" >&2
  OKR_BINARY="$(swift build "${build_flags[@]}" --show-bin-path)/okr"
fi
[ -x "$OKR_BINARY" ] || { echo "install.sh: no okr binary at $OKR_BINARY" >&2; exit 1; }

install -d "$root/bin" "$(dirname "$man")" "$(dirname "$bash_completion")" \
  "$(dirname "$zsh_completion")" "$(dirname "$fish_completion")"
install -m 0755 "$OKR_BINARY" "$bin"
install -m 0644 docs/man/okr.1 "$man"
# The completion scripts come from the binary, so they always match its commands.
for shell in bash zsh fish; do
  case $shell in
    bash) target=$bash_completion ;;
    zsh) target=$zsh_completion ;;
    fish) target=$fish_completion ;;
  esac
  "$OKR_BINARY" --generate-completion-script "$shell" > "$target.tmp"
  chmod 0644 "$target.tmp"
  mv "$target.tmp" "$target"
done

for file in "$bin" "$man" "$bash_completion" "$zsh_completion" "$fish_completion"; do
  echo "installed $file"
done
