-- time_effects.lua: playing with time: a play at normal speed, a freeze frame on its best
-- moment, a boomerang, then the replay in slow motion that eases down to a quarter of the speed
-- and back up (a speed ramp: the clip's time is the integral of the speed), with trails.
--   moonreel run scripts/time_effects.lua -o time_effects.mp4
local src = video("assets/sample.mp4")          -- 4 s, 30 fps, a frame counter, with sound

local play = src:sub(0, 2)

-- the frame at 2.5 s held for a second (the sound pauses with it), then the play goes on
local freeze = src:sub(2, 3):freeze(0.5, 1)

-- half a second forwards and backwards, twice (the sound goes backwards too)
local boomerang = src:sub(3, 3.5):time_symmetrize():loop(2)

-- the replay: from full speed down to a quarter, held, and back up, eased; the duration follows
local ramp = keys{ {0, 1}, {0.5, 0.25, ease = "in_out_sine"}, {2.5, 0.25}, {3, 1, ease = "in_out_sine"} }
local replay = src:sub(0.5, 2):speed(ramp):echo(2, 0.35)
print(("the replay lasts %.3f s"):format(replay.duration))

local strip = concat({play, freeze, boomerang, replay})

local function label(words, at, dur)
  return text(words, {font = "DejaVu Sans Bold", size = 28, color = "white", stroke = {"black", 2}})
    :at("left", "top", 12):start(at):dur(dur):fadein(0.15):fadeout(0.15)
end
return compose({
  strip,
  label("FREEZE", 2.5, 1),
  label("BOOMERANG", 4, 2),
  label("REPLAY", 6, replay.duration),
}, {bg = "black"})
