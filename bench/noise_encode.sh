#!/bin/bash
# noise_encode.sh: what grain costs the encoder, not the effect (issue 15): ffmpeg's W1
# (w1_ffmpeg.sh's graph) against the same graph with ffmpeg's own temporal noise filter, A B
# A B, with libx264 veryfast crf 20 as W1. Set beside `bench/effects.sh noise,0.2,7`: both
# tools pay x264 several times over for coding grain, while the effect itself costs little
# (effects.sh's render-only line).
#   bench/noise_encode.sh            PAIRS (default 2); FFMPEG (default ffmpeg); MEDIA
set -eu
here=$(cd "$(dirname "$0")" && pwd)
FFMPEG=${FFMPEG:-ffmpeg}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
MEDIA=${MEDIA:-/tmp/media}
PAIRS=${PAIRS:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # run NAME EXTRA_FILTER: one timed render into $out
  "$TIMEIT" "$out/t" "$FFMPEG" -hide_banner -loglevel error -y -ss 2 -t 15 -i "$MEDIA/a1080.mp4" -i "$MEDIA/logo.png" \
    -filter_complex "[1]format=rgba,colorchannelmixer=aa=0.5[l];[0][l]overlay=W-w-40:40,drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='Hello World':fontsize=96:fontcolor=white:x=(w-tw)/2:y=h-220,fade=in:st=0:d=1,fade=out:st=14:d=1$2[v]" \
    -map "[v]" -map 0:a -af "afade=in:d=1,afade=out:st=14:d=1" -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p \
    -c:a aac -b:a 128k "$out/$1.mp4"
  cut -d' ' -f1 "$out/t" >> "$out/$1"
  rm -f "$out/$1.mp4"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
for i in $(seq "$PAIRS"); do
  run plain ""
  run noise ",noise=alls=25:allf=t"
done
a=$(median < "$out/plain") b=$(median < "$out/noise")
printf 'ffmpeg W1 %.2f s, with noise=alls=25:allf=t %.2f s: %.3f\n' "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print b / a}')"
