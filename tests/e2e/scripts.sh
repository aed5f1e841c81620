#!/bin/bash
# scripts.sh: every example in scripts/ runs and makes what it says, checked with libav.
source "$(dirname "$0")/lib.sh"
S=$ROOT/scripts

run() { # run NAME [args...]: renders scripts/NAME.lua to $WORK/NAME.mp4
  local name=$1; shift
  if "$MR" run "$S/$name.lua" -o "$WORK/$name.mp4" -q "$@" 2> "$WORK/$name.err"; then ok; else bad "$name failed: $(cat "$WORK/$name.err")"; fi
}

# every script in the folder is covered below
for f in "$S"/*.lua; do
  case $(basename "$f") in demo.lua|title_overlay.lua|grid.lua|slideshow.lua|remix.lua|inspect.lua|docs_stills.lua) ok ;;
  *) bad "scripts/$(basename "$f") has no end-to-end check" ;; esac
done

run demo --preset ultrafast
info=$("$MC" "$WORK/demo.mp4")
expect_contains "demo streams" "$info" "video 1280x720 fps=30/1 frames=360"
expect_contains "demo colour tags" "$info" "range=tv space=bt709"
expect_contains "demo sound" "$info" "audio 48000 2"
expect_near "demo sound length" "$(field duration "$(echo "$info" | grep audio)")" 12 0.03
near_rgb "demo end card" "$(pixel "$WORK/demo.mp4" 290 10 10)" 16 16 24 4
near_rgb "demo title card gradient corner" "$(pixel "$WORK/demo.mp4" 30 2 2)" 0 0 255 12

run title_overlay --set title=Hi
info=$("$MC" "$WORK/title_overlay.mp4")
expect_contains "title_overlay streams" "$info" "video 480x270 fps=30/1 frames=120"
expect_contains "title_overlay sound" "$info" "audio 48000 2"
near_rgb "title_overlay fades in from black" "$(pixel "$WORK/title_overlay.mp4" 0 200 200)" 0 0 0 3
expect_eq "title_overlay frame-exact" "$("$MC" "$WORK/title_overlay.mp4" counter 45)" 45

run grid
info=$("$MC" "$WORK/grid.mp4")
expect_contains "grid streams" "$info" "video 960x540 fps=30/1 frames=60"
p=($(pixel "$WORK/grid.mp4" 30 20 100))
expect_near "grid top-left shows frame 30" "${p[0]}" 30 3
p=($(pixel "$WORK/grid.mp4" 30 500 100))
expect_near "grid top-right shows frame 60" "${p[0]}" 60 3
p=($(pixel "$WORK/grid.mp4" 30 500 370))
expect_near "grid bottom-right loops to frame 0" "${p[0]}" 0 3
p=($(pixel "$WORK/grid.mp4" 30 20 450))
expect_near "grid bottom-left zooms into frame 90" "${p[0]}" 90 3

run slideshow
info=$("$MC" "$WORK/slideshow.mp4")
expect_contains "slideshow size" "$info" "video 480x270"
expect_near "slideshow length" "$(field duration "$(echo "$info" | head -1)")" 8.5 0.05
near_rgb "slideshow intro colour" "$(pixel "$WORK/slideshow.mp4" 10 5 5)" 20 20 40 4
near_rgb "slideshow letterbox bar" "$(pixel "$WORK/slideshow.mp4" 240 240 20)" 0 0 0 3

run remix
info=$("$MC" "$WORK/remix.mp4")
expect_near "remix length" "$(field duration "$(echo "$info" | head -1)")" 6.5 0.05
expect_contains "remix sound" "$info" "audio 48000 2"
expect_eq "remix slow motion: frame 20 shows source 10" "$("$MC" "$WORK/remix.mp4" counter 20)" 10
expect_eq "remix loop: frame 72 shows source 42" "$("$MC" "$WORK/remix.mp4" counter 72)" 42
expect_eq "remix loop: frame 75 starts the loop again" "$("$MC" "$WORK/remix.mp4" counter 75)" 30
expect_eq "remix tail: frame 105 shows source 90" "$("$MC" "$WORK/remix.mp4" counter 105)" 90

if has_gif; then
  out=$("$MR" run "$S/inspect.lua" --set "out=$WORK/inspect" 2>&1) && ok || bad "inspect failed: $out"
  expect_contains "inspect prints the pixel" "$out" "pixel (5,5) = 30 30 30 255"
  expect_file "$WORK/inspect-frame30.png"
  expect_contains "inspect mp4" "$("$MC" "$WORK/inspect.mp4")" "video 320x180 fps=30/1 frames=60"
  expect_contains "inspect gif" "$("$MC" "$WORK/inspect.gif")" "video 240x135"
else
  skip "the inspect example" "it writes a GIF, and this moonreel was built with MOONREEL_GIF=OFF"
fi

mkdir -p "$WORK/assets"
"$MR" run "$S/assets/make_assets.lua" --set "dir=$WORK/assets" -q && ok || bad "make_assets failed"
expect_contains "make_assets sample" "$("$MC" "$WORK/assets/sample.mp4")" "video 480x270 fps=30/1 frames=120"
expect_file "$WORK/assets/logo.png"
expect_no_temp "$WORK"
# the stills of docs/api.md, made again: the same pictures as the ones in docs/img
mkdir -p "$WORK/img"
if "$MR" run "$S/docs_stills.lua" --set "out=$WORK/img" --backend cpu -q 2> "$WORK/stills.err"; then ok; else bad "docs_stills failed: $(cat "$WORK/stills.err")"; fi
for name in rotate scale mirror margin crop canvas; do
  cmp -s "$WORK/img/$name.png" "$ROOT/docs/img/$name.png" && ok || bad "docs/img/$name.png is not what scripts/docs_stills.lua makes now (run it with --set out=docs/img)"
done

finish
