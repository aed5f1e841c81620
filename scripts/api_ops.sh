#!/bin/sh
# api_ops.sh MOONREEL API_MD [--check]: writes `moonreel help ops --markdown` between the
# markers <!-- ops:begin --> and <!-- ops:end --> of docs/api.md (the reference of every
# operation comes from the registry, never by hand). --check only compares: exit 1 and a diff
# when the file is out of date.
set -e
mr=$1 doc=$2
new=$(mktemp)
trap 'rm -f "$new"' EXIT
awk -v gen="$("$mr" help ops --markdown)" '
  /<!-- ops:begin -->/ { print; print gen; skip = 1; next }
  /<!-- ops:end -->/ { skip = 0 }
  !skip { print }' "$doc" > "$new"
if [ "${3:-}" = --check ]; then
  if ! diff -u "$doc" "$new"; then
    echo "docs/api.md's operation reference differs from 'moonreel help ops --markdown': run 'make docs'" >&2
    exit 1
  fi
  echo "docs/api.md's operation reference matches the registry"
else
  cp "$new" "$doc"
fi
