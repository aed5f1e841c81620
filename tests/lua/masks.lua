-- masks: made from clips, combined, moved, applied; their errors.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")
local function rgba(clip, t, x, y) return table.concat({clip:frame(t):pixel(x, y)}, " ") end

local red = color("red", 100, 50):dur(1)
-- left half white, right half black: its luma is a mask covering the left half
local halves = compose({color("white", 50, 50), color("black", 50, 50):at(50, 0)}, {size = {100, 50}})
local left = mask.from(halves)
H.eq(tostring(left), "Mask(from a clip)")
H.eq(tostring(left:invert():threshold(0.25)), "Mask(from a clip > invert > threshold v=0.25)")
H.eq(rgba(red:mask(left), 0, 10, 10), "255 0 0 255")
H.eq(rgba(red:mask(left), 0, 90, 10), "0 0 0 0")
H.eq(rgba(red:mask(left:invert()), 0, 90, 10), "255 0 0 255")
H.eq(rgba(red:mask(halves), 0, 10, 10), "255 0 0 255", "a clip given as a mask is its luma")
H.eq(rgba(red:mask(halves), 0, 90, 10), "0 0 0 0")

-- coverage in between: alpha times the coverage; a threshold makes it whole or nothing
local grey = color({128, 128, 128}, 100, 50)
H.eq(rgba(red:mask(grey), 0, 10, 10), "255 0 0 128")
H.eq(rgba(red:mask(mask.from(grey):threshold(0.4)), 0, 10, 10), "255 0 0 255")
H.eq(rgba(red:mask(mask.from(grey):threshold(0.6)), 0, 10, 10), "0 0 0 0")

-- algebra: a * b, a + b, a - b, min and max (MoviePy's mask "and" and "or" values)
local a, b = color({10, 10, 10}, 4, 4), color({20, 0, 20}, 4, 4)
local function cover(m) return ({m:clip(4, 4):frame(0):pixel(1, 1)})[4] end
H.eq(cover(mask.from(a, "r"):min(mask.from(b, "r"))), 10)
H.eq(cover(mask.from(a, "g"):min(mask.from(b, "g"))), 0)
H.eq(cover(mask.from(a, "r"):max(mask.from(b, "r"))), 20)
H.eq(cover(mask.from(a, "g"):max(mask.from(b, "g"))), 10)
local half = mask.from(color({128, 128, 128}, 4, 4))
H.eq(cover(half * half), 64, "intersection: 128 * 128 / 255")
H.eq(cover(half + half), 192, "union: a + b - a * b")
H.eq(cover(half - half), 64, "subtract: a * (1 - b)")
H.eq(cover(left + left:invert()), 255)
H.eq(rgba(left:clip(100, 50), 0, 10, 10), "255 255 255 255", "m:clip shows the mask as white")

-- a clip's alpha, and masks that move
local dot = compose({color("white", 10, 10):at(20, 20)}, {size = {100, 50}, bg = {0, 0, 0, 0}})
H.eq(rgba(red:mask(dot:alpha()), 0, 25, 25), "255 0 0 255")
H.eq(rgba(red:mask(dot:alpha()), 0, 5, 5), "0 0 0 0")
H.eq(rgba(red:mask(left:at(25, 0)), 0, 60, 10), "255 0 0 255")
H.eq(rgba(red:mask(left:at(25, 0)), 0, 10, 10), "0 0 0 0", "moved away: nothing covers the left edge")
H.eq(rgba(red:mask(left:at(keys{ {0, {0, 0}}, {1, {50, 0}} })), 0.5, 60, 10), "255 0 0 255")
H.eq(rgba(red:mask(left:rotate(180)), 0, 90, 10), "255 0 0 255")
H.eq(rgba(red:mask(left:scale(2, 0, 0)), 0, 90, 10), "255 0 0 255")

-- the registry's errors name the function and the parameter
H.contains(H.raises(function() return red:mask(5) end), "bad argument 'm' to 'mask' (mask (or a clip: its luma) expected, got number)")
H.contains(H.raises(function() return left:invret() end), "no method 'invret' on a Mask; did you mean 'invert'?")
H.contains(H.raises(function() return mask.frmo(halves) end), "no function mask.frmo; did you mean mask.from?")
H.contains(H.raises(function() return mask.from(halves, "luminance") end), "bad argument 'channel' to 'from'")
H.contains(H.raises(function() return left:threshold(2) end), "bad argument 'v' to 'threshold' (2 is outside 0..1)")
H.contains(H.raises(function() return left * 3 end), "a mask * a number: masks combine with masks or clips")
H.contains(H.raises(function() return 2 - left end), "a number - a mask: masks combine with masks or clips")
H.contains(H.raises(function() return mask.radial{center = "center", r = 100, inner = 200} end), "inner 200 is beyond r 100")
H.contains(H.raises(function() return mask.from(tone(440)) end), "from: the clip has no picture")
H.contains(H.raises(function() return left * 3 end), "masks.lua:")

-- shapes, drawn at the masked picture's size, antialiased; every number may move
local white = color("white", 100, 50):dur(2)
local function cov(m, x, y, t) return ({white:mask(m):frame(t or 0):pixel(x, y)})[4] end
local box = mask.rect{10, 10, 30, 20}
H.eq(cov(box, 20, 20), 255)
H.eq(cov(box, 5, 5), 0)
H.eq(cov(mask.rect{10.5, 10, 30, 20}, 10, 20), 128, "half a pixel inside: half covered")
H.eq(cov(mask.rect{10, 10, 30, 20, radius = 10}, 10, 10), 0, "a rounded corner is cut")
H.eq(cov(mask.circle(50, 25, 20), 50, 25), 255)
H.eq(cov(mask.circle(50, 25, 20), 50, 3), 0)
local edge = cov(mask.circle(50, 25, 20.5), 70, 25) -- the pixel [70, 71] straddles the edge at 70.5
assert(edge > 64 and edge < 192, "antialiased edge: " .. edge)
H.eq(cov(mask.ellipse{50, 25, 40, 10}, 85, 25), 255)
H.eq(cov(mask.ellipse{50, 25, 40, 10}, 50, 38), 0)
H.eq(cov(mask.polygon{ {0, 0}, {100, 0}, {0, 50} }, 5, 5), 255)
H.eq(cov(mask.polygon{ {0, 0}, {100, 0}, {0, 50} }, 90, 40), 0)
H.eq(cov(mask.polygon{points = { {0, 0}, {100, 0}, {0, 50} }}, 5, 5), 255, "by name")
H.eq(cov(mask.linear{p1 = {0, 0}, p2 = {100, 0}}, 0, 10), 1) -- pixel centre 0.5: 0.5 %
H.eq(cov(mask.linear{p1 = {"0%", 0}, p2 = {"100%", 0}}, 99, 10), 254)
H.eq(cov(mask.radial{center = "center", r = 40, inner = 10}, 50, 25), 255)
H.eq(cov(mask.radial{center = "center", r = 40, inner = 10}, 5, 5), 0)
local moving = mask.rect{x = keys{ {0, 0}, {2, 60} }, y = 0, w = 40, h = 50}
H.eq(cov(moving, 70, 10, 0), 0)
H.eq(cov(moving, 70, 10, 1.9), 255, "a curve moves the rectangle")
H.eq(cov(mask.circle(50, 25, function(t) return t * 10 end), 50, 25, 1), 255)
H.eq(cov(mask.circle(50, 25, function(t) return t * 10 end), 50, 25, 0), 0, "radius 0 at t = 0")

-- feather blurs the edge; grow and shrink move it by a disc
local hard = mask.rect{0, 0, 50, 50}
H.eq(cov(hard:feather(8), 20, 25), 255)
assert(cov(hard:feather(8), 0, 25) < 160, "the picture's border fades too")
local soft = cov(hard:feather(8), 50, 25)
assert(soft > 100 and soft < 160, "feathered edge about half: " .. soft)
H.eq(cov(hard:grow(5), 53, 25), 255)
H.eq(cov(hard:shrink(5), 47, 25), 0)
H.eq(cov(hard:shrink(5), 40, 25), 255)

H.contains(H.raises(function() return mask.polygon{ {1, 2}, {3, 4} } end), "bad argument 'points' to 'polygon' (2 points; it takes 3 to 256)")
H.contains(H.raises(function() return mask.polygon{ {1, 2}, {3, "a"}, {1, 1} } end), "point 2 is not {x, y}")
H.contains(H.raises(function() return mask.rect{1, 2, 3} end), "bad argument 'h' to 'rect' (missing")
H.contains(H.raises(function() return mask.rect{1, 2, 3, 4, x = 4} end), "given twice")
H.contains(H.raises(function() return mask.rect{1, 2, 3, 4, radus = 4} end), "unknown option 'radus' to 'rect'; did you mean 'radius'?")
H.contains(H.raises(function() return mask.circle(1, 2, -3) end), "bad argument 'r' to 'circle' (-3 is outside")
H.contains(H.raises(function() return hard:feather("a") end), "bad argument 'px' to 'feather' (number or curve expected, got string)")
H.contains(H.raises(function() return white:mask(mask.circle(1, 2, function() return "big" end)):frame(0) end), "masks.lua:")

-- a position followed by more values takes one: mask.radial("center", r)
H.eq(tostring(mask.radial("center", 100)), "Mask(radial center=center, center r=100)")
H.eq(cov(mask.radial({50, 25}, 20, 5), 50, 25), 255)
H.eq(cov(mask.linear({0, 0}, {100, 0}), 99, 10), 254)

-- an anchored clip keeps its picture inside margin, fit and a layer placed by nobody
local function px(clip, x, y) return table.concat({clip:frame(0):pixel(x, y)}, " ", 1, 3) end
local red = color("red", 100, 60):dur(1)
local ground = color("black", 200, 120)
H.eq(px(compose({ground, red:anchor("center"):margin(10, "white"):at(100, 60)}), 100, 60), "255 0 0")
H.eq(px(compose({ground, red:anchor("center"):margin(10, "white"):at(100, 60)}), 45, 25), "255 255 255")
H.eq(px(compose({ground, red:anchor("center")}), 10, 10), "255 0 0", "not placed: its box at 0, 0")
H.eq(px(compose({ground, red:anchor("right", "bottom"):fit(120, 120)}), 60, 60), "255 0 0")
