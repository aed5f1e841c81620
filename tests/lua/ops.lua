-- ops.lua: the registry's Lua face: methods, fx values and clip:fx("name", ...) for every
-- operation; positional, form and named arguments; errors naming the operation and the
-- parameter; suggestions for misspelled methods, fields, operations and option names.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")
local c = color("#c80000", 64, 36):dur(2)

-- three ways to one result
local a, b, g = c:fadein(1), c:fx(fx.fadein(1)), c:fx("fadein", 1)
for _, clip in ipairs({b, g}) do
  local r1, g1, b1, a1 = a:frame(0.5):pixel(3, 3)
  local r2, g2, b2, a2 = clip:frame(0.5):pixel(3, 3)
  assert(r1 == r2 and a1 == a2, "the method, the Fx and the name agree")
end
-- forms and names
assert(c:resize(0.5).w == 32 and c:resize(16, 9).h == 9 and c:resize{w = 32}.h == 18 and c:resize{h = 9}.w == 16)
assert(c:fx("resize", {w = 32}).w == 32)
assert(c:crop{x = 0, y = 0, w = 8, h = 4}.w == 8)
assert(tostring(fx.resize{w = 320}) == "Fx(resize w=320)")
assert(tostring(fx.opacity(keys{{0, 0}, {1, 1}})) == "Fx(opacity a=(curve))" or tostring(fx.opacity(keys{{0, 0}, {1, 1}})) == "Fx(opacity (curve))")
-- every operation is all three
for _, name in ipairs({"sub", "start", "dur", "speed", "loop", "resize", "crop", "at", "fit", "opacity", "fadein",
                       "fadeout", "volume", "mute", "with_audio"}) do
  assert(type(c[name]) == "function", name .. " is a method")
  assert(type(fx[name]) == "function", name .. " is an fx value")
end
assert(c:fit(128, 128).w == 128)

-- errors name the operation and the parameter, and the script line
H.contains(H.raises(function() return c:opacity("half") end), "bad argument 'a' to 'opacity' (number or curve expected, got string)")
H.contains(H.raises(function() return c:opacity("half") end), "ops.lua:")
H.contains(H.raises(function() return c:opacity(1.5) end), "bad argument 'a' to 'opacity' (1.5 is outside 0..1)")
H.contains(H.raises(function() return c:margin(0.5) end), "bad argument 'px' to 'margin' (0.5 is not a whole number)")
H.contains(H.raises(function() return c:opacity() end), "bad argument 'a' to 'opacity' (missing")
H.contains(H.raises(function() return c:mute(1) end), "bad argument #1 to 'mute' (mute takes 0 arguments)")
H.contains(H.raises(function() return c:resize{wdth = 3} end), "unknown option 'wdth' to 'resize'")
H.contains(H.raises(function() return c:resize{scal = 3} end), "unknown option 'scal' to 'resize'; did you mean 'scale'?")
H.contains(H.raises(function() return fx.fadein("soon") end), "bad argument 'd' to 'fadein'")
H.contains(H.raises(function() return c:fadin(1) end), "no method or field 'fadin' on a Clip; did you mean 'fadein'?")
H.contains(H.raises(function() return c.durration end), "did you mean 'duration'?")
H.contains(H.raises(function() return c:fx("fadin", 1) end), "no operation 'fadin'; did you mean 'fadein'?")
H.contains(H.raises(function() return c:with_audio(5) end), "bad argument 'audio' to 'with_audio'")
assert(not c:with_audio(nil).has_audio)

-- crop's forms and margin
local p = pattern("bars", 64, 36):dur(1)
assert(p:crop{x1 = 10, y1 = 5, x2 = 30, y2 = 25}.w == 20 and p:crop{center = {32, 18}, w = 10, h = 10}.h == 10)
assert(p:crop{w = 20}.h == 36, "edges not given are the picture's")
H.contains(H.raises(function() return p:crop{x = 1, x1 = 2} end), "not a mix")
assert(p:margin(10).w == 84 and p:margin{left = 5, top = 2}.h == 38)
assert(({p:margin(10):frame(0):pixel(2, 2)})[4] == 0, "a margin is transparent by default")
assert(({p:margin(10, "white"):frame(0):pixel(2, 2)})[1] == 255)

-- crop rectangles that move, grow or lie between pixels are resampled; still ones are copied
local halves = compose({color("red", 50, 10), color("blue", 50, 10):at(50, 0)}, {size = {100, 10}}):dur(2)
local function rgba(clip, t, x, y) return table.concat({clip:frame(t):pixel(x, y)}, " ") end
local pan = halves:crop{x = keys{ {0, 0}, {1, 50} }, y = 0, w = 50, h = 10}
assert(pan.w == 50 and pan.h == 10)
H.eq(rgba(pan, 0, 25, 5), "255 0 0 255")
H.eq(rgba(pan, 1, 25, 5), "0 0 255 255")
H.eq(rgba(pan, 0.5, 24, 5), "255 0 0 255") -- x = 25: source pixel 49
H.eq(rgba(pan, 0.5, 26, 5), "0 0 255 255")
H.eq(rgba(halves:crop(0.5, 0, 50, 10), 0, 49, 5), "128 0 128 255", "half a pixel over: the two halves mixed")
local push = halves:crop{center = {"50%", "50%"}, w = keys{ {0, 100}, {1, 2} }, h = keys{ {0, 10}, {1, 2} }}
assert(push.w == 100 and push.h == 10, "the box is the rectangle at the start")
H.eq(rgba(push, 1, 10, 5), "255 0 0 255")
H.eq(rgba(push, 1, 60, 5), "74 0 181 255", "source x 50.21: bilinear between pixels 49 and 50")
H.eq(rgba(halves:crop{x = function(t) return t * 100 end, w = 50}, 1.5, 40, 5), "0 0 0 0",
     "a moving rectangle outside the picture shows transparency")
H.eq(rgba(halves:crop{center = keys{ {0, {25, 5}}, {1, {75, 5}} }, w = 10, h = 2}, 1, 5, 1), "0 0 255 255")
H.contains(H.raises(function() return halves:crop{x = 60, w = 50} end), "crop: 50x10 at 60,0 does not fit inside the 100x10 picture")
H.contains(H.raises(function() return halves:crop{center = {1, 2, 3}, w = 5} end), "bad argument 'center' to 'crop'")
H.contains(H.raises(function() return halves:crop{x = "a"} end), "bad argument 'x' to 'crop' (number or curve expected, got string)")
H.contains(H.raises(function() return halves:crop{x = 1, center = {2, 2}} end), "not a mix")
-- a curve is held to its parameter's range, as a number is checked against it
H.eq(halves:crop{w = function(t) return 0 end}:frame(0).w, 1)
local orange = color({191, 100, 20}, 8, 8):dur(1)
H.eq(rgba(orange:gamma(function(t) return 20 end), 0, 1, 1), rgba(orange:gamma(10), 0, 1, 1))
H.eq(rgba(orange:gamma(function(t) return 0 end), 0, 1, 1), rgba(orange:gamma(0.1), 0, 1, 1))
H.contains(H.raises(function() return orange:noise(0.1, 2 ^ 40) end), "(1099511627776 is above")

-- anchors: the point at() puts (and rotate and scale pivot on)
local box = color("red", 100, 50):dur(1)
local function placed(clip) return compose({clip}, {size = {400, 200}}) end
local centred = placed(box:anchor("center"):at(200, 100))
H.eq(rgba(centred, 0, 150, 75), "255 0 0 255")
H.eq(rgba(centred, 0, 149, 75), "0 0 0 255")
H.eq(rgba(centred, 0, 249, 124), "255 0 0 255")
H.eq(rgba(centred, 0, 250, 124), "0 0 0 255")
local corner = placed(box:anchor("right", "bottom"):at("right", "bottom", 10)) -- the box 10 px in from the corner
H.eq(rgba(corner, 0, 389, 189), "255 0 0 255")
H.eq(rgba(corner, 0, 390, 190), "0 0 0 255")
H.eq(rgba(placed(box:anchor("25%", "50%"):at(100, 100)), 0, 75, 75), "255 0 0 255")
H.eq(rgba(placed(box:anchor("25%", "50%"):at(100, 100)), 0, 74, 75), "0 0 0 255")
assert(tostring(box:anchor("center"):at(1, 2)):find("at"), "at keeps the anchor")
H.contains(H.raises(function() return box:anchor(1) end), "bad argument 'pos' to 'anchor'")
H.contains(H.raises(function() return box:anchor("middle", "nowhere") end), "bad argument 'pos' to 'anchor'")

-- values in order, then the rest by name
H.eq(color("red", 40, 20):rotate(30, {expand = false}).w, 40)
-- nil for an optional value in order leaves it out (its default), the values after it still count
H.eq(color("red", 40, 20):rotate(30, nil, "lanczos").w, color("red", 40, 20):rotate(30).w)
H.contains(H.raises(function() return halves:rotate(nil, false) end), "bad argument 'deg' to 'rotate'")
H.contains(H.raises(function() return halves:rotate(30, {expnd = false}) end), "unknown option 'expnd' to 'rotate'; did you mean 'expand'?")
H.contains(H.raises(function() return halves:rotate(30, {deg = 4}) end), "bad argument 'deg' to 'rotate' (given twice")
H.contains(H.raises(function() return halves:crop{center = {5, 5}} end), "crop: a center goes with the rectangle's w and h")
H.contains(H.raises(function() return halves:crop{cx = 5, w = 3, h = 3} end), "unknown option 'cx' to 'crop'; did you mean 'center'?")
H.eq(tostring(halves:margin(3)):match("compose of 1 layer,") ~= nil, true)

-- rotate and scale turn about the anchor; a grown box keeps the anchor where it was
local function alpha_at(c, x, y) return select(4, compose({c}, {size = {200, 200}, bg = "transparent"}):frame(0):pixel(x, y)) end
local bar = color("white", 6, 60):dur(1):anchor("center", "bottom")
local turned = bar:rotate(90):at(100, 100) -- points right from (100, 100)
assert(turned.w == 60 and turned.h == 6)
H.eq(alpha_at(turned, 102, 100), 255)
H.eq(alpha_at(turned, 158, 100), 255)
H.eq(alpha_at(turned, 98, 100), 0)
H.eq(alpha_at(turned, 130, 96), 0)
local spinning = bar:rotate(keys{ {0, 0}, {1, 360} }):at(100, 100) -- a square about the pivot
assert(spinning.w == 121 and spinning.h == 121)
H.eq(alpha_at(spinning, 100, 50), 255)
H.eq(alpha_at(spinning, 100, 120), 0)
local corner = color("white", 20, 20):dur(1):margin(20):anchor("left", "top"):scale(2)
H.eq(alpha_at(corner, 55, 55), 255, "about the top-left corner, not the centre")
H.eq(alpha_at(color("white", 20, 20):dur(1):margin(20):scale(2), 55, 55), 0)
local grown = color("white", 20, 10):dur(1):anchor("center"):scale(2, {expand = true}):at(100, 100)
assert(grown.w == 40 and grown.h == 20)
H.eq(alpha_at(grown, 81, 91), 255)
H.eq(alpha_at(grown, 79, 100), 0)
assert(color("white", 20, 10):dur(1):scale(keys{ {0, 1}, {1, 3} }, {expand = true}).w == 60, "the largest k")
H.contains(H.raises(function() return color("white", 20, 10):scale(keys{ {0, 1}, {1, 3} }, {expand = true}) end),
  "give it :dur() first")
-- the filters
for _, f in ipairs({"bilinear", "bicubic", "lanczos", "nearest"}) do
  assert(halves:rotate(10, {filter = f}).w > 100 and halves:crop{x = 0.5, w = 40, filter = f}.w == 40)
end
H.contains(H.raises(function() return halves:scale(2, {filter = "lanczso"}) end), "did you mean 'lanczos'?")
-- a scale about another point leaves the anchor where it is in the box
local zoomed = color("white", 20, 10):dur(1):anchor("center"):scale(2, 0, 0):at(100, 100)
H.eq(alpha_at(zoomed, 91, 96), 255)
H.eq(alpha_at(zoomed, 88, 100), 0)
