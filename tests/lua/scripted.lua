-- scripted.lua: per-frame Lua: clip:map and canvas; each called once per frame, a canvas
-- that takes no time drawn once; Frame drawing calls; errors naming the function's line.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local calls = 0
local still = canvas(40, 20, function(ctx)
  calls = calls + 1
  ctx:rectangle(0, 0, 20, 20) ctx:fill("#00ff00")
end)
local scene = compose({color("black", 40, 20), still}, {fps = 10}):dur(1)
for i = 0, 9 do scene:frame(i / 10) end
assert(calls == 1, "a canvas without t is drawn once: " .. calls)
local r, g, b, a = still:frame(0):pixel(5, 5)
assert(g == 255 and a == 255 and r == 0)
local _, _, _, clear = still:frame(0):pixel(30, 5)
assert(clear == 0, "a canvas is transparent where nothing is drawn")

local moving_calls = 0
local hand = canvas(40, 40, function(ctx, t)
  moving_calls = moving_calls + 1
  ctx:translate(20, 20) ctx:rotate(t * 90)
  ctx:rectangle(0, -1, 18, 2) ctx:fill("white")
end)
local out = os.tmpname()
render(compose({color("black", 40, 40), hand}, {fps = 10}):dur(1), out .. ".mp4", {preset = "ultrafast"})
os.remove(out .. ".mp4") os.remove(out)
assert(moving_calls == 10, "a moving canvas is drawn once per frame: " .. moving_calls)

-- map: the frame changed in place or a new one returned; Frame drawing calls
local seen = 0
local marked = color("#0000ff", 32, 16):dur(1):map(function(f, t)
  seen = seen + 1
  f:set_pixel(0, 0, "red")
  f:fill_rect(10, 4, 4, 4, {255, 255, 0})
  local sticker = f:copy()
  sticker:fill_rect(0, 0, 32, 16, "white")
  f:blit(sticker, 28, 12)
end)
local f = marked:frame(0.5)
assert(({f:pixel(0, 0)})[1] == 255 and ({f:pixel(11, 5)})[2] == 255 and ({f:pixel(30, 14)})[1] == 255)
assert(({f:pixel(5, 5)})[3] == 255, "the rest stays blue")

-- errors
local kept
local bad = color("red", 8, 8):dur(1):map(function(frame) kept = frame return "done" end)
local msg = H.raises(function() return bad:frame(0) end)
H.contains(msg, "the map function of " .. arg[0] .. ":")
H.contains(msg, "returned string at 0.000 s, not a 8x8 Frame")
H.contains(H.raises(function() return kept.w end), "already collected")
local boom = canvas(8, 8, function(ctx, t) ctx:fill_circle(1, 2, 3) end)
H.contains(H.raises(function() return boom:frame(0) end), "no drawing call 'fill_circle'")
H.contains(H.raises(function() return canvas(0, 8, function() end) end), "canvas: size 0x8 is not a picture size")
H.contains(H.raises(function() return f:set_pixel(99, 0, "red") end), "x is outside the picture (0..31)")
H.contains(H.raises(function() return f:paint() end), "no method or field 'paint' on a Frame")
