-- media_moonreel.lua: the benchmark sources made by moonreel itself, for a machine without
-- ffmpeg (the GPU machine): a1080.mp4 (1920x1080 30 fps 20 s, a moving counter and a tone),
-- b720.mp4 (1280x720 30 fps 20 s, a moving gradient and a 660 Hz tone) and logo.png (400x200,
-- an alpha ramp). Different pictures from ../shared/bench/media.sh's,
-- the same sizes, rates and codecs: fine for comparing moonreel with itself (animation.sh).
--   moonreel run bench/media_moonreel.lua --set dir=/tmp/media [--set gop=30]
local dir = args.dir or "/tmp/media"
local gop = args.gop -- frames from one key frame to the next (default: x264's 250)
local logo = canvas(400, 200, function(ctx)
  ctx:linear_gradient(0, 0, 400, 0, {{0, "#ff880000"}, {0.5, "#ffaa00ff"}, {1, "#ff880000"}})
  ctx:rectangle(0, 0, 400, 200) ctx:fill()
end)
logo:frame(0):save(dir .. "/logo.png")
local video = compose({pattern("counter", 1920, 1080, {fps = 30}), pattern("gradient", 640, 360):at("center")})
render(video:dur(20):with_audio(tone(440):dur(20)), dir .. "/a1080.mp4", {preset = "veryfast", crf = 18, gop = gop})

local b = compose({pattern("gradient", 1280, 720, {fps = 30}), pattern("counter", 640, 360, {fps = 30}):at("center")})
render(b:dur(20):with_audio(tone(660):dur(20)), dir .. "/b720.mp4", {preset = "veryfast", crf = 20, gop = gop})
