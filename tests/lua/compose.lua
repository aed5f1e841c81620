-- compose.lua: laziness (unbounded until bounded), holding the last frame, fades decided when
-- the clip is made, frame rates read one way everywhere.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

-- a compose of stills, text and colours is unbounded, like its layers; :dur() bounds it
local card = compose({color("#203040", 160, 90), text("Hi", {size = 20}):at("center")})
assert(card.duration == nil, "a compose of unbounded layers has no end")
local one = card:dur(1)
assert(one.duration == 1)
local r, g, b = one:frame(0.5):pixel(2, 2)
assert(r == 0x20 and g == 0x30 and b == 0x40)
assert(compose({color("red", 8, 8)}, {duration = 2}).duration == 2)
assert(compose({card, pattern("counter", 160, 90):dur(3)}).duration == 3, "an outer compose bounds it")

-- holding: a cut lengthened past its end keeps showing its last frame
local counter = pattern("counter", 96, 64, {fps = 30}):dur(10)
local cut = counter:sub(0, 2)
local held = compose({cut, text("title", {size = 12}):at("center", "top")}):dur(3)
for _, t in ipairs({59 / 30, 2.0, 2.5, 89 / 30}) do
  assert(H.counter(held:frame(t)) == 59, ("frame at %g shows the cut's last frame"):format(t))
end
assert(H.counter(cut:dur(3):frame(2.9)) == 59)

-- fades go towards transparent: in a transparent group the layer's alpha falls, no black
local red = color("#c80000", 32, 16):dur(2)
local group = compose({red:fadein(1)}, {bg = "transparent"})
local gr, gg, gb, ga = group:frame(0.5):pixel(4, 4)
assert(ga == 128 and math.abs(gr - 200) <= 1, ("faded layer in a transparent group: %d %d %d %d"):format(gr, gg, gb, ga))
-- and the same pixels inside concat, letterboxed or not
local _, _, _, a1 = concat({red:fadein(1)}):frame(0.5):pixel(4, 4)
local _, _, _, a2 = concat({red:fadein(1)}, {size = {32, 32}}):frame(0.5):pixel(16, 16)
assert(a1 == 128 and a2 == 128, ("concat: %d, letterboxed: %d"):format(a1, a2))
-- towards a colour: opaque all along
local wr, wg, wb, wa = red:fadein(1, "white"):frame(0.5):pixel(4, 4)
assert(wa == 255 and wr == 227 and wg == 127 and wb == 127, ("from white: %d %d %d %d"):format(wr, wg, wb, wa))
assert(tostring(fx.fadein(1, "white")) == "Fx(fadein d=1 s color=#ffffff)")

-- frame rates: one parser for compose, pattern, render and the command line
assert(compose({red}, {fps = 12.5}).fps == 12.5)
assert(pattern("bars", 8, 8, {fps = "30000/1001"}).fps == 30000 / 1001)
assert(compose({red}, {fps = 29.97}).fps == 30000 / 1001)
