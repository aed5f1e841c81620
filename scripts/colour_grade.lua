-- colour_grade.lua: a colour grade as a MoviePy user would chain one: a (drawn) landscape at
-- dusk, lifted a third of a stop, a little more contrast, a little less saturation, the white
-- balance drifting warmer as the sun sets (an animated temperature), a teal-and-orange look
-- from a 3D LUT (scripts/teal_orange.cube) at 70 %, and a tone curve that keeps black and white
-- off the ends. The left third stays ungraded, for comparison.
--   moonreel run scripts/colour_grade.lua -o colour_grade.mp4
local W, H, D = 640, 360, 4

-- the shot: a sky, a sun going down, two ranges of hills and a lake
local sky = gradient.linear{size = {W, H}, p1 = {0, 0}, p2 = {0, H * 0.7},
  stops = { {0, "#2c4f7c"}, {0.55, "#8fa9c4"}, {1, "#e8c39a"} }}
local sun = canvas(W, H, function(ctx, t)
  local y = 150 + 12 * t -- it sinks over the four seconds
  ctx:circle(430, y, 60) ctx:radial_gradient(430, y, 60, { {0, "#fff3d0c0"}, {1, "#fff3d000"} }) ctx:fill()
  ctx:circle(430, y, 22) ctx:fill("#fff1c8")
end)
local land = canvas(W, H, function(ctx)
  ctx:move_to(0, 230) ctx:curve_to(120, 170, 260, 240, 380, 200) ctx:curve_to(480, 170, 560, 210, W, 190)
  ctx:line_to(W, H) ctx:line_to(0, H) ctx:close_path() ctx:fill("#4b5d52")
  ctx:move_to(0, 275) ctx:curve_to(160, 240, 300, 290, 460, 260) ctx:curve_to(540, 245, 600, 262, W, 255)
  ctx:line_to(W, H) ctx:line_to(0, H) ctx:close_path() ctx:fill("#2a3a2c")
  ctx:rectangle(0, 300, W, 60) ctx:linear_gradient(0, 300, 0, H, { {0, "#6d87a0"}, {1, "#344a5e"} }) ctx:fill()
end)
local shot = compose({sky, sun, land}, {duration = D, fps = 30})

-- the grade, effect after effect
local graded = shot
  :exposure(0.33)
  :contrast(1.12)
  :saturation(0.9)
  :temperature(keys{ {0, 6500}, {D, 4300, ease = "in_out_sine"} })
  :lut("teal_orange.cube", 0.7)
  :curves{all = { {0, 0.03}, {0.5, 0.5}, {1, 0.96} }}

-- before | after
local split = math.floor(W / 3)
return compose({
  graded,
  shot:crop{x = 0, y = 0, w = split, h = H}:at(0, 0),
  color("white", 2, H):at(split - 1, 0),
}, {size = {W, H}, duration = D, fps = 30})
