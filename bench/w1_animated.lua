-- W1 animated (issue 13's benchmark): W1 (w1.lua) with every layer moving: the title slides in
-- on keyframes, the logo follows a Lua function's path, the background zooms slowly (Ken
-- Burns). Animation must cost next to nothing: bench/animation.sh times it against W1.
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4"):sub(2, 17)
  :scale(keys{ {0, 1}, {15, 1.15, ease = "in_out_sine"} })
local logo = image(media .. "/logo.png"):opacity(0.5)
  :at(function(t) return 1480 + 20 * math.sin(t * 2), 40 + 10 * math.cos(t * 3) end)
local title = text("Hello World", {font = "DejaVu Sans Bold", size = 96, color = "white"})
  :at(keys{ {0, {-700, 800}}, {1.5, {660, 800}, ease = "out_cubic"} })
return compose({src, logo, title}):fadein(1):fadeout(1)
