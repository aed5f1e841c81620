-- W3 crossfade (../shared/bench/README.md): 10 s of a1080, then 10 s of b720 scaled to 1080p,
-- with a 1 s cross-dissolve of picture and sound (19 s in all).
local media = args.media or "/tmp/media"
local a = video(media .. "/a1080.mp4"):sub(0, 10)
local b = video(media .. "/b720.mp4"):sub(0, 10):resize(1920, 1080)
-- b, a layer above, fades in from transparent over a: a dissolve; a's sound fades out under it
return compose({a:with_audio(a:fadeout(1)), b:start(9):fadein(1)})
