-- slideshow.lua: stills and a title, one after another, with effects kept as values.
--   moonreel run scripts/slideshow.lua -o slideshow.mp4
local fade = {fx.fadein(0.5), fx.fadeout(0.5)}      -- reusable effects
local corner = pos("left", "bottom", 20)             -- a reusable position

local function slide(path, caption)
  return compose({
    image(path):dur(2.5),
    text(caption, {size = 28, color = "white", stroke = {"black", 2}}):at(corner),
  }):fx(table.unpack(fade))
end

local intro = compose({
  color({20, 20, 40}, 480, 270),
  text("Holiday", {size = 64, color = "gold"}):at("center"),
}, {duration = 1.5}):fx(fx.fadeout(0.5))

-- sizes differ: concat letterboxes each slide into the first one's 480x270
local wide = image("assets/photo2.png"):dur(2):fx(fx.resize{w = 480}, fx.crop(0, 60, 480, 150))

local show = concat({intro, slide("assets/photo1.png", "bars"), slide("assets/photo2.png", "checks"), wide})

-- sound: a quiet tone under the pictures, silence during the intro
local bed = concat({silence():dur(1.5), tone(523.25):dur(show.duration - 1.5):fx(fx.volume(0.2))})
return show:with_audio(bed)
