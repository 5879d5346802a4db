#!/usr/bin/env bash
# Renders an okr HTML report in headless Chromium at desktop and phone widths and
# checks the page is not blank (the screenshot has more than a few colours).
#
#   Scripts/render-html.sh report.html OUT_DIR
#
# Needs chromium (Debian: apt-get install chromium) and python3. Exit 0 when both
# screenshots look like a page, 1 when one is blank, 2 when chromium is missing.
set -euo pipefail
html=$(realpath "$1")
out=${2:-.}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed; skipped (apt-get install chromium)" >&2
  exit 2
fi
for size in desktop:1280,1800 phone:390,1800; do
  name=${size%%:*}
  window=${size#*:}
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$window" \
    --screenshot="$out/$name.png" "file://$html" >/dev/null 2>&1
  python3 - "$out/$name.png" <<'PY'
import sys, zlib, struct
# A PNG's pixels, without third-party libraries: count the distinct colours in its rows.
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, depth, ctype = 8, b"", 0, 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
raw = zlib.decompress(idat)
channels = {2: 3, 6: 4}.get(ctype, 3)
stride = width * channels + 1
colours = set()
for row in range(0, height, max(1, height // 200)):
    line = raw[row * stride + 1:(row + 1) * stride]
    for x in range(0, len(line) - channels, channels * max(1, width // 200)):
        colours.add(line[x:x + 3])
print(f"{sys.argv[1]}: {width}x{height}, {len(colours)} colours sampled")
sys.exit(0 if len(colours) > 8 else 1)
PY
done
