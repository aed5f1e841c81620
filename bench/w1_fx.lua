-- W1 with one effect on its 1080p picture (issue 15's CPU goal: no single effect makes W1 more
-- than 2x slower): W1 (w1.lua) with src:fx(NAME, VALUES...) from --set fx=NAME,V1,V2 (commas: no spaces).
-- bench/effects.sh times it against W1 for each effect.
local media = args.media or "/tmp/media"
local words = {}
for w in (args.fx or "invert"):gmatch("[^,]+") do words[#words + 1] = tonumber(w) or w end
local src = video(media .. "/a1080.mp4"):sub(2, 17):fx(table.unpack(words))
local logo = image(media .. "/logo.png"):opacity(0.5):at("right", "top", 40)
local title = text("Hello World", {font = "DejaVu Sans Bold", size = 96, color = "white"})
return compose({src, logo, title:at("center", "bottom", 180)}):fadein(1):fadeout(1)
