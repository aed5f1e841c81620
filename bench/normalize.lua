-- normalize.lua: what :normalize costs: 10 minutes of a1080.mp4 looped, picture and sound, the
-- sound brought to -16 LUFS (its whole 10 minutes measured by libebur128, true peak included,
-- before the first block of sound is written). Goal (issue 16): the measuring under 10 % of
-- the render.  bench/ab.sh normalize_plain normalize
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4")
return src:loop():dur(600):normalize(-16)
