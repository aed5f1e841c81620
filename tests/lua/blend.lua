-- blend.lua: blend modes of layers and the chroma and luma keys, from Lua: the modes change the
-- composed pixel as the spec says, a misspelled mode gets the nearest one, keys make their
-- colours transparent, their numbers may be curves, and their arguments are checked.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local grey = color("#808080", 8, 8)
local red = color("#ff0000", 8, 8)

-- the error names the choices and the nearest one
local msg = H.raises(function() return red:blend("mutliply") end)
H.contains(msg, "bad argument 'mode' to 'blend'")
H.contains(msg, "\"soft_light\" expected; did you mean 'multiply'?")
H.contains(H.raises(function() return red:blend("sideways") end), "\"difference\" or \"soft_light\" expected)")
H.contains(H.raises(function() return red:blend(3) end), "\"normal\", \"multiply\"")
H.contains(H.raises(function() return red:blend() end), "missing")

-- a layer's mode decides the composed pixel (grey 128 below, pure red above)
local function over_grey(layer)
  local r, g, b, a = compose({grey, layer}):frame(0):pixel(3, 3)
  return ("%d %d %d %d"):format(r, g, b, a)
end
H.eq(over_grey(red), "255 0 0 255", "normal")
H.eq(over_grey(red:blend("normal")), "255 0 0 255", "normal")
H.eq(over_grey(red:blend("multiply")), "128 0 0 255", "multiply: 128 x 255 / 255")
H.eq(over_grey(red:blend("screen")), "255 128 128 255", "screen")
H.eq(over_grey(red:blend("add")), "255 128 128 255", "add: clamped")
H.eq(over_grey(red:blend("subtract")), "0 128 128 255", "subtract: below minus the layer")
H.eq(over_grey(red:blend("darken")), "128 0 0 255", "darken")
H.eq(over_grey(red:blend("lighten")), "255 128 128 255", "lighten")
H.eq(over_grey(red:blend("difference")), "127 128 128 255", "difference")
H.eq(over_grey(red:blend("overlay")), "255 1 1 255", "overlay: 128 is just light: 2 x 128 - 255 = 1")
-- the mode goes with the clip through later operations, as its place does, and as an fx value
H.eq(over_grey(red:blend("multiply"):resize(8, 8):at(0, 0)), "128 0 0 255", "carried")
H.eq(over_grey(red:fx(fx.blend("multiply"))), "128 0 0 255", "fx value")
H.eq(over_grey(red:fx("blend", "multiply")), "128 0 0 255", "by name")
-- a see-through layer of a mode: what is below shows through where it is clear
H.eq(over_grey(red:opacity(0):blend("multiply")), "128 128 128 255", "transparent layer")
-- MoviePy's value: green at 50 % over red is (127, 127, 0) within 1
local gr, gg, gb = compose({red, color("#00ff00", 8, 8):opacity(0.5)}):frame(0):pixel(3, 3)
assert(math.abs(gr - 127) <= 1 and math.abs(gg - 127) <= 1 and gb == 0, ("blit: %d %d %d"):format(gr, gg, gb))

-- chroma key: a green colour goes transparent, by default and named
local green = color("#00ff00", 8, 8)
local _, _, _, a = green:chromakey():frame(0):pixel(3, 3)
H.eq(a, 0, "green keyed by default")
_, _, _, a = green:chromakey{color = "#00ff00", similarity = 0.1, blend = 0.0, spill = 0.0}:frame(0):pixel(3, 3)
H.eq(a, 0, "named")
_, _, _, a = green:chromakey("lime", 0.2):frame(0):pixel(3, 3)
H.eq(a, 0, "positional")
_, _, _, a = red:chromakey():frame(0):pixel(3, 3)
H.eq(a, 255, "red stays")
_, _, _, a = green:chromakey{color = {0, 0, 255}}:frame(0):pixel(3, 3)
H.eq(a, 255, "green stays before a blue screen")
-- a moving similarity: a darker green (0, 200, 0; 0.09 from the key) stays at first, then goes
local dark = color("#00c800", 8, 8):dur(2):chromakey{similarity = keys{ {0, 0}, {2, 0.5} }}
local _, _, _, a0 = dark:frame(0):pixel(3, 3)
local _, _, _, a1 = dark:frame(1.5):pixel(3, 3)
H.eq(a0, 255, "similarity 0")
H.eq(a1, 0, "similarity 0.375")
-- spill: a greenish grey keeps its place, its green pulled down to its red and blue's larger
local r, g, b = color({100, 160, 120}, 8, 8):chromakey{spill = 1}:frame(0):pixel(3, 3)
H.eq(("%d %d %d"):format(r, g, b), "100 120 120", "spill")
H.contains(H.raises(function() return green:chromakey{simlarity = 0.1} end), "did you mean 'similarity'")
H.contains(H.raises(function() return green:chromakey{similarity = 2} end), "bad argument 'similarity' to 'chromakey' (2 is outside 0..1)")

-- luma key: the band [low, high] goes (default: the darkest tenth)
_, _, _, a = color("black", 8, 8):lumakey():frame(0):pixel(3, 3)
H.eq(a, 0, "black keyed")
_, _, _, a = color("white", 8, 8):lumakey():frame(0):pixel(3, 3)
H.eq(a, 255, "white stays")
_, _, _, a = color("white", 8, 8):lumakey{low = 0.9, high = 1}:frame(0):pixel(3, 3)
H.eq(a, 0, "white keyed by a high band")
-- a soft ramp: grey 0.3 is 0.2 past high 0.1, with soft 0.4: half
_, _, _, a = color({77, 77, 77}, 8, 8):lumakey{high = 0.1, soft = 0.4}:frame(0):pixel(3, 3)
assert(math.abs(a - 128) <= 1, ("lumakey ramp: %d"):format(a))
H.contains(H.raises(function() return red:lumakey{low = 0.5, high = 0.2} end), "low 0.5 is above high 0.2")
H.contains(tostring(fx.lumakey{high = 0.2}), "lumakey")
