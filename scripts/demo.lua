-- demo.lua: a 12-second tour of moonreel, needing no input but the files in scripts/assets.
--   moonreel run scripts/demo.lua -o demo.mp4
local W, H = 1280, 720

-- 1. a title card: gradient, a title with an outline, a subtitle that wraps
local title = compose({
  pattern("gradient", W, H),
  text("moonreel", {font = "DejaVu Sans Bold", size = 120, color = "white", stroke = {"#202040", 4}})
    :at("center", "center"),
  text("video editing with a few lines of Lua, rendered lazily, frame-exact", {
    size = 40, color = "#ffffffdd", align = "center", width = 900,
  }):at("center", "bottom", 80),
}, {duration = 3}):fadein(0.5)

-- 2. the sample clip, cut, scaled up, with the logo top-right and a caption
local sample = video("assets/sample.mp4"):sub(1, 4)
local logo = image("assets/logo.png"):opacity(0.8):at("right", "top", 30)
local scene = compose({
  sample:resize(W, H),
  logo,
  text("frame-exact cuts: this is source frame 30 onwards", {size = 36, color = "yellow"})
    :at("left", "bottom", 40),
})

-- 3. colour bars under a ticking counter, picture-in-picture
local pip = pattern("counter", 320, 180):dur(3):at("right", "bottom", 40)
local bars = compose({pattern("bars", W, H), pip}, {duration = 3})

-- 4. an end card that fades out
local outro = compose({
  color("#101018", W, H),
  text("made with moonreel " .. version, {size = 56, color = "orange"}):at("center"),
}, {duration = 3}):fadeout(1)

return concat({title, scene, bars, outro})
  :with_audio(tone(330):dur(12):volume(0.3):fadein(1):fadeout(1))
