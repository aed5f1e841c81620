-- remix.lua: time tricks: slow motion, a loop, cutting from the end, sound swapped and muted.
--   moonreel run scripts/remix.lua -o remix.mp4
local src = video("assets/sample.mp4")
print(src)                                      -- what moonreel sees: size, rate, duration, sound

local slow = src:sub(0, 1):speed(0.5)           -- the first second at half speed (2 s)
local tail = src:sub(-1)                        -- the last second
local looped = src:sub(1, 1.5):loop(3)          -- half a second, three times
local silent = src:sub(2, 3):mute()             -- no sound
local beep = src:sub(0, 1):with_audio(tone(880):dur(1):volume(0.5))

local strip = concat({slow, looped, tail, silent, beep})

-- the music track of the file alone, quieter, under a gap in the middle
local music = audio("assets/sample.mp4"):sub(0, 2):volume(0.5):start(2)

return compose({strip, music}, {bg = "black"})
