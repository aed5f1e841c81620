#!/bin/sh
# update.sh MOONREEL: rewrites every tests/golden/sums/*.txt from the current build.
set -e
here=$(cd "$(dirname "$0")" && pwd)
for s in "$here"/scenes/*.lua; do
  name=$(basename "$s" .lua)
  "$1" checksum "$s" > "$here/sums/$name.txt"
  echo "updated $name ($(wc -l < "$here/sums/$name.txt") lines)"
done
