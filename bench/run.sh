#!/bin/bash
# run.sh: moonreel against its peers on the benchmark workloads, side by side, A B A B.
#   bench/run.sh [WORKLOAD ...]        (default: w1; also w2 w3)
# Environment: MOONREEL (default build/moonreel), MEDIA (default /tmp/media, made by
# ../shared/bench/media.sh if missing), PAIRS (default 3), PEERS (the shared bench folder).
# Prints, per workload, each run's wall time and peak RSS, the medians, and the ratios of
# moonreel to each peer from the same run. Times count only as ratios: the machine is shared.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MOONREEL=${MOONREEL:-$here/../build/moonreel}
PEERS=${PEERS:-$here/../../shared/bench}
MEDIA=${MEDIA:-/tmp/media}
PAIRS=${PAIRS:-3}
export MEDIA
[ -f "$MEDIA/a1080.mp4" ] || sh "$PEERS/media.sh" "$MEDIA" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# measure NAME CMD...: appends "seconds kilobytes" for one run to $out/NAME
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  cat "$out/t" >> "$out/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

peers_of() {
  case $1 in
    w1) echo "transcode:w1_transcode.sh ffmpeg_cpu:w1_ffmpeg.sh" ;;
    w2) echo "ffmpeg_cpu:w2_ffmpeg.sh" ;;
    w3) echo "ffmpeg_cpu:w3_ffmpeg.sh" ;;
  esac
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
for w in "${@:-w1}"; do
  rm -f "$out"/moonreel "$out"/peer_*
  for i in $(seq "$PAIRS"); do      # A B A B: moonreel, then each peer, per round
    measure moonreel "$MOONREEL" run "$here/$w.lua" -o "$out/$w.mp4" --set "media=$MEDIA" \
      --preset veryfast --crf 20 --quiet
    for p in $(peers_of "$w"); do
      measure "peer_${p%%:*}" sh "$PEERS/${p#*:}" "$out/${p%%:*}.mp4"
    done
  done
  m=$(cut -d' ' -f1 "$out/moonreel" | median)
  printf '\n%s (%s pairs)\n%-12s %8s %10s %s\n' "$w" "$PAIRS" "who" "median s" "peak MB" "runs (s)"
  printf '%-12s %8.2f %10.0f %s\n' moonreel "$m" "$(cut -d' ' -f2 "$out/moonreel" | sort -n | tail -1 | awk '{print $1/1024}')" \
    "$(cut -d' ' -f1 "$out/moonreel" | tr '\n' ' ')"
  for f in "$out"/peer_*; do
    p=${f##*/peer_}
    pm=$(cut -d' ' -f1 "$f" | median)
    printf '%-12s %8.2f %10.0f %s  moonreel/%s = %.2f\n' "$p" "$pm" \
      "$(cut -d' ' -f2 "$f" | sort -n | tail -1 | awk '{print $1/1024}')" "$(cut -d' ' -f1 "$f" | tr '\n' ' ')" \
      "$p" "$(awk -v a="$m" -v b="$pm" 'BEGIN {print a / b}')"
  done
done
