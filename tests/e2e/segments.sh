#!/bin/bash
# segments.sh: segment-parallel rendering. `run --segments N` and the cluster's `--segment K/N`
# + `join` give the single render's file: the same frame count, every picture the same (lossless
# x264: identical; at the default quality within the encoder's difference), key frames at the
# segment starts, increasing timestamps, the sound sample for sample the single render's. Bad
# and broken parts (missing, foreign, cut, a killed task, a changed script) are errors naming
# them, and leave nothing behind.
source "$(dirname "$0")/lib.sh"
AC=$(dirname "$MC")/avcompare
cd "$WORK"
cp "$ROOT/scripts/assets/sample.mp4" .
# 9 s: cuts, a speed change, a fade and a title over sound (a tone under the clip's own)
cat > edit.lua <<'LUA'
local v = video("sample.mp4")
local cut = concat{v, v:speed(1.5), v:fadein(0.5)}:dur(9)
local title = text(args.title or "segments", {size = 28, color = "white"}):at("center"):start(2):dur(4)
render(v:dur(1), "inside.mp4")   -- the script's own render: a plain run makes it, segments skip it
return compose({cut, title}):with_audio(audio_mix{cut, tone(330):volume(0.1)})
LUA
# until_true COMMAND: waits up to 20 s for COMMAND (evaluated) to succeed
until_true() { for _ in $(seq 200); do eval "$1" && return 0; sleep 0.1; done; return 1; }
# psnr_min "avcompare output": the min PSNR ("inf" for identical)
psnr_min() { echo "$1" | sed -n 's/^psnr min=\([^ ]*\) .*/\1/p'; }

"$MR" run edit.lua -o single.mp4 --crf 0 -q 2>/dev/null && ok || bad "single lossless render"
rm -f inside.mp4
"$MR" run edit.lua -o seg.mp4 --crf 0 --segments 3 2>err.txt && ok || bad "--segments 3: $(cat err.txt)"
expect_contains "it says so" "$(cat err.txt)" "in 3 segments"
expect_file inside.mp4      # the script's own render(): made by the process the user started
rm -f inside.mp4
cmp=$("$AC" single.mp4 seg.mp4)
expect_contains "every frame" "$cmp" "frames 270 270"
expect_eq "every picture the single render's (lossless)" "$(psnr_min "$cmp")" inf
expect_contains "the sound sample for sample" "$cmp" "sound 432128 432128 maxdiff=0.000000"
keys=" $("$MC" seg.mp4 keyframes | head -1)"
for f in 0 90 180; do expect_contains "a key frame at the segment start $f" "$keys" " $f "; done
expect_eq "timestamps" "$("$MC" seg.mp4 timestamps)" "packets=270 dts=increasing pts=unique"
expect_eq "no segments folder left" "$(ls -a | grep -c moonreel-segments)" 0

# with --gpus, a process per segment (each seeing its GPU as the only one; the CPU here)
"$MR" run edit.lua -o gpus.mp4 --crf 0 --segments 2 --gpus 0 2>err.txt && ok || bad "--gpus 0: $(cat err.txt)"
expect_eq "--gpus: every picture the single render's" "$(psnr_min "$("$AC" single.mp4 gpus.mp4)")" inf
# a script from standard input: segments in threads (the clip is made once); processes, tasks
# and joins read the script again, so --gpus renders one pipeline and --segment refuses
"$MR" run - -o stdin.mp4 --crf 0 --segments 2 < edit.lua 2>err.txt && ok || bad "run - : $(cat err.txt)"
expect_contains "run - : in segments" "$(cat err.txt)" "in 2 segments"
expect_eq "run - : every picture the single render's" "$(psnr_min "$("$AC" single.mp4 stdin.mp4)")" inf
"$MR" run - -o stdin.mp4 --crf 0 --segments 2 --gpus 0 < edit.lua 2>err.txt && ok || bad "run - --gpus: $(cat err.txt)"
expect_contains "run - --gpus: one pipeline, said why" "$(cat err.txt)" "standard input or a pipe"
expect_eq "run - --gpus: every picture the single render's" "$(psnr_min "$("$AC" single.mp4 stdin.mp4)")" inf
"$MR" run - --segment 0/2 -o sparts/ < edit.lua 2>err.txt; expect_eq "--segment from standard input: status" $? 2
expect_contains "--segment from standard input: says why" "$(cat err.txt)" "needs the script in a file"
expect_no_file sparts
rm -f inside.mp4

# at the default quality: the pictures differ only as two encodes do
"$MR" run edit.lua -o single20.mp4 -q 2>/dev/null
"$MR" run edit.lua -o seg20.mp4 --segments 4 -q 2>/dev/null && ok || bad "--segments 4"
cmp=$("$AC" single20.mp4 seg20.mp4)
expect_contains "every frame at crf 20" "$cmp" "frames 270 270"
awk -v p="$(psnr_min "$cmp")" 'BEGIN { exit !(p >= 40) }' && ok || bad "crf 20: min PSNR $(psnr_min "$cmp") < 40 dB"
echo "  crf 20, 4 segments against one: $(echo "$cmp" | grep psnr)"

# the cluster's way: three tasks, then join (from another folder: the manifest has the script's path)
rm -f inside.mp4
for k in 0 1 2; do "$MR" run edit.lua --segment $k/3 -o parts/ --crf 0 -q 2>/dev/null || bad "task $k"; done
expect_eq "three parts and their manifests" "$(ls parts | grep -c '^part-000[0-2]-of-0003\.\(mp4\|json\)$')" 6
expect_no_file inside.mp4   # tasks skip the script's own render()
mkdir elsewhere && (cd elsewhere && "$MR" join ../parts/ -o ../joined.mp4 -q) && ok || bad "join"
cmp=$("$AC" single.mp4 joined.mp4)
expect_eq "joined: every picture" "$(psnr_min "$cmp")" inf
expect_contains "joined: every frame and the sound" "$cmp" "frames 270 270"
expect_contains "joined: the sound" "$cmp" "maxdiff=0.000000"
expect_no_file inside.mp4   # nor does the join
expect_no_file elsewhere/inside.mp4

# what a join refuses, naming the part; the output is never touched
echo "an earlier file" > keep.mp4
join_fails() { # WHAT NEEDLE
  "$MR" join parts -o keep.mp4 2>err.txt; local rc=$?
  expect_eq "$1: exit status" $rc 1
  expect_contains "$1: says" "$(cat err.txt)" "$2"
  expect_eq "$1: the earlier file kept" "$(cat keep.mp4)" "an earlier file"
}
mv parts/part-0001-of-0003.json part1.json
join_fails "a missing part" "lacks 1 of the 3 parts (segments 1)"
mv part1.json parts/
"$MR" run edit.lua --segment 1/3 -o parts/ --crf 0 --set title=other -q 2>/dev/null
join_fails "a part with other --set values" "their options differ"
expect_contains "naming the option that differs" "$(cat err.txt)" "'--set=title=other'"
"$MR" run edit.lua --segment 1/3 -o parts/ --crf 0 -q 2>/dev/null
"$MR" run edit.lua --segment 1/4 -o parts/ --crf 0 -q 2>/dev/null
join_fails "a part of another split" "numbers of segments differ"
rm parts/part-0001-of-0004.*
cp parts/part-0002-of-0003.mp4 part2.mp4
head -c 20000 part2.mp4 > parts/part-0002-of-0003.mp4
join_fails "a cut part" "part 2/3: its file"
cp part2.mp4 parts/part-0002-of-0003.mp4
printf 'XXXX' | dd of=parts/part-0002-of-0003.mp4 bs=1 seek=20000 conv=notrunc 2>/dev/null
join_fails "a part changed in place, its size kept" "part 2/3: its file"
cp part2.mp4 parts/part-0002-of-0003.mp4
cp parts/part-0000-of-0003.json part0.json
echo "[" > parts/part-0000-of-0003.json
join_fails "a broken manifest" "render part 0/3 again (run --segment 0/3)"
cp part0.json parts/part-0000-of-0003.json
echo "-- changed" >> edit.lua
join_fails "a changed script" "changed since the parts were rendered"
sed -i '$d' edit.lua
"$MR" join parts -o keep.mp4 -q && ok || bad "the mended parts join"
expect_eq "mended: every picture" "$(psnr_min "$("$AC" single.mp4 keep.mp4)")" inf

# the same options in another order are the same render; one option given twice counts in order
"$MR" run edit.lua --segment 0/2 -o oparts/ --crf 0 --set a=1 --set b=2 -q 2>/dev/null
"$MR" run edit.lua --segment 1/2 -o oparts/ --set b=2 --crf 0 --set a=1 -q 2>/dev/null
"$MR" join oparts -o ordered.mp4 -q 2>err.txt && ok || bad "options in another order: $(cat err.txt)"
expect_eq "options in another order: every picture" "$(psnr_min "$("$AC" single.mp4 ordered.mp4)")" inf
"$MR" run edit.lua --segment 1/2 -o oparts/ --crf 0 --set b=2 --set a=2 --set a=1 -q 2>/dev/null
"$MR" join oparts -o twice.mp4 2>err.txt && bad "--set a=2 --set a=1 is not --set a=1" || ok
expect_contains "an option given twice: named" "$(cat err.txt)" "'--set=a=2'"
expect_no_file twice.mp4

# a killed task leaves no part: the join names it; running that task again mends it
cat > long.lua <<'LUA'
local title = text("long", {size = 40}):at(function(t) return 100 + t * 10, 300 end)
return compose({color("#204060", 1280, 720), title}, {duration = 60, fps = 30})
LUA
slow="--threads 1 --encoder-threads 1"   # a task of a few seconds, to be killed in the middle
rm -rf lparts
"$MR" run long.lua --segment 0/2 -o lparts/ -q 2>/dev/null
"$MR" run long.lua --segment 1/2 -o lparts/ $slow -q 2>/dev/null &
pid=$!
until_true "ls -a lparts | grep -q 'part-0001-of-0002.mp4.moonreel-.*part$'" && ok || bad "the task never started writing"
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
expect_no_file lparts/part-0001-of-0002.json
expect_no_file lparts/part-0001-of-0002.mp4
"$MR" join lparts -o long.mp4 2>err.txt; expect_eq "join after a killed task fails" $? 1
expect_contains "naming it" "$(cat err.txt)" "segments 1"
expect_no_file long.mp4
"$MR" run long.lua --segment 1/2 -o lparts/ -q 2>/dev/null
"$MR" join lparts -o long.mp4 -q && ok || bad "join after the task ran again"
expect_contains "60 s joined" "$("$MC" long.mp4)" "frames=1800"

# run --segments interrupted: nothing at the output, no folder of parts left
segment_procs() { pgrep -f -- '--segment [0-9]+/2 .*long\.lua$' | wc -l; }
# stopped_by_sigterm WHAT STARTED [run options]: SIGTERM once STARTED holds; status 143, nothing left
stopped_by_sigterm() {
  "$MR" run long.lua -o stopped.mp4 --segments 2 "${@:3}" $slow -q &
  local pid=$!
  until_true "$2" && ok || bad "$1: the segments never started"
  kill -TERM $pid; wait $pid
  expect_eq "$1: status 143" $? 143
  expect_no_file stopped.mp4
  expect_eq "$1: no segments folder left" "$(ls -a | grep -c moonreel-segments)" 0
}
stopped_by_sigterm "SIGTERM" "ls -a | grep -q moonreel-segments"
stopped_by_sigterm "SIGTERM with --gpus" '[ "$(segment_procs)" = 2 ]' --gpus 0
expect_eq "no segment process left" "$(segment_procs)" 0
# a second signal leaves at once, and still removes the folder with the parts done so far
for round in 1 2 3; do
  "$MR" run long.lua -o stopped.mp4 --segments 2 $slow -q &
  pid=$!
  until_true "ls -a | grep -q moonreel-segments" || bad "two signals: the segments never started"
  sleep 0.$round
  kill -INT $pid; sleep 0.01; kill -INT $pid 2>/dev/null; wait $pid
  expect_eq "two signals ($round): status 130" $? 130
  expect_no_file stopped.mp4
  expect_eq "two signals ($round): no segments folder left" "$(ls -a | grep -c moonreel-segments)" 0
done

# SIGKILL leaves the hidden folder (nothing can clean up); the next segmented render beside
# it sweeps it (its lock is free); with --gpus the segments' processes die with their parent
"$MR" run long.lua -o killed.mp4 --segments 2 $slow -q &
pid=$!
until_true "ls -a | grep -q moonreel-segments" && ok || bad "the segments never started"
kill -9 $pid; wait $pid 2>/dev/null
expect_eq "SIGKILL: the folder is left" "$(ls -a | grep -c moonreel-segments)" 1
"$MR" run long.lua -o killed.mp4 --segments 2 --gpus 0 $slow -q &
pid=$!
until_true '[ "$(segment_procs)" = 2 ]' && ok || bad "the segments' processes never started"
kill -9 $pid; wait $pid 2>/dev/null
until_true '[ "$(segment_procs)" = 0 ]' && ok || bad "SIGKILL with --gpus: segment processes outlive their parent"
"$MR" run long.lua -o swept.mp4 --segments 2 --frames 0-59 -q && ok || bad "a segmented render after the kills"
expect_eq "the killed renders' folders are swept" "$(ls -a | grep -c moonreel-segments)" 0
expect_no_file killed.mp4

# more segments than frames: empty parts, and the join still whole
cat > short.lua <<'LUA'
return compose({color("#802020", 64, 36)}, {duration = 10 / 30, fps = 30}):with_audio(tone(440):dur(10 / 30))
LUA
for k in $(seq 0 11); do "$MR" run short.lua --segment $k/12 -o sparts/ -q 2>/dev/null || bad "short task $k"; done
expect_eq "10 picture files for 12 segments" "$(ls sparts/*.mp4 | wc -l)" 10
"$MR" join sparts -o short.mp4 -q && ok || bad "join of 12 segments of 10 frames"
expect_contains "10 frames" "$("$MC" short.mp4)" "frames=10"
"$MR" run short.lua -o short1.mp4 --segments 40 -q && ok || bad "--segments 40 of 10 frames"
expect_contains "--segments past the frames: as many as frames" "$("$MC" short1.mp4)" "frames=10"

# what cannot be segmented says why; auto on this machine changes nothing
if has_gif; then
  "$MR" run short.lua -o s.gif --segments 2 2>err.txt; expect_eq "gif: rendered all the same" $? 0
  expect_contains "gif: says why not in segments" "$(cat err.txt)" "GIFs and PNG sequences are not joined from parts; rendering it in one pipeline"
fi
echo 'return tone(440):dur(1)' > sound.lua
"$MR" run sound.lua -o s.wav --segments 2 2>err.txt; expect_eq "sound only: rendered all the same" $? 0
expect_contains "sound only: says why not in segments" "$(cat err.txt)" "the clip has no picture; rendering it in one pipeline"
"$MR" run short.lua --segment 0/2 -o p.mp4 2>err.txt; expect_eq "--segment -o FILE: status 2" $? 2
expect_contains "--segment -o FILE: why" "$(cat err.txt)" "writes a folder of parts"
expect_no_file p.mp4
"$MR" run short.lua --segment 0/2 -o deep/er/parts/ -q && ok || bad "--segment makes the folders it needs"
"$MR" join sparts -o sparts/part-0011-of-0012.mp4 2>err.txt; expect_eq "join onto a part: status 2" $? 2
expect_contains "join onto a part: why" "$(cat err.txt)" "is the file of part 11/12"
"$MR" join sparts -o x.gif 2>err.txt; expect_eq "join into a GIF: status 2" $? 2
expect_contains "join into a GIF: why" "$(cat err.txt)" "joins into a video file"
# a script drawing random numbers makes the same edit in every segment's process
cat > rnd.lua <<'LUA'
local c = ({"#ff0000", "#00ff00", "#0000ff", "#ffff00", "#00ffff", "#ff00ff"})[math.random(6)]
return compose({color(c, 64, 36)}, {duration = 2, fps = 30})
LUA
"$MR" run rnd.lua -o rnd.mp4 --segments 3 --gpus 0 -q && ok || bad "random script in segments"
first=$(pixel rnd.mp4 0 32 18) last=$(pixel rnd.mp4 59 32 18)
expect_eq "random: the same colour in the first and last segment" "$last" "$first"
"$MR" run short.lua -o s.mp4 --segments 0 2>err.txt; expect_eq "--segments 0: status 2" $? 2
expect_contains "--segments 0: why" "$(cat err.txt)" "wants auto or a whole number"
"$MR" run short.lua --segment 0/2 2>err.txt; expect_eq "--segment without -o: status 2" $? 2
expect_contains "--segment without -o: why" "$(cat err.txt)" "wants -o FOLDER"
"$MR" run short.lua --segment 2/2 -o p/ 2>err.txt; expect_eq "--segment 2/2: status 2" $? 2
expect_contains "--segment 2/2: why" "$(cat err.txt)" "'2/2'"
"$MR" frame short.lua --segments 2 2>err.txt; expect_eq "frame --segments: status 2" $? 2
expect_contains "frame --segments: why" "$(cat err.txt)" "--segments is an option of 'moonreel run'"
"$MR" join 2>err.txt; expect_eq "join without arguments: status 2" $? 2
"$MR" join nowhere -o x.mp4 2>err.txt; expect_eq "join of no folder: status 1" $? 1
expect_contains "join of no folder: why" "$(cat err.txt)" "cannot read the folder 'nowhere'"
if [ "$(nproc)" -lt 8 ]; then
  "$MR" run short.lua -o auto.mp4 2>err.txt && ok || bad "auto"
  expect_eq "auto on $(nproc) cores: one pipeline" "$(grep -c segments err.txt)" 0
fi
finish
