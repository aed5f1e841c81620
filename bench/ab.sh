#!/bin/bash
# ab.sh A B: what a feature costs: bench/A.lua against bench/B.lua, A B A B on one backend,
# with the encoder and render only (--encoder null); the median of each and B / A.
#   bench/ab.sh w1 w1_animated      MOONREEL_FLAGS="--backend cuda" for the GPU; PAIRS (default 3)
# The machines are shared: only the ratio from one run means something.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
A=$1 B=$2
MOONREEL=${MOONREEL:-$here/../build/moonreel}
MOONREEL_FLAGS=${MOONREEL_FLAGS:-}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
PEERS=${PEERS:-$here/../../shared/bench}
MEDIA=${MEDIA:-/tmp/media}
PAIRS=${PAIRS:-3}
[ -f "$MEDIA/a1080.mp4" ] || sh "$PEERS/media.sh" "$MEDIA" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # run NAME SCRIPT [render flags]: one timed render into $out/NAME
  "$TIMEIT" "$out/t" "$MOONREEL" run "$here/$2.lua" -o "$out/$1.mp4" --set "media=$MEDIA" --preset veryfast --crf 20 \
    --quiet $MOONREEL_FLAGS "${@:3}" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  cut -d' ' -f1 "$out/t" >> "$out/$1"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "moonreel: $MOONREEL $MOONREEL_FLAGS; $A against $B"
for i in $(seq "$PAIRS"); do
  run a "$A"
  run b "$B"
  run a_ro "$A" --encoder null
  run b_ro "$B" --encoder null
done
for kind in "" _ro; do
  s=$(median < "$out/a$kind") a=$(median < "$out/b$kind")
  label="with the encoder"; [ -n "$kind" ] && label="render only (--encoder null)"
  printf '%-30s %s %6.2f s  %s %6.2f s  %s/%s = %.3f   (runs: %s | %s)\n' \
    "$label" "$A" "$s" "$B" "$a" "$B" "$A" "$(awk -v a="$a" -v s="$s" 'BEGIN {print a / s}')" \
    "$(tr '\n' ' ' < "$out/a$kind")" "$(tr '\n' ' ' < "$out/b$kind")"
done
