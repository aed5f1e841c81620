-- detail_effects.lua: the detail effects in one edit, each where an editor reaches for it:
--   * a background plate of the scene racked out of focus (blur, its radius a curve) behind a
--     sharp picture-in-picture of the same scene (sharpen);
--   * a face-like figure walking across a panel, pixelated through a mask that follows it;
--   * a title and the scene's sun glowing (glow), and three thumbnails: edge, emboss, box_blur;
--   * over everything a vignette and film grain (noise: the same grain every render).
--   moonreel run scripts/detail_effects.lua -o detail_effects.mp4
local W, H, D = 640, 360, 3

-- the scene: a sky, a sun, two hills, a striped field
local function scene(w, h)
  local sx, sy = w / 640, h / 360
  local sky = gradient.linear{size = {w, h}, p1 = {0, 0}, p2 = {0, h}, stops = { {0, "#1b2d6b"}, {0.6, "#f09a4a"}, {1, "#f7d08a"} }}
  local hills = color("#2f5d3a", w, h):mask(mask.polygon{ {0, 250 * sy}, {180 * sx, 170 * sy}, {380 * sx, 260 * sy}, {w, 190 * sy}, {w, h}, {0, h} })
  local field = pattern("bars", w, h):opacity(0.35):mask(mask.rect{0, 290 * sy, w, h - 290 * sy})
  local sun = color("#fff6d0", w, h):mask(mask.circle(470 * sx, 120 * sy, 34 * sx))
  return compose({sky, sun, hills, field}):dur(D)
end

-- the plate: the whole scene, out of focus after the first second; the picture-in-picture sharp
local plate = scene(W, H):blur(keys{ {0, 0}, {1, 18, ease = "in_out_cubic"} })
local pip = scene(288, 162):glow(10, 1.2, 0.8):sharpen(0.8, 2):margin(4, "white")

-- a figure walking across a panel: its face pixelated through an ellipse that follows it
local walk = keys{ {0, 30}, {D, 170} }
local face = canvas(80, 100, function(ctx)
  ctx:circle(40, 40, 32) ctx:fill("#e0ac8c")
  ctx:circle(28, 34, 5) ctx:fill("#2a1a10") ctx:circle(52, 34, 5) ctx:fill("#2a1a10")
  ctx:rounded_rectangle(24, 54, 32, 8, 4) ctx:fill("#a03030")
  ctx:rounded_rectangle(10, 76, 60, 24, 10) ctx:fill("#3050a0")
end)
local panel = compose({gradient.linear{size = {256, 162}, p1 = {0, 0}, p2 = {256, 162}, stops = { {0, "#30405a"}, {1, "#6a7a90"} }},
  face:at(keys{ {0, {30, 40}}, {D, {170, 40}} })}, {size = {256, 162}}):dur(D)
local hidden = compose({panel, panel:pixelate(10):mask(mask.ellipse{cx = walk + 40, cy = 80, rx = 38, ry = 44}:feather(2))})

-- a title with a glow, and three thumbnails of the scene: its edges, embossed, box-blurred
local title = text("DETAIL", {font = "DejaVu Sans Bold", size = 54, color = "#ffe8b0"})
local titled = compose({title:at(16, 10)}, {size = {300, 90}, bg = "transparent"}):dur(D):glow(keys{ {0, 2}, {D, 14} }, 1.5, 0.5)
local thumb = scene(96, 54)
local thumbs = compose({
  thumb:edge(2):at(0, 0), thumb:emboss(1.5):at(100, 0), thumb:box_blur(3):at(200, 0),
}, {size = {296, 54}, bg = "transparent"}):dur(D)

local edit = compose({
  plate,
  pip:at(24, 24),
  hidden:margin(4, "white"):at(352, 24),
  titled:at(16, 236),
  thumbs:at(328, 270),
}, {size = {W, H}}):dur(D)

-- the whole picture: darker corners, then fine grain that changes every frame
return edit:vignette{amount = 0.55, inner = 0.35, outer = 1}:noise(0.06, 2024)
