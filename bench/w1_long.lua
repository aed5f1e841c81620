-- W1 for a minute (bench/segments.sh's long case): W1's 15 s cut of a1080.mp4, four times over
-- (each a new cut, so nothing is cached between them), with the logo and the title on top.
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4")
local cuts = {}
for i = 1, 4 do cuts[i] = src:sub(2, 17) end
local logo = image(media .. "/logo.png"):opacity(0.5):at("right", "top", 40)
local title = text("Hello World", {font = "DejaVu Sans Bold", size = 96, color = "white"})
return compose({concat(cuts), logo, title:at("center", "bottom", 180)}):fadein(1):fadeout(1)
