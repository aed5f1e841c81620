-- detail: every detail effect at two values, the second moving over the second (blur, box
-- blur, sharpen, glow, pixelate, vignette, noise, edge, emboss), on a tile of bars, a gradient,
-- a white spot and a transparent corner, over a dark ground.
local W, H = 60, 40
local tile = compose({
  pattern("bars", W, H / 2),
  pattern("gradient", W, H / 2):at(0, H / 2),
  color("white", 6, 6):at(40, 24),
  color("#ff4020", 10, 10):at(8, 26),
}, {size = {W, H}, bg = "transparent"}):mask(mask.rect{0, 0, W, H}
  - mask.polygon{ {W - 18, 0}, {W, 0}, {W, 14} }):dur(1)
local function moving(a, b) return keys{ {0, a}, {1, b} } end
local cells = {
  tile:blur(2), tile:blur(moving(0, 12)),
  tile:box_blur(1.5), tile:box_blur(moving(0, 6)),
  tile:sharpen(1.5), tile:sharpen(moving(0, 4), 3),
  tile:glow(6, 1.5, 0.5), tile:glow(moving(2, 16), moving(0, 2)),
  tile:pixelate(4), tile:pixelate(moving(1, 13)),
  tile:vignette(0.7), tile:vignette{amount = moving(0, 1), inner = 0, outer = moving(1.5, 0.5)},
  tile:noise(0.15, 3), tile:noise{amount = moving(0, 0.5), seed = 9, mono = false},
  tile:edge(), tile:edge(moving(0.5, 3)),
  tile:emboss(), tile:emboss(moving(0, 4)),
}
local layers = {color("#101820", 6 * W, 3 * H)}
for i, c in ipairs(cells) do
  layers[#layers + 1] = c:at((i - 1) % 6 * W, (i - 1) // 6 * H)
end
return compose(layers, {fps = 10})
