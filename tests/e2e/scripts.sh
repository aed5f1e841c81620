#!/bin/bash
# scripts.sh: every example in scripts/ runs and makes what it says, checked with libav.
source "$(dirname "$0")/lib.sh"
S=$ROOT/scripts

run() { # run NAME [args...]: renders scripts/NAME.lua to $WORK/NAME.mp4 (what it prints: $WORK/NAME.out)
  local name=$1; shift
  if "$MR" run "$S/$name.lua" -o "$WORK/$name.mp4" -q "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"; then ok; else bad "$name failed: $(cat "$WORK/$name.err")"; fi
}

# every script in the folder is covered below
for f in "$S"/*.lua; do
  case $(basename "$f") in demo.lua|title_overlay.lua|grid.lua|slideshow.lua|remix.lua|inspect.lua|docs_stills.lua) ok ;;
  motion.lua|easings.lua|effects_from_data.lua|drawing.lua|masks.lua) ok ;;
  time_effects.lua) ok ;;
  transitions.lua) ok ;;
  colour_grade.lua) ok ;;
  detail_effects.lua) ok ;;
  subtitles.lua) ok ;;
  sound_synth.lua) ok ;;
  titles.lua) ok ;;
  sound_mix.lua) ok ;;
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

run time_effects --preset ultrafast
info=$("$MC" "$WORK/time_effects.mp4")
expect_contains "time_effects streams" "$info" "video 480x270 fps=30/1 frames=282"
expect_contains "time_effects sound" "$info" "audio 48000 2"
expect_contains "time_effects says the ramp's length" "$(cat "$WORK/time_effects.out")" "the replay lasts 3.375 s"
expect_eq "time_effects freeze: frame 90 holds source 75" "$("$MC" "$WORK/time_effects.mp4" counter 90)" 75
expect_eq "time_effects freeze: frame 110 plays on from 80" "$("$MC" "$WORK/time_effects.mp4" counter 110)" 80
expect_eq "time_effects boomerang: frame 134 at its turn" "$("$MC" "$WORK/time_effects.mp4" counter 134)" 104
expect_eq "time_effects boomerang: frame 149 back at 90" "$("$MC" "$WORK/time_effects.mp4" counter 149)" 90
expect_eq "time_effects replay starts at full speed: frame 181 shows 16" "$("$MC" "$WORK/time_effects.mp4" counter 181)" 16
expect_eq "time_effects replay in slow motion: frame 250 shows 38" "$("$MC" "$WORK/time_effects.mp4" counter 250)" 38

# subtitles: assets/talk.srt burnt on in a box (#101830): each cue exactly in its interval
run subtitles --preset ultrafast
info=$("$MC" "$WORK/subtitles.mp4")
expect_contains "subtitles streams" "$info" "video 480x270 fps=30/1 frames=120"
near_rgb "subtitles: no box before cue 1 (frame 14)" "$(pixel "$WORK/subtitles.mp4" 14 240 255)" 0 0 0 6
near_rgb "subtitles: cue 1's box from 0.5 s (frame 15)" "$(pixel "$WORK/subtitles.mp4" 15 240 255)" 16 20 45 8
near_rgb "subtitles: cue 1's box until 1.5 s (frame 44)" "$(pixel "$WORK/subtitles.mp4" 44 240 255)" 16 20 45 8
near_rgb "subtitles: gone at 1.5 s (frame 45)" "$(pixel "$WORK/subtitles.mp4" 45 240 255)" 0 0 0 6
near_rgb "subtitles: cue 2's box from 1.8 s (frame 54)" "$(pixel "$WORK/subtitles.mp4" 54 240 255)" 16 20 45 8

# colour_grade: exposure, contrast, saturation, a moving temperature, a .cube LUT, curves; the left third ungraded
run colour_grade --preset ultrafast
info=$("$MC" "$WORK/colour_grade.mp4")
expect_contains "colour_grade streams" "$info" "video 640x360 fps=30/1 frames=120"
near_rgb "colour_grade leaves the left third" "$(pixel "$WORK/colour_grade.mp4" 119 100 20)" 59 91 134 6
near_rgb "colour_grade's sky at the start" "$(pixel "$WORK/colour_grade.mp4" 0 540 20)" 58 97 147 8
near_rgb "colour_grade's sky warmer at the end" "$(pixel "$WORK/colour_grade.mp4" 119 540 20)" 58 79 109 8
near_rgb "colour_grade's lake at the end" "$(pixel "$WORK/colour_grade.mp4" 119 540 330)" 82 94 105 8

# transitions: every transition between the clips of a concat; the overlaps shorten it
run transitions --preset ultrafast
info=$("$MC" "$WORK/transitions.mp4")
expect_contains "transitions streams" "$info" "video 480x270 fps=30/1 frames=672"
expect_contains "transitions sound" "$info" "audio 48000 2"
expect_contains "transitions says the length" "$(cat "$WORK/transitions.out")" "the show lasts 22.40 s"
near_rgb "transitions fade_through black at its middle" "$(pixel "$WORK/transitions.mp4" 78 240 135)" 0 0 0 4
near_rgb "transitions wipe: a on the left" "$(pixel "$WORK/transitions.mp4" 111 10 135)" 32 48 80 8
near_rgb "transitions wipe: b on the right" "$(pixel "$WORK/transitions.mp4" 111 470 135)" 224 160 48 8

# detail_effects: a plate racked out of focus behind a sharp PiP, a face pixelated through a
# mask that follows it, a glowing title, edge/emboss/box_blur thumbnails, a vignette and grain
run detail_effects --preset ultrafast
expect_contains "detail_effects streams" "$("$MC" "$WORK/detail_effects.mp4")" "video 640x360 fps=30/1 frames=90"
near_rgb "detail_effects plate sharp at the start: sky above the hill" "$(pixel "$WORK/detail_effects.mp4" 0 560 206)" 191 119 52 12
near_rgb "detail_effects plate out of focus at the end: the hill mixes in" "$(pixel "$WORK/detail_effects.mp4" 89 560 206)" 154 116 73 12
near_rgb "detail_effects the face's eye in a pixelated block" "$(pixel "$WORK/detail_effects.mp4" 45 484 102)" 123 91 69 12
near_rgb "detail_effects vignette: a dark corner" "$(pixel "$WORK/detail_effects.mp4" 0 3 3)" 10 17 43 10

# masks: a growing rounded PiP, an iris opening, a glow from a title's alpha, the algebra of
# shapes, keys and blend modes
run masks
info=$("$MC" "$WORK/masks.mp4")
expect_contains "masks streams" "$info" "video 640x360 fps=30/1 frames=90"
near_rgb "masks PiP: the rectangle's inset is empty at the start" "$(pixel "$WORK/masks.mp4" 0 10 90)" 0 0 0 6
near_rgb "masks PiP: the bars at the end" "$(pixel "$WORK/masks.mp4" 89 10 90)" 190 190 190 8
near_rgb "masks iris closed at the start" "$(pixel "$WORK/masks.mp4" 0 480 20)" 0 0 0 6
near_rgb "masks iris open at the end: the gradient" "$(pixel "$WORK/masks.mp4" 89 480 20)" 224 125 110 10
near_rgb "masks glow beside a letter" "$(pixel "$WORK/masks.mp4" 89 34 270)" 48 152 204 12
near_rgb "masks chroma key keeps the skin disc" "$(pixel "$WORK/masks.mp4" 89 535 315)" 223 171 139 10

# motion: keyframes, a spring, a Lua function path, a Ken Burns zoom, a moving angle
run motion
info=$("$MC" "$WORK/motion.mp4")
expect_contains "motion streams" "$info" "video 640x360 fps=30/1 frames=90"
expect_near "motion length" "$(field duration "$(echo "$info" | head -1)")" 3 0.02
expect_contains "motion samples its curves" "$(cat "$WORK/motion.out")" "at 0.8 s the subtitle is at x = 83 and the logo at scale 1.25"
near_rgb "motion title off-screen at the start" "$(pixel "$WORK/motion.mp4" 0 48 36)" 105 105 105 8
near_rgb "motion title in place at the end" "$(pixel "$WORK/motion.mp4" 89 48 36)" 224 48 30 8
near_rgb "motion logo not popped at the start" "$(pixel "$WORK/motion.mp4" 0 480 44)" 105 0 0 8
near_rgb "motion logo popped by the end" "$(pixel "$WORK/motion.mp4" 89 480 44)" 255 136 0 8
near_rgb "motion ball at the top of a hop at 1 s" "$(pixel "$WORK/motion.mp4" 30 168 227)" 255 214 95 16
near_rgb "motion ball not on the floor at 1 s" "$(pixel "$WORK/motion.mp4" 30 168 318)" 105 105 0 8
near_rgb "motion ball on the floor at 0.8 s" "$(pixel "$WORK/motion.mp4" 24 146 318)" 255 214 90 16
near_rgb "motion Ken Burns: green bar at the start" "$(pixel "$WORK/motion.mp4" 0 290 340)" 0 105 0 8
near_rgb "motion Ken Burns: the cyan bar grew over it" "$(pixel "$WORK/motion.mp4" 89 290 340)" 0 105 105 8
near_rgb "motion badge square at 0 degrees" "$(pixel "$WORK/motion.mp4" 0 440 250)" 58 134 255 8
near_rgb "motion badge turned 45 degrees at 0.5 s" "$(pixel "$WORK/motion.mp4" 15 440 250)" 105 0 105 8

# easings: dots running along their curves
run easings
expect_contains "easings streams" "$("$MC" "$WORK/easings.mp4")" "video 640x360 fps=30/1 frames=90"
near_rgb "easings linear dot at 1.2 s" "$(pixel "$WORK/easings.mp4" 36 51 36)" 255 204 51 20
near_rgb "easings step dot still low at 1 s" "$(pixel "$WORK/easings.mp4" 30 149 48)" 255 204 51 20
near_rgb "easings step dot not high at 1 s" "$(pixel "$WORK/easings.mp4" 30 198 22)" 113 136 177 12
near_rgb "easings step dot high at the end" "$(pixel "$WORK/easings.mp4" 75 198 22)" 255 204 51 25

# effects_from_data: operations by name from a table, cards at percentages
run effects_from_data
expect_contains "effects_from_data streams" "$("$MC" "$WORK/effects_from_data.mp4")" "video 640x360 fps=30/1 frames=90"
near_rgb "effects_from_data first card not yet in" "$(pixel "$WORK/effects_from_data.mp4" 0 20 60)" 20 22 31 6
near_rgb "effects_from_data as it is: white bar on the left" "$(pixel "$WORK/effects_from_data.mp4" 89 20 60)" 191 191 191 8
near_rgb "effects_from_data opacity 0.35" "$(pixel "$WORK/effects_from_data.mp4" 89 180 60)" 87 90 100 8
near_rgb "effects_from_data mirror x: blue bar on the left" "$(pixel "$WORK/effects_from_data.mp4" 89 340 60)" 0 0 191 8
# (each card begins 0.06 s after the one before: the sixth at 0.36 s, its turn is half done at 1.86 s)
near_rgb "effects_from_data moving rotate: half-way upside down" "$(pixel "$WORK/effects_from_data.mp4" 56 180 170)" 0 0 191 8
near_rgb "effects_from_data moving rotate: round at the end" "$(pixel "$WORK/effects_from_data.mp4" 89 180 170)" 191 191 191 8
near_rgb "effects_from_data moving crop: the left bars at first" "$(pixel "$WORK/effects_from_data.mp4" 36 215 266)" 191 191 191 8
near_rgb "effects_from_data moving crop: panned to the right" "$(pixel "$WORK/effects_from_data.mp4" 89 215 266)" 0 191 0 8
near_rgb "effects_from_data margin per side: yellow on the left" "$(pixel "$WORK/effects_from_data.mp4" 89 338 284)" 255 204 0 8
near_rgb "effects_from_data moving scale: zoomed 2.5x" "$(pixel "$WORK/effects_from_data.mp4" 89 602 286)" 0 191 191 8

# drawing: canvas() each frame, clip:map() over the result
run drawing
info=$("$MC" "$WORK/drawing.mp4")
expect_contains "drawing streams" "$info" "video 640x360 fps=30/1 frames=90"
expect_contains "drawing sound" "$info" "audio 48000 2"
expect_near "drawing sound length" "$(field duration "$(echo "$info" | grep audio)")" 3 0.03
near_rgb "drawing ring not round yet at 1 s" "$(pixel "$WORK/drawing.mp4" 30 475 147)" 68 71 84 8
near_rgb "drawing ring full at the end" "$(pixel "$WORK/drawing.mp4" 89 475 147)" 80 171 223 10
near_rgb "drawing lower third not yet at the start" "$(pixel "$WORK/drawing.mp4" 0 56 290)" 5 54 61 8
near_rgb "drawing lower third unrolled" "$(pixel "$WORK/drawing.mp4" 89 56 290)" 250 132 7 8
near_rgb "drawing map's swatch shows the green bar" "$(pixel "$WORK/drawing.mp4" 45 400 78)" 0 191 0 8
near_rgb "drawing map's swatch shows the red bar" "$(pixel "$WORK/drawing.mp4" 75 400 78)" 191 0 0 8
near_rgb "drawing map blits REC" "$(pixel "$WORK/drawing.mp4" 0 30 27)" 255 32 32 10
near_rgb "drawing REC blinks off" "$(pixel "$WORK/drawing.mp4" 15 30 27)" 2 4 54 8

if has_gif; then
  out=$("$MR" run "$S/inspect.lua" --set "out=$WORK/inspect" 2>&1) && ok || bad "inspect failed: $out"
  expect_contains "inspect prints the pixel" "$out" "pixel (5,5) = 30 30 30 255"
  expect_file "$WORK/inspect-frame30.png"
  expect_contains "inspect mp4" "$("$MC" "$WORK/inspect.mp4")" "video 320x180 fps=30/1 frames=60"
  expect_contains "inspect gif" "$("$MC" "$WORK/inspect.gif")" "video 240x135"
else
  skip "the inspect example" "it writes a GIF, and this moonreel was built with MOONREEL_GIF=OFF"
fi

# sound_synth: 4 s of synthesised music under a picture; the sound alone as 24-bit .wav
# titles: a lower third typed out in a box, rich text, every script, shrink to fit, a bounce-in
run titles --preset ultrafast
expect_contains "titles streams" "$("$MC" "$WORK/titles.mp4")" "video 1280x720 fps=30/1 frames=120"
near_rgb "titles the lower third's box before the first letter" "$(pixel "$WORK/titles.mp4" 0 86 640)" 16 12 25 8
near_rgb "titles the lower third's B typed by the end" "$(pixel "$WORK/titles.mp4" 119 86 640)" 255 255 255 8
near_rgb "titles the orange serif World" "$(pixel "$WORK/titles.mp4" 60 660 100)" 252 165 0 10

run sound_synth --preset ultrafast
info=$("$MC" "$WORK/sound_synth.mp4")
expect_contains "sound_synth sound" "$info" "audio 48000 2"
expect_near "sound_synth sound length" "$(field duration "$(echo "$info" | grep audio)")" 4 0.03
expect_contains "sound_synth measures itself" "$(cat "$WORK/sound_synth.out")" "sound_synth: 4.00 s, peak 0."
"$MR" run "$S/sound_synth.lua" --set sound_only=1 -o "$WORK/synth.wav" --sample-format s24 -q > /dev/null 2>&1 && ok || bad "sound_synth to .wav failed"
info=$("$MC" "$WORK/synth.wav")
expect_eq "sound_synth .wav codec" "$(field codec "$info")" "pcm_s24le"
expect_near "sound_synth .wav length" "$(field duration "$info")" 4 0.001

# sound_mix: a ducked, faded, panned mix brought to -16 LUFS: libavfilter's ebur128 (r128check,
# built beside mediacheck where libavfilter is) measures it within 0.5 LU
run sound_mix --preset ultrafast
info=$("$MC" "$WORK/sound_mix.mp4")
expect_contains "sound_mix streams" "$info" "video 480x270 fps=30/1 frames=240"
expect_near "sound_mix sound length" "$(field duration "$(echo "$info" | grep audio)")" 8 0.03
"$MR" run "$S/sound_mix.lua" --set sound_only=1 -o "$WORK/sound_mix.wav" -q > /dev/null 2>&1 && ok || bad "sound_mix to .wav failed"
R128=$(dirname "$MC")/r128check
if [ -x "$R128" ]; then
  r=$("$R128" "$WORK/sound_mix.wav")
  expect_near "sound_mix loudness (ebur128)" "$(field I "$r")" -16 0.5
  awk -v p="$(field TP "$r")" 'BEGIN { exit !(p <= -0.9) }' && ok || bad "sound_mix true peak $r above -1 dBTP"
  expect_near "sound_mix loudness in the .mp4 (AAC)" "$(field I "$("$R128" "$WORK/sound_mix.mp4")")" -16 0.5
fi

mkdir -p "$WORK/assets"
"$MR" run "$S/assets/make_assets.lua" --set "dir=$WORK/assets" -q && ok || bad "make_assets failed"
expect_contains "make_assets sample" "$("$MC" "$WORK/assets/sample.mp4")" "video 480x270 fps=30/1 frames=120"
expect_file "$WORK/assets/logo.png"
expect_no_temp "$WORK"
# the stills of docs/api.md, made again: the same pictures as the ones in docs/img
mkdir -p "$WORK/img"
if "$MR" run "$S/docs_stills.lua" --set "out=$WORK/img" --backend cpu -q 2> "$WORK/stills.err"; then ok; else bad "docs_stills failed: $(cat "$WORK/stills.err")"; fi
for name in rotate scale mirror margin crop canvas blend keys gradients masks transitions colour detail time; do
  cmp -s "$WORK/img/$name.png" "$ROOT/docs/img/$name.png" && ok || bad "docs/img/$name.png is not what scripts/docs_stills.lua makes now (run it with --set out=docs/img)"
done

finish
