#!/bin/bash
# w4.sh: W4, 100 personalised 6 s 1280x720 videos: moonreel batch against the peers' shell
# loop of ffmpeg commands at each J (the best J is the peer), side by side, A B A B.
#   bench/w4.sh [J values for ffmpeg, default "1 2"]     env: MOONREEL_FLAGS, PAIRS (default 2)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MOONREEL=${MOONREEL:-$here/../build/moonreel}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
PEERS=${PEERS:-$here/../../shared/bench}
MOONREEL_FLAGS=${MOONREEL_FLAGS:-}
PAIRS=${PAIRS:-2}
JS=${1:-"1 2"}
W4=$(cd "$PEERS/w4" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for i in $(seq "$PAIRS"); do
  rm -rf "$out/m"
  "$TIMEIT" "$out/t" "$MOONREEL" batch "$here/w4_template.lua" "$W4/rows.csv" -o "$out/m/{id}.mp4" --set "images=$W4" \
    --allow "$W4" --preset veryfast --crf 20 --quiet --report "$out/report.json" $MOONREEL_FLAGS
  cut -d' ' -f1 "$out/t" >> "$out/moonreel"
  for j in $JS; do
    rm -rf "$out/f"
    J=$j "$TIMEIT" "$out/t" bash "$PEERS/w4_ffmpeg.sh" "$out/f"
    cut -d' ' -f1 "$out/t" >> "$out/ffmpeg_j$j"
  done
done
m=$(median < "$out/moonreel")
best=""; bestj=""
for j in $JS; do
  f=$(median < "$out/ffmpeg_j$j")
  echo "ffmpeg loop J=$j: median $f s ($(awk -v s="$f" 'BEGIN {printf "%.0f", 6000 / s}') rows/min): runs $(tr '\n' ' ' < "$out/ffmpeg_j$j")"
  if [ -z "$best" ] || awk -v a="$f" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$f; bestj=$j; fi
done
rep="$out/report.json"
num() { grep -o "\"$1\": [0-9.e+-]*" "$rep" | grep -o '[0-9.e+-]*$'; }
echo "moonreel batch $MOONREEL_FLAGS: median $m s ($(awk -v s="$m" 'BEGIN {printf "%.0f", 6000 / s}') rows/min): runs $(tr '\n' ' ' < "$out/moonreel")"
echo "  per-row start-up (fresh sandboxed state to clip ready) $(num startup_ms_median) ms; peak memory: parent $(( $(num peak_rss_kb_parent) / 1024 )) MB, a worker $(( $(num peak_rss_kb_worker) / 1024 )) MB"
echo "best ffmpeg loop: J=$bestj, $best s; moonreel is $(awk -v a="$best" -v b="$m" 'BEGIN {printf "%.2f", a / b}')x as fast"
