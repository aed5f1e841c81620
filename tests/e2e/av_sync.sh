#!/bin/bash
# av_sync.sh: over a 10-minute render, sound stays on its picture to within one audio frame
# (1024 samples at 48 kHz = 21 ms): a click and a white flash start every second; the click
# heard near the end must still start with its flash.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
cat > beat.lua <<'LUA'
local flash = compose({color("black", 64, 64), color("white", 64, 64):dur(1 / 30)}, {duration = 1, fps = 30})
local click = concat({tone(1000):dur(0.05), silence():dur(0.95)})
return flash:with_audio(click):loop(600)
LUA
"$MR" run beat.lua -o beat.mp4 --preset ultrafast -q && ok || bad "10-minute render"
info=$("$MC" beat.mp4)
expect_contains "every frame" "$info" "frames=18000"
expect_near "sound lasts as long as the picture" "$(field duration "$(echo "$info" | grep audio)")" 600 0.0215
expect_near "first click" "$("$MC" beat.mp4 onset 0)" 0 0.0215
expect_near "click at 5 min" "$("$MC" beat.mp4 onset 300.5)" 301 0.0215
expect_near "click in the last second" "$("$MC" beat.mp4 onset 598.5)" 599 0.0215
near_rgb "flash at 599 s" "$(pixel beat.mp4 17970 32 32)" 255 255 255 6
near_rgb "dark after it" "$(pixel beat.mp4 17971 32 32)" 0 0 0 6
finish
