#!/bin/bash
# batch.sh: moonreel batch end to end: the sandbox (each escape blocked, naming the function),
# limits (Lua time despite pcall, Lua memory, render time), Lua called back during a row's render
# (function curves, map, canvas: the row's own values, its errors and limits), failures reported
# while the other rows finish, exit statuses, duplicate outputs refused before rendering, --resume (records,
# changed rows, damaged outputs), SIGKILL at several moments then --resume, and shards whose
# merged reports cover every row exactly once.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir -p tpl media
cp "$ROOT/scripts/assets/logo.png" media/

# a small template: 1 s at 160x90, the row's colour, a picture from an allowed folder, its name
cat > tpl/card.lua <<'LUA'
return function(row, args)
  local pic = image(args.media .. "/logo.png"):resize(0.2)
  return compose({color(row.color, 160, 90), pic:at(4, 4), text(row.name, {size = 14}):at("center", "bottom", 4)},
    {duration = tonumber(row.seconds) or 1, fps = 10})
end
LUA
printf 'id,name,color\n' > rows.csv
for i in $(seq 0 11); do printf '%03d,"Person, %d",#%02x4080\n' $i $i $((i * 20)) >> rows.csv; done
B() { "$MR" batch tpl/card.lua "$@" --set media="$WORK/media" --allow "$WORK/media" --preset ultrafast --quiet; }

# all rows, report, records
B rows.csv -o 'out/{id}.mp4' -j 2 --report rep.json; expect_eq "all rows: status 0" $? 0
expect_eq "12 outputs" "$(ls out/*.mp4 | wc -l)" 12
expect_contains "an output" "$("$MC" out/007.mp4)" "video 160x90 fps=10/1 frames=10"
expect_eq "12 records" "$(ls out/.moonreel-batch/*.json | wc -l)" 12
expect_contains "report" "$(cat rep.json)" '"done": 12'
expect_no_temp "$WORK/out"

# the encoder's threads: a bad count is refused before anything runs; a good one renders
out=$(B rows.csv -o 'thr/{id}.mp4' --encoder-threads 0 2>&1); expect_eq "bad --encoder-threads: status 2" $? 2
expect_contains "and says why" "$out" "--encoder-threads wants a whole number 1..64, got '0'"
expect_no_file thr
B rows.csv -o 'thr/{id}.mp4' -j 2 --encoder-threads 1; expect_eq "--encoder-threads 1: status 0" $? 0
expect_eq "12 outputs with one encoder thread each" "$(ls thr/*.mp4 | wc -l)" 12

# the render options are run's, read by the same parser: --fps 12.5 is 25/2 here too; --set
# values follow run's rule (42 an integer, 0x10 text)
cat > tpl/sets.lua <<'LUA'
return function(row, args)
  assert(math.type(args.i) == "integer" and args.h == "0x10" and args.r == 2.5, "--set as run reads it")
  return color(row.color, 32, 18):dur(0.4)
end
LUA
"$MR" batch tpl/sets.lua rows.csv -o 'fps/{row:02}.mp4' -j 2 --fps 12.5 --set i=42 --set h=0x10 --set r=2.5 \
  --preset ultrafast --quiet 2> fps.err
expect_eq "batch --fps 12.5 and --set: status 0" $? 0
expect_contains "batch --fps 12.5" "$("$MC" fps/01.mp4)" "fps=25/2 frames=5"
expect_file fps/12.mp4

# --resume: nothing to do; a changed row and a damaged output are done again
B rows.csv -o 'out/{id}.mp4' --resume --report rep2.json; expect_eq "resume: status 0" $? 0
expect_contains "resume skips all" "$(cat rep2.json)" '"resumed": 12'
sed -i 's/^003,"Person, 3"/003,"Changed"/' rows.csv
head -c 200 out/005.mp4 > cut && cat cut > out/005.mp4
B rows.csv -o 'out/{id}.mp4' --resume --report rep3.json
expect_contains "resume redoes the changed and the damaged" "$(cat rep3.json)" '"done": 2'
expect_contains "005 intact again" "$("$MC" out/005.mp4)" "frames=10"

# two rows onto one path: refused before anything renders
printf 'id,name,color\n1,a,red\n2,b,red\n' > dup.csv
B dup.csv -o 'dup/{color}.mp4' 2> dup.err; expect_eq "duplicate outputs: status 1" $? 1
expect_contains "duplicate outputs named" "$(cat dup.err)" "rows 1 and 2 would both write 'dup/red.mp4'"
expect_no_file dup/red.mp4
# a field cannot leave the output folder
printf 'id,name,color\n../../evil,a,red\n' > evil.csv
B evil.csv -o 'safe/{id}.mp4'; expect_file "safe/_._.._evil.mp4"

# the sandbox: each escape fails its row, naming what was refused; the good row finishes
cat > tpl/escape.lua <<'LUA'
local tries = {
  execute = function() os.execute("touch pwned") end,
  popen = function() io.popen("id") end,
  open = function() io.open("/etc/passwd") end,
  remove = function() os.remove("x") end,
  rename = function() os.rename("a", "b") end,
  loadlib = function() package.loadlib("libc.so.6", "system") end,
  cmodule = function() require("socket.core") end,
  binary = function() load("\27Lua\84\0", "x", "b") end,
  dump = function() string.dump(print) end,
  debug = function() debug.getinfo(1) end,
  getenv = function() os.getenv("HOME") end,
  outside = function() image("/etc/hostname.png") end,
  render = function() render(color("red", 8, 8):dur(1), "out.mp4") end,
  loop = function() while true do pcall(function() while true do end end) end end,
  memory = function() local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 1e7) .. i end end,
  fine = function() end,
}
return function(row)
  if row.try == "slow" then return pattern("counter", 640, 360):dur(600) end
  tries[row.try]()
  return color("green", 32, 32):dur(0.2)
end
LUA
printf '[' > esc.json
first=1
for t in execute popen open remove rename loadlib cmodule binary dump debug getenv outside render loop memory fine; do
  [ $first = 1 ] || printf ',' >> esc.json; first=0
  printf '{"id": "%s", "try": "%s"}' $t $t >> esc.json
done
printf ',{"id": "slow", "try": "slow"}]' >> esc.json
"$MR" batch tpl/escape.lua esc.json -o 'esc/{id}.mp4' -j 2 --lua-time 1 --lua-memory 64 --row-timeout 4 \
  --preset ultrafast --quiet --report esc.json.report 2> esc.err
expect_eq "some rows failed: status 3" $? 3
rep=$(cat esc.json.report)
for want in "os.execute is not allowed" "io.popen is not allowed" "io.open is not allowed" "os.remove is not allowed" \
  "os.rename is not allowed" "package.loadlib is not allowed" "require('socket.core') is not allowed" \
  "load of binary chunks is not allowed" "string.dump is not allowed" "debug.getinfo is not allowed" \
  "os.getenv is not allowed" "outside the folders this batch may read" "render is not allowed" \
  "the row's Lua time limit" "not enough memory" "longer than 4 s (--row-timeout)"; do
  expect_contains "sandbox: $want" "$rep" "$want"
done
expect_file esc/fine.mp4
expect_no_file pwned
expect_contains "failures list their fields" "$rep" '"try": "execute"'
expect_contains "summary names rows from 1, as spreadsheets do" "$(cat esc.err)" "row 1: "
expect_no_temp "$WORK/esc"

# SIGKILL at several moments, then --resume: every output once, complete, no temporary file
printf 'id,name,color,seconds\n' > long.csv
for i in $(seq 0 7); do printf '%d,n%d,#%02x2020,3\n' $i $i $((i * 30)) >> long.csv; done
for at in 0.3 1.2 2.5; do
  rm -rf kill
  setsid "$MR" batch tpl/card.lua long.csv -o 'kill/{id}.mp4' -j 2 --set media="$WORK/media" --allow "$WORK/media" --quiet &
  pid=$!
  sleep $at
  kill -9 -- -$pid 2>/dev/null; wait $pid 2>/dev/null
  B long.csv -o 'kill/{id}.mp4' --resume --report kill.json; expect_eq "resume after SIGKILL at $at s" $? 0
  expect_eq "8 outputs after kill at $at s" "$(ls kill/*.mp4 | wc -l)" 8
  bad_files=0
  for f in kill/*.mp4; do "$MC" "$f" | grep -q "frames=30 " || bad_files=$((bad_files + 1)); done
  expect_eq "every output complete after kill at $at s" $bad_files 0
  expect_no_temp "$WORK/kill"
done

# shards: each row in exactly one; the merged report has them all
for k in 0 1 2; do B rows.csv -o 'sh/{id}.mp4' --shard $k/3 --report sh$k.json; done
"$MR" batch --merge-reports sh0.json sh1.json sh2.json --report all.json 2> merge.err; expect_eq "merge: status 0" $? 0
expect_contains "merged: all rows" "$(cat all.json)" '"done": 12'
expect_eq "12 shard outputs" "$(ls sh/*.mp4 | wc -l)" 12
expect_eq "no row twice" "$(grep -ho '"row": [0-9]*' sh0.json sh1.json sh2.json | sort | uniq -d | wc -l)" 0
expect_contains "shard 1 has rows 2, 5, 8, 11 (counted from 1)" "$(grep -o '"row": [0-9]*' sh1.json | tr '\n' ' ')" '"row": 2 "row": 5 "row": 8 "row": 11'

# bad input to the batch itself: status 1 (not 3), and why
"$MR" batch tpl/nothere.lua rows.csv -o 'x/{id}.mp4' 2> e1; expect_eq "missing template: status 1" $? 1
expect_contains "missing template named" "$(cat e1)" "cannot open the template"
printf 'return function( end\n' > tpl/broken.lua
"$MR" batch tpl/broken.lua rows.csv -o 'x/{id}.mp4' 2> e2; expect_eq "template syntax error: status 1" $? 1
expect_contains "syntax error named" "$(cat e2)" "broken.lua:1:"
"$MR" batch tpl/card.lua rows.csv -o 'x/{nope}.mp4' 2> e3; expect_eq "unknown field: status 1" $? 1
expect_contains "unknown field named" "$(cat e3)" "no field 'nope'"
# Lua called back while a row renders runs on the row's own Lua state, inside its limits: a
# function curve placing a dot, a map and a canvas painting the row's colour (row 1 red at x 24,
# row 2 green at x 40); a callback's error fails its row naming the line and the time; an
# endless loop and a memory hog in callbacks are ended by the row's Lua limits; the rest render
cat > tpl/callbacks.lua <<'LUA'
return function(row)
  local x = tonumber(row.x)
  if row.try == "boom" then
    local c = color("black", 32, 18):opacity(function(t)
      if math.abs(t - 0.5) < 0.01 then error("boom at " .. row.id) end
      return 1
    end)
    return compose({c}, {duration = 1, fps = 10})
  elseif row.try == "loop" then
    return color("black", 32, 18):dur(1):map(function(f, t) while true do pcall(function() while true do end end) end end)
  elseif row.try == "memory" then
    return canvas(32, 18, function(ctx, t) local k = {} for i = 1, 1e9 do k[i] = string.rep("x", 1e6) .. i end end):dur(1)
  end
  local mapped = color("black", 64, 36):map(function(f, t) f:fill_rect(0, 0, 8, 8, row.color) end)
  local drawn = canvas(64, 36, function(ctx, t) ctx:rectangle(0, 26, 10, 10); ctx:fill(row.color) end)
  local dot = color(row.color, 8, 8):at(function(t) return x, 2 end)
  return compose({mapped, drawn, dot}, {duration = 1, fps = 10})
end
LUA
printf 'id,color,x,try\nred,red,24,\ngreen,#00ff00,40,\nboom,blue,0,boom\nloop,blue,0,loop\nmemory,blue,0,memory\n' > cb.csv
t0=$(date +%s)
"$MR" batch tpl/callbacks.lua cb.csv -o 'cb/{id}.mp4' -j 2 --lua-time 1 --lua-memory 32 --row-timeout 20 \
  --preset ultrafast --quiet --report cb.json 2> cb.err
expect_eq "callbacks: status 3 (three rows failed)" $? 3
expect_eq "callbacks: the looping row ends by the Lua time limit, not the row timeout" "$(($(date +%s) - t0 < 15))" 1
near_rgb "map in row 1 (red)" "$(pixel cb/red.mp4 5 2 2)" 254 0 0 8
near_rgb "canvas in row 1 (red)" "$(pixel cb/red.mp4 5 3 30)" 254 0 0 8
near_rgb "function curve in row 1 (red at 24)" "$(pixel cb/red.mp4 5 27 5)" 254 0 0 8
near_rgb "row 1: nothing at row 2's spot" "$(pixel cb/red.mp4 5 43 5)" 0 0 0 8
near_rgb "map in row 2 (green)" "$(pixel cb/green.mp4 5 2 2)" 0 254 0 8
near_rgb "canvas in row 2 (green)" "$(pixel cb/green.mp4 5 3 30)" 0 254 0 8
near_rgb "function curve in row 2 (green at 40)" "$(pixel cb/green.mp4 5 43 5)" 0 254 0 8
near_rgb "row 2: nothing at row 1's spot" "$(pixel cb/green.mp4 5 27 5)" 0 0 0 8
msg() { jq -r --arg id "$1" '.failures[] | select(.fields.id == $id) | .message' cb.json; }
expect_contains "callback error: the line" "$(msg boom)" "callbacks.lua:5: boom at boom"
expect_contains "callback error: the time" "$(msg boom)" "(the curve function of tpl/callbacks.lua:4, at 0.500 s)"
expect_contains "callback loop: the line" "$(msg loop)" "callbacks.lua:10: "
expect_contains "callback loop: the limit" "$(msg loop)" "ran Lua code for more than 1 s (the row's Lua time limit"
expect_contains "callback loop: the function" "$(msg loop)" "(the map function of tpl/callbacks.lua:10"
expect_contains "callback memory: the limit" "$(msg memory)" "not enough memory (the canvas function of"
expect_contains "summary: the row" "$(cat cb.err)" "row 4: "
for id in boom loop memory; do expect_no_file cb/$id.mp4; done
expect_no_temp "$WORK/cb"
# Ctrl-C while a callback loops stops its row at once, not at the Lua time limit
printf 'id,color,x,try\nloop,blue,0,loop\n' > cbloop.csv
setsid "$MR" batch tpl/callbacks.lua cbloop.csv -o 'cbint/{id}.mp4' --lua-time 60 --preset ultrafast --quiet 2> cbint.err &
pid=$!
sleep 1
t0=$(date +%s)
kill -INT -- -$pid; wait $pid
expect_eq "Ctrl-C in a looping callback: status 130" $? 130
expect_eq "Ctrl-C in a looping callback: stopped within seconds" "$(($(date +%s) - t0 < 10))" 1
expect_contains "Ctrl-C in a looping callback: the row says so" "$(cat cbint.err)" "row 1: "
expect_contains "Ctrl-C in a looping callback: interrupted" "$(cat cbint.err)" "interrupted"
expect_no_temp "$WORK/cbint"

finish
