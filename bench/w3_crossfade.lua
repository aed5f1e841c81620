-- W3 crossfade written with a transition (../shared/bench/README.md): 10 s of a1080, then 10 s
-- of b720 scaled to 1080p, joined by crossfade(1) (picture, and sound on an equal-power curve;
-- 19 s in all). The same media and output as w3.lua, whose dissolve is built by hand:
--   bench/ab.sh w3 w3_crossfade
local media = args.media or "/tmp/media"
local a = video(media .. "/a1080.mp4"):sub(0, 10)
local b = video(media .. "/b720.mp4"):sub(0, 10):resize(1920, 1080)
return concat{a, b, transition = crossfade(1)}
