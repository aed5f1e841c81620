#!/bin/bash
# alpha.sh: transparency from source to file. A transparent clip (opaque red, green at half
# opacity, a half-transparent blue circle drawn with canvas(), and a clear corner) rendered to
# every format that holds alpha (ProRes 4444 and QuickTime animation and PNG in .mov, VP9 in
# .webm, GIF, a PNG sequence) and read back with libav alone (mediacheck) and with moonreel:
# the alpha is what it was (exactly where the codec is lossless). The default keeps alpha only
# where the picture is transparent and the format holds it, and says once when it cannot;
# alpha = true where the format cannot hold it is an error that writes nothing. PNG sequences:
# every frame a file, a missing folder an error, a failed render leaves no files. Inputs with
# alpha made by mkmedia (ProRes 4444, qtrle, PNG, WebP, an image sequence numbered from 7) are
# read with their alpha; a missing sequence is an error naming it.
#   bash tests/e2e/alpha.sh MOONREEL MEDIACHECK PROJECT_ROOT MKMEDIA
source "$(dirname "$0")/lib.sh"
MK=$(realpath "$4")
cd "$WORK"

have() { "$MC" --has-encoder "$1"; }
# near4 WHAT "R G B A" "R G B A" TOL_COLOUR TOL_ALPHA: two pixels agree
near4() {
  local what=$1 tc=$4 ta=$5
  set -- $2 $3
  if [ $# -ne 8 ]; then bad "$what: no pixel (got '$*')"; return; fi
  expect_near "$what red" "$1" "$5" "$tc"; expect_near "$what green" "$2" "$6" "$tc"
  expect_near "$what blue" "$3" "$7" "$tc"; expect_near "$what alpha" "$4" "$8" "$ta"
}
alpha_of() { echo "$1" | cut -d' ' -f4; }

# the transparent clip, 128x64, 0.4 s at 30 fps; its pixels (straight alpha) at the four places
cat > clip.lua <<'EOF'
local circle = canvas(64, 32, function(ctx) ctx:circle(32, 16, 12); ctx:fill("#0000ff80") end)
local c = compose({color("red", 64, 64), color("lime", 64, 32):opacity(0.5):at(64, 0), circle:at(64, 32)},
  {bg = "transparent", size = {128, 64}}):dur(0.4)
POINTS = {{16, 16}, {100, 16}, {96, 48}, {124, 60}}
function pixels(clip, t)
  local f, out = clip:frame(t), {}
  for _, p in ipairs(POINTS) do out[#out + 1] = table.concat({f:pixel(p[1], p[2])}, " ") end
  return table.concat(out, "|")
end
return c
EOF
printf 'local c = dofile("clip.lua")\nprint(pixels(c, 0.1))\n' > src.lua
IFS='|' read -r S_RED S_GREEN S_BLUE S_CLEAR <<< "$("$MR" run src.lua -q)"
expect_eq "source: opaque red" "$S_RED" "255 0 0 255"
expect_eq "source: clear corner" "$(alpha_of "$S_CLEAR")" 0
expect_near "source: green at half" "$(alpha_of "$S_GREEN")" 128 1
expect_near "source: the circle at half" "$(alpha_of "$S_BLUE")" 128 1

# render(): out, options as Lua; any stderr kept in err.txt
# (-q: notices silenced; LOUD=1 render_to ... keeps them, for the tests of what is said)
render_to() { # render_to OUT 'LUA OPTIONS' [SCRIPT]
  printf 'local c = dofile("clip.lua")\nrender(%s, "%s", {%s})\n' "${3:-c}" "$1" "$2" > r.lua
  local q=-q
  [ -n "${LOUD:-}" ] && q="--backend=cpu"
  "$MR" run r.lua $q > err.txt 2>&1
}
# check_file WHAT FILE FRAME TOL_COLOUR TOL_ALPHA: its pixels against the source's, read by mediacheck
check_file() {
  local pts=("16 16" "100 16" "96 48" "124 60") want=("$S_RED" "$S_GREEN" "$S_BLUE" "$S_CLEAR") i
  for i in 0 1 2 3; do
    near4 "$1 at ${pts[$i]}" "$("$MC" "$2" rgba "$3" ${pts[$i]})" "${want[$i]}" "$4" "$5"
  done
}
# read_back WHAT PATH TOL_COLOUR TOL_ALPHA [VIDEO OPTIONS]: the same, read by moonreel's video()
read_back() {
  printf 'dofile("clip.lua")\nprint(pixels(video("%s"%s), 0.1))\n' "$2" "${5:+, $5}" > back.lua
  local got
  got=$("$MR" run back.lua -q 2>&1) || { bad "$1: moonreel cannot read it back: $got"; return; }
  IFS='|' read -r r g b c <<< "$got"
  near4 "$1 (moonreel) red" "$r" "$S_RED" "$3" "$4"; near4 "$1 (moonreel) green" "$g" "$S_GREEN" "$3" "$4"
  near4 "$1 (moonreel) circle" "$b" "$S_BLUE" "$3" "$4"; near4 "$1 (moonreel) clear" "$c" "$S_CLEAR" "$3" "$4"
}

# ---- outputs that hold alpha ------------------------------------------------------------------
# (lossless: qtrle, PNG in .mov, PNG sequences: the straight colour and alpha exactly; ProRes
# 4444: alpha within 2 (10 bits), colour within 4; VP9: lossy, alpha within 8, colour within 16)
outputs=(
  "prores.mov|codec = \"prores\"|prores_ks|yuva444p|4 2"
  "vp9.webm||libvpx-vp9|yuv420p|16 8"
  "qtrle.mov|codec = \"qtrle\"|qtrle|argb|0 0"
  "png.mov|codec = \"png\"|png|rgba|0 0"
)
for o in "${outputs[@]}"; do
  IFS='|' read -r f opts enc pix tol <<< "$o"
  if ! have "$enc"; then skip "alpha in $f" "this FFmpeg has no $enc encoder"; continue; fi
  render_to "$f" "$opts" && ok || bad "rendering $f: $(cat err.txt)"
  expect_eq "$f: nothing said" "$(cat err.txt)" ""
  info=$("$MC" "$f")
  expect_contains "$f: its pixel format" "$info" "pix=$pix"
  expect_contains "$f: every frame" "$info" "frames=12"
  check_file "$f" "$f" 2 $tol
  read_back "$f" "$WORK/$f" $tol
done
expect_contains "ProRes 4444 in .mov" "$("$MC" prores.mov)" "codec=prores"

# GIF: one bit of alpha (a pixel below half is clear, one at half or more opaque)
if has_gif; then
  render_to anim.gif "" && ok || bad "rendering anim.gif: $(cat err.txt)"
  near4 "gif: red" "$("$MC" anim.gif rgba 2 16 16)" "255 0 0 255" 0 0
  expect_eq "gif: clear corner" "$(alpha_of "$("$MC" anim.gif rgba 2 124 60)")" 0
  for p in "100 16" "96 48"; do
    case "$(alpha_of "$("$MC" anim.gif rgba 2 $p)")" in 0|255) ok ;; *) bad "gif: alpha at $p is neither 0 nor 255" ;; esac
  done
  # a moving square on clear: where it was is clear again (the frames do not pile up)
  printf 'local sq = color("red", 16, 16):at(pos(0, 0):to(40, 0, 0.3))\nrender(compose({sq}, {bg = "transparent", size = {64, 48}}):dur(0.4), "move.gif", {fps = 10})\n' > move.lua
  "$MR" run move.lua -q && ok || bad "rendering move.gif"
  expect_eq "gif: the square at first" "$("$MC" move.gif rgba 0 5 5)" "255 0 0 255"
  expect_eq "gif: where it was is clear again" "$(alpha_of "$("$MC" move.gif rgba 3 5 5)")" 0
  expect_eq "gif: where it went" "$("$MC" move.gif rgba 3 45 5)" "255 0 0 255"
  printf 'local v = video("%s/anim.gif")\nlocal f = v:frame(0.1)\nprint(table.concat({f:pixel(16, 16)}, " ") .. "|" .. select(4, f:pixel(124, 60)))\n' "$WORK" > gif.lua
  expect_eq "gif read back by moonreel" "$("$MR" run gif.lua -q)" "255 0 0 255|0"
else
  skip "alpha in GIF" "built with MOONREEL_GIF=OFF"
fi

# a PNG sequence: every frame a file (from 0), straight alpha exactly; read back as a sequence
mkdir seq
render_to "seq/f_%04d.png" "" && ok || bad "rendering a PNG sequence: $(cat err.txt)"
expect_eq "sequence: one file a frame" "$(ls seq | tr '\n' ' ')" \
  "f_0000.png f_0001.png f_0002.png f_0003.png f_0004.png f_0005.png f_0006.png f_0007.png f_0008.png f_0009.png f_0010.png f_0011.png "
expect_contains "sequence: PNG with alpha" "$("$MC" seq/f_0002.png)" "pix=rgba"
check_file "sequence" "seq/f_%04d.png" 2 0 0
read_back "sequence" "$WORK/seq/f_%04d.png" 0 0 "{fps = 30}"
printf 'print(video("%s/seq/f_%%04d.png", {fps = 30}).duration, video("%s/seq/f_%%04d.png").duration)\n' "$WORK" "$WORK" > dur.lua
expect_eq "sequence read at 30 fps, and at 25 by default" "$("$MR" run dur.lua -q | tr '\t' ' ')" "0.4 0.48"
expect_no_temp "$WORK"

# a shorter render into the same folder: said, since the older files after it stay
printf 'local c = dofile("clip.lua")\nrender(c:sub(0, 0.2), "seq/f_%%04d.png")\n' > short.lua
"$MR" run short.lua --backend cpu > err.txt 2>&1 && ok || bad "a shorter sequence: $(cat err.txt)"
expect_contains "older files after a shorter sequence are named" "$(cat err.txt)" "'seq/f_0006.png' and any after it are from before"

# a sequence into a folder that is not there: an error naming it, before anything is rendered
render_to "nowhere/f_%04d.png" "" && bad "a sequence into a missing folder should fail" || ok
expect_contains "missing folder: named" "$(cat err.txt)" "the folder 'nowhere' does not exist"
expect_no_file nowhere
render_to "two_%d_%d.png" "" && bad "two number patterns should fail" || ok
expect_contains "two number patterns" "$(cat err.txt)" "one number pattern"
expect_eq "nothing written for two patterns" "$(ls | grep -c '^two_')" 0

# a render that fails half way (its picture raises at 0.2 s): no file of it is left
mkdir fail
cat > fail.lua <<'EOF'
local c = canvas(32, 32, function(ctx, t) if t > 0.2 then error("no picture after 0.2 s") end ctx:paint("#ff000080") end)
render(c:dur(0.4), "fail/f_%04d.png", {threads = 1})
EOF
"$MR" run fail.lua -q > err.txt 2>&1 && bad "the failing sequence should fail" || ok
expect_contains "the failure says why" "$(cat err.txt)" "no picture after 0.2 s"
expect_eq "a failed sequence leaves no files" "$(ls -A fail)" ""

# ---- the default, alpha = false, alpha = true ---------------------------------------------------
# an opaque clip into .webm stays without alpha (and says nothing)
printf 'render(pattern("bars", 64, 48):dur(0.2), "opaque.webm")\n' > opaque.lua
"$MR" run opaque.lua -q > err.txt 2>&1 && ok || bad "opaque.webm: $(cat err.txt)"
expect_eq "opaque clip: nothing said" "$(cat err.txt)" ""
expect_eq "opaque clip into .webm: opaque" "$(alpha_of "$("$MC" opaque.webm rgba 1 5 5)")" 255
# the transparent clip into .mp4: flattened over black, said once
LOUD=1 render_to flat.mp4 "" && ok || bad "flat.mp4: $(cat err.txt)"
expect_eq "said once" "$(grep -c 'flattened over black' err.txt)" 1
expect_contains "the notice names the file and the format" "$(cat err.txt)" "'flat.mp4': the picture is transparent, which h264 video in a mp4 file cannot hold"
near_rgb "flat.mp4: half green over black" "$(pixel flat.mp4 2 100 16)" 0 128 0 12
# alpha = false: flattened, silently
LOUD=1 render_to flat.webm "alpha = false" && ok || bad "flat.webm: $(cat err.txt)"
expect_eq "alpha = false: nothing said" "$(grep -c 'flattened' err.txt)" 0
expect_eq "alpha = false into .webm: opaque" "$(alpha_of "$("$MC" flat.webm rgba 2 124 60)")" 255
# alpha = true into a format without it: an error naming the format, nothing written
render_to forced.mp4 "alpha = true" && bad "alpha = true into .mp4 should fail" || ok
expect_contains "alpha = true into .mp4: the format" "$(cat err.txt)" "h264 video in a mp4 file cannot hold transparency"
expect_contains "alpha = true into .mp4: what can" "$(cat err.txt)" "codec = \"prores\""
expect_no_file forced.mp4
printf 'return dofile("clip.lua")\n' > ret.lua
"$MR" run ret.lua -o forced.mov --alpha -q > err.txt 2>&1 && bad "--alpha into .mov (H.264) should fail" || ok
expect_contains "--alpha on the command line" "$(cat err.txt)" "h264 video in a mov file cannot hold transparency"
expect_no_file forced.mov
# VP9 takes alpha, but an MP4 would drop it: an error too, not an opaque file
if have libvpx-vp9; then
  "$MR" run ret.lua -o vp9.mp4 --codec vp9 --alpha -q > err.txt 2>&1 && bad "--alpha with VP9 into .mp4 should fail" || ok
  expect_contains "VP9 alpha into .mp4: the format" "$(cat err.txt)" "vp9 video in a mp4 file cannot hold transparency"
  expect_no_file vp9.mp4
fi
expect_no_temp "$WORK"
# alpha = true on an opaque clip: kept (all opaque)
if have prores_ks; then
  printf 'render(pattern("bars", 64, 48):dur(0.2), "opaque.mov", {codec = "prores", alpha = true})\n' > o2.lua
  "$MR" run o2.lua -q && ok || bad "alpha = true on an opaque clip"
  expect_contains "alpha = true: ProRes 4444" "$("$MC" opaque.mov)" "pix=yuva444p"
  expect_eq "alpha = true on an opaque clip: opaque" "$(alpha_of "$("$MC" opaque.mov rgba 1 5 5)")" 255
fi
# opaque at first, transparent later: opened without alpha, said
printf 'local c = dofile("clip.lua")\nrender(concat({color("red", 128, 64):dur(0.2), c}), "late.webm")\n' > late.lua
"$MR" run late.lua --backend cpu > err.txt 2>&1 && ok || bad "late.webm: $(cat err.txt)"
expect_contains "transparent after an opaque first frame: said" "$(cat err.txt)" "turns transparent after an opaque first frame"
# size letterboxes a transparent clip on clear bars
mkdir fit
render_to "fit/f_%04d.png" "size = {192, 64}" && ok || bad "a letterboxed sequence: $(cat err.txt)"
expect_eq "letterbox bars of a transparent clip are clear" "$(alpha_of "$("$MC" fit/f_0000.png rgba 0 5 30)")" 0
expect_eq "and the clip is in the middle" "$("$MC" fit/f_0000.png rgba 0 48 16)" "255 0 0 255"

# ---- inputs with alpha (mkmedia: left half opaque red, top right green at 128, bottom right clear)
inputs=("in.mov prores4444|prores_ks|2" "qt.mov qtrle|qtrle|0" "in.png alphapng|png|0" "in.webp alphawebp|libwebp|3")
cat > in.lua <<'EOF'
local v = args.still and image(args.f) or video(args.f)
local f = v:frame(0)
local function px(x, y) return table.concat({f:pixel(x, y)}, " ") end
print(px(16, 16) .. "|" .. px(100, 16) .. "|" .. select(4, f:pixel(100, 48)))
EOF
for i in "${inputs[@]}"; do
  IFS='|' read -r mk enc tol <<< "$i"
  f=${mk%% *}
  if ! have "$enc"; then skip "reading $f" "this FFmpeg has no $enc encoder to make it"; continue; fi
  "$MK" $mk || { bad "mkmedia $mk"; continue; }
  still=; case $f in *.png|*.webp) still="--set still=1" ;; esac
  IFS='|' read -r red half clear <<< "$("$MR" run in.lua -q --set "f=$WORK/$f" $still)"
  near4 "input $f: opaque red" "$red" "255 0 0 255" "$tol" 0
  near4 "input $f: green at 128" "$half" "0 255 0 128" "$((tol + 1))" "$((tol + 1))"
  expect_eq "input $f: clear" "$clear" 0
done
mkdir frames
"$MK" "frames/f_%04d.png" sequence && ok || bad "mkmedia sequence"
IFS='|' read -r red half clear <<< "$("$MR" run in.lua -q --set "f=$WORK/frames/f_%04d.png")"
expect_eq "input sequence (from 7): red" "$red" "255 0 0 255"
expect_eq "input sequence: green at 128" "$half" "0 255 0 128"
expect_eq "input sequence: clear" "$clear" 0
printf 'local a, b = video(args.f), video(args.f, {fps = 10})\nprint(a.fps, a.duration, b.fps, b.duration)\n' > rate.lua
expect_eq "sequence: 25 fps by default, or as asked" "$("$MR" run rate.lua -q --set "f=$WORK/frames/f_%04d.png" | tr '\t' ' ')" \
  "25 0.4 10 1.0"
printf 'video(args.f)\n' > missing.lua
"$MR" run missing.lua -q --set "f=$WORK/frames/g_%04d.png" > err.txt 2>&1 && bad "a missing sequence should fail" || ok
expect_contains "a missing sequence: named" "$(cat err.txt)" "cannot open the image sequence '$WORK/frames/g_%04d.png'"
printf 'video(args.f, {fps = 24})\n' > notseq.lua
"$MR" run notseq.lua -q --set "f=$WORK/prores.mov" > err.txt 2>&1 && bad "fps for a file should fail" || ok
expect_contains "fps is for sequences" "$(cat err.txt)" "fps is for image sequences"
expect_no_temp "$WORK"
finish
