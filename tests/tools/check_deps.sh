#!/bin/sh
# check_deps.sh ROOT: the README's list of what building needs is scripts/deps.sh's build set,
# word for word and in order (the list sits on the lines after the marker comment, between
# backquotes).
root=$1
readme=$(awk '/the build set of scripts\/deps.sh/ {on = 1; next} on {print} on && /`\.?$/ {exit}' "$root/README.md" |
  tr -d '`' | tr -s ' \n' ' ' | sed 's/\. *$//; s/ *$//')
script=$(sh "$root/scripts/deps.sh" --list build)
if [ "$readme" != "$script" ]; then
  echo "README.md's build dependencies differ from scripts/deps.sh build:" >&2
  echo "  README:  $readme" >&2
  echo "  deps.sh: $script" >&2
  exit 1
fi
echo "README lists the build set: $(echo "$script" | wc -w) packages"
