-- api_clip.lua: clips as values: fields, immutability, summaries, times, colours, positions,
-- effects, require("moonreel"), args.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

-- require returns the same functions as the globals
local mr = require("moonreel")
assert(mr.compose == compose and mr.video == video and mr.fx == fx and mr.pos == pos)
assert(type(mr.version) == "string")

-- fields
local c = pattern("counter", 320, 240)
assert(c.w == 320 and c.h == 240 and c.fps == 30 and c.duration == nil)
assert(c.has_video == true and c.has_audio == false)
local d = c:dur(2)
assert(d.duration == 2 and c.duration == nil, "a method leaves its receiver as it was")
assert(pattern("bars", 10, 10, {fps = 25}).fps == 25)
assert(tone(440).has_video == false and tone(440).has_audio == true and tone(440).w == nil)
H.contains(tostring(d), "320x240")
H.contains(tostring(d), "0:02.000")
H.contains(tostring(d), "no audio")
H.contains(tostring(c), "unbounded")

-- clips cannot be changed in place
H.contains(H.raises(function() d.duration = 5 end), "immutable")

-- times as strings
H.near(d:sub("00:00:00.500").duration, 1.5)
H.near(c:dur("1:00").duration, 60)
H.near(c:dur("0:01:02.250").duration, 62.25)

-- colours in every form give the same picture
local function px(clip) return clip:frame(0):pixel(0, 0) end
assert(px(color("orange", 4, 4)) == 255)
local r, g, b, a = color("#ff880080", 4, 4):frame(0):pixel(1, 1)
-- (semi-transparent colour is stored premultiplied in 8 bits: it reads back within 1)
assert(r == 255 and math.abs(g - 136) <= 1 and b == 0 and a == 128, ("%d %d %d %d"):format(r, g, b, a))
r, g, b, a = color({10, 20, 30}, 4, 4):frame(0):pixel(1, 1)
assert(r == 10 and g == 20 and b == 30 and a == 255)

-- positions: the same placement from each form
local W, H_ = 200, 100
local bg = color("black", W, H_):dur(1)
local dot = color("white", 10, 10)
local function white_at(clip, x, y) local v = compose({bg, clip}):frame(0):pixel(x, y); return v == 255 end
assert(white_at(dot:at(20, 30), 20, 30) and not white_at(dot:at(20, 30), 19, 30))
assert(white_at(dot:at("center"), 95, 45) and white_at(dot:at("center"), 104, 54))
assert(white_at(dot:at("right", "top", 5), 185, 5) and white_at(dot:at("right", "top", 5), 194, 14))
assert(white_at(dot:at("top", "right", 5), 194, 5), "either order of names")
assert(white_at(dot:at("left", "bottom"), 0, 99))
local p = pos("right", "bottom", 10)
assert(white_at(dot:at(p), 189, 89))
H.contains(tostring(p), "Position(right-10, bottom-10)")
H.contains(tostring(pos(3, 4)), "Position(3, 4)")

-- resize forms
assert(c:resize(160, 120).w == 160)
assert(c:resize(0.5).h == 120)
local rw = c:resize{w = 100}
assert(rw.w == 100 and rw.h == 75)
local rh = c:resize{h = 60}
assert(rh.w == 80 and rh.h == 60)

-- effects as values, applied in order; methods are shorthands for them
local f1, f2 = fx.resize{w = 160}, fx.crop(0, 0, 100, 50)
local viafx = c:fx(f1, f2)
assert(viafx.w == 100 and viafx.h == 50)
H.contains(tostring(f1), "Fx(resize w=160)")
H.contains(tostring(fx.fadein(1)), "Fx(fadein 1 s)")
local faded = d:fx(fx.fadein(1), fx.opacity(0.5), fx.volume(2), fx.fadeout(0.5))
assert(faded.duration == 2)
assert(d:fadein(1):frame(0.5):pixel(0, 0) == d:fx(fx.fadein(1)):frame(0.5):pixel(0, 0))

-- compose defaults: first layer's size, highest fps, end of the last bounded layer
local comp = compose({color("red", 64, 48):dur(1), pattern("counter", 32, 24, {fps = 50}):dur(2):start(0.5),
  text("unbounded", {size = 10})})
assert(comp.w == 64 and comp.h == 48 and comp.fps == 50)
H.near(comp.duration, 2.5)

-- args reach the script (none given here)
assert(type(args) == "table")

-- frames
local fr = d:frame(1.0)
assert(fr.w == 320 and fr.h == 240)
assert(H.counter(fr) == 30)
H.contains(tostring(fr), "Frame(320x240)")

-- positions: names with offsets, fractions of the canvas, mixed, and between pixels
do
  local bg = color("black", 200, 100)
  local dot = color("white", 10, 10)
  local function corner(...)
    local f = compose({bg, dot:at(...)}):dur(1):frame(0)
    for y = 0, 99 do for x = 0, 199 do if f:pixel(x, y) > 200 then return x, y end end end
  end
  local x, y = corner("center", 20)      assert(x == 95 and y == 20)
  x, y = corner("50%", "25%")             assert(x == 100 and y == 25)
  x, y = corner(30, "bottom")             assert(x == 30 and y == 90)
  x, y = corner("top", "left")            assert(x == 0 and y == 0)
  x, y = corner("right", "bottom", 5)     assert(x == 185 and y == 85)
  -- half a pixel over: the edge column is half covered, the next whole
  local f = compose({bg, dot:at(10.5, 20)}):dur(1):frame(0)
  local edge, inside = f:pixel(10, 25), f:pixel(11, 25)
  assert(edge >= 126 and edge <= 129 and inside == 255, ("half a pixel: %d %d"):format(edge, inside))
  H.contains(H.raises(function() return dot:at(10, 20, 5) end), "a margin goes with edge names")
end
