-- sound_io.lua: sound from Lua: clip:samples (its shape and limits), audio_mix, sound(fn)
-- called block by block, tone's waves, the ramps at hard cuts (declick), and sound-only files
-- written in each sample format and read back sample for sample.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local function peak(s)
  local m = 0
  for i = 1, #s do m = math.max(m, math.abs(s[i])) end
  return m
end

-- the largest step between neighbouring frames of either channel of an interleaved table
local function max_step(s)
  local m = 0
  for i = 3, #s do m = math.max(m, math.abs(s[i] - s[i - 2])) end
  return m
end

-- samples: a flat table, left and right interleaved, with rate, channels, frames and t0
local a = tone(440):dur(1)
local s = a:samples(0.25, 0.5)
H.eq(s.rate, 48000)
H.eq(s.channels, 2)
H.eq(s.frames, 12000)
H.eq(#s, 24000)
H.near(s.t0, 0.25)
H.near(s[1], 0.5 * math.sin(2 * math.pi * 440 * 0.25), 1e-6)
H.eq(s[1], s[2], "a tone is the same on both sides")
local m = a:samples(0, 0.01, {mono = true})
H.eq(m.channels, 1)
H.eq(#m, 480)
H.eq(#a:samples(), 96000, "no times: all of it")
H.eq(a:samples(0.9, 5).frames, 4800, "up to the clip's end")
H.contains(H.raises(function() return tone(440):samples(0, 120) end), "at most 60 s at once")
H.contains(H.raises(function() return tone(440):samples() end), "has no end")
H.contains(H.raises(function() return color("red", 8, 8):dur(1):samples() end), "the clip has no sound")
H.contains(H.raises(function() return a:samples(0.5, 0.2) end), "bad argument #2 to 'samples' (the end 0.2 s is not after the start 0.5 s)")
H.contains(H.raises(function() return a:samples(0, 1, {stereo = true}) end), "stereo")

-- audio_mix: the sum, no picture, as long as the longest; volumes
local b = tone(660):dur(2)
local mix = audio_mix({a, b:start(0.5)}, {volumes = {1, 0.5}})
H.eq(mix.has_video, false)
H.eq(mix.has_audio, true)
H.near(mix.duration, 2.5)
local sm, sa, sb = mix:samples(0.75, 0.76), a:samples(0.75, 0.76), b:samples(0.25, 0.26)
for i = 1, #sm, 97 do H.near(sm[i], sa[i] + 0.5 * sb[i], 1e-6) end
H.contains(H.raises(function() return audio_mix({a, b}, {volumes = {1}}) end), "a list of 2 numbers")
H.contains(H.raises(function() return audio_mix({a, 3}) end), "entry 2 is a number, not a clip")
H.contains(H.raises(function() return audio_mix({color("red", 8, 8)}) end), "none of the 1 clip has sound")
H.contains(H.raises(function() return audio_mix({a}, {volume = {1}}) end), "did you mean 'volumes'")
-- a clip with a picture gives only its sound
local v = audio_mix({color("red", 8, 8):dur(3):with_audio(a)})
H.eq(v.has_video, false)

-- sound(fn): blocks of n frames from t0; n numbers are mono, 2n stereo interleaved
local calls, most = 0, 0
local saw = sound(function(t0, n)
  calls, most = calls + 1, math.max(most, n)
  local out = {}
  for i = 0, n - 1 do
    local t = t0 + i / 48000
    out[i + 1] = 0.4 * ((t * 100) % 1 * 2 - 1)
  end
  return out
end, {duration = 1})
H.near(saw.duration, 1)
local ss = saw:samples(0.5, 1)
assert(most <= 4800 and calls >= 5, "blocks of at most 4800 frames")
H.near(ss[1], 0.4 * ((0.5 * 100) % 1 * 2 - 1), 1e-6)
H.eq(ss[1], ss[2], "mono: both sides")
local stereo = sound(function(t0, n)
  local out = {}
  for i = 1, n do out[2 * i - 1], out[2 * i] = 0.25, -0.25 end
  return out
end, {duration = 0.5})
local st = stereo:samples(0, 0.1)
H.eq(st[1], 0.25)
H.eq(st[2], -0.25)
local bad = sound(function(t0, n) return {1, 2, 3} end, {duration = 1})
H.contains(H.raises(function() return bad:samples(0, 0.1) end), "returned 3 numbers at 0.000 s for a block of 4800 frames")
H.contains(H.raises(function() return bad:samples(0, 0.1) end), "sound_io.lua:")
local worse = sound(function(t0, n) return "loud" end, {duration = 1})
H.contains(H.raises(function() return worse:samples(0, 0.1) end), "returned string")
local nan = sound(function(t0, n) local o = {} for i = 1, n do o[i] = 0 / 0 end return o end, {duration = 1})
H.contains(H.raises(function() return nan:samples(0, 0.1) end), "not a finite number")
H.contains(H.raises(function() return sound(function() end, {duration = -1}) end), "positive")
H.contains(H.raises(function() return sound(function() end, {length = 1}) end), "length")

-- tone's waves: the peak near half scale; noise is the same for one seed, another for another
for _, w in ipairs({"sine", "square", "saw", "noise"}) do
  local p = peak(tone(220, {wave = w, seed = 3}):dur(0.2):samples())
  assert(p > 0.45 and p < 0.6, w .. " peaks at " .. p)
end
local n1, n2 = tone{wave = "noise", seed = 1}:samples(0, 0.01), tone{wave = "noise", seed = 1}:samples(0, 0.01)
local n3 = tone{wave = "noise", seed = 2}:samples(0, 0.01)
H.eq(n1[100], n2[100])
assert(n1[100] ~= n3[100], "another seed, other noise")
H.contains(H.raises(function() return tone(440, {wave = "triangle"}) end), "wave must be \"sine\", \"square\", \"saw\" or \"noise\"")
H.contains(H.raises(function() return tone(440, {shape = "saw"}) end), "unknown option 'shape' to 'tone' (it takes wave, seed)")

-- no click at a cut: the largest step across a concat's join stays below the sources' own
local own = math.max(max_step(tone(440):dur(1):samples()), max_step(tone(1000):dur(1):samples()))
local x, y = tone(440):dur(4):sub(1.2345, 2.0007), tone(1000):dur(4):sub(0.7771, 1.5)
local joined = concat{x, y}
local around = joined:samples(x.duration - 0.005, x.duration + 0.005) -- the two 5 ms ramps
assert(max_step(around) < own, ("step %g at the join, sources %g"):format(max_step(around), own))
-- a transition whose sound is cut (audio = "cut"): the cut falls mid-overlap, ramped there too
local faded = concat({x, y}, {padding = -0.4, audio = "cut"})
local mid = x.duration - 0.2
local at_cut = faded:samples(mid - 0.005, mid + 0.005)
assert(max_step(at_cut) < own, ("step %g at a cut inside a transition, sources %g"):format(max_step(at_cut), own))
-- declick(0): the ramps are off for clips built after it (and the cut clicks)
H.eq(declick(0), 5)
local x0, y0 = tone(440):dur(4):sub(1.2345, 2.0007), tone(1000):dur(4):sub(0.7771, 1.5)
local clicky = concat{x0, y0}:samples(x0.duration - 0.01, x0.duration + 0.01)
assert(max_step(clicky) > own, "without ramps the join jumps")
H.eq(declick(true), 0)
H.eq(declick(), 5)
H.contains(H.raises(function() return declick(500) end), "the ramp must be 0..100 ms")

-- sound-only files in each sample format, read back: the same samples within the format's step
local base = os.tmpname()
local src = audio_mix({tone(440):dur(0.5), tone(330, {wave = "saw"}):dur(0.5):volume(0.5)})
local want = src:samples(0.1, 0.2)
for _, case in ipairs({{"wav", "s16", 1 / 32768}, {"wav", "s24", 1e-6}, {"wav", "f32", 1e-7},
                       {"flac", "s16", 1 / 32768}, {"flac", "s24", 1e-6}}) do
  local path = ("%s.%s.%s"):format(base, case[2], case[1])
  render(src, path, {sample_format = case[2]})
  local back = audio(path)
  H.near(back.duration, 0.5, 1e-3)
  local got = back:samples(0.1, 0.2)
  local worst = 0
  for i = 1, #want do worst = math.max(worst, math.abs(got[i] - want[i])) end
  assert(worst <= case[3], ("%s %s: off by %g"):format(case[1], case[2], worst))
  os.remove(path)
end
H.contains(H.raises(function() return render(src, base .. ".flac", {sample_format = "f32"}) end),
  "cannot hold f32 samples")
H.contains(H.raises(function() return render(src, base .. ".mp3", {sample_format = "s24"}) end),
  "sample_format (s24) is for .wav and .flac")
H.contains(H.raises(function() return render(src, base .. ".wav", {sample_format = "s12"}) end),
  "not s16, s24 or f32")
os.remove(base)
