-- fades: the bottom picture fades from black; a layer above fades to transparent.
local bottom = pattern("bars", 128, 72):dur(1):fadein(0.5)
local top = color("white", 64, 36):dur(1):fadeout(0.5):at("center")
return compose({bottom, top}, {fps = 10})
