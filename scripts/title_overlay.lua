-- title_overlay.lua: the classic "logo and title over footage", with fades.
--   moonreel run scripts/title_overlay.lua -o title.mp4 --set title="Hello World"
-- (the W1 benchmark does the same on 1080p footage: bench/w1.lua)
local title_text = args.title or "Hello World"
local footage = video(args.src or "assets/sample.mp4")

local logo = image("assets/logo.png"):resize(0.5):opacity(0.5):at("right", "top", 20)
local title = text(title_text, {font = "DejaVu Sans Bold", size = 40, color = "white"})
  :at("center", "bottom", 30)

return compose({footage, logo, title})
  :fadein(1)
  :fadeout(1)
