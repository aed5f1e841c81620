-- detail.lua: the detail effects from Lua: a blur of a flat colour stays that colour, pixelate
-- makes constant blocks of the block's mean, noise is the same for the same seed and frame and
-- differs for another, amount 0 leaves a picture as it was, the 3x3 effects and the vignette
-- do what they say, numbers may be curves, and bad numbers are errors naming the line.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

-- every pixel of a frame as one string (straight RGBA)
local function pixels(frame)
  local t = {}
  for y = 0, frame.h - 1 do
    for x = 0, frame.w - 1 do t[#t + 1] = table.concat({frame:pixel(x, y)}, ",") end
  end
  return table.concat(t, " ")
end
local function px(clip, x, y, t) return table.concat({clip:frame(t or 0):pixel(x, y)}, " ") end

-- a flat colour stays that colour under every blur, at the edges too
local flat = color("#3080c0", 64, 48)
for _, c in ipairs({flat:blur(10), flat:blur(0.7), flat:box_blur(5), flat:box_blur(2.5), flat:blur(300),
                    flat:sharpen(3, 4), flat:glow(8, 2)}) do
  for _, p in ipairs({{0, 0}, {31, 20}, {63, 47}}) do
    H.eq(px(c, p[1], p[2]), "48 128 192 255", tostring(c))
  end
end
-- half-transparent: the premultiplied values blur, so the colour and alpha stay
H.eq(px(color({48, 128, 192, 128}, 32, 32):blur(6), 16, 16), px(color({48, 128, 192, 128}, 32, 32), 16, 16), "see-through")
-- a soft edge: a layer's transparent border blurs into it without darkening its colour
local r, g, b, a = compose({color("#ff0000", 16, 32)}, {size = {32, 32}, bg = "transparent"}):blur(8):frame(0):pixel(16, 16)
H.eq(("%d %d %d"):format(r, g, b), "255 0 0", "no dark fringe")
assert(a > 60 and a < 200, "the edge's alpha is soft: " .. a)

-- pixelate: constant blocks, each the mean of its pixels (within 1); the last ones partial
local src = pattern("gradient", 64, 48)
local f0 = src:frame(0)
for _, size in ipairs({8, 10, 48}) do
  local f = src:pixelate(size):frame(0)
  for by = 0, (48 - 1) // size do
    for bx = 0, (64 - 1) // size do
      local x0, y0 = bx * size, by * size
      local x1, y1 = math.min(x0 + size, 64) - 1, math.min(y0 + size, 48) - 1
      local sum, n = {0, 0, 0}, 0
      for y = y0, y1 do
        for x = x0, x1 do
          local p = {f0:pixel(x, y)}
          for c = 1, 3 do sum[c] = sum[c] + p[c] end
          n = n + 1
        end
      end
      local first = {f:pixel(x0, y0)}
      for c = 1, 3 do
        assert(math.abs(first[c] - sum[c] / n) <= 1, ("pixelate %d block %d,%d: %d vs mean %.2f"):format(size, bx, by, first[c], sum[c] / n))
      end
      for _, p in ipairs({{x1, y0}, {x0, y1}, {x1, y1}, {(x0 + x1) // 2, (y0 + y1) // 2}}) do
        H.eq(px(src:pixelate(size), p[1], p[2]), table.concat(first, " "), "constant block")
      end
    end
  end
end
H.eq(pixels(src:pixelate(1):frame(0)), pixels(f0), "pixelate 1 is the identity")
H.eq(pixels(src:pixelate(1.3):frame(0)), pixels(f0), "rounded to whole pixels")

-- noise: the same for the same seed and frame (a new clip, another render), another for
-- another seed or frame; the frame number counts at the clip's rate (30 a second for stills)
local grey = color("#808080", 24, 16)
local n1 = pixels(grey:noise(0.2, 5):frame(0))
H.eq(pixels(grey:noise(0.2, 5):frame(0)), n1, "same seed, same frame")
H.eq(pixels(grey:noise{amount = 0.2, seed = 5}:frame(0.01)), n1, "the same frame a little later")
assert(pixels(grey:noise(0.2, 6):frame(0)) ~= n1, "another seed")
assert(pixels(grey:noise(0.2, 5):frame(1 / 30)) ~= n1, "another frame")
assert(n1 ~= pixels(grey:frame(0)), "noise changes the picture")
local fast = pattern("gradient", 24, 16, {fps = 60}):noise(0.2, 5)
assert(pixels(fast:frame(1 / 60)) ~= pixels(fast:frame(0)), "at the clip's own rate")
-- mono: r, g, b move together; colour: not
local mr, mg, mb = grey:noise(0.3, 1):frame(0):pixel(3, 3)
H.eq(mr == mg and mg == mb, true, "mono grain is grey")
local differ = false
for x = 0, 23 do
  local cr, cg = grey:noise{amount = 0.3, seed = 1, mono = false}:frame(0):pixel(x, 2)
  differ = differ or cr ~= cg
end
H.eq(differ, true, "colour grain")
-- transparent pixels stay transparent
H.eq(px(color("transparent", 8, 8):noise(1), 4, 4), "0 0 0 0", "noise keeps the alpha")

-- amount 0 is the identity
local bars = pattern("bars", 48, 24)
local ref = pixels(bars:frame(0))
H.eq(pixels(bars:noise(0, 9):frame(0)), ref, "noise 0")
H.eq(pixels(bars:sharpen(0):frame(0)), ref, "sharpen 0")
H.eq(pixels(bars:sharpen(2, 0):frame(0)), ref, "sharpen radius 0")
H.eq(pixels(bars:glow(10, 0):frame(0)), ref, "glow 0")
H.eq(pixels(bars:vignette(0):frame(0)), ref, "vignette 0")
H.eq(pixels(bars:blur(0):frame(0)), ref, "blur 0")
-- sharpen steepens an edge: the bright side of a step gets brighter
local step = compose({color("#404040", 32, 8), color("#c0c0c0", 16, 8):at(16, 0)})
local before = step:frame(0):pixel(16, 4)
local after = step:sharpen(1.5, 4):frame(0):pixel(16, 4)
assert(after > before, ("sharpen: %d should be above %d"):format(after, before))
local dark = step:sharpen(1.5, 4):frame(0):pixel(15, 4)
assert(dark < 64, "sharpen: the dark side darker: " .. dark)

-- edge: black where flat, bright at a step; emboss: grey where flat; both keep the alpha
H.eq(px(flat:edge(), 10, 10), "0 0 0 255", "edge of flat")
local er = step:edge():frame(0):pixel(16, 4)
assert(er > 100, "edge at the step: " .. er)
H.eq(px(flat:emboss(), 10, 10), "128 128 128 255", "emboss of flat")
local lit, shade = step:emboss():frame(0):pixel(15, 4), step:emboss():frame(0):pixel(8, 4)
assert(lit > 128 and shade == 128, ("emboss: %d at the step, %d away"):format(lit, shade))
H.eq(select(4, color({200, 100, 50, 100}, 8, 8):edge():frame(0):pixel(4, 4)), 100, "edge keeps the alpha")

-- vignette: the centre as it was, the corners darker by the amount
local white = color("white", 101, 61)
H.eq(px(white:vignette(0.5), 50, 30), "255 255 255 255", "centre")
local cr = white:vignette(0.5):frame(0):pixel(0, 0)
assert(math.abs(cr - 128) <= 3, "corner: " .. cr)
local cr2 = white:vignette{amount = 1, inner = 0, outer = 0.5}:frame(0):pixel(0, 0)
H.eq(cr2, 0, "amount 1 is black at the corners")

-- glow: below the threshold nothing; a bright spot spreads over a dark ground
local spot = compose({color("#101010", 64, 64), color("white", 8, 8):at(28, 28)})
H.eq(px(spot:glow(10), 2, 2), "16 16 16 255", "far away")
local near = spot:glow(10, 2):frame(0):pixel(24, 32)
assert(near > 40, "glow near the spot: " .. near)
-- on a transparent layer the glow spreads past the letters' alpha
local _, _, _, ga = compose({color("white", 8, 8):at(28, 28)}, {size = {64, 64}, bg = "transparent"}):glow(10):frame(0):pixel(22, 32)
assert(ga > 0, "glow past the alpha: " .. ga)

-- numbers may be curves; fx values and names
local moving = flat:dur(2):blur(keys{ {0, 0}, {2, 20} })
H.eq(px(moving, 31, 20, 1), "48 128 192 255", "moving blur")
local growing = src:dur(2):pixelate(keys{ {0, 1}, {2, 16} })
H.eq(pixels(growing:frame(0)), pixels(f0), "size 1 at the start")
assert(pixels(growing:frame(1.9)) ~= pixels(f0), "blocks later")
H.eq(pixels(src:fx("edge"):frame(0)), pixels(src:edge():frame(0)), "by name")
H.eq(pixels(src:fx(fx.emboss(2)):frame(0)), pixels(src:emboss(2):frame(0)), "fx value")
H.contains(tostring(fx.glow(4, 1.5)), "glow")
H.contains(tostring(src:vignette(0.3)), "vignette")

-- bad numbers: the operation, the parameter and the range, at the script's line
H.contains(H.raises(function() return flat:blur(-1) end), "bad argument 'radius' to 'blur' (-1 is outside 0..512)")
H.contains(H.raises(function() return flat:blur(-1) end), "detail.lua:")
H.contains(H.raises(function() return flat:blur() end), "bad argument 'radius' to 'blur' (missing")
H.contains(H.raises(function() return flat:blur("wide") end), "bad argument 'radius' to 'blur'")
H.contains(H.raises(function() return flat:box_blur(1000) end), "(1000 is outside 0..512)")
H.contains(H.raises(function() return flat:pixelate(0) end), "bad argument 'size' to 'pixelate' (0 is outside 1..4096)")
H.contains(H.raises(function() return flat:noise(0.1, 1.5) end), "bad argument 'seed' to 'noise' (1.5 is not a whole number)")
H.contains(H.raises(function() return flat:noise(2) end), "bad argument 'amount' to 'noise' (2 is outside 0..1)")
H.contains(H.raises(function() return flat:sharpen(-0.5) end), "bad argument 'amount' to 'sharpen'")
H.contains(H.raises(function() return flat:glow{radius = 4, amout = 1} end), "did you mean 'amount'")
H.contains(H.raises(function() return flat:vignette{inner = 0.9, outer = 0.2} end), "vignette: inner 0.9 is beyond outer 0.2")
H.contains(H.raises(function() return flat:edge(-1) end), "bad argument 'amount' to 'edge'")
H.contains(H.raises(function() return flat:emboss(17) end), "(17 is outside 0..16)")
H.contains(H.raises(function() return tone(440):blur(2) end), "blur: the clip has no picture")
-- a curve that gives no number fails the frame, naming the line
H.contains(H.raises(function() return flat:blur(function() return "big" end):frame(0) end), "detail.lua:")
