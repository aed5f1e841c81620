#!/bin/bash
# preview.sh: preview speed for W1 at preview size (960x540), side by side with ffmpeg.
#   bench/preview.sh [BACKEND]        (cpu by default; cuda on the GPU machine)
# 1. cold start to a PNG of W1 at 7.3 s (moonreel frame) against ffmpeg -ss 9.3 -frames:v 1, A B A B;
# 2. through the preview page's server (what a user scrubbing meets): the first frame at random
#    times, the frame after it, and sequential playback (frames per second at preview size).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MOONREEL=${MOONREEL:-$here/../build/moonreel}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
MEDIA=${MEDIA:-/tmp/media}
PEERS=${PEERS:-$here/../../shared/bench}
BACKEND=${1:-cpu}
[ -f "$MEDIA/a1080.mp4" ] || sh "$PEERS/media.sh" "$MEDIA" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"; [ -n "${pid:-}" ] && kill $pid 2>/dev/null' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for i in 1 2 3; do
  "$TIMEIT" "$out/t" "$MOONREEL" frame "$here/w1.lua" -t 7.3 -o "$out/m.png" --size 960x540 --backend "$BACKEND" --set "media=$MEDIA" -q
  cut -d' ' -f1 "$out/t" >> "$out/cold_m"
  "$TIMEIT" "$out/t" ffmpeg -hide_banner -loglevel error -y -ss 9.3 -i "$MEDIA/a1080.mp4" -frames:v 1 -vf scale=960:540 "$out/f.png"
  cut -d' ' -f1 "$out/t" >> "$out/cold_f"
done
cm=$(median < "$out/cold_m"); cf=$(median < "$out/cold_f")
echo "cold start to a PNG of W1 at 7.3 s: moonreel $cm s, ffmpeg -ss 9.3 -frames:v 1 $cf s, ratio $(awk -v a="$cm" -v b="$cf" 'BEGIN {printf "%.2f", a / b}')"

# the page's server, as the REPL opens it; frames asked for over HTTP as the page does
mkfifo "$out/in"
"$MOONREEL" repl "$here/w1.lua" --serve --backend "$BACKEND" --set "media=$MEDIA" < "$out/in" > "$out/log" 2>&1 & pid=$!
exec 3> "$out/in"
for i in $(seq 100); do grep -q "preview page" "$out/log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$out/log" | head -1)
base=${url%%\?*}; token=${url#*\?}
get() { curl -s -o /dev/null -w '%{time_total}\n' "${base}api/frame?${token}&t=$1&size=960"; }
get 1 > /dev/null   # the server's first request (decoders open, fonts, the logo)
RANDOM=7
for i in $(seq 8); do
  t=$(awk -v r=$RANDOM 'BEGIN {printf "%.3f", 0.5 + r % 13000 / 1000}')
  get "$t" >> "$out/first"
  get "$(awk -v t="$t" 'BEGIN {printf "%.4f", t + 1 / 30}')" >> "$out/next"
  "$TIMEIT" "$out/t" ffmpeg -hide_banner -loglevel error -y -ss "$(awk -v t="$t" 'BEGIN {print t + 2}')" \
    -i "$MEDIA/a1080.mp4" -frames:v 1 -vf scale=960:540 "$out/f.png"   # W1's source time is t + 2
  cut -d' ' -f1 "$out/t" >> "$out/ffirst"
done
start=$(date +%s.%N)
for k in $(seq 0 89); do get "$(awk -v k=$k 'BEGIN {printf "%.4f", 3 + k / 30}')" > /dev/null; done
end=$(date +%s.%N)
fm=$(median < "$out/first"); ff=$(median < "$out/ffirst")
echo "page server, $BACKEND backend: first frame at a random time: median $(awk -v a="$fm" 'BEGIN {printf "%.0f", a * 1000}') ms (max $(sort -n "$out/first" | tail -1 | awk '{printf "%.0f", $1 * 1000}') ms); ffmpeg -ss T -frames:v 1 at the same times: median $(awk -v a="$ff" 'BEGIN {printf "%.0f", a * 1000}') ms; ratio $(awk -v a="$fm" -v b="$ff" 'BEGIN {printf "%.2f", a / b}')"
echo "page server, $BACKEND backend: the frame after it: median $(median < "$out/next" | awk '{printf "%.0f", $1 * 1000}') ms"
echo "page server, $BACKEND backend: playback of 90 frames in order at 960x540: $(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", 90 / (e - s)}') fps"
exec 3>&-
