-- blend_modes: every blend mode of a layer (opaque bars, and a see-through badge over them)
-- over a gradient, a mode on a transparent group, a chroma key with a moving similarity, a soft
-- edge and spill suppression, and a luma key with a soft ramp.
local bg = pattern("gradient", 160, 90)
local bars = pattern("bars", 30, 20)
local badge = color("#ff8800a0", 14, 10)
local modes = {"normal", "multiply", "screen", "overlay", "add", "subtract", "darken", "lighten", "difference",
  "soft_light"}
local layers = {bg}
for i, m in ipairs(modes) do
  local x, y = (i - 1) % 5 * 32 + 1, (i - 1) // 5 * 22 + 1
  layers[#layers + 1] = bars:blend(m):at(x, y)
  layers[#layers + 1] = badge:blend(m):at(x + 8, y + 5)
end
-- the bars' green bar keyed out, then their yellow as the similarity grows; spill pulled from the rest
layers[#layers + 1] = pattern("bars", 70, 20)
  :chromakey{color = "#00bf00", similarity = keys{ {0, 0.05}, {0.1, 0.3} }, blend = 0.1, spill = 0.5}:at(4, 48)
-- the bars' dark ones keyed by luma: blue (luma 0.05) goes, red (0.16) half, the rest stays
layers[#layers + 1] = pattern("bars", 70, 20):lumakey{low = 0, high = keys{ {0, 0.1}, {0.1, 0.12} }, soft = 0.1}:at(84, 48)
-- a transparent group of a keyed and a screened layer, multiplied as one layer
local group = compose({color("#00ff00", 40, 16):chromakey(), badge:blend("screen"):at(20, 4)}, {bg = "transparent"})
layers[#layers + 1] = group:blend("multiply"):at(60, 72)
return compose(layers, {duration = 0.2, fps = 10})
