-- normalize_plain.lua: the baseline of normalize.lua: 10 minutes of a1080.mp4 looped, picture
-- and sound, without normalize.  bench/ab.sh normalize_plain normalize
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4")
return src:loop():dur(600)
