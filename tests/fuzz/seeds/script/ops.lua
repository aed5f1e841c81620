local c = pattern("counter", 32, 18):dur(2)
local a = c:sub(0.5, 1.5):speed(2):loop(3):resize(16, 9):crop(0, 0, 8, 8):fadein(0.2, "white"):opacity(0.5)
local b = concat({c, a:at("center")}, {size = {32, 32}})
return compose({b, tone(440):dur(1):volume(0.5)}, {bg = "transparent"}):fadeout(0.5)
