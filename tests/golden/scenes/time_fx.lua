-- time_fx: every time effect at two settings, side by side on a 4 x 3 grid of 64x48 cells at
-- 10 fps: reverse, freeze, freeze_last, time_symmetrize, speed (a number and a ramp), with_fps
-- (dropped and blended), echo and motion_blur of a moving box, and a moving place seen through
-- reverse and a ramp; the sound: a rising tone reversed, frozen, and sped up by a ramp.
local counter = pattern("counter", 64, 48, {fps = 10}):dur(1.2)
local function moving_box(colour)
  local box = color(colour, 12, 12):at(keys{ {0, {0, 18}}, {1.2, {52, 18}} })
  return compose({color("#202040", 64, 48), box}, {fps = 10}):dur(1.2)
end
local box = moving_box("white")
-- a layer whose place moves, played backwards and ramped: its place follows its time
local function placed(clip)
  return compose({color("#402020", 64, 48), clip}, {fps = 10}):dur(1.2)
end
local dot = color("yellow", 8, 8):dur(1.2):at(keys{ {0, {0, 0}}, {1.2, {56, 40}} })

local cells = {
  counter:reverse(),
  counter:freeze(0.3, 0.4):sub(0, 1.2),
  counter:sub(0, 0.7):freeze_last(0.5),
  counter:sub(0, 0.6):time_symmetrize(),
  counter:speed(keys{ {0, 0.25}, {0.8, 2} }),
  counter:speed(0.5):sub(0, 1.2),
  box:with_fps(2.5),
  box:with_fps(4, {blend = true}),
  box:echo(2, 0.5),
  box:echo{n = 8, decay = keys{ {0, 0.2}, {1.2, 0.9} }},
  box:motion_blur(0.5),
  compose({placed(dot:reverse()):motion_blur(1, 16), placed(dot:speed(keys{ {0, 2}, {0.3, 0.5} })):opacity(0.5)},
    {fps = 10}):dur(1.2),
}
local layers = {color("black", 256, 144)}
for i, c in ipairs(cells) do
  layers[#layers + 1] = c:at(((i - 1) % 4) * 64, ((i - 1) // 4) * 48)
end
local rising = tone(440):dur(0.6):volume(keys{ {0, 0}, {0.6, 1} })
layers[#layers + 1] = rising:reverse()
layers[#layers + 1] = rising:freeze(0.2, 0.3):start(0.4)
layers[#layers + 1] = rising:speed(keys{ {0, 0.5}, {0.5, 2} }):time_symmetrize():volume(0.5)
return compose(layers, {fps = 10}):dur(1.2)
