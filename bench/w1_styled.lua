-- W1 with a designed title (issue 16's goal: within 5 % of W1 on the same backend, bench/ab.sh w1
-- w1_styled): the same 15 s of a1080.mp4, logo and fades, the title "Hello World" in DejaVu Sans
-- Bold 96 px white on a rounded translucent box with a soft shadow, typed out at 8 characters a
-- second. The typewriter draws each new state once from cached glyphs; between characters and
-- after the last it shows the picture it has.
local media = args.media or "/tmp/media"
local src = video(media .. "/a1080.mp4"):sub(2, 17)
local logo = image(media .. "/logo.png"):opacity(0.5):at("right", "top", 40)
local title = text("Hello World", {font = "DejaVu Sans Bold", size = 96, color = "white",
                                   box = {color = "#000000a0", padding = 24, radius = 16},
                                   shadow = {dx = 4, dy = 4, blur = 8, color = "#000000c0"}}):typewriter(8)
return compose({src, logo, title:at("center", "bottom", 180)}):fadein(1):fadeout(1)
