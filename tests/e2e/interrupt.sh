#!/bin/bash
# interrupt.sh: Ctrl-C (SIGINT) during a render or during script code stops cleanly with
# status 130 (SIGTERM: 143), leaves no temporary file, and does not touch an existing output;
# during the final flush too, where the output is then either complete (status 0, said) or
# not there at all (130), never half of each.
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

# SIGTERM (a job scheduler, a container's stop): 143, nothing left
"$MR" run long.lua -o keep.mp4 2> err3.txt &
pid=$!
for i in $(seq 50); do
  [ -n "$(find . -name '*.moonreel-*.part')" ] && break
  sleep 0.1
done
kill -TERM $pid
wait $pid
expect_eq "SIGTERM during a render exits 143" $? 143
expect_contains "says it was interrupted" "$(cat err3.txt)" "interrupted"
expect_eq "existing output untouched" "$(cat keep.mp4)" "precious"
expect_no_temp "$WORK"
"$MR" run spin.lua -o keep.mp4 2> /dev/null &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
expect_eq "SIGTERM during script code exits 143" $? 143

# the final flush: x264's slowest preset holds its last 60 pictures until then (seconds of work)
cat > flush.lua <<'LUA'
return compose({pattern("counter", 1280, 720), tone(440)}, {duration = 3})
LUA
for sig in INT TERM; do
  rm -f flushed.mp4
  MOONREEL_TRACE=1 "$MR" run flush.lua -o flushed.mp4 --preset veryslow --crf 10 --encoder-threads 1 2> flush.err &
  pid=$!
  for i in $(seq 600); do
    grep -q "flushing the encoders" flush.err && break
    sleep 0.05
  done
  grep -q "flushing the encoders" flush.err && ok || bad "the render never reached its flush"
  kill -$sig $pid
  wait $pid; st=$?
  want=$([ $sig = INT ] && echo 130 || echo 143)
  if [ $st -eq 0 ]; then   # the flush was over: complete, in place, and said so
    expect_contains "SIG$sig at the end: complete" "$("$MC" flushed.mp4)" "frames=90 "
    expect_contains "SIG$sig at the end: said" "$(cat flush.err)" "wrote flushed.mp4"
  else
    expect_eq "SIG$sig during the flush: status" $st $want
    expect_no_file flushed.mp4
    expect_contains "SIG$sig during the flush: said" "$(cat flush.err)" "flushed.mp4: interrupted"
  fi
  expect_no_temp "$WORK"
done
# the flush stops at once rather than finishing first (seconds of work)
expect_eq "the flush, interrupted, leaves nothing" "$(ls flushed.mp4 2>/dev/null)" ""
finish
