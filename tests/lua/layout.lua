-- layout.lua: the stdlib's moonreel.layout: grid and stack, and their errors, which name the
-- script line that called them like every other function of the API.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")
local layout = require("moonreel.layout")
local c = color("red", 64, 36):dur(1)

local g = layout.grid({c, c, c}, {cols = 2})
assert(g.w == 128 and g.h == 72 and g.duration == 1)
local s = layout.stack({c, c}, {direction = "vertical"})
assert(s.w == 64 and s.h == 72)

local function err(f)
  local msg = H.raises(f)
  H.contains(msg, "layout.lua:") -- this script's line, not the stdlib's
  assert(not msg:find("moonreel stdlib", 1, true), msg)
  return msg
end
H.contains(err(function() local r = layout.grid({c, c}, {cols = 0}) return r end), "bad option 'cols' to 'grid' (a whole number from 1 expected, got 0)")
H.contains(err(function() local r = layout.grid({c, c}, {colls = 1}) return r end), "unknown option 'colls' to 'grid'")
H.contains(err(function() local r = layout.grid({c, "x"}) return r end), "bad argument #1 to 'grid' (entry 2 is a string, not a clip)")
H.contains(err(function() local r = layout.grid({c, c}, {size = "huge"}) return r end), "bad option 'size' to 'grid'")
H.contains(err(function() local r = layout.grid({c, c}, {bg = "nope"}) return r end), "bad option 'bg' to 'grid' (unknown colour 'nope'")
H.contains(err(function() local r = layout.stack({c, c}, {direction = "diagonal"}) return r end), "bad option 'direction' to 'stack'")
