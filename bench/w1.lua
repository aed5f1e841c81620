-- W1 title-overlay (../shared/bench/README.md): 15 s of a1080.mp4 from 2 s, logo.png at 50 %
-- opacity top-right 40 px in, "Hello World" in DejaVu Sans Bold 96 px white, centred near the
-- bottom, picture and sound fading in and out over 1 s.
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4"):sub(2, 17)
local logo = image(media .. "/logo.png"):opacity(0.5):at("right", "top", 40)
local title = text("Hello World", {font = "DejaVu Sans Bold", size = 96, color = "white"})
return compose({src, logo, title:at("center", "bottom", 180)}):fadein(1):fadeout(1)
