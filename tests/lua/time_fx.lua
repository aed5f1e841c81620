-- time_fx.lua: the time effects from Lua: reverse, freeze, freeze_last, time_symmetrize, a
-- speed that moves, with_fps (dropped, repeated or blended frames), echo and motion_blur. The
-- frames shown are read back from a counter pattern (frame i shows the number i); durations are
-- known before rendering; the sound of reverse is the samples in reverse order; bad arguments
-- are errors that name the script line.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

-- the counter numbers a clip shows at frames 0 .. n-1 of rate fps, as "0,1,2"
local function shows(clip, fps, n)
  local seen = {}
  for k = 0, n - 1 do seen[#seen + 1] = H.counter(clip:frame(k / fps)) end
  return table.concat(seen, ",")
end

-- the grey level of a counter frame (its corner: the number n % 256)
local function grey(clip, t)
  return (clip:frame(t):pixel(1, 1))
end

-- MoviePy's value: speed(0.5) of frames A, B, C, D is A A B B C C D D
local abcd = pattern("counter", 64, 48, {fps = 1}):dur(4)
local slow = abcd:speed(0.5)
H.eq(slow.duration, 8, "speed(0.5) doubles the duration")
H.eq(shows(slow, 1, 8), "0,0,1,1,2,2,3,3", "speed(0.5)")

local c = pattern("counter", 64, 48, {fps = 10}):dur(1)
local long = pattern("counter", 64, 48, {fps = 10}):dur(3)

-- reverse: a counter counts down, from the last frame; the same length
local back = c:reverse()
H.eq(back.duration, 1, "reverse keeps the duration")
H.eq(shows(back, 10, 10), "9,8,7,6,5,4,3,2,1,0", "reverse")
H.eq(shows(c:fx("reverse"), 10, 3), "9,8,7", "by name")
H.eq(shows(c:fx(fx.reverse()), 10, 3), "9,8,7", "as a value")
H.eq(shows(back:reverse(), 10, 10), "0,1,2,3,4,5,6,7,8,9", "twice: as it was")
H.eq(shows(pattern("counter", 64, 48, {fps = 10}):dur(0.45):reverse(), 10, 5), "4,3,2,1,0", "a part frame")

-- freeze(t, d): frame 3 held 0.5 s, the rest 0.5 s later (and frame 3 shown once more after, as MoviePy)
local held = c:freeze(0.3, 0.5)
H.eq(held.duration, 1.5, "freeze lengthens by d")
H.eq(shows(held, 10, 15), "0,1,2,3,3,3,3,3,3,4,5,6,7,8,9", "freeze")
H.eq(shows(c:freeze(0, 0.2), 10, 4), "0,0,0,1", "freeze at the start")
H.eq(shows(c:fx("freeze", "0:00.5", 0.1), 10, 8), "0,1,2,3,4,5,5,6", "a time string, by name")

-- freeze_last(d): the last frame held d more
local tail = c:freeze_last(0.5)
H.eq(tail.duration, 1.5, "freeze_last lengthens by d")
H.eq(shows(tail, 10, 15), "0,1,2,3,4,5,6,7,8,9,9,9,9,9,9", "freeze_last")

-- time_symmetrize: forwards then backwards, twice as long
local boom = c:time_symmetrize()
H.eq(boom.duration, 2, "time_symmetrize doubles the duration")
H.eq(shows(boom, 10, 20), "0,1,2,3,4,5,6,7,8,9,9,8,7,6,5,4,3,2,1,0", "time_symmetrize")

-- a speed that moves: the clip's time is the integral of the speed, and so is the duration:
-- speed 1 rising to 3 over 2 s covers 4 s of the clip, then 3x covers the other 6 s in 2 s
local ten = pattern("counter", 64, 48, {fps = 10}):dur(10)
local ramp = ten:speed(keys{ {0, 1}, {2, 3} })
H.near(ramp.duration, 4, 1e-6)
H.eq(H.counter(ramp:frame(1)), 15, "at 1 s: 1 + 1/2 s of the clip")
H.eq(H.counter(ramp:frame(3)), 70, "at 3 s: 4 + 3 s of the clip")
H.near(ten:speed(keys{ {0, 0.5}, {4, 0.5} }).duration, 20, 1e-9) -- a curve that does not move: exact
H.near(ten:speed(function(t) return 2 end).duration, 5, 1e-6)
H.near(abcd:speed(keys{ {0, 0.5}, {8, 0.5} }).duration, 8, 1e-9)
H.eq(shows(abcd:speed(keys{ {0, 0.5}, {8, 0.5} }), 1, 8), "0,0,1,1,2,2,3,3", "a steady curve")

-- with_fps: frames dropped or repeated, or blended
local five = c:with_fps(5)
H.eq(five.fps, 5, "the new rate")
H.eq(five.duration, 1, "the same duration")
H.eq(shows(five, 10, 6), "0,0,2,2,4,4", "dropped, and held for the new frame's time")
H.eq(grey(long:with_fps(20), 1.05), 10, "repeated")
H.eq(grey(long:with_fps(20, {blend = true}), 1.05), 11, "blended: frames 10 and 11 half and half, rounded up")
H.eq(grey(long:with_fps(20, {blend = true}), 1.1), 11, "on an input frame: that frame")
H.eq(grey(c:with_fps(40, {blend = true}), 0.525), 5, "a quarter of the way: 5.25")

-- echo: the frame and the n before it, weights decay^k (1, 0.5, 0.25 of frames 20, 19, 18)
local e = long:echo(2, 0.5)
H.eq(grey(e, 2.0), 19, "echo of 20, 19, 18: 34 / 1.75 = 19.4")
H.eq(grey(e, 0), 0, "at the start: only what there is")
H.eq(grey(long:echo(3, 0), 2.0), 20, "decay 0: the frame alone")
H.eq(grey(long:echo{n = 2, decay = keys{ {0, 0}, {3, 1} }}, 1.5), 14, "a moving decay (0.5 at 1.5 s): 15, 14, 13")

-- motion_blur: instants over the shutter around t; a whole frame's shutter at frame 10 sees 9 and 10
H.eq(grey(long:motion_blur(1, 2), 1.0), 10, "half of 9, half of 10: 9.5 rounds up")
H.eq(grey(long:motion_blur(0.1, 4), 1.05), 10, "a short shutter inside frame 10: that frame alone")
H.eq(grey(long:motion_blur(0), 1.0), 10, "no shutter: the frame")
-- a moving white box smears across the frame; its average brightness stays
local box = color("white", 8, 8):at(keys{ {0, {0, 20}}, {1, {56, 20}} })
local scene = compose({color("black", 64, 48), box}, {fps = 10}):dur(1)
local sharp, blurred = scene:frame(0.5), scene:motion_blur(1, 8):frame(0.5)
local function row_sum(f)
  local s, lit = 0, 0
  for x = 0, 63 do
    local v = f:pixel(x, 24)
    s, lit = s + v, lit + (v > 0 and 1 or 0)
  end
  return s, lit
end
local s0, lit0 = row_sum(sharp)
local s1, lit1 = row_sum(blurred)
assert(lit1 > lit0, ("motion blur spreads the box: %d lit pixels, sharp %d"):format(lit1, lit0))
assert(math.abs(s1 - s0) <= 64, ("the light is kept: %d, sharp %d"):format(s1, s0))

-- durations before anything renders, and through other operations
H.eq(c:sub(0, 0.5):time_symmetrize():freeze_last(0.25).duration, 1.25)
H.eq(c:freeze(0.5, 1):reverse().duration, 2)

-- the sound of reverse is the samples in reverse order (a rising tone becomes a falling one)
local function wav(clip)
  local path = os.tmpname() .. ".wav"
  render(clip, path)
  local f = assert(io.open(path, "rb"))
  local d = f:read("a")
  f:close()
  os.remove(path)
  local pos = 13
  while pos < #d do
    local id, size = string.unpack("<c4I4", d, pos)
    if id == "data" then
      local s = {}
      for i = pos + 8, pos + 7 + size - 1, 2 do s[#s + 1] = string.unpack("<i2", d, i) end
      return s
    end
    pos = pos + 8 + size + size % 2
  end
  error("no data in " .. path)
end
local rising = tone(440):dur(0.05):volume(keys{ {0, 0}, {0.05, 1} })
local fwd, rev = wav(rising), wav(rising:reverse())
H.eq(#rev, #fwd, "as many samples")
H.eq(#fwd, 2 * 2400, "0.05 s of stereo")
local frames = #fwd // 2
for i = 0, frames - 1 do
  for ch = 1, 2 do
    H.eq(rev[2 * i + ch], fwd[2 * (frames - 1 - i) + ch], "reversed sample " .. i)
  end
end
-- the boomerang's sound: forwards, then the same backwards; a freeze is silent while held
local there_back = wav(rising:time_symmetrize())
H.eq(#there_back, 2 * #fwd)
for i = 0, frames - 1 do
  H.eq(there_back[2 * i + 1], fwd[2 * i + 1])
  H.eq(there_back[2 * (frames + i) + 1], fwd[2 * (frames - 1 - i) + 1])
end
local paused = wav(rising:freeze(0.025, 0.05))
H.eq(#paused, 2 * #fwd)
for i = 0, 1199 do H.eq(paused[2 * i + 1], fwd[2 * i + 1]) end
for i = 1200, 3599 do H.eq(paused[2 * i + 1], 0, "silent while held") end
for i = 3600, 4799 do H.eq(paused[2 * i + 1], fwd[2 * (i - 2400) + 1]) end
-- a sped-up ramp's sound lasts as long as its picture
H.eq(#wav(rising:speed(keys{ {0, 1}, {0.02, 2} })) // 2, math.floor(rising:speed(keys{ {0, 1}, {0.02, 2} }).duration * 48000 + 0.5))

-- errors name the operation, the reason and the script line
local here = arg[0]:match("[^/]*$") .. ":"
local msg = H.raises(function() return c:freeze(5, 1) end)
H.contains(msg, "freeze: t 5 s is outside the clip (0 to 0:01.000)")
H.contains(msg, here)
H.contains(H.raises(function() return c:freeze(-1, 1) end), "freeze: t -1 s is outside the clip")
H.contains(H.raises(function() return c:freeze(0.5, 0) end), "freeze: the hold d must be a positive time, got 0 s")
H.contains(H.raises(function() return c:freeze(0.5) end), "bad argument 'd' to 'freeze' (missing")
msg = H.raises(function() return c:with_fps(0) end)
H.contains(msg, "bad argument 'n' to 'with_fps' (0 is outside 0.001..1000)")
H.contains(msg, here)
msg = H.raises(function() return c:echo(0, 0.5) end)
H.contains(msg, "bad argument 'n' to 'echo' (0 is outside 1..15)")
H.contains(msg, here)
H.contains(H.raises(function() return c:echo(2.5) end), "2.5 is not a whole number")
H.contains(H.raises(function() return c:motion_blur(2) end), "bad argument 'shutter' to 'motion_blur' (2 is outside 0..1)")
H.contains(H.raises(function() return pattern("counter", 8, 8):reverse() end), "reverse: the clip has no end")
H.contains(H.raises(function() return pattern("counter", 8, 8):time_symmetrize() end), "time_symmetrize: the clip has no end")
H.contains(H.raises(function() return pattern("counter", 8, 8):freeze_last(1) end), "freeze_last: the clip has no end")
-- a speed curve is held to 0..100: below 0 the clip stops, and stopped for good it never ends
H.contains(H.raises(function() return ten:speed(keys{ {0, 1}, {1, -1} }) end), "so slowly that it would last more than")
H.contains(H.raises(function() return ten:speed(keys{ {0, 1}, {1, 0} }) end), "so slowly that it would last more than")
H.contains(H.raises(function() return pattern("counter", 8, 8):speed(keys{ {0, 1}, {1, 2} }) end), "speed: a moving speed needs a clip with an end")
H.contains(H.raises(function() return c:fps(5) end), "attempt to call")
H.contains(H.raises(function() return c:time_mirror() end), "moonreel calls it 'reverse'")
H.contains(H.raises(function() return tone(440):dur(1):echo() end), "echo: the clip has no picture")
