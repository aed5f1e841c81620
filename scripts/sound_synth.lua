-- sound_synth.lua: music made from code, mixed and measured: a plucked melody from a Lua
-- function (sound), a saw bass and noise hi-hats (tone's waves), put together with concat and
-- audio_mix (no clicks where the notes are cut: each hard cut gets a 5 ms ramp), measured with
-- clip:samples, under a plain picture.
--   moonreel run scripts/sound_synth.lua -o synth.mp4
--   moonreel run scripts/sound_synth.lua --set sound_only=1 -o synth.wav --sample-format s24
local beat = 60 / 120 -- seconds a beat at 120 bpm

-- a plucked string: a sine that dies away, made block by block (n frames from time t0;
-- n numbers back is mono)
local function pluck(freq)
  return sound(function(t0, n)
    local out = {}
    for i = 0, n - 1 do
      local t = t0 + i / 48000
      out[i + 1] = 0.35 * math.exp(-5 * t) * math.sin(2 * math.pi * freq * t)
    end
    return out
  end, {duration = beat})
end

local notes = {440, 494, 523, 587, 659, 587, 523, 494}
local melody = {}
for i, f in ipairs(notes) do melody[i] = pluck(f) end
melody = concat(melody)

local bass = concat{tone(110, {wave = "saw"}):dur(4 * beat), tone(98, {wave = "saw"}):dur(4 * beat)}

local hats = {} -- a short burst of noise on every half beat
for i = 0, 15 do hats[#hats + 1] = tone{wave = "noise", seed = i}:dur(0.03):start(i * beat / 2) end

local music = audio_mix({melody, bass, audio_mix(hats)}, {volumes = {1, 0.25, 0.3}})

-- measure it: the peak and the loudness (RMS) of the whole mix, as numbers in Lua
local s = music:samples(0, music.duration, {mono = true})
local peak, sum = 0, 0
for i = 1, #s do
  peak = math.max(peak, math.abs(s[i]))
  sum = sum + s[i] * s[i]
end
print(("sound_synth: %.2f s, peak %.3f, rms %.3f"):format(music.duration, peak, math.sqrt(sum / #s)))

if args.sound_only then return music end -- --set sound_only=1 -o synth.wav
return color("#101820", 640, 360):dur(music.duration):with_audio(music)
