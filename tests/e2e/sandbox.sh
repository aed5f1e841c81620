#!/bin/bash
# sandbox.sh: batch templates and rows are untrusted input. Each probe is one row that tries
# one way out of the sandbox (a library it must not reach, the registry, a file outside, a time
# limit dodged, in the template or in a function its render calls back, a result the supervisor chokes on, row data that crashes a worker, media that
# reads elsewhere, a userdata of the wrong type); each must fail its row with a clear message in
# the report, leave nothing outside the sandbox, never crash a worker, and let the batch go on.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir -p tpl outside
O="$WORK/outside"
cp "$ROOT/scripts/assets/logo.png" tpl/
cp "$ROOT/scripts/assets/logo.png" outside/secret.png
echo "secret" > outside/secret.txt
echo 'return true' > outside/evil.lua
cp outside/evil.lua tpl/evil.lua.txt
ln -s ../outside/secret.png tpl/link.png
# media outside the allowed folders, and files inside them that would read it
printf 'return color("red", 64, 64):dur(1)\n' > seg.lua
"$MR" run seg.lua -o outside/seg.mkv --preset ultrafast 2> /dev/null
ln -s ../outside/seg.mkv tpl/link.mkv
printf '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\n%s\n#EXT-X-ENDLIST\n' "$O/seg.mkv" > tpl/list.m3u8
printf '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\n../outside/seg.mkv\n#EXT-X-ENDLIST\n' > tpl/rel.m3u8
cp tpl/list.m3u8 tpl/playlist.mp4
printf "ffconcat version 1.0\nfile 'link.mkv'\n" > tpl/list.ffconcat
cp tpl/list.ffconcat tpl/concat.mp4
outside_now() { find outside -printf '%p %s %T@\n' | sort | md5sum; }
before_outside=$(outside_now)

# probe.lua: row.try names the probe; each raises, or returns a small clip when it should pass
cat > tpl/probe.lua <<'LUA'
local O = args.outside
local function clip() return color("green", 32, 32):dur(0.2) end
local bin = string.char(27) .. "LuaT" .. string.rep("\0", 40)
local tries = {
  -- the standard libraries that reach outside
  execute = function() os.execute("touch " .. O .. "/pwned-exec") end,
  popen = function() io.popen("touch " .. O .. "/pwned-popen") end,
  open = function() io.open(O .. "/pwned-open", "w") end,
  lines = function() for l in io.lines("/etc/passwd") do end end,
  output = function() io.output(O .. "/pwned-output") end,
  remove = function() os.remove(O .. "/secret.txt") end,
  rename = function() os.rename(O .. "/secret.txt", O .. "/pwned-rename") end,
  exit = function() os.exit(0) end,
  getenv = function() return os.getenv("HOME") end,
  tmpname = function() return os.tmpname() end,
  dofile = function() dofile(O .. "/evil.lua") end,
  loadfile = function() loadfile(O .. "/evil.lua") end,
  loadlib = function() package.loadlib("libc.so.6", "system") end,
  cmodule = function() require("socket.core") end,
  path_module = function() package.path = O .. "/?.lua"; require("evil") end,
  searchers = function() return package.searchers[3] end,
  searchpath = function() return package.searchpath("secret", O .. "/?.txt") end,
  cpath = function() return package.cpath end,
  -- the real debug library, by every road
  require_debug = function() require("debug").sethook() end,
  loaded_debug = function() return package.loaded.debug.getregistry() end,
  loaded_io = function() package.loaded.io.open(O .. "/pwned-io", "w") end,
  debug_global = function() debug.getinfo(1) end,
  registry_swap = function()
    local reg = require("debug").getregistry()
    reg["moonreel.host"] = color("red", 8, 8):frame(0)
    color("red", 8, 8):frame(0):save(O .. "/pwned-swap.png")
  end,
  upvalue_load = function() local _, real = require("debug").getupvalue(load, 1); real(bin, "x", "b") end,
  setmetatable_udata = function() require("debug").setmetatable(pos(1, 2), {}) end,
  -- binary chunks and string.dump
  binary_b = function() load(bin, "x", "b") end,
  binary_default = function() assert(load(bin)) end,
  binary_reader = function() local n = 0; assert(load(function() n = n + 1; return n == 1 and bin or nil end)) end,
  dump = function() string.dump(function() end) end,
  string_mt = function() getmetatable("").__index.dump(function() end) end,
  -- no console
  io_write = function() io.write("LEAK-write\n") end,
  io_stdout = function() io.stdout:write("LEAK-stdout\n") end,
  io_stderr = function() io.stderr:write("LEAK-stderr\n") end,
  io_read = function() return io.read() end,
  print = function() print("LEAK-print"); return clip() end,
  warn = function() warn("@on"); warn("LEAK-warn"); return clip() end,
  -- writing and reading files through moonreel
  save_outside = function() color("red", 8, 8):frame(0):save(O .. "/pwned-save.png") end,
  render = function() render(clip(), O .. "/pwned.mp4") end,
  image_outside = function() return image(O .. "/secret.png"):dur(0.2) end,
  symlink_outside = function() return image("link.png"):dur(0.2) end,
  font_outside = function() return text("x", {font = O .. "/secret.txt"}):dur(0.2) end,
  m3u8 = function() return video("list.m3u8"):dur(0.2) end,
  m3u8_relative = function() return video("rel.m3u8"):dur(0.2) end,
  m3u8_as_mp4 = function() return video("playlist.mp4"):dur(0.2) end,
  concat = function() return video("list.ffconcat"):dur(0.2) end,
  concat_as_mp4 = function() return video("concat.mp4"):dur(0.2) end,
  -- userdata: metatables out of reach, every type checked
  clip_gc_call = function()
    local c, mt = clip(), getmetatable(clip())
    if type(mt) == "table" then mt.__gc(c); return c:dur(1) end
    error("metatable protected: " .. tostring(mt))
  end,
  frame_gc_call = function()
    local f = clip():frame(0)
    local mt = getmetatable(f)
    if type(mt) == "table" then mt.__gc(f); return f:pixel(0, 0) end
    error("metatable protected: " .. tostring(mt))
  end,
  frame_as_clip = function() local c = clip(); return c.dur(c:frame(0), 1) end,
  clip_as_frame = function() local c = clip(); return c:frame(0).pixel(c, 0, 0) end,
  pos_as_fx = function() return clip():fx(pos(1, 2)) end,
  fx_as_pos = function() return pos(1, 2).to(fx.fadein(1), 1, 2, 3) end,
  frame_in_compose = function() return compose({clip():frame(0)}) end,
  frame_returned = function() return clip():frame(0) end,
  -- errors the supervisor must carry
  error_bytes = function() error("bad bytes \255\254 end") end,
  error_nil = function() error() end,
  error_huge = function() error(string.rep("x", 70000)) end,
  -- the limits
  memory = function() local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 1e6) .. i end end,
  recursion = function() local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x end,
  gc_refused = function() setmetatable({}, {__gc = function() end}) end,
  -- what stays: moonreel's own modules
  require_layout = function() local layout = require("moonreel.layout"); assert(layout.grid); return clip() end,
  require_moonreel = function() assert(require("moonreel") == package.loaded.moonreel and require("moonreel").color); return clip() end,
  gc_added_later = function() local mt = {}; setmetatable({}, mt); mt.__gc = function() while true do end end; collectgarbage(); return clip() end,
  fine = function() return clip() end,
}
return function(row)
  return tries[row.try]() or clip()
end
LUA

# probe ID WANT: one row of the first batch and the message its failure must carry ("" = done)
declare -A want
probe() { want[$1]=$2; }
probe execute "os.execute is not allowed"
probe popen "io.popen is not allowed"
probe open "io.open is not allowed"
probe lines "io.lines is not allowed"
probe output "io.output is not allowed"
probe remove "os.remove is not allowed"
probe rename "os.rename is not allowed"
probe exit "os.exit is not allowed"
probe getenv "os.getenv is not allowed"
probe tmpname "os.tmpname is not allowed"
probe dofile "dofile is not allowed"
probe loadfile "loadfile is not allowed"
probe loadlib "package.loadlib is not allowed"
probe cmodule "require('socket.core') is not allowed"
probe path_module "require('evil') is not allowed"
probe searchers "package.searchers is not allowed"
probe searchpath "package.searchpath is not allowed"
probe cpath "package.cpath is not allowed"
probe require_debug "debug.sethook is not allowed"
probe loaded_debug "debug.getregistry is not allowed"
probe loaded_io "io.open is not allowed"
probe debug_global "debug.getinfo is not allowed"
probe registry_swap "debug.getregistry is not allowed"
probe upvalue_load "debug.getupvalue is not allowed"
probe setmetatable_udata "debug.setmetatable is not allowed"
probe binary_b "load of binary chunks is not allowed"
probe binary_default "attempt to load a binary chunk"
probe binary_reader "attempt to load a binary chunk"
probe dump "string.dump is not allowed"
probe string_mt "string.dump is not allowed"
probe io_write "io.write is not allowed"
probe io_stdout "io.stdout is not allowed"
probe io_stderr "io.stderr is not allowed"
probe io_read "io.read is not allowed"
probe print ""
probe warn ""
probe save_outside "frame:save is not allowed"
probe render "render is not allowed"
probe image_outside "outside the folders this batch may read"
probe symlink_outside "outside the folders this batch may read"
probe font_outside "outside the folders this batch may read"
probe m3u8 "reads other files"
probe m3u8_relative "reads other files"
probe m3u8_as_mp4 "cannot open"
probe concat "reads other files"
probe concat_as_mp4 "reads other files"
probe clip_gc_call "metatable protected: moonreel.Clip"
probe frame_gc_call "metatable protected: moonreel.Frame"
probe frame_as_clip "moonreel.Clip expected, got moonreel.Frame"
probe clip_as_frame "moonreel.Frame expected, got moonreel.Clip"
probe pos_as_fx "moonreel.Fx expected, got moonreel.Position"
probe fx_as_pos "moonreel.Position expected, got moonreel.Fx"
probe frame_in_compose "entry 1 is a moonreel.Frame, not a clip"
probe frame_returned "the template gave a moonreel.Frame, not a clip"
probe error_bytes "bad bytes"
probe error_nil "error object is a nil value"
probe error_huge "…(cut)"
probe memory "not enough memory"
probe recursion "stack overflow"
probe gc_refused "__gc metamethods (finalisers) are not allowed"
probe require_layout ""
probe require_moonreel ""
probe gc_added_later ""
probe fine ""

# check_report REPORT OUTDIR: every probe of want[] in REPORT: its message, or its output
check_report() {
  for id in "${!want[@]}"; do
    msg=$(jq -r --arg id "$id" '[.failures[] | select(.fields.id == $id) | .message] | first // ""' "$1")
    if [ -z "${want[$id]}" ]; then
      expect_eq "probe $id: done" "$msg" ""
      expect_file "$2/$id.mp4"
    else
      expect_contains "probe $id" "$msg" "${want[$id]}"
      expect_no_file "$2/$id.mp4"
    fi
    case "$msg" in *"worker rendering this row ended"*) bad "probe $id crashed its worker: $msg" ;; esac
  done
}

# run_batch NAME ROWS OPTIONS...: the batch, bounded (a deadlocked supervisor is a failure too)
run_batch() {
  local name=$1 rows=$2; shift 2
  timeout -k 5 240 "$MR" batch tpl/probe.lua "$rows" -o "$name/{id}.mp4" --set outside="$O" --preset ultrafast --quiet \
    --report "$name.json" "$@" > "$name.out" 2> "$name.err"
}

jsonl() { for id in "$@"; do printf '{"id": "%s", "try": "%s"}\n' "$id" "$id"; done; }
jsonl "${!want[@]}" > a.jsonl
run_batch a a.jsonl -j 2 --lua-time 5 --lua-memory 64
expect_eq "probes: status 3 (some rows failed, the batch finished)" $? 3
check_report a.json a
expect_eq "probes: nothing printed to stdout" "$(grep -c LEAK a.out)" 0
expect_eq "probes: nothing printed to stderr" "$(grep -c LEAK a.err)" 0
expect_eq "probes: a 70000-byte message is cut to about 4 KiB" \
  "$(jq -r '[.failures[] | select(.fields.id == "error_huge") | .message | length < 5000] | first' a.json)" true
nprobes=${#want[@]}

# the time limit: loops across coroutines, in xpcall handlers, in finalisers and in C
unset want; declare -A want
for id in pcall_loop coroutine_loop coroutine_deep xpcall_loop xpcall_in_coroutine gc_loop close_loop tostring_loop \
  close_in_coroutine coroutine_close pattern table_move sort_loop; do probe $id "the row's Lua time limit"; done
probe gc_loop "__gc metamethods (finalisers) are not allowed"
probe endless "longer than 6 s (--row-timeout)"
# the same limit holds in the functions a row's render calls back (curves, map, canvas)
for id in curve_loop map_coroutine_loop canvas_xpcall_loop; do probe $id "the row's Lua time limit"; done
probe map_pattern "longer than 6 s (--row-timeout)"
probe callbacks_fine ""
probe fine ""
cat > tpl/time.lua <<'LUA'
local function spin() while true do end end
local tries = {
  pcall_loop = function() while true do pcall(function() while true do end end) end end,
  coroutine_loop = function()
    while true do pcall(coroutine.wrap(function() while true do pcall(spin) end end)) end
  end,
  coroutine_deep = function()
    local function nest(n)
      if n == 0 then while true do pcall(spin) end end
      while true do pcall(coroutine.wrap(function() nest(n - 1) end)) end
    end
    nest(5)
  end,
  xpcall_loop = function() while true do xpcall(spin, spin) end end,
  xpcall_in_coroutine = function() while true do pcall(coroutine.wrap(function() xpcall(spin, spin) end)) end end,
  gc_loop = function() setmetatable({}, {__gc = spin}); collectgarbage(); collectgarbage() end,
  close_loop = function() while true do pcall(function() local x <close> = setmetatable({}, {__close = spin}) end) end end,
  tostring_loop = function() error(setmetatable({}, {__tostring = spin})) end,
  -- a coroutine the limit ended: its __close handlers would run with hooks off
  close_in_coroutine = function()
    while true do pcall(coroutine.wrap(function() local x <close> = setmetatable({}, {__close = spin}); spin() end)) end
  end,
  coroutine_close = function()
    local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = spin}); spin() end)
    coroutine.resume(co)
    coroutine.close(co)
  end,
  pattern = function() while true do pcall(string.find, ("a"):rep(34), ("a?"):rep(34) .. ("a"):rep(34) .. "b") end end,
  table_move = function() table.move({}, 1, math.maxinteger - 1, 2) end,
  sort_loop = function() local t = {} for i = 1, 100 do t[i] = i end table.sort(t, function(a, b) spin() end) end,
  endless = function() return pattern("counter", 64, 64):dur(1e7) end,
  curve_loop = function() return color("red", 32, 32):dur(1):opacity(function(t) while true do pcall(spin) end end) end,
  map_coroutine_loop = function()
    return color("red", 32, 32):dur(1):map(function(f, t) while true do pcall(coroutine.wrap(function() while true do pcall(spin) end end)) end end)
  end,
  canvas_xpcall_loop = function() return canvas(32, 32, function(ctx, t) while true do xpcall(spin, spin) end end):dur(1) end,
  map_pattern = function()
    return color("red", 32, 32):dur(1):map(function(f, t)
      while true do pcall(string.find, ("a"):rep(34), ("a?"):rep(34) .. ("a"):rep(34) .. "b") end
    end)
  end,
  callbacks_fine = function()
    return canvas(32, 32, function(ctx, t) ctx:paint("green") end):dur(0.2):opacity(function(t) return 1 end):map(function(f, t) end)
  end,
  fine = function() end,
}
return function(row)
  return tries[row.try]() or color("green", 32, 32):dur(0.2)
end
LUA
jsonl "${!want[@]}" > b.jsonl
t0=$(date +%s)
timeout -k 5 240 "$MR" batch tpl/time.lua b.jsonl -o 'b/{id}.mp4' --preset ultrafast --quiet --report b.json \
  -j 3 --lua-time 1 --row-timeout 6 > b.out 2> b.err
expect_eq "time probes: status 3" $? 3
check_report b.json b
t1=$(date +%s)
expect_eq "time probes: the batch ends in bounded time" "$((t1 - t0 < 60))" 1
nprobes=$((nprobes + ${#want[@]}))

# row data: deep JSON, a field echoed into a long error, a row larger than Lua's memory
unset want; declare -A want
probe deep "is nested more than 32 levels deep"
probe echo_big "…(cut)"
probe big_row "does not fit in the row's Lua memory (--lua-memory 8 MiB)"
probe deep_ok ""
probe fine ""
cat > tpl/data.lua <<'LUA'
return function(row)
  if row.id == "echo_big" then error("bad value: " .. row.big) end
  return color("green", 32, 32):dur(0.2)
end
LUA
python3 - <<'PY' > c.jsonl
import json
def nest(n):
    v = "bottom"
    for _ in range(n): v = {"a": v}
    return v
print(json.dumps({"id": "deep", "x": nest(50)}))
print(json.dumps({"id": "deep_ok", "x": nest(30)}))
print(json.dumps({"id": "echo_big", "big": "y" * 100000}))
print(json.dumps({"id": "big_row", "big": "z" * (12 << 20)}))
print(json.dumps({"id": "fine"}))
PY
timeout -k 5 240 "$MR" batch tpl/data.lua c.jsonl -o 'c/{id}.mp4' --preset ultrafast --quiet --report c.json \
  -j 2 --lua-memory 8 > c.out 2> c.err
expect_eq "data probes: status 3" $? 3
check_report c.json c
expect_contains "deep JSON: the row is named from 1" "$(jq -r '.failures[] | select(.fields.id == "deep") | .message' c.json)" "row 1"
nprobes=$((nprobes + ${#want[@]}))

# a CSV field that is not UTF-8: its row fails naming the row and field; the others render
printf 'id,name\nok1,Ada\nlatin,Andr\xe9\nok2,Zo\xc3\xab\n' > d.csv
cat > tpl/card.lua <<'LUA'
return function(row) return text(row.name, {size = 10}):dur(0.2) end
LUA
timeout -k 5 120 "$MR" batch tpl/card.lua d.csv -o 'd/{id}.mp4' --preset ultrafast --quiet --report d.json > d.out 2> d.err
expect_eq "invalid UTF-8: status 3" $? 3
expect_contains "invalid UTF-8: row and field named" "$(jq -r '.failures[0].message' d.json)" "row 2: field 'name' is not valid UTF-8"
expect_eq "invalid UTF-8: the field is kept (shown with U+FFFD), not dropped" "$(jq -r '.failures[0].fields.name' d.json)" "Andr�"
expect_file d/ok1.mp4
expect_file d/ok2.mp4
expect_no_file d/latin.mp4
nprobes=$((nprobes + 1))

# nothing outside the sandbox changed, nothing written beside it
expect_eq "the outside folder is as it was" "$(outside_now)" "$before_outside"
expect_eq "no pwned file anywhere" "$(find "$WORK" -name 'pwned*' | wc -l)" 0
expect_eq "at least 40 probes" "$((nprobes >= 40))" 1
echo "$nprobes probes"
finish
