-- drawing.lua: pictures drawn with code. canvas() draws with vector graphics each frame: a
-- progress ring filling up, a lower third that unrolls with a dashed line marching under
-- its title, a turning star, a vignette drawn once. clip:map() then works on the finished
-- frames pixel by pixel: it pixelates the counter's digits, reads the colour under a moving
-- picker and shows it in a swatch, and stamps a blinking REC badge.
--   moonreel run scripts/drawing.lua -o drawing.mp4
local W, H, D = 640, 360, 3

-- the picture: a gradient, the sample clip in a white frame, a vignette (painted once)
local bg = pattern("gradient", W, H):opacity(0.35)
local pip = video("assets/sample.mp4"):sub(0, D):resize(320, 180):margin(4, "white"):at(36, 56)
local vignette = canvas(W, H, function(ctx)                -- no t: drawn once
  ctx:radial_gradient(ctx.w / 2, ctx.h / 2, ctx.w * 0.65, {{0.5, "#00000000"}, {1, "#000000a0"}})
  ctx:paint()
end)

-- a progress ring: a track, an arc growing clockwise from twelve o'clock, a percentage
local progress = keys{ {0, 0}, {D, 1, ease = "in_out_sine"} }
local ring = canvas(150, 150, function(ctx, t)
  local p, cx, cy, r = progress(t), 75, 75, 56
  ctx:circle(cx, cy, r + 16)
  ctx:radial_gradient(cx, cy, r + 16, {{0, "#2a2f45"}, {0.85, "#1a1d2b"}, {1, "#1a1d2b00"}})
  ctx:fill()
  ctx:line_width(12)
  ctx:circle(cx, cy, r)
  ctx:stroke("#ffffff30")
  ctx:new_path()
  ctx:line_cap("round")
  ctx:arc(cx, cy, r, -90, -90 + 360 * p)
  ctx:linear_gradient(0, 0, 150, 150, {{0, "#00e0ff"}, {1, "#ff3ea5"}})
  ctx:stroke()
  local label = ("%d%%"):format(math.floor(p * 100 + 0.5))
  ctx:text(label, cx - 8 * #label, cy + 9, {size = 26, color = "white", bold = true})
end):at(456, 72)

-- a lower third that unrolls, with a turning star and a marching dashed underline
local unroll = keys{ {0.2, 0}, {1.2, 1, ease = "out_expo"} }
local lower = canvas(560, 72, function(ctx, t)
  local w = 540 * unroll(t)
  if w < 30 then return end                                -- nothing yet
  ctx:rounded_rectangle(10, 8, w, 56, 16)
  ctx:linear_gradient(0, 0, 560, 0, {{0, "#ff8800"}, {1, "#8800ff"}})
  ctx:fill()
  ctx:save()                                               -- a star, turned and scaled
  ctx:translate(42, 36)
  ctx:rotate(t * 90)
  ctx:scale(1.1, 1.1)
  for pass = 1, 2 do                                       -- filled, then outlined
    for k = 0, 9 do
      local a, rr = math.rad(k * 36 - 90), k % 2 == 0 and 15 or 6.5
      if k == 0 then ctx:move_to(rr * math.cos(a), rr * math.sin(a)) else ctx:line_to(rr * math.cos(a), rr * math.sin(a)) end
    end
    ctx:close_path()
    if pass == 1 then
      ctx:color("#fff3c4")
      ctx:fill()
    else
      ctx:line_join("bevel")
      ctx:line_width(2)
      ctx:stroke("#b85c00")
    end
  end
  ctx:restore()
  if w > 340 then ctx:text("drawn with canvas()", 72, 40, {size = 24, color = "white", bold = true}) end
  ctx:line_width(2)
  ctx:line_cap("butt")
  ctx:dash({8, 5}, -40 * t)                                -- the offset moves: it marches
  ctx:move_to(72, 52)
  ctx:line_to(math.min(w - 10, 330), 52)
  ctx:stroke("#ffffffc0")
  ctx:dash()                                               -- solid again
  ctx:line_width(3)
  ctx:move_to(360, 36)                                     -- a wave, in curves
  for k = 0, 3 do
    local x, ph = 360 + k * 40, math.sin(t * 6 + k) * 14
    ctx:curve_to(x + 13, 36 - ph, x + 27, 36 + ph, x + 40, 36)
  end
  ctx:stroke("#ffffff90")
end):at("center", "bottom", 16)

-- the REC badge, drawn once into a Frame at the start, to be blitted by the map below
local rec = canvas(72, 26, function(ctx)
  ctx:rounded_rectangle(0, 0, 72, 26, 7)
  ctx:fill("#000000b0")
  ctx:circle(14, 13, 7)
  ctx:fill("#ff2020")
  ctx:text("REC", 27, 19, {size = 15, color = "white", bold = true})
end):dur(1):frame(0)

-- per-frame Lua on the finished picture
local CX, CY, CW, CH, BLOCK = 150, 112, 112, 72, 12           -- the box over the digits
local function picker_x(t) return 44 + 312 * t / D end         -- along the PiP's colour bars
local PICK_Y = 70
local scene = compose({bg, pip, vignette, ring, lower}, {size = {W, H}, duration = D})
return scene:map(function(frame, t)
  local src = frame:copy()                                  -- read from the untouched picture
  for by = CY, CY + CH - 1, BLOCK do                        -- pixelate: one colour a block
    for bx = CX, CX + CW - 1, BLOCK do
      frame:fill_rect(bx, by, BLOCK, BLOCK, {src:pixel(bx + BLOCK // 2, by + BLOCK // 2)})
    end
  end
  local px = math.floor(picker_x(t))
  local r, g, b = src:pixel(px, PICK_Y)                     -- the colour under the picker
  frame:fill_rect(378, 56, 44, 44, "white")                 -- a swatch of it, framed
  frame:fill_rect(380, 58, 40, 40, {r, g, b})
  for d = -6, 6 do                                          -- the picker: a cross of pixels
    if d < -1 or d > 1 then
      frame:set_pixel(px + d, PICK_Y, "black")
      frame:set_pixel(px, PICK_Y + d, "black")
    end
  end
  if math.floor(t * 2) % 2 == 0 then frame:blit(rec, 16, 14) end   -- blinks each half second
  return frame
end)
