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
H.contains(H.raises(function() return left * 3 end), "mask (or a clip: its luma) expected, got number")
H.contains(H.raises(function() return mask.from(tone(440)) end), "from: the clip has no picture")
H.contains(H.raises(function() return left * 3 end), "masks.lua:")
