-- colour: every colour effect at two values, the second moving over the scene's three frames
-- (or, for those without numbers, reached by name and as an fx value), on a tile of a
-- gradient, bars and a half-transparent stripe (its alpha must stay); 6 tiles a row; and two
-- chains on an opaque tile.
local W, H = 40, 24
local tile = compose({
  pattern("gradient", 32, H),
  pattern("bars", 32, H / 2):at(0, H / 2),
  color("#3080ff80", 8, H):at(32, 0),
}, {size = {W, H}, bg = "transparent", fps = 10}):dur(0.3)
local opaque = compose({pattern("gradient", W, H), pattern("bars", W, H / 2):at(0, H / 2)}, {fps = 10}):dur(0.3)
local function move(a, b) return keys{ {0, a}, {0.2, b} } end
local s_curve = { {0, 0}, {0.25, 0.15}, {0.75, 0.85}, {1, 1} }
local tiles = {
  tile:brightness(0.2), tile:brightness(move(-0.3, 0.3)),
  tile:contrast(1.5), tile:contrast(move(0.5, 2)),
  tile:saturation(0), tile:saturation(move(0.5, 2.5)),
  tile:gamma(2), tile:gamma(move(0.5, 1.5)),
  tile:hue(90), tile:hue(move(0, 240)),
  tile:exposure(1), tile:exposure(move(-2, 0.5)),
  tile:temperature(3000), tile:temperature(move(4000, 12000)),
  tile:tint("#ff8800", 0.5), tile:tint("#4060ff", move(0, 1)),
  tile:levels{0.1, 0.9, 0, 1}, tile:levels{out_lo = move(0, 0.3), out_hi = 0.8, gamma = 1.5},
  tile:curves{all = s_curve}, tile:curves{r = { {0, 0.1}, {0.5, 0.6}, {1, 1} }, b = { {0, 0}, {1, 0.7} }},
  tile:lut("warm.cube"), tile:lut("warm.cube", move(0, 1)),
  tile:grayscale(), tile:grayscale(move(0, 1)),
  tile:sepia(), tile:sepia(move(0, 1)),
  tile:fx("invert"), tile:fx(fx.invert()),
  tile:multiply_color(1.5), tile:multiply_color(move(0.5, 4)),
  tile:posterize(3), tile:posterize(move(2, 8)),
  tile:threshold(0.5), tile:threshold(move(0.2, 0.8)),
  -- an opaque picture: the CPU's vectorised passes (the same bits as pixel by pixel)
  opaque:saturation(move(0, 2)):curves{ {0, 0.1}, {1, 0.9} }, opaque:hue(45):threshold(0.4),
}
local layers = {color("#202020", 6 * W, 6 * H)}
for i, t in ipairs(tiles) do
  layers[#layers + 1] = t:at((i - 1) % 6 * W, (i - 1) // 6 * H)
end
return compose(layers, {duration = 0.3, fps = 10})
