-- gradient.lua: gradient.linear{} and gradient.radial{}: colours at p1, p2 and between (mixed
-- premultiplied), the defaults, sources without end until :dur(), and errors that name the
-- parameter.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local function near(a, b, tol, why)
  assert(math.abs(a - b) <= (tol or 1), ("expected %s, got %s: %s"):format(b, a, why or ""))
end

-- a linear gradient: p1 and p2 at pixel centres, so the pixels there have the stops' colours
local g = gradient.linear{size = {101, 10}, p1 = {0.5, 5}, p2 = {100.5, 5}, stops = {{0, "red"}, {1, "blue"}}}
assert(g.w == 101 and g.h == 10, "its size")
assert(g.duration == nil, "a gradient has no end until :dur()")
H.eq(g:dur(2).duration, 2)
local f = g:frame(0)
local r, gg, b, a = f:pixel(0, 3)
assert(r == 255 and gg == 0 and b == 0 and a == 255, ("red at p1: %d %d %d %d"):format(r, gg, b, a))
r, gg, b, a = f:pixel(100, 7)
assert(r == 0 and gg == 0 and b == 255 and a == 255, ("blue at p2: %d %d %d %d"):format(r, gg, b, a))
r, gg, b, a = f:pixel(50, 0)
near(r, 128, 0, "red halfway")
near(b, 128, 0, "blue halfway")
H.eq(a, 255)
-- the same across each column (p1 -> p2 is horizontal), and rising steadily along a row
local r0 = f:pixel(30, 0)
H.eq(f:pixel(30, 9), r0)
local last = 256
for x = 0, 100 do
  local rx = f:pixel(x, 5)
  assert(rx <= last, "red falls along p1 -> p2")
  last = rx
end

-- premultiplied mixing: towards transparent, the colour stays (no dark fringe)
local fade = gradient.linear{size = {101, 4}, p1 = {0.5, 0}, p2 = {100.5, 0},
                             stops = {{0, "#ff8000"}, {1, "#ff800000"}}}
r, gg, b, a = fade:frame(0):pixel(50, 1)
near(a, 128, 1, "half transparent halfway")
near(r, 255, 2, "straight colour kept")
near(gg, 128, 2, "straight colour kept")

-- three stops, the middle one half transparent
local three = gradient.linear{size = {201, 2}, p1 = {0.5, 0}, p2 = {200.5, 0},
                              stops = {{0, "red"}, {0.5, "#00ff0080"}, {1, "blue"}}}
r, gg, b, a = three:frame(0):pixel(100, 0)
assert(r == 0 and gg == 255 and b == 0 and a == 128, ("the middle stop: %d %d %d %d"):format(r, gg, b, a))

-- defaults: left to right across the middle
local def = gradient.linear{size = {64, 8}, stops = {{0, "black"}, {1, "white"}}}:frame(0)
assert(def:pixel(0, 4) <= 4 and def:pixel(63, 4) >= 251, "left black, right white")

-- radial: stop 0 within inner of the centre, stop 1 at r and beyond
local rad = gradient.radial{size = {201, 201}, center = {100.5, 100.5}, r = 60, inner = 20,
                            stops = {{0, "white"}, {1, "black"}}}:frame(0)
H.eq(rad:pixel(100, 100), 255)
H.eq(rad:pixel(115, 100), 255, "within inner")
near(rad:pixel(140, 100), 128, 0, "halfway from inner to r")
H.eq(rad:pixel(160, 100), 0, "at r")
H.eq(rad:pixel(0, 0), 0, "beyond r")
H.eq(rad:pixel(100, 140), rad:pixel(140, 100), "round")
-- its defaults: the middle, reaching the corners
local rd = gradient.radial{size = {100, 60}, stops = {{0, "white"}, {1, "black"}}}:frame(0)
assert(rd:pixel(50, 30) >= 250 and rd:pixel(0, 0) <= 5, "white in the middle, black in the corners")

-- it composes and renders like any clip
local card = compose({g:dur(1)})
H.eq(card.duration, 1)

-- errors name the parameter
H.contains(H.raises(function() return gradient.linear{size = {10, 10}, stops = {{0.5, "red"}, {0.2, "blue"}}} end),
           "bad argument 'stops' to 'gradient.linear' (stop 2 (at 0.2) comes before stop 1 (at 0.5): stops go in order)")
H.contains(H.raises(function() return gradient.linear{size = {10, 10}, stops = {{0, "red"}}} end),
           "bad argument 'stops' to 'gradient.linear' (a gradient needs 2..32 stops, got 1)")
H.contains(H.raises(function() return gradient.linear{sise = {10, 10}, stops = {{0, "red"}, {1, "blue"}}} end),
           "unknown option 'sise' to 'gradient.linear'; did you mean 'size'?")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, stops = {{0, "red"}, {1, "blurple"}}} end),
           "bad argument 'stops' to 'gradient.radial' (stop 2: unknown colour 'blurple'")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, stops = {{0, "red"}, {1, {300, 0, 0}}}} end),
           "bad argument 'stops' to 'gradient.radial' (colour components are whole numbers 0..255)")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, stops = {{0, "red"}, {1.5, "blue"}}} end),
           "stop 2: its position must be a number 0..1")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, stops = {{0, "red"}, {1, "blue"}}, centre = {1, 1}} end),
           "unknown option 'centre' to 'gradient.radial'; did you mean 'center'?")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, stops = {{0, "red"}, {1, "blue"}}, radius = 3} end),
           "unknown option 'radius' to 'gradient.radial' (it takes size, center, r, inner, stops)")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, r = -1, stops = {{0, "red"}, {1, "blue"}}} end),
           "bad argument 'r' to 'gradient.radial' (the radius must be above 0)")
H.contains(H.raises(function() return gradient.radial{size = {10, 10}, r = 5, inner = 6, stops = {{0, "red"}, {1, "blue"}}} end),
           "bad argument 'inner' to 'gradient.radial' (the inner radius must be 0 or more and below r (5))")
H.contains(H.raises(function() return gradient.linear{size = {10, 10}, p1 = {1, 1}, p2 = {1, 1}, stops = {{0, "red"}, {1, "blue"}}} end),
           "bad argument 'p2' to 'gradient.linear' (p2 must differ from p1)")
H.contains(H.raises(function() return gradient.linear{size = {10, 10}, p1 = "left", stops = {{0, "red"}, {1, "blue"}}} end),
           "bad argument 'p1' to 'gradient.linear' (a point is {x, y} in pixels)")
H.contains(H.raises(function() return gradient.linear{size = {0, 10}, stops = {{0, "red"}, {1, "blue"}}} end),
           "bad argument 'size' to 'gradient.linear'")
H.contains(H.raises(function() return gradient.linear{stops = {{0, "red"}, {1, "blue"}}} end),
           "size = {w, h} is needed")
H.contains(H.raises(function() return gradient.linear{size = {10, 10}} end), "stops = {{0, colour}, {1, colour}} are needed")
H.contains(H.raises(function() return gradient.linear("red") end), "table expected")
H.contains(H.raises(function() return gradient.conic{} end), "no function gradient.conic")
H.contains(H.raises(function() return gradient.lineer{} end), "did you mean gradient.linear?")
-- the line of the script is named
H.contains(H.raises(function() return gradient.linear{size = {10, 10}, stops = {{0, "red"}}} end), "gradient.lua:")
