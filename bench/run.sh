#!/bin/bash
# run.sh: moonreel against its peers on the benchmark workloads, side by side, A B A B.
#   bench/run.sh [WORKLOAD ...]        (w1 w2 w3; default: w1)
# Environment: MOONREEL (default build/moonreel), MOONREEL_FLAGS (e.g. "--backend cuda"),
# TIMEIT (default build/bench/timeit), MEDIA (default /tmp/media, made with the peers'
# media.sh if missing), PAIRS (default 3), PEERS (the peers' scripts: ../shared/bench).
# On a machine with nvidia-smi it also runs the peers' CUDA scripts, samples the GPU memory
# in use, and measures W1 render-only (--encoder null) against decode-only rates.
# Times mean something only as ratios from the same run: the machines are shared.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MOONREEL=${MOONREEL:-$here/../build/moonreel}
MOONREEL_FLAGS=${MOONREEL_FLAGS:-}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
PEERS=${PEERS:-$here/../../shared/bench}
MEDIA=${MEDIA:-/tmp/media}
PAIRS=${PAIRS:-3}
export MEDIA
[ -f "$MEDIA/a1080.mp4" ] || sh "$PEERS/media.sh" "$MEDIA" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"; [ -n "${smi:-}" ] && kill $smi 2>/dev/null' EXIT
gpu=false; command -v nvidia-smi >/dev/null && nvidia-smi >/dev/null 2>&1 && gpu=true

# gpu_peak CMD...: runs CMD while sampling the GPU's memory in use; prints the peak rise in MiB
gpu_peak() {
  local base; base=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits | head -1)
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 50 > "$out/smi" 2>/dev/null & smi=$!
  "$@"; local st=$?
  kill $smi 2>/dev/null; wait $smi 2>/dev/null; smi=
  echo $(( $(sort -n "$out/smi" | tail -1) - base )) > "$out/gpumem"
  return $st
}
# measure NAME CMD...: appends "seconds kilobytes" for one run to $out/NAME
measure() {
  local name=$1; shift
  if ! "$TIMEIT" "$out/t" "$@" >/dev/null 2>"$out/err"; then cat "$out/err" >&2; exit 1; fi
  cat "$out/t" >> "$out/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mr() { "$MOONREEL" run "$here/$1.lua" -o "$2" --set "media=$MEDIA" --preset veryfast --crf 20 --quiet $MOONREEL_FLAGS "${@:3}"; }

peers_of() {
  case $1 in
    w1) echo "transcode:w1_transcode.sh ffmpeg_cpu:w1_ffmpeg.sh"; $gpu && echo "ffmpeg_cuda:w1_ffmpeg_cuda.sh" ;;
    w2) echo "ffmpeg_cpu:w2_ffmpeg.sh"; $gpu && echo "ffmpeg_cuda:w2_ffmpeg_cuda.sh" ;;
    w3) echo "ffmpeg_cpu:w3_ffmpeg.sh" ;;
  esac
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')$($gpu && echo ", $(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)"), $(date -u +%Y-%m-%d)"
echo "moonreel: $MOONREEL $MOONREEL_FLAGS"
for w in "${@:-w1}"; do
  rm -f "$out"/moonreel "$out"/peer_* "$out"/gpumems
  for i in $(seq "$PAIRS"); do      # A B A B: moonreel, then each peer, per round
    if $gpu; then gpu_peak measure moonreel bash -c "$(declare -f mr); MOONREEL='$MOONREEL' here='$here' MEDIA='$MEDIA' MOONREEL_FLAGS='$MOONREEL_FLAGS' mr $w $out/$w.mp4"; cat "$out/gpumem" >> "$out/gpumems"
    else measure moonreel "$MOONREEL" run "$here/$w.lua" -o "$out/$w.mp4" --set "media=$MEDIA" --preset veryfast --crf 20 --quiet $MOONREEL_FLAGS; fi
    for p in $(peers_of "$w"); do
      measure "peer_${p%%:*}" sh "$PEERS/${p#*:}" "$out/${p%%:*}.mp4"
    done
  done
  m=$(cut -d' ' -f1 "$out/moonreel" | median)
  printf '\n%s (%s pairs)\n%-12s %8s %10s %s\n' "$w" "$PAIRS" "who" "median s" "peak MB" "runs (s)"
  printf '%-12s %8.2f %10.0f %s%s\n' moonreel "$m" "$(cut -d' ' -f2 "$out/moonreel" | sort -n | tail -1 | awk '{print $1/1024}')" \
    "$(cut -d' ' -f1 "$out/moonreel" | tr '\n' ' ')" "$($gpu && echo " peak GPU memory $(sort -n "$out/gpumems" | tail -1) MiB")"
  for f in "$out"/peer_*; do
    p=${f##*/peer_}
    pm=$(cut -d' ' -f1 "$f" | median)
    printf '%-12s %8.2f %10.0f %s  moonreel/%s = %.2f\n' "$p" "$pm" \
      "$(cut -d' ' -f2 "$f" | sort -n | tail -1 | awk '{print $1/1024}')" "$(cut -d' ' -f1 "$f" | tr '\n' ' ')" \
      "$p" "$(awk -v a="$m" -v b="$pm" 'BEGIN {print a / b}')"
  done
  if [ "$w" = w1 ]; then   # render-only against decode-only, frames per second (450 frames)
    rm -f "$out"/ro "$out"/do "$out"/fd "$out"/fc
    for i in $(seq "$PAIRS"); do
      measure ro "$MOONREEL" run "$here/w1.lua" -o "$out/null.mkv" --set "media=$MEDIA" --encoder null --quiet $MOONREEL_FLAGS
      measure do "$MOONREEL" run "$here/decode_w1.lua" -o "$out/null.mkv" --set "media=$MEDIA" --encoder null --quiet $MOONREEL_FLAGS
      measure fc ffmpeg -hide_banner -loglevel error -ss 2 -t 15 -i "$MEDIA/a1080.mp4" -an -f null -
      $gpu && measure fd ffmpeg -hide_banner -loglevel error -hwaccel cuda -hwaccel_output_format cuda -ss 2 -t 15 -i "$MEDIA/a1080.mp4" -an -f null -
    done
    fps() { awk -v s="$(cut -d' ' -f1 "$out/$1" | median)" 'BEGIN {printf "%.0f", 450 / s}'; }
    echo "W1 render-only (moonreel --encoder null): $(fps ro) fps; moonreel decode-only (source, same path): $(fps do) fps, ratio $(awk -v a="$(fps ro)" -v b="$(fps do)" 'BEGIN {printf "%.2f", a / b}')"
    echo "ffmpeg decode-only of the same 15 s: CPU $(fps fc) fps$($gpu && echo ", NVDEC $(fps fd) fps")"
  fi
done
