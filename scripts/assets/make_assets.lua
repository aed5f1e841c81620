-- make_assets.lua: makes the small media files the example scripts use, with moonreel itself.
--   moonreel run scripts/assets/make_assets.lua   (writes next to this script)
local dir = args.dir or "scripts/assets"

-- sample.mp4: 4 s of 480x270 at 30 fps, a frame counter with colour bars along the top,
-- and a 440 Hz tone that fades in and out
local counter = pattern("counter", 480, 270)
local bars = pattern("bars", 480, 40)
local clip = compose({counter, bars}, {duration = 4}):with_audio(tone(440):dur(4):fadein(0.2):fadeout(0.2))
render(clip, dir .. "/sample.mp4", {preset = "slow", crf = 26})

-- logo.png: 200x100, an orange badge with a dark outline, transparent around it
local badge = compose({
  color("#ff8800", 180, 80):at("center"),
  text("moonreel", {font = "DejaVu Sans Bold", size = 30, color = "white", stroke = {"#442200", 2}}):at("center"),
}, {size = {200, 100}, bg = "transparent", duration = 1})
badge:frame(0):save(dir .. "/logo.png")

-- photo1.png, photo2.png: stand-ins for photos in the slideshow example
compose({pattern("bars", 480, 270), text("photo 1", {size = 48, stroke = {"black", 3}}):at("center")}, {duration = 1})
  :frame(0):save(dir .. "/photo1.png")
compose({pattern("checker", 480, 270), text("photo 2", {size = 48}):at("center")}, {duration = 1})
  :frame(0):save(dir .. "/photo2.png")
