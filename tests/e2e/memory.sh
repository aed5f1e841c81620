#!/bin/bash
# memory.sh: rendering a 10-minute edit takes no more peak memory than a 1-minute one (10 %).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
cat > edit.lua <<'LUA'
local d = args.minutes * 60
local scene = compose({pattern("counter", 320, 240), text("memory", {size = 24}):at("center", "top", 4)}, {duration = d})
return scene:with_audio(tone(440):dur(d)):fadein(1):fadeout(1)
LUA
peak() { /usr/bin/time -f %M "$MR" run edit.lua --set minutes=$1 -o m$1.mp4 --preset ultrafast -q 2>&1 >/dev/null | tail -1; }
one=$(peak 1)
ten=$(peak 10)
echo "peak RSS: 1 minute $one KB, 10 minutes $ten KB"
expect_near "10 minutes within 10 % of 1 minute" "$ten" "$one" "$((one / 10))"
expect_contains "10 minutes rendered" "$("$MC" m10.mp4)" "frames=18000"
finish
