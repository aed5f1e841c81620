#!/bin/bash
# sources.sh: video() of files as phones and editors make them, on the CPU engine and (where
# there is a GPU) on the CUDA engine: a display matrix turning the picture (a phone's upright
# video is stored sideways) by 90, 180 and 270 degrees, and mirrored; VP9 in WebM with an
# alpha channel. The files come from tests/tools/mkmedia (libav alone).
#   bash tests/e2e/sources.sh MOONREEL MEDIACHECK PROJECT_ROOT MKMEDIA
source "$(dirname "$0")/lib.sh"
MK=$(realpath "$4")
cd "$WORK"

backends=cpu
if "$MR" probe 2>/dev/null | grep -q "GPU 0:"; then backends="cpu cuda"; else skip "the CUDA engine" "no GPU"; fi

# The stored picture, 128x64: red top left, green top right, blue bottom left, white bottom
# right. Each case: mkmedia's arguments, then the shown size and corners (TL TR BL BR) a
# player shows (the ffmpeg command: turned clockwise as -display_rotation says, then mirrored).
cases=(
  "q0.mp4 quad|128x64 red green blue white"
  "q90.mp4 quad 90|64x128 blue red white green"
  "q180.mp4 quad 180|128x64 white blue green red"
  "q270.mp4 quad 270|64x128 green white red blue"
  "q90h.mp4 quad 90 hflip|64x128 red blue green white"
  "q270h.mp4 quad 270 hflip|64x128 white green blue red"
  "q0v.mp4 quad 0 vflip|128x64 blue white red green"
  "q180v.mp4 quad 180 vflip|128x64 green red white blue"
)
for c in "${cases[@]}"; do "$MK" ${c%%|*} || bad "mkmedia ${c%%|*}"; done
"$MK" a.webm alpha || bad "mkmedia a.webm alpha"

# the size video() reports and the colour of each corner (8 pixels in), by name
cat > corners.lua <<'EOF'
local v = video(args.f)
local fr = v:frame(0.1)
local function name(x, y)
  local r, g, b = fr:pixel(x, y)
  local function hi(c) return c > 190 end
  local function lo(c) return c < 60 end
  if hi(r) and hi(g) and hi(b) then return "white" end
  if hi(r) and lo(g) and lo(b) then return "red" end
  if lo(r) and hi(g) and lo(b) then return "green" end
  if lo(r) and lo(g) and hi(b) then return "blue" end
  return ("(%d,%d,%d)"):format(r, g, b)
end
local i = image(args.f) -- the first picture alone: turned the same way
print(("%dx%d %s %s %s %s %dx%d"):format(v.w, v.h, name(8, 8), name(v.w - 9, 8), name(8, v.h - 9),
  name(v.w - 9, v.h - 9), i.w, i.h))
EOF
for b in $backends; do
  for c in "${cases[@]}"; do
    args=${c%%|*} f=${args%% *} want=${c#*|}
    got=$("$MR" run corners.lua -q --backend "$b" --set "f=$WORK/$f" 2> err.txt)
    expect_eq "$b: $args shows" "$got" "$want ${want%% *}"
    [ -s err.txt ] && cat err.txt >&2
  done
done

# moonreel info names the turn, with the size as shown
info=$("$MR" info q90.mp4)
expect_contains "info: shown size" "$info" "h264 64x128,"
expect_contains "info: the turn" "$info" "rotation: 90 degrees clockwise (display matrix), stored as 128x64"
expect_contains "info: turned and mirrored" "$("$MR" info q270h.mp4)" "rotation: 270 degrees clockwise, then mirrored"
expect_eq "info: no rotation line for an upright file" "$("$MR" info q0.mp4 | grep -c rotation)" 0

# a render of the phone video is upright, in the shown size, as an independent reader sees it
printf 'return video(args.f)\n' > read.lua
for b in $backends; do
  "$MR" run read.lua -q --backend "$b" --set "f=$WORK/q90.mp4" -o "r90-$b.mp4" && ok || bad "$b: rendering q90.mp4"
  expect_contains "$b: rendered size" "$("$MC" "r90-$b.mp4")" "video 64x128 "
  near_rgb "$b: rendered top left" "$(pixel "r90-$b.mp4" 3 8 8)" 0 0 255 40
  near_rgb "$b: rendered bottom right" "$(pixel "r90-$b.mp4" 3 55 119)" 0 255 0 40
done

# VP9 with alpha: 128x64, the left half opaque red, the top right green at alpha 128, the
# bottom right transparent. Decoded with its alpha (libvpx), premultiplied, and over blue the
# half-transparent green mixes: 0, 128, 127.
info=$("$MR" info a.webm)
expect_contains "info: alpha" "$info" "yuva420p"
expect_contains "info: alpha line" "$info" "alpha:    yes"
cat > alpha.lua <<'EOF'
local v = video(args.f)
local function px(fr, x, y) return table.concat({fr:pixel(x, y)}, " ") end
local fr = v:frame(0.1)
local over = compose({color("blue", v.w, v.h), v}):dur(0.4)
local c = over:frame(0.1)
print(px(fr, 16, 16) .. "|" .. px(fr, 100, 16) .. "|" .. px(fr, 100, 48) .. "|" .. px(c, 16, 16) .. "|" ..
  px(c, 100, 16) .. "|" .. px(c, 100, 48))
return over
EOF
near4() { # near4 WHAT "R G B A" R G B A TOL
  set -- "$1" $2 "$3" "$4" "$5" "$6" "$7"
  if [ $# -ne 10 ]; then bad "$1: no pixel"; return; fi
  expect_near "$1 red" "$2" "$6" "${10}"; expect_near "$1 green" "$3" "$7" "${10}"
  expect_near "$1 blue" "$4" "$8" "${10}"; expect_near "$1 alpha" "$5" "$9" "${10}"
}
for b in $backends; do
  out=$("$MR" run alpha.lua -q --backend "$b" --set "f=$WORK/a.webm" -o "alpha-$b.mp4" 2> err.txt) && ok \
    || bad "$b: rendering a.webm over blue: $(cat err.txt)"
  IFS='|' read -r red half clear ored ohalf oclear <<< "$out"
  near4 "$b: opaque red" "$red" 255 0 0 255 2
  near4 "$b: green at alpha 128 (straight)" "$half" 0 255 0 128 3
  expect_eq "$b: transparent corner's alpha" "$(echo "$clear" | cut -d' ' -f4)" 0
  near4 "$b: red over blue" "$ored" 255 0 0 255 2
  near4 "$b: half green over blue" "$ohalf" 0 128 127 255 3
  near4 "$b: transparent over blue" "$oclear" 0 0 255 255 2
  near_rgb "$b: rendered half green over blue" "$(pixel "alpha-$b.mp4" 5 100 16)" 0 128 127 12
  near_rgb "$b: rendered transparent over blue" "$(pixel "alpha-$b.mp4" 5 100 48)" 0 0 255 12
done
expect_no_temp "$WORK"
finish
