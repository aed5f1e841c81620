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
-- text: text()'s styles (DejaVu and the Noto fonts, as the test setup installs them): a box,
-- boxes per line, a shadow, a stroke with letter spacing, rich parts, shrink to fit, max_lines,
-- other scripts and an emoji, a typewriter half way and text_animate
local wave = text_animate("wave", {size = 22, color = "#ffec27", margin = 8}, function(i, t)
  return {dy = math.sin(i * 1.3) * 6, rotate = (i - 2.5) * 8}
end)
compose({
  text("Boxed", {size = 26, box = {"#000000c0", 8, 10}}):at(8, 8),
  text("boxes per\nline", {size = 18, align = "center", box = {color = "#c03030", padding = 4, per_line = true}}):at(130, 10),
  text("Shadow", {size = 30, shadow = {3, 3, 4, "#000000"}}):at(250, 6),
  text("SPACED", {size = 18, letter_spacing = 5, stroke = {"black", 2}, color = "orange"}):at(392, 14),
  text({ {"Hello ", color = "white"}, {"World", color = "orange", font = "DejaVu Serif", size = 34} }, {size = 22}):at(8, 70),
  text("This long sentence shrinks to fit its box", {size = 40, width = 150, height = 56, fit = "shrink",
                                                    box = {"#ffffff30"}, valign = "center"}):at(200, 66),
  text("max_lines cuts a long text with an ellipsis", {size = 15, width = 140, max_lines = 2,
                                                      box = {"#00000080", 4}}):at(364, 66),
  text("Arabic مرحبا, Hebrew שלום 2026, 你好 🎬", {size = 18, box = {"#ffffff22", 4, 6}}):at(8, 132),
  text("typewriter", {size = 22}):typewriter(10):at(8, 170),
  wave:at(380, 128),
}, {size = {500, 210}, bg = "#1d2433"}):dur(1):frame(0.5):save(out .. "/text.png")
-- detail: one picture (bars, a sky, a checker, a red tile and a bright spot) through each detail
-- effect: as it is, blur(4), box_blur(3), sharpen(2, 3), glow(12, 2); pixelate(8),
-- vignette(0.8, 0.2), noise(0.3), edge(), emboss()
local DW, DH = 96, 72
local sky = gradient.linear{size = {DW, DH}, p1 = {0, 20}, p2 = {0, DH}, stops = { {0, "#1a2a5a"}, {1, "#e0903a"} }}
local pic = compose({sky, pattern("bars", DW, 20), pattern("checker", 32, 32):at(56, 32),
  color("#e02828", DW, DH):mask(mask.rect{10, 34, 26, 26, radius = 5}),
  color("white", DW, DH):mask(mask.circle(46, 38, 5))}):dur(1)
local dtiles = {}
for i, c in ipairs({pic, pic:blur(4), pic:box_blur(3), pic:sharpen(2, 3), pic:glow(12, 2), pic:pixelate(8),
  pic:vignette(0.8, 0.2), pic:noise(0.3), pic:edge(), pic:emboss()}) do
  dtiles[i] = c:at((i - 1) % 5 * (DW + 4), (i - 1) // 5 * (DH + 4))
end
compose(dtiles, {size = {5 * (DW + 4) - 4, 2 * (DH + 4) - 4}, bg = "#1d2433"}):frame(0):save(out .. "/detail.png")
-- time: an orange disc crossing a tile in a third of a second, at 0.2 s: as it is, echo(6, 0.75) (trails of
-- the frames before), motion_blur(1, 16) (smeared over the open shutter)
local TW, TH = 150, 60
local disc = canvas(24, 24, function(ctx) ctx:circle(12, 12, 11) ctx:fill("#ff9020") end)
local run = compose({color("#1d2433", TW, TH), disc:at(keys{ {0, {-24, 18}}, {1 / 3, {TW, 18}} })}, {fps = 30}):dur(1)
local ttiles = {}
for i, c in ipairs({run, run:echo(6, 0.75), run:motion_blur(1, 16)}) do
  ttiles[i] = c:at((i - 1) * (TW + 4), 0)
end
compose(ttiles, {size = {3 * (TW + 4) - 4, TH}, bg = "#1d2433", fps = 30}):dur(1):frame(0.2):save(out .. "/time.png")
-- transitions: each at the middle of its progress, bars giving way to an orange-to-blue ramp, in
-- rows of six: crossfade, fade_through("white"), wipe, slide("up"), push, cover; reveal("right"),
-- zoom_in, zoom_out, circle_open, circle_close, dissolve; pixelize, radial, blinds("down"), luma
-- (driven by a vertical grey ramp), and a custom one (b's top half over a)
local TW, TH = 128, 72
local ta = pattern("bars", TW, TH):dur(2)
local tb = gradient.linear{size = {TW, TH}, p1 = {0, 0}, p2 = {TW, TH}, stops = { {0, "#ff8800"}, {1, "#2244ff"} }}:dur(2)
local ttiles = {}
for i, tr in ipairs({crossfade(1), fade_through("white", 1), wipe("left", 1), slide("up", 1), push("left", 1),
  cover("left", 1), reveal("right", 1), zoom_in(1), zoom_out(1), circle_open(1, 0.1), circle_close(1), dissolve(1),
  pixelize(1), radial(1), blinds("down", 1, 6), luma(pattern("gradient", TW, TH), 0.2, 1),
  transition.custom(function(a, b) return compose{a, b:mask(mask.rect{0, 0, TW, TH / 2})} end, 1)}) do
  ttiles[i] = concat{ta, tr, tb}:at((i - 1) % 6 * (TW + 4), (i - 1) // 6 * (TH + 4))
end
compose(ttiles, {size = {6 * (TW + 4) - 4, 3 * (TH + 4) - 4}, bg = "transparent"}):dur(3):frame(1.5)
  :save(out .. "/transitions.png")
-- colour: a field of hues (lighter at the top, darker at the bottom) through each colour effect, in
-- rows of six: as it is, brightness(0.2), contrast(1.6), saturation(0.4), gamma(1.8), hue(120);
-- exposure(-1), temperature(3500), tint("#ff8800", 0.5), levels{0.2, 0.8, 0.1, 0.9}, curves (an S),
-- lut("teal_orange.cube"); grayscale(), sepia(), invert(), multiply_color(1.6), posterize(3), threshold(0.5)
local CW, CH = 80, 46
local hues = compose({
  gradient.linear{size = {CW, CH}, p1 = {0, 0}, p2 = {CW, 0},
    stops = { {0, "#ff2020"}, {0.2, "#ffe020"}, {0.4, "#20d040"}, {0.6, "#20d0e0"}, {0.8, "#3040ff"}, {1, "#e020e0"} }},
  gradient.linear{size = {CW, CH}, p1 = {0, 0}, p2 = {0, CH},
    stops = { {0, "#ffffffd0"}, {0.45, "#ffffff00"}, {0.55, "#00000000"}, {1, "#000000e0"} }},
}):dur(1)
local ctiles = {}
for i, c in ipairs({hues, hues:brightness(0.2), hues:contrast(1.6), hues:saturation(0.4), hues:gamma(1.8), hues:hue(120),
  hues:exposure(-1), hues:temperature(3500), hues:tint("#ff8800", 0.5), hues:levels{0.2, 0.8, 0.1, 0.9},
  hues:curves{ {0, 0}, {0.3, 0.15}, {0.7, 0.85}, {1, 1} }, hues:lut("teal_orange.cube"),
  hues:grayscale(), hues:sepia(), hues:invert(), hues:multiply_color(1.6), hues:posterize(3), hues:threshold(0.5)}) do
  ctiles[i] = c:at((i - 1) % 6 * (CW + 4), (i - 1) // 6 * (CH + 4))
end
compose(ctiles, {size = {6 * (CW + 4) - 4, 3 * (CH + 4) - 4}, bg = "#1d2433"}):frame(0):save(out .. "/colour.png")
-- subtitles: assets/talk.srt's second cue burnt onto a photo, outlined at the bottom and in a box at the top
local photo = image("assets/photo1.png"):resize(320, 180):dur(4)
compose({photo:subtitles("assets/talk.srt", {font = "DejaVu Sans", font_size = 15}),
         photo:subtitles("assets/talk.srt", {font = "DejaVu Sans", font_size = 15, box = true, align = "top"}):at(324, 0)},
        {size = {644, 180}, bg = "#1d2433"}):frame(2):save(out .. "/subtitles.png")
