#!/bin/bash
# interrupt.sh: Ctrl-C (SIGINT) during a render or during script code stops cleanly with
# status 130, leaves no temporary file, and does not touch an existing output.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
echo "precious" > keep.mp4

cat > long.lua <<'LUA'
return compose({pattern("counter", 320, 240), text("long", {size = 30})}, {duration = 600})
LUA
"$MR" run long.lua -o keep.mp4 2> err.txt &
pid=$!
for i in $(seq 50); do   # wait until the render is writing its temporary file
  [ -n "$(find . -name '*.moonreel-*.part')" ] && break
  sleep 0.1
done
[ -n "$(find . -name '*.moonreel-*.part')" ] && ok || bad "the render never started"
kill -INT $pid
wait $pid
expect_eq "interrupted render exits 130" $? 130
expect_contains "says it was interrupted" "$(cat err.txt)" "interrupted"
expect_eq "existing output untouched" "$(cat keep.mp4)" "precious"
expect_no_temp "$WORK"

cat > spin.lua <<'LUA'
local n = 0
while true do n = n + 1 end
LUA
"$MR" run spin.lua -o keep.mp4 2> err2.txt &
pid=$!
sleep 1
kill -INT $pid
wait $pid
expect_eq "interrupted script exits 130" $? 130
expect_contains "names the line" "$(cat err2.txt)" "spin.lua:2: interrupted"
expect_eq "existing output untouched" "$(cat keep.mp4)" "precious"
finish
