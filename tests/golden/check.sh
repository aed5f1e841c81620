#!/bin/sh
# check.sh MOONREEL SCENE: the scene's per-frame checksums must equal tests/golden/sums/SCENE.txt.
# Regenerate on purpose only, with `make golden` (then review the diff).
set -e
here=$(cd "$(dirname "$0")" && pwd)
got=$(mktemp)
trap 'rm -f "$got"' EXIT
"$1" checksum "$here/scenes/$2.lua" > "$got"
if ! diff -u "$here/sums/$2.txt" "$got"; then
  echo "golden $2: the frames differ from tests/golden/sums/$2.txt (see the diff above)" >&2
  exit 1
fi
echo "golden $2: $(wc -l < "$got") checksums match"
