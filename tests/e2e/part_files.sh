#!/bin/bash
# part_files.sh: nothing left behind. A render killed with SIGKILL leaves its hidden part file
# beside the target; the next run writing to that folder removes it (its writer is dead: its
# lock is free), but never the part file of a run that is still writing there. A second Ctrl-C
# leaves at once, and removes the part file too.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir -p out

cat > long.lua <<'LUA'
return compose({pattern("counter", 320, 240), tone(440)}, {duration = 600})
LUA
cat > short.lua <<'LUA'
return pattern("bars", 64, 48):dur(0.2)
LUA

# wait_part DIR [TARGET]: waits (up to 10 s) until a part file (of TARGET's name) appears in
# DIR; prints its path
wait_part() {
  for _ in $(seq 100); do
    p=$(find "$1" -maxdepth 1 -name ".${2:-*}.moonreel-*.part" | head -1)
    [ -n "$p" ] && { echo "$p"; return; }
    sleep 0.1
  done
}

# SIGKILL in mid-render: the part file stays (nothing can remove it then) ...
"$MR" run long.lua -o out/a.mp4 -q &
pid=$!
part=$(wait_part out a.mp4)
[ -n "$part" ] && ok || bad "the render never started writing"
sleep 0.5
kill -9 $pid; wait $pid 2>/dev/null
expect_file "$part"
case "$part" in out/.a.mp4.moonreel-*-*-$pid-*.part) ok ;; *) bad "part file named by host, boot and PID: $part" ;; esac
expect_no_file out/a.mp4

# ... while another render writes into the same folder, a third run there leaves the live one's
# part file alone and removes the dead one's
"$MR" run long.lua -o out/live.mp4 -q &
live=$!
live_part=$(wait_part out live.mp4)
[ -n "$live_part" ] && ok || bad "the second render never started writing"
"$MR" run short.lua -o out/b.mp4 -q; expect_eq "a later run: status 0" $? 0
expect_file out/b.mp4
expect_no_file "$part"
expect_file "$live_part"
kill -INT $live; wait $live; expect_eq "the live render, interrupted: 130" $? 130
expect_no_temp "$WORK/out"

# a render() inside a script cleans its folder the same way
"$MR" run long.lua -o out/c.mp4 -q &
pid=$!
part=$(wait_part out c.mp4)
kill -9 $pid; wait $pid 2>/dev/null
expect_file "$part"
printf 'render(pattern("bars", 64, 48):dur(0.2), "out/d.mp4")\n' > inner.lua
"$MR" run inner.lua -q; expect_eq "render() in a script: status 0" $? 0
expect_no_file "$part"
expect_no_temp "$WORK/out"

# a second Ctrl-C leaves at once, and the part file goes too
"$MR" run long.lua -o out/e.mp4 -q &
pid=$!
part=$(wait_part out e.mp4)
kill -INT $pid; sleep 0.05; kill -INT $pid; wait $pid; st=$?
expect_eq "two Ctrl-Cs: 130" $st 130
expect_no_file out/e.mp4
expect_no_temp "$WORK/out"
finish
