#!/bin/sh
# replay.sh TARGET DIR...: runs a fuzz target once over every file in the folders (seeds and
# past crashers): a crash that was fixed must stay fixed.
set -e
target=$1; shift
files=$(for d in "$@"; do if [ -d "$d" ]; then find "$d" -type f; fi; done)
[ -n "$files" ] || { echo "no inputs"; exit 0; }
"$target" -runs=1 $files 2>&1 | tail -3
echo "replayed $(echo "$files" | wc -l) inputs: no crash"
