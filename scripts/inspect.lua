-- inspect.lua: looking at frames from a script: pixels, fields, stills saved as PNG; and two
-- renders made by the script itself (an MP4 and an animated GIF).
--   moonreel run scripts/inspect.lua --set out=/tmp/inspect
local out = args.out or "inspect"
local clip = pattern("counter", 320, 180):dur(2)

local f = clip:frame(1.0)                       -- frame 30
local r, g, b, a = f:pixel(5, 5)
print(("frame at 1 s: %dx%d, pixel (5,5) = %d %d %d %d"):format(f.w, f.h, r, g, b, a))
assert(r == 30 and g == 30 and b == 30, "the counter's grey level is its frame number")
f:save(out .. "-frame30.png")

local badge = image("assets/logo.png")
print(badge, badge.w, badge.h, badge.duration, badge.has_audio)

local scene = compose({clip, badge:resize{h = 60}:at("right", "top", 10)}):fadein(0.5)
-- encoder_threads: x264 on two threads (a batch gives each row its share of the cores this way)
render(scene, out .. ".mp4", {crf = 23, preset = "fast", encoder_threads = 2})
render(scene:sub(0, 1), out .. ".gif", {fps = 10, size = {240, 135}})
print("wrote " .. out .. ".mp4 and " .. out .. ".gif")
