#!/bin/bash
# sound_text.sh: issue 16's three goals in one run, on the machine it runs on:
#   1. W1 with its title styled (box, shadow, typewriter) against W1: within 5 % (bench/ab.sh
#      w1 w1_styled), on each backend given in BACKENDS (default "cpu cuda");
#   2. an edit with subtitle cues burnt in, 20 cues a minute, against the same edit without
#      them: within 10 % (bench/ab.sh subs_plain subs; SUBS_MINUTES long, default 10);
#   3. measuring the loudness of NORM_MINUTES (default 10) of sound (what :normalize does before
#      rendering) against rendering those minutes without it: under 10 %.
# MOONREEL, TIMEIT, MEDIA and PAIRS as bench/ab.sh takes them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MOONREEL=${MOONREEL:-$here/../build/moonreel}
TIMEIT=${TIMEIT:-$here/../build/bench/timeit}
MEDIA=${MEDIA:-/tmp/media}
BACKENDS=${BACKENDS:-cpu cuda}
SUBS_MINUTES=${SUBS_MINUTES:-10}
NORM_MINUTES=${NORM_MINUTES:-10}
export MOONREEL TIMEIT MEDIA
for b in $BACKENDS; do
  echo "== W1 styled title, --backend $b"
  MOONREEL_FLAGS="--backend $b" "$here/ab.sh" w1 w1_styled | tail -2
  echo "== subtitles, $SUBS_MINUTES minutes, --backend $b"
  MOONREEL_FLAGS="--backend $b --set minutes=$SUBS_MINUTES" "$here/ab.sh" subs_plain subs | tail -2
done
echo "== loudness of $NORM_MINUTES minutes against their render (--backend ${BACKENDS%% *}, with x264)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/measure.lua" <<LUA
local clip = video("$MEDIA/a1080.mp4"):loop():dur($NORM_MINUTES * 60)
local lufs, peak = clip:loudness()
print(("integrated %.2f LUFS, true peak %.2f dBTP"):format(lufs, peak))
LUA
"$TIMEIT" "$out/tm" "$MOONREEL" run "$out/measure.lua" -q
cat > "$out/plain.lua" <<LUA
return video("$MEDIA/a1080.mp4"):loop():dur($NORM_MINUTES * 60)
LUA
"$TIMEIT" "$out/tr" "$MOONREEL" run "$out/plain.lua" -o "$out/plain.mp4" -q --backend "${BACKENDS%% *}" --preset veryfast
m=$(cut -d' ' -f1 "$out/tm") r=$(cut -d' ' -f1 "$out/tr")
printf 'measuring %.2f s, rendering %.2f s: %.1f %% of the render\n' "$m" "$r" "$(awk -v m="$m" -v r="$r" 'BEGIN {print 100 * m / r}')"
