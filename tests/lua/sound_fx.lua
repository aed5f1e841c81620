-- sound_fx.lua: the per-clip sound operations from Lua: volume curves, volume_at, pan,
-- audio_fadein/out with a shape, normalize and clip:loudness (EBU R128), duck, delay,
-- audio_echo (also through clip:fx), speed with keep_pitch; bad arguments are errors that name
-- the operation, the parameter and the script line.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local song = tone(440):dur(4)

-- loudness: a 0.5 sine in both channels: -6.7 LUFS at 440 Hz (the K filter takes 0.7 dB), true peak -6 dBTP
local lufs, peak = song:loudness()
H.near(lufs, -6.7, 0.1)
H.near(peak, -6.02, 0.1)
local quiet = silence():dur(1)
H.eq(quiet:loudness(), -math.huge, "silence is under the gate")
H.contains(H.raises(function() return tone(440):loudness() end), "no end")

-- normalize reaches the target; the true peak stays under -1 dBTP (the loudness then ends under it)
H.near((song:normalize(-16):loudness()), -16, 0.05)
local l2, p2 = song:normalize(0):loudness()
H.near(p2, -1, 0.05)
assert(l2 < lufs + 5.1, "limited by the true peak: " .. l2)
H.near((song:normalize(-23):volume(2):loudness()), -23 + 20 * math.log(2, 10), 0.05)

-- volume with a curve (an envelope) and volume_at (the range form): quieter by 20 log10 v
H.near((song:volume(keys{{0, 0.5}, {4, 0.5}}):loudness()), lufs - 6.02, 0.05)
H.near((song:volume(function(t) return 0.5 end):loudness()), lufs - 6.02, 0.05)
H.near((song:volume_at(0, 4, 0.5):loudness()), lufs - 6.02, 0.1)
H.near((song:volume_at(1, nil, 0.5):loudness()), lufs - 10 * math.log(4 / (1 + 3 * 0.25), 10), 0.2) -- 400 ms blocks: roughly

-- pan: constant power, so a mono tone keeps its loudness anywhere across the field
H.near((song:pan(-1):loudness()), lufs, 0.05)
H.near((song:pan(0.3):loudness()), lufs, 0.05)
H.near((song:pan(function(t) return math.sin(t) end):loudness()), lufs, 0.05)

-- fades, delay, echo: lengths kept, the picture untouched
local v = pattern("counter", 64, 48, {fps = 10}):dur(4):with_audio(song)
for _, c in ipairs({v:audio_fadein(1, "in_sine"), v:audio_fadeout(2), v:delay(0.5), v:audio_echo(0.2, 0.5),
                    v:fx("audio_echo", 0.2, 0.5), v:fx(fx.delay(0.1)), v:duck(song, {amount = 6})}) do
  H.eq(c.duration, 4)
  H.eq(H.counter(c:frame(2.5)), 25)
end
assert(v:audio_fadeout(2):loudness() < lufs - 1)

-- duck: a voice all the way through lowers the music by the amount
H.near((song:duck(tone(1000):dur(4), {amount = 12, attack = 0}):loudness()), lufs - 12, 0.1)

-- speed keeping the pitch: the same length as plain speed, the picture the same
local slow = v:speed(0.5, {keep_pitch = true})
H.eq(slow.duration, 8)
H.eq(H.counter(slow:frame(5)), 25)
H.near((slow:loudness()), lufs, 1)

-- misuse names the operation and the parameter
H.contains(H.raises(function() return song:pan(2) end), "bad argument 'x' to 'pan'")
H.contains(H.raises(function() return song:volume_at(3, 1, 0.5) end), "not after")
H.contains(H.raises(function() return song:normalize(10) end), "'lufs' to 'normalize'")
H.contains(H.raises(function() return tone(440):normalize(-16) end), "no end")
H.contains(H.raises(function() return song:duck(pattern("counter", 8, 8):dur(1)) end), "no sound")
H.contains(H.raises(function() return song:duck(song, {amout = 3}) end), "amount")
H.contains(H.raises(function() return song:audio_fadein(1, "in_sien") end), "in_sine")
H.contains(H.raises(function() return song:speed(keys{{0, 1}, {1, 2}}, {keep_pitch = true}) end), "keep_pitch")
H.contains(H.raises(function() return song:audio_echo(0, 0.5) end), "'delay' to 'audio_echo'")
local msg = H.raises(function() return song:pan("left") end)
H.contains(msg, "sound_fx.lua:")
print("sound_fx ok")
