-- W2 grid (../shared/bench/README.md): a1080 0-15 s, a1080 3-18 s, b720 0-15 s, b720 4-19 s,
-- each scaled to 960x540 in a 2x2 grid of 1920x1080; the sound of the first.
local media = args.media or "/tmp/media"
local layout = require("moonreel.layout")
local a, b = video(media .. "/a1080.mp4"), video(media .. "/b720.mp4")
return layout.grid({a:sub(0, 15), a:sub(3, 18), b:sub(0, 15), b:sub(4, 19)}, {cols = 2, size = {1920, 1080}})
