#!/bin/bash
# cli.sh: the commands and options of the command line, and every output container.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

expect_contains "--version" "$("$MR" --version)" "moonreel "
expect_contains "help" "$("$MR" help)" "moonreel run edit.lua"
expect_contains "help run" "$("$MR" help run)" "--set key=value"
"$MR" help nosuch 2>/dev/null; expect_eq "help of an unknown command" $? 2
"$MR" 2>/dev/null >/dev/null; expect_eq "no command" $? 2
"$MR" frobnicate 2>/dev/null; expect_eq "unknown command" $? 2
"$MR" run 2>/dev/null; expect_eq "run without a script" $? 2
"$MR" run x.lua --crf 99 2>/dev/null; expect_eq "bad --crf" $? 2
expect_contains "bad --encoder-threads" "$("$MR" run x.lua --encoder-threads 0 2>&1)" "--encoder-threads wants a whole number 1..64, got '0'"

cat > edit.lua <<'LUA'
local n = args.n or 1
assert(type(n) == "number", "numbers arrive as numbers")
local label = args.label or "none"
return compose({color(args.bg or "red", 64, 48), text(label, {size = 10})}, {duration = n}):with_audio(tone(440):dur(n))
LUA

# -o defaults to the script's name; --set reaches args (numbers as numbers)
"$MR" run edit.lua --set n=2 --set label=hello -q && ok || bad "run with --set"
info=$("$MC" edit.mp4)
expect_contains "default output name" "$info" "video 64x48 fps=30/1 frames=60"
expect_contains "sound present" "$info" "audio 48000 2"

# the encoder's threads as asked; MOONREEL_TRACE tells when each stage started
MOONREEL_TRACE=1 "$MR" run edit.lua -o threads.mp4 --encoder-threads 2 -q 2> trace.err && ok || bad "run --encoder-threads 2"
expect_contains "--encoder-threads output" "$("$MC" threads.mp4)" "video 64x48 fps=30/1 frames=30"
for stage in "rendering on the" "output open, encoder libx264" "first picture ready for the encoder" "output finished"; do
  expect_contains "trace: $stage" "$(cat trace.err)" "$stage"
done
"$MR" run edit.lua -o plain.mp4 -q 2> plain.err && ok || bad "run without a trace"
expect_eq "no trace without MOONREEL_TRACE" "$(grep -c 'moonreel +' plain.err)" 0

# info --json and probe --json: one JSON object with stable keys (docs/cli.md), checked against
# what libavformat reads (mediacheck); parsed by node, which the browser tests need anyway
json=$("$MR" info --json edit.mp4)
if command -v node >/dev/null; then
  got=$(printf '%s' "$json" | node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(`video ${j.video.width}x${j.video.height} fps=${j.video.fps_rational} frames=${j.video.frames}`);
    console.log(`audio ${j.audio.sample_rate} ${j.audio.channels} ${j.audio.codec} ${j.size_bytes > 0} ${j.duration}`)')
  expect_contains "info --json: the picture as libavformat reads it" "$("$MC" edit.mp4)" "$(echo "$got" | head -1)"
  expect_contains "info --json: the sound" "$(echo "$got" | tail -1)" "audio 48000 2 aac true 2"
  got=$("$MR" probe --json | node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(typeof j.cuda_built, Array.isArray(j.codecs), j.auto.backend, j.auto.encoder,
                j.gpu === null ? "no-gpu " + (j.gpu_reason !== null || !j.cuda_built) : "gpu " + j.codecs.length)')
  case "$got" in
    "boolean true cpu libx264 no-gpu true"|"boolean true cuda "*" gpu 4") ok ;;
    *) bad "probe --json: unexpected report: $got" ;;
  esac
else
  echo "  skipped: the --json checks (no node to parse JSON)"
fi
expect_contains "info --json is one line of JSON" "$json" '"video":{"codec":"h264","width":64,"height":48'
"$MR" info --json 2>/dev/null; expect_eq "info --json without a file" $? 2
"$MR" probe --yaml 2>/dev/null; expect_eq "probe with an unknown option" $? 2
for c in run frame info repl batch probe compare checksum stubs help; do
  "$MR" $c --help > help.txt 2>&1; expect_eq "$c --help" $? 0
  expect_contains "$c --help says how" "$(head -1 help.txt)" "usage: moonreel $c"
  "$MR" $c --no-such-option >/dev/null 2>&1; expect_eq "$c with an unknown option" $? 2
done

# a machine without an NVIDIA driver renders on the CPU without a word (one line says why only
# where a driver is there but the GPU cannot be used)
"$MR" run edit.lua -o said.mp4 2> said.err && ok || bad "run (what it says)"
if [ -e /proc/driver/nvidia ] || ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1'; then
  echo "  (an NVIDIA driver is here: the silent case is not checked)"
else
  expect_eq "nothing but 'wrote' without a driver" "$(cat said.err)" "moonreel: wrote said.mp4"
fi

# --size letterboxes, --fps changes the rate
"$MR" run edit.lua -o sized.mp4 --size 128x48 --fps 25 -q && ok || bad "run --size --fps"
expect_contains "--size/--fps" "$("$MC" sized.mp4)" "video 128x48 fps=25/1 frames=25"
near_rgb "letterbox bar is black" "$(pixel sized.mp4 0 5 24)" 0 0 0 3
near_rgb "picture is in the middle" "$(pixel sized.mp4 0 64 24)" 255 0 0 6

# --quiet prints nothing on success
out=$("$MR" run edit.lua -o quiet.mp4 --quiet 2>&1)
expect_eq "--quiet is quiet" "$out" ""
# a machine without fontconfig's configuration file: text renders the same, without complaints
FONTCONFIG_FILE=/nonexistent "$MR" checksum "$ROOT/tests/golden/scenes/text_layout.lua" >nofc.txt 2>nofc.err
expect_eq "no fontconfig configuration: same text" "$(cmp -s nofc.txt "$ROOT/tests/golden/sums/text_layout.txt" && echo same)" same
expect_eq "no fontconfig configuration: nothing on stderr" "$(cat nofc.err)" ""

# containers and codecs by extension (and --codec/--encoder)
"$MR" run edit.lua -o out.mkv -q && expect_contains "mkv" "$("$MC" out.mkv)" "video 64x48" || bad "mkv"
"$MR" run edit.lua -o out.webm -q && expect_contains "webm opus" "$("$MC" out.webm)" "codec=opus" || bad "webm"
"$MR" run edit.lua -o out.mov --codec prores -q && expect_contains "prores mov" "$("$MC" out.mov)" "video 64x48" || bad "mov"
"$MR" run edit.lua -o hevc.mp4 --encoder x265 -q && expect_contains "x265" "$("$MC" hevc.mp4)" "video 64x48" || bad "x265"
if has_gif; then
  "$MR" run edit.lua -o out.gif 2>gif.err && expect_contains "gif" "$("$MC" out.gif)" "video 64x48" || bad "gif"
  expect_contains "gif drops the sound, saying so" "$(cat gif.err)" "GIF has no sound"
else
  "$MR" run edit.lua -o out.gif 2>gif.err; expect_eq "gif in a build without it fails" $? 1
  expect_contains "it says why" "$(cat gif.err)" "GIF output is not in this build"
  skip "gif output" "this moonreel was built with MOONREEL_GIF=OFF"
fi
"$MR" run edit.lua -o still.png -q && expect_contains "png frame" "$("$MC" still.png)" "video 64x48" || bad "png"
"$MR" run edit.lua -o x.mp4 --encoder nosuchenc 2>err.txt; expect_eq "unknown encoder fails" $? 1
expect_contains "unknown encoder message" "$(cat err.txt)" "encoder 'nosuchenc' is not available"

# odd sizes are padded for 4:2:0 and said once
cat > odd.lua <<'LUA'
return color("blue", 101, 51):dur(0.5)
LUA
"$MR" run odd.lua -o odd.mp4 2>odd.err && ok || bad "odd size render"
expect_contains "odd size notice" "$(cat odd.err)" "101x51 is odd"
expect_eq "said once" "$(grep -c 'is odd' odd.err)" 1
expect_contains "odd size padded" "$("$MC" odd.mp4)" "video 102x52"
near_rgb "padding repeats the edge" "$(pixel odd.mp4 0 101 51)" 0 0 255 8

# frame, info, checksum
"$MR" frame edit.lua -t 0.5 -o f.png --set bg=lime && ok || bad "frame"
near_rgb "frame colour" "$("$MC" f.png pixel 0 1 1)" 0 255 0 2
"$MR" frame edit.lua -t 0.5 -o f.jpg 2>/dev/null; expect_eq "frame wants .png" $? 2
"$MR" frame edit.lua -t 9 -o late.png 2>late.err; expect_eq "frame past the end fails" $? 1
expect_contains "frame past the end says so" "$(cat late.err)" "outside the clip"
expect_no_file late.png
"$MR" frame edit.lua -t 0.5 -o small.png --size 32x32 && expect_contains "frame --size" "$("$MC" small.png)" "video 32x32" || bad "frame --size"
expect_eq "checksum --size changes the pictures" "$("$MR" checksum edit.lua --set n=0.1 --size 32x32 | head -1 | cut -c1-6)" "000000"
[ "$("$MR" checksum edit.lua --set n=0.1 --size 32x32)" != "$("$MR" checksum edit.lua --set n=0.1)" ] && ok || bad "checksum --size ignored"

# sound only
printf 'return tone(440):dur(1.5):fadeout(0.5)\n' > beep.lua
"$MR" run beep.lua -o beep.mp4 -q && ok || bad "sound-only render"
info=$("$MC" beep.mp4)
expect_contains "sound only: no picture" "$(echo "$info" | head -1)" "audio 48000 2"
expect_near "sound only: length" "$(field duration "$info")" 1.5 0.03

# reading back what moonreel wrote in other formats (10-bit 4:2:2 ProRes, VP9)
printf 'return video(args.f):sub(0, 0.5)\n' > back.lua
"$MR" frame back.lua --set f="$WORK/out.mov" -t 0.1 -o back_mov.png && near_rgb "prores read back" "$("$MC" back_mov.png pixel 0 2 40)" 255 0 0 4 || bad "read prores"
"$MR" frame back.lua --set f="$WORK/out.webm" -t 0.1 -o back_webm.png && near_rgb "vp9 read back" "$("$MC" back_webm.png pixel 0 2 40)" 255 0 0 6 || bad "read vp9"

info=$("$MR" info edit.mp4)
expect_contains "info duration" "$info" "duration: 0:02.000"
expect_contains "info video" "$info" "h264 64x48, 30 fps"
expect_contains "info audio" "$info" "aac 48000 Hz, stereo"
sums=$("$MR" checksum edit.lua --set n=0.2)
expect_eq "checksum lines" "$(echo "$sums" | wc -l)" 7
expect_eq "checksums repeat" "$("$MR" checksum edit.lua --set n=0.2)" "$sums"

# a script that renders by itself, with relative inputs found beside the script
mkdir -p proj
cp "$ROOT/scripts/assets/logo.png" proj/
cat > proj/own.lua <<'LUA'
local logo = image("logo.png")
render(logo:dur(0.5), args.out .. "/a.mp4")
render(logo:dur(0.5):resize(0.5), args.out .. "/b.webm")
LUA
"$MR" run proj/own.lua --set "out=$WORK" -q && ok || bad "script renders itself"
expect_contains "render() a.mp4" "$("$MC" a.mp4)" "video 200x100"
expect_contains "render() b.webm" "$("$MC" b.webm)" "video 100x50"
expect_no_temp "$WORK"

# a module beside the script is found by require(), wherever moonreel runs from
printf 'return {colour = "lime"}\n' > proj/mystyle.lua
printf 'local s = require("mystyle")\nreturn color(s.colour, 16, 16):dur(0.2)\n' > proj/uses.lua
(cd / && "$MR" run "$WORK/proj/uses.lua" -o "$WORK/uses.mp4" -q) && ok || bad "require beside the script"
expect_contains "require beside the script: rendered" "$("$MC" uses.mp4)" "video 16x16"

# every command answers --help; unknown options are errors
for c in run frame info repl batch probe compare checksum; do
  out=$("$MR" $c --help 2>&1); expect_eq "$c --help: status" $? 0
  expect_contains "$c --help: usage" "$out" "usage: moonreel $c"
done
"$MR" probe --bogus 2> probe.err; expect_eq "probe --bogus: status 2" $? 2
expect_contains "probe --bogus: says why" "$(cat probe.err)" "unknown option '--bogus'"
"$MR" info --bogus edit.mp4 2>/dev/null; expect_eq "info --bogus: status 2" $? 2

# one parser per option: --fps 12.5 and {fps = 12.5} both give 25/2
"$MR" run edit.lua -o fps_cli.mp4 --fps 12.5 --set n=0.4 -q && ok || bad "--fps 12.5"
expect_contains "--fps 12.5" "$("$MC" fps_cli.mp4)" "fps=25/2 frames=5"
printf 'render(color("red", 16, 16):dur(0.4), args.out, {fps = 12.5})\n' > fps_lua.lua
"$MR" run fps_lua.lua --set "out=$WORK/fps_lua.mp4" -q && ok || bad "{fps = 12.5}"
expect_contains "{fps = 12.5}" "$("$MC" fps_lua.mp4)" "fps=25/2 frames=5"
"$MR" run edit.lua -o ntsc.mp4 --fps 29.97 --set n=0.2 -q && ok || bad "--fps 29.97"
expect_contains "--fps 29.97" "$("$MC" ntsc.mp4)" "fps=30000/1001"
# --set: one rule for what reads as a number (run here; batch.sh checks batch)
cat > sets.lua <<'LUA'
assert(math.type(args.i) == "integer" and args.i == 42, "42 is an integer")
assert(math.type(args.r) == "float" and args.r == 2.5, "2.5 is a number")
assert(args.h == "0x10" and args.w == "12abc" and args.n == "nan" and args.e == "", "the rest is text")
LUA
"$MR" run sets.lua --set i=42 --set r=2.5 --set h=0x10 --set w=12abc --set n=nan --set e= -q && ok || bad "--set rule"
# help for one operation; frame's -t defaults to the first frame
expect_contains "help ops rotate" "$("$MR" help ops rotate)" "clip:rotate(deg[, expand[, filter]])"
"$MR" help ops nosuch 2>/dev/null; expect_eq "help ops of an unknown operation: status 2" $? 2
"$MR" frame edit.lua -o first.png -q && expect_file first.png || bad "frame without -t"

finish
