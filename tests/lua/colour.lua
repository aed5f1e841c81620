-- colour.lua: the colour effects from Lua: MoviePy's values (invert, multiply_color), the
-- identities (brightness 0, contrast 1, saturation 1, gamma 1, an identity .cube... give the
-- input back exactly), what each effect does to a known colour, alpha kept, moving numbers,
-- and the errors: a malformed .cube names its line, a missing one its name, numbers out of range.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local function px(clip, t, x, y)
  local r, g, b, a = clip:frame(t or 0):pixel(x or 1, y or 1)
  return ("%d %d %d %d"):format(r, g, b, a)
end
local c = color({50, 100, 150}, 4, 4)

-- MoviePy's tests: invert_colors of (50, 100, 150) is (205, 155, 105); multiply_color(4) of
-- (0, 0, 50) is (0, 0, 200), and saturates at 255
H.eq(px(c:invert()), "205 155 105 255", "invert")
H.eq(px(color({0, 0, 50}, 4, 4):multiply_color(4)), "0 0 200 255", "multiply_color")
H.eq(px(color({10, 70, 200}, 4, 4):multiply_color(4)), "40 255 255 255", "multiply_color saturates")
H.eq(px(color({3, 7, 11}, 4, 4):multiply_color(0.5)), "1 3 5 255", "multiply_color truncates as numpy's uint8")

-- writes text to a new file and returns its name
local tmp = os.tmpname()
local function file(name, text)
  local path = tmp .. "_" .. name
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
  return path
end
-- an identity table of n points a side, in .cube's order (red fastest)
local function identity_cube(n, extra)
  local rows = {"# an identity", 'TITLE "identity"', "LUT_3D_SIZE " .. n, extra or ""}
  for b = 0, n - 1 do
    for g = 0, n - 1 do
      for r = 0, n - 1 do
        rows[#rows + 1] = ("%.6f %.6f %.6f"):format(r / (n - 1), g / (n - 1), b / (n - 1))
      end
    end
  end
  return table.concat(rows, "\n") .. "\n"
end
local ident2 = file("ident2.cube", identity_cube(2))
local ident17 = file("ident17.cube", identity_cube(17, "DOMAIN_MIN 0 0 0\r\nDOMAIN_MAX 1 1 1"))

-- identities: every pixel of a gradient with bars and a half-transparent stripe comes back
local src = compose({pattern("gradient", 48, 24), pattern("bars", 48, 12):at(0, 12),
  color("#3080ff80", 8, 24):at(40, 0), color("#ff000020", 4, 24):at(36, 0)},
  {size = {48, 24}, bg = "transparent"})
local ref = src:frame(0)
local function same(clip, why)
  local f = clip:frame(0)
  for y = 0, 23 do
    for x = 0, 47 do
      local r1, g1, b1, a1 = ref:pixel(x, y)
      local r2, g2, b2, a2 = f:pixel(x, y)
      if r1 ~= r2 or g1 ~= g2 or b1 ~= b2 or a1 ~= a2 then
        error(("%s: pixel (%d, %d) is %d %d %d %d, was %d %d %d %d"):format(why, x, y, r2, g2, b2, a2, r1, g1, b1, a1))
      end
    end
  end
end
same(src:brightness(0), "brightness 0")
same(src:contrast(1), "contrast 1")
same(src:saturation(1), "saturation 1")
same(src:gamma(1), "gamma 1")
same(src:hue(0), "hue 0")
same(src:hue(360), "hue 360")
same(src:exposure(0), "exposure 0")
same(src:temperature(6500), "temperature 6500")
same(src:tint("red", 0), "tint amount 0")
same(src:levels{}, "levels by default")
same(src:curves{all = { {0, 0}, {1, 1} }}, "a straight curve")
same(src:grayscale(0), "grayscale 0")
same(src:sepia(0), "sepia 0")
same(src:multiply_color(1), "multiply_color 1")
same(src:posterize(256), "posterize 256")
same(src:invert():invert(), "invert twice")
same(src:lut(ident2), "identity .cube, 2 points")
same(src:lut(ident17), "identity .cube, 17 points, DOMAIN lines, CRLF")

-- what each one does to (50, 100, 150)
H.eq(px(c:brightness(0.2)), "101 151 201 255", "brightness adds")
H.eq(px(c:contrast(2)), "0 73 173 255", "contrast around 0.5: (c - 127.5) * 2 + 127.5, rounded")
H.eq(px(c:saturation(0)), "93 93 93 255", "saturation 0: BT.709 grey")
H.eq(px(c:grayscale()), "93 93 93 255", "grayscale")
H.eq(px(c:gamma(2)), "113 160 196 255", "gamma 2: sqrt")
H.eq(px(c:exposure(1)), "71 138 205 255", "exposure +1: twice the light (sRGB decoded, doubled, encoded)")
H.eq(px(color("white", 4, 4):exposure(1)), "255 255 255 255", "exposure clips at white")
H.eq(px(c:hue(360)), px(c), "a full turn")
H.eq(px(color("red", 4, 4):hue(180)), "0 109 109 255", "red turned half way: cyan (CSS's matrix)")
H.eq(px(c:levels{in_lo = 50 / 255, in_hi = 150 / 255}), "0 128 255 255", "levels stretch")
H.eq(px(c:levels{out_lo = 0.2, out_hi = 0.2}), "51 51 51 255", "levels: one output")
H.eq(px(c:posterize(2)), "0 0 255 255", "posterize 2")
H.eq(px(c:threshold(0.36)), "255 255 255 255", "threshold below the grey 93")
H.eq(px(c:threshold(0.37)), "0 0 0 255", "threshold above it")
H.eq(px(c:tint("#ff0000", 1)), "50 0 0 255", "a red gel")
H.eq(px(c:tint("#ff0000")), "50 50 75 255", "half a red gel")
-- one table: a colour table holds numbers; anything else is the arguments in order and by name
H.eq(px(c:tint{"#ff0000", 1}), "50 0 0 255", "tint{colour, amount}")
H.eq(px(c:tint{"#ff0000", amount = 1}), "50 0 0 255", "tint{colour, amount = }")
H.eq(px(c:tint{{255, 0, 0}, 1}), "50 0 0 255", "tint{{r, g, b}, amount}")
H.eq(px(c:tint{255, 0, 0}), px(c:tint("#ff0000")), "tint{r, g, b}: the colour")
H.eq(px(c:sepia()), "125 111 87 255", "sepia (CSS's matrix)")
local r, g, b = c:temperature(3000):frame(0):pixel(1, 1)
assert(r == 50 and g < 100 and b < 100, ("3000 K warms: %d %d %d"):format(r, g, b))
r, g, b = c:temperature(12000):frame(0):pixel(1, 1)
assert(r < 50 and b >= 150, ("12000 K cools: %d %d %d"):format(r, g, b))
-- curves: through the points exactly, per channel, all after the channel's own
H.eq(px(color({0, 128, 255}, 4, 4):curves{all = { {0, 0.2}, {0.5, 0.5}, {1, 0.8} }}), "51 128 204 255", "all")
H.eq(px(color({0, 128, 255}, 4, 4):curves{r = { {0, 1}, {1, 0} }}), "255 128 255 255", "r only")
H.eq(px(color({0, 128, 255}, 4, 4):curves{ {0, 0.2}, {1, 0.8} }), "51 128 204 255", "points alone: all")
H.eq(px(color({0, 0, 0}, 4, 4):curves{r = { {0, 1}, {1, 1} }, all = { {0, 0}, {1, 0.5} }}), "128 0 0 255",
  "the channel's curve, then all's")
-- monotone: a rising set of points never overshoots (the values rise with the input)
local curve = pattern("gradient", 256, 4):grayscale():curves{ {0, 0}, {0.1, 0.5}, {0.2, 0.55}, {1, 1} }
local f, last = curve:frame(0), -1
for x = 0, 255 do
  local v = f:pixel(x, 1)
  assert(v >= last and v <= 255, ("the curve falls at %d: %d after %d"):format(x, v, last))
  last = v
end
-- a LUT: a swap of red and blue as a 2-point table
local swap = file("swap.cube", "LUT_3D_SIZE 2\n0 0 0\n0 0 1\n0 1 0\n0 1 1\n1 0 0\n1 0 1\n1 1 0\n1 1 1\n")
H.eq(px(c:lut(swap)), "150 100 50 255", "swap red and blue")
H.eq(px(c:lut(swap, 0.5)), "100 100 100 255", "half of it")
same(src:lut(swap, 0), "lut amount 0")
-- a domain: inputs 0..0.5 spread over the table (0.5 and above: its end)
local dom = file("dom.cube", "DOMAIN_MIN 0 0 0\nDOMAIN_MAX 0.5 0.5 0.5\n" .. identity_cube(2))
H.eq(px(color({64, 200, 0}, 4, 4):lut(dom)), "128 255 0 255", "DOMAIN_MAX 0.5 doubles")

-- alpha: see-through pixels keep their alpha, transparent ones stay transparent
local glass = color("#3080ff80", 4, 4)
for _, e in ipairs({glass:brightness(0.3), glass:invert(), glass:lut(swap), glass:sepia(), glass:threshold(0.1),
  glass:curves{ {0, 1}, {1, 0} }, glass:multiply_color(3), glass:hue(90)}) do
  local _, _, _, a = e:frame(0):pixel(1, 1)
  H.eq(a, 128, "alpha kept")
end
local r2, g2, b2, a2 = glass:invert():frame(0):pixel(1, 1)
assert(a2 == 128 and math.abs(r2 - 207) <= 1 and math.abs(g2 - 127) <= 1 and b2 == 0,
  ("inverted glass (48, 128, 255 at alpha 128): %d %d %d %d"):format(r2, g2, b2, a2))
H.eq(px(color("transparent", 4, 4):invert()), "0 0 0 0", "transparent stays")
H.eq(px(color("transparent", 4, 4):brightness(1)), "0 0 0 0", "transparent stays")

-- moving numbers, by name, as fx values
local moving = c:dur(2):brightness(keys{ {0, 0}, {2, -0.4} })
H.eq(px(moving, 0), "50 100 150 255", "at the start")
H.eq(px(moving, 1), "0 49 99 255", "half way")
H.eq(px(c:fx("sepia")), px(c:sepia()), "by name")
H.eq(px(c:fx(fx.posterize(2))), "0 0 255 255", "an fx value")
H.eq(px(c:hue(function(t) return 360 end)), px(c), "a function")
H.eq(px(c:dur(1):lut(swap, keys{ {0, 0}, {1, 1} }), 0.5), "100 100 100 255", "a moving amount")
H.contains(tostring(fx.tint("#ff8800", 0.3)), "tint")
H.contains(tostring(fx.lut(swap)), "swap.cube")

-- errors: the numbers' ranges, the checks of their own, and .cube files
H.contains(H.raises(function() return c:brightness(2) end), "bad argument 'v' to 'brightness' (2 is outside -1..1)")
H.contains(H.raises(function() return c:contrast(-1) end), "bad argument 'k' to 'contrast' (-1 is outside 0..10)")
H.contains(H.raises(function() return c:saturation() end), "bad argument 'k' to 'saturation' (missing")
H.contains(H.raises(function() return c:gamma(0) end), "bad argument 'g' to 'gamma' (0 is outside 0.1..10)")
H.contains(H.raises(function() return c:temperature(100) end), "(100 is outside 1000..40000)")
H.contains(H.raises(function() return c:posterize(2.5) end), "bad argument 'levels' to 'posterize' (2.5 is not a whole number)")
H.contains(H.raises(function() return c:posterize(1) end), "(1 is outside 2..256)")
H.contains(H.raises(function() return c:threshold("half") end), "bad argument 'v' to 'threshold' (number or curve expected")
H.contains(H.raises(function() return c:tint() end), "bad argument 'color' to 'tint' (missing")
H.contains(H.raises(function() return c:levels{in_lo = 0.8, in_hi = 0.2} end), "levels: in_lo 0.8 is not below in_hi 0.2")
H.contains(H.raises(function() return c:levels{in_low = 0.2} end), "did you mean 'in_lo'")
H.contains(H.raises(function() return c:curves() end), "give at least one curve")
H.contains(H.raises(function() return c:curves{} end), "bad argument 'all' to 'curves' (0 points; it takes 2 to 64)")
H.contains(H.raises(function() return c:curves{r = { {0, 0}, {1.5, 1} }} end),
  "curves: r's point 2 {1.5, 1} is outside 0..1")
H.contains(H.raises(function() return c:curves{g = { {0.5, 0}, {0.5, 1} }} end), "curves: g has two points at x 0.5")
H.contains(H.raises(function() return c:curves{b = { {0, 0} }} end), "(1 points; it takes 2 to 64)")
H.contains(H.raises(function() return c:lut(42) end), "bad argument 'file' to 'lut' (file name expected")
local line = debug.getinfo(1, "l").currentline + 1
local missing = H.raises(function() return c:lut("no_such_grade.cube") end)
H.contains(missing, "no_such_grade.cube: No such file or directory")
H.contains(missing, "colour.lua:" .. line)
local function bad(text, expect)
  local path = file("bad.cube", text)
  local msg = H.raises(function() return c:lut(path) end)
  H.contains(msg, "lut: " .. path .. expect)
end
bad("LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 zero\n", ":4: expected three numbers (r g b), got '0 1 zero'")
bad("# fine\nLUT_3D_SIZE 2\n0 0 0\n1 0\n", ":4: expected three numbers (r g b), got '1 0'")
bad("LUT_3D_SIZE 2\n0 0 0 0\n", ":2: expected three numbers (r g b), got '0 0 0 0'")
bad("LUT_3D_SIZE 1\n", ":1: LUT_3D_SIZE 1 is outside 2..256")
bad("LUT_3D_SIZE 2.5\n", ":1: LUT_3D_SIZE 2.5 is outside 2..256")
bad("TITLE \"x\"\nLUT_1D_SIZE 4\n", ":2: LUT_1D_SIZE: a 1D table; lut() reads 3D tables")
bad("\nLUT_3D_SIZE 2\nCOLOUR_SPACE rec709\n", ":3: unknown keyword 'COLOUR_SPACE'")
bad("0 0 0\n", ":1: a row of the table before LUT_3D_SIZE")
bad("LUT_3D_SIZE 2\n0 0 0\nDOMAIN_MIN 0 0 0\n", ":3: keyword DOMAIN_MIN among the table's rows")
bad("LUT_3D_SIZE 2\n0 0 0\n1 1 1\n", ":3: the table ends after 2 rows; LUT_3D_SIZE 2 needs 8")
bad(identity_cube(2) .. "1 1 1\n", ":13: more rows than LUT_3D_SIZE 2 holds (8)")
bad("DOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 0 1\n" .. identity_cube(2), ":2: the domain's green goes from 0 to 0")
bad("LUT_3D_SIZE 2\nLUT_3D_SIZE 2\n", ":2: a second LUT_3D_SIZE")
bad("TITLE \"unclosed\nLUT_3D_SIZE 2\n", ":1: TITLE's text has no closing quote")
bad("LUT_3D_SIZE 2\n0 0 nan\n", ":2: nan is not a finite number")
bad("# only a comment\n", ": no LUT_3D_SIZE")
os.remove(tmp)
for _, n in ipairs({"ident2.cube", "ident17.cube", "swap.cube", "dom.cube", "bad.cube"}) do os.remove(tmp .. "_" .. n) end

-- MoviePy's names say ours
H.contains(H.raises(function() return c:invert_colors() end), "moonreel calls it 'invert'")
H.contains(H.raises(function() return c:black_white() end), "moonreel calls it 'grayscale'")
H.contains(H.raises(function() return c:gamma_corr(2) end), "moonreel calls it 'gamma'")
H.contains(H.raises(function() return c:saturate(2) end), "did you mean 'saturation'")
