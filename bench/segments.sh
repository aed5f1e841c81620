#!/bin/bash
# segments.sh: segment-parallel rendering against one pipeline and against the peers, A B A B.
#   bench/segments.sh                 W1 with x264 (transcode peer), W2 (ffmpeg CUDA peer),
#                                     W1 render only; N = 1, 2, 4 and auto
# Environment as bench/run.sh: MOONREEL, MOONREEL_FLAGS ("--backend cuda"), TIMEIT, MEDIA,
# PAIRS (default 2), PEERS, SEGMENTS (default "1 2 4 auto"), WORKLOADS (default "w1 w2 w1ro"),
# AVCOMPARE (default beside MOONREEL: tests/avcompare). Without ffmpeg on PATH the peers are
# left out (said). Each line: the median seconds, the runs, the ratio to the peer or to N = 1,
# and the segments' peak memory (all processes' peak resident sets added, from
# MOONREEL_TRACE). Times mean something only as ratios from the same run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MOONREEL=${MOONREEL:-$here/../build/moonreel}
MOONREEL_FLAGS=${MOONREEL_FLAGS:-}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
AVCOMPARE=${AVCOMPARE:-$(dirname "$MOONREEL")/tests/avcompare}
PEERS=${PEERS:-$here/../../shared/bench}
MEDIA=${MEDIA:-/tmp/media}
PAIRS=${PAIRS:-2}
SEGMENTS=${SEGMENTS:-1 2 4 auto}
WORKLOADS=${WORKLOADS:-w1 w2 w1ro}
export MEDIA
[ -f "$MEDIA/a1080.mp4" ] || sh "$PEERS/media.sh" "$MEDIA" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
peers=true; command -v ffmpeg >/dev/null || { peers=false; echo "no ffmpeg on PATH: the peers are left out"; }

# timed NAME CMD...: one run, "seconds" appended to $out/NAME; the peak memory line kept
timed() {
  local name=$1; shift
  if ! MOONREEL_TRACE=1 "$TIMEIT" "$out/t" "$@" >/dev/null 2>"$out/err"; then cat "$out/err" >&2; exit 1; fi
  cut -d' ' -f1 "$out/t" >> "$out/$name"
  local mem; mem=$(sed -n 's/.*segments done: peak memory \([0-9]*\) MiB in all.*/\1/p' "$out/err")
  [ -n "$mem" ] || mem=$(( $(cut -d' ' -f2 "$out/t") / 1024 ))   # one process: its own peak
  echo "$mem" >> "$out/$name.mem"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
line() { # line LABEL NAME BASE_NAME
  local m b; m=$(median < "$out/$2"); b=$(median < "$out/$3")
  printf '%-34s %6.2f s  ratio %.3f  peak memory %5s MiB   (runs: %s)\n' "$1" "$m" "$(awk -v a="$m" -v b="$b" 'BEGIN {print a / b}')" \
    "$(median < "$out/$2.mem")" "$(tr '\n' ' ' < "$out/$2")"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name --format=csv,noheader | head -1
echo "moonreel: $MOONREEL $MOONREEL_FLAGS"
for w in $WORKLOADS; do
  script=${w%ro} flags=""
  [ "$w" != "$script" ] && flags="--encoder null"
  peer=""
  case $w in w1) peer=w1_transcode.sh ;; w2) peer=w2_ffmpeg_cuda.sh ;; esac
  [ -n "$peer" ] && ! $peers && peer=""
  for i in $(seq "$PAIRS"); do
    [ -n "$peer" ] && timed peer sh "$PEERS/$peer" "$out/peer.mp4"
    for n in $SEGMENTS; do
      timed "$w-$n" "$MOONREEL" run "$here/$script.lua" -o "$out/$w-$n.mp4" --set "media=$MEDIA" --preset veryfast \
        --crf 20 --quiet $MOONREEL_FLAGS --segments "$n" $flags
    done
  done
  echo "== $w${flags:+ (render only)}: the ratio is to ${peer:-N = 1}"
  [ -n "$peer" ] && { cp "$out/peer" "$out/base"; cp "$out/peer.mem" "$out/base.mem"; line "peer $peer" peer base; }
  [ -z "$peer" ] && { cp "$out/$w-1" "$out/base"; }
  for n in $SEGMENTS; do line "moonreel --segments $n" "$w-$n" base; done
  if [ -z "$flags" ] && [ -x "$AVCOMPARE" ]; then   # the pictures against one pipeline's
    for n in $SEGMENTS; do
      [ "$n" = 1 ] && continue
      echo "  --segments $n against 1: $("$AVCOMPARE" "$out/$w-1.mp4" "$out/$w-$n.mp4" | tr '\n' ' ')"
    done
  fi
  rm -f "$out"/peer "$out"/peer.mem "$out"/base*
done
