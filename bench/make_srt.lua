-- make_srt.lua: writes an SRT of `cues` cues (default 200) spread over `minutes` minutes (default 10),
-- each 2.5 s long with one or two lines, for bench/subs.lua.
--   moonreel run bench/make_srt.lua --set out=/tmp/media/subs200.srt [--set cues=200 --set minutes=10]
-- bench/subs.lua runs it itself (dofile) when the file is missing.
local out = args.out or "/tmp/media/subs200.srt"
local n = tonumber(args.cues) or 200
local total = (tonumber(args.minutes) or 10) * 60
local function stamp(t)
  local ms = math.floor(t * 1000 + 0.5)
  return ("%02d:%02d:%02d,%03d"):format(ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)
end
local f = assert(io.open(out, "wb"))
for i = 1, n do
  local t0 = (i - 1) * total / n + 0.25
  local text = i % 2 == 0 and ("Cue number %d of the benchmark,\n<i>on two lines</i>"):format(i)
    or ("Cue number %d: a single line of dialogue."):format(i)
  f:write(("%d\n%s --> %s\n%s\n\n"):format(i, stamp(t0), stamp(t0 + 2.5), text))
end
f:close()
return nil
