-- sound: tones placed, mixed, faded, sped up, cut, with a still picture.
local a = tone(440):dur(1):fadein(0.25):volume(0.5)
local b = tone(660):dur(0.5):start(0.5)
local c = tone(220):dur(2):speed(2):fadeout(0.2)
local pic = color("black", 16, 16)
return compose({pic, a, b, c:start(0.25)}, {fps = 5}):sub(0.1)
