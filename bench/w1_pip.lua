-- W1 with a masked picture-in-picture (issue 14's benchmark): W1 (w1.lua), and its own 1080p
-- picture shrunk to 640x360 in the top-left corner, seen through a rounded rectangle whose
-- corners and inset animate, feathered by 6 px. bench/masks.sh times it against W1.
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4"):sub(2, 17)
local logo = image(media .. "/logo.png"):opacity(0.5):at("right", "top", 40)
local title = text("Hello World", {font = "DejaVu Sans Bold", size = 96, color = "white"})
local inset = keys{ {0, 60}, {3, 0, ease = "out_cubic"} }
local frame = mask.rect{x = inset, y = inset * 0.5625, w = inset * -2 + 640, h = inset * -1.125 + 360,
                        radius = keys{ {0, 180}, {3, 32, ease = "out_cubic"} }}:feather(6)
local pip = src:resize(640, 360):mask(frame):at(40, 40)
return compose({src, pip, logo, title:at("center", "bottom", 180)}):fadein(1):fadeout(1)
