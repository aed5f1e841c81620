-- docs_stills.lua: the stills of docs/api.md's transforms and drawings (docs/img/*.png), made
-- from patterns so anyone can make them again:
--   moonreel run scripts/docs_stills.lua --set out=docs/img --backend cpu   (the CPU engine: the reference)
local out = args.out or "docs/img"
local function still(name, clip, t)
  local bg = color("#1d2433", 320, 180)
  compose({bg, clip:at("center")}):dur(1):frame(t or 0):save(out .. "/" .. name .. ".png")
end
local bars = pattern("bars", 200, 112):dur(1)
still("rotate", bars:rotate(-12))
still("scale", bars:scale(1.6, 0.25, 0.3))
still("mirror", bars:mirror("x"))
still("margin", bars:resize(0.8):margin(12, "white"))
still("crop", bars:crop{center = {100, 56}, w = 120, h = 60})
still("canvas", canvas(280, 140, function(ctx)
  ctx:rounded_rectangle(6, 6, 268, 128, 24)
  ctx:linear_gradient(0, 0, 280, 0, {{0, "#ff8800"}, {1, "#8800ff"}})
  ctx:fill()
  ctx:line_width(3) ctx:dash({10, 6}) ctx:line_cap("round")
  ctx:rounded_rectangle(6, 6, 268, 128, 24) ctx:stroke("white")
  ctx:circle(140, 70, 36) ctx:radial_gradient(140, 70, 36, {{0, "white"}, {1, "#ffffff00"}}) ctx:fill()
end)) -- no text: glyphs depend on the machine's fonts, and the tests compare these pictures
-- gradients: a linear one through a half-transparent stop, a radial one fading out
still("gradients", compose({gradient.linear{size = {140, 140}, p1 = {0, 0}, p2 = {140, 140}, stops = { {0, "#ff8800"}, {0.5, "#ff00cc80"}, {1, "#2244ff"} }}, gradient.radial{size = {140, 140}, r = 70, inner = 8, stops = { {0, "white"}, {0.5, "#ffcc00"}, {1, "#ffcc0000"} }}:at(148, 0)}, {size = {288, 140}, bg = "transparent"}))
-- blend modes: in each tile the bars drawn by one mode over the lower half of a gradient
-- (normal, multiply, screen, overlay, add; subtract, darken, lighten, difference, soft_light)
local tiles = {}
for i, m in ipairs({"normal", "multiply", "screen", "overlay", "add", "subtract", "darken", "lighten", "difference",
  "soft_light"}) do
  local tile = compose({pattern("gradient", 56, 56), pattern("bars", 56, 28):blend(m):at(0, 28)})
  tiles[i] = tile:at((i - 1) % 5 * 60, (i - 1) // 5 * 60)
end
still("blend", compose(tiles, {size = {296, 116}, bg = "transparent"}))
-- keys: a green screen (a touch of noise from a scaled checker) with discs of skin, red, blue
-- and grey before it, keyed onto a gradient; bars whose dark ones a luma key took away
local discs = canvas(140, 112, function(ctx)
  for i, c in ipairs({"#e0ac8c", "#c81e1e", "#1e3cc8", "#808080"}) do
    ctx:circle(36 + (i - 1) % 2 * 68, 30 + (i - 1) // 2 * 52, 24) ctx:fill(c)
  end
end)
local screen = compose({color("#10e020", 140, 112), pattern("checker", 14, 14):resize(140, 112):opacity(0.06), discs})
local keyed = screen:chromakey{similarity = 0.12, blend = 0.08, spill = 0.6}
still("keys", compose({pattern("gradient", 296, 116), keyed:at(4, 2),
  pattern("bars", 140, 112):lumakey{high = 0.1, soft = 0.1}:at(152, 2)}))
-- masks: bars seen through a feathered rounded rectangle, a ring (a disc less a smaller one),
-- a five-pointed star, and a radial ramp times a linear one
local star = {}
for k = 0, 9 do
  local r, a = k % 2 == 0 and 38 or 15, math.pi * (k / 5 - 0.5)
  star[k + 1] = {70 + r * math.cos(a), 42 + r * math.sin(a)}
end
local mtiles = {}
for i, m in ipairs({
  mask.rect{8, 6, 124, 72, radius = 18}:feather(4),
  mask.circle(70, 40, 36) - mask.circle(70, 40, 24),
  mask.polygon(star),
  mask.radial{center = "center", r = 70, inner = 10} * mask.linear{p1 = {0, 84}, p2 = {0, 30}},
}) do
  mtiles[i] = pattern("bars", 140, 80):mask(m):at((i - 1) % 2 * 148, (i - 1) // 2 * 88)
end
still("masks", compose(mtiles, {size = {288, 168}, bg = "transparent"}))
