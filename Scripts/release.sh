#!/usr/bin/env bash
# Builds the release archive for this machine's OS and architecture:
#
#   dist/okr-<version>-<os>-<arch>.tar.gz          bin/okr, share/man/man1/okr.1,
#   dist/okr-<version>-<os>-<arch>.tar.gz.sha256   the bash/zsh/fish completions,
#                                                  README.md and LICENSE (Apache-2.0)
#
# The layout under the top folder is the one Scripts/install.sh makes under a
# prefix, so unpacking it and copying bin/ and share/ into /usr/local installs it.
# <version> is read from Sources/okr/OKR+Version.swift, the one place it is
# written, and the built binary must print the same for `okr --version`.
#
#   Scripts/release.sh                 # release build (static Swift runtime on Linux), then pack
#   OKR_BINARY=path Scripts/release.sh # pack an okr built already
#   Scripts/release.sh --output DIR    # somewhere other than dist/
set -euo pipefail
cd "$(dirname "$0")/.."

output=dist
if [ "${1:-}" = --output ]; then output=$2; fi

version=$(sed -n 's/^ *static let version = "\([^"]*\)".*/\1/p' Sources/okr/OKR+Version.swift)
[ -n "$version" ] || { echo "release.sh: no version in Sources/okr/OKR+Version.swift" >&2; exit 1; }
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) os=$(uname -s | tr '[:upper:]' '[:lower:]') ;;
esac
arch=$(uname -m)
[ "$arch" = aarch64 ] && arch=arm64
name="okr-$version-$os-$arch"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR="$stage/$name" PREFIX="" Scripts/install.sh > /dev/null

built=$("$stage/$name/bin/okr" --version)
if [ "$built" != "$version" ]; then
  echo "release.sh: the binary says $built, OKR+Version.swift says $version" >&2
  exit 1
fi

# The license travels with every copy of the binary: no archive without it.
[ -f LICENSE ] || { echo "release.sh: no LICENSE file; an archive must carry the license" >&2; exit 1; }
cp README.md LICENSE "$stage/$name/"

mkdir -p "$output"
archive="$output/$name.tar.gz"
# Same inputs, same bytes: sorted names, no owners, the last commit's time, gzip without a timestamp.
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
if tar --version 2>/dev/null | grep -q "GNU tar"; then
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name"
else
  tar -C "$stage" --uid 0 --gid 0 -cf - "$name"
fi | gzip -9n > "$archive"

if command -v sha256sum > /dev/null; then
  (cd "$output" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
else
  (cd "$output" && shasum -a 256 "$name.tar.gz" > "$name.tar.gz.sha256")
fi
echo "$archive"
echo "$archive.sha256"
