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
