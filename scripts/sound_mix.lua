-- sound_mix.lua: a small sound mix, as a sound engineer would set it up: a music bed that
-- fades in and out and ducks under a voice, a voice placed a little left and pushed up over a
-- range, a beep with echoes, a late sound moved into sync, the whole mix brought to -16 LUFS.
--   moonreel run scripts/sound_mix.lua -o mix.mp4
--   moonreel run scripts/sound_mix.lua --set sound_only=1 -o mix.wav     (the sound alone)
local pic = video("assets/sample.mp4"):mute():loop(2)         -- 8 s of picture

-- the voice: the sample's own sound, from 2 s to 5 s, a little left, louder in its middle
local voice = audio("assets/sample.mp4"):sub(0, 3)
  :pan(-0.3)
  :volume_at(1, 2, 1.5)                                    -- 1.5 times between 1 s and 2 s, ramped
  :start(2)

-- the music bed: a chord, faded in and out along a curve, ducked 12 dB under the voice
local chord = compose({tone(220):dur(8), tone(277.2):dur(8), tone(329.6):dur(8)})
local music = chord:volume(keys{{0, 0.2}, {8, 0.3}})       -- an envelope: a curve of t
  :audio_fadein(1, "in_sine")
  :audio_fadeout(2, "out_sine")
  :duck(voice, {amount = 12, attack = 0.2, release = 0.6})

-- a beep with three echoes a quarter second apart, each half as loud, panned right
local beep = tone(880):volume_at(0.1, nil, 0):dur(1)           -- 0.1 s of tone, then silence
  :audio_echo(0.25, 0.5, 3)
  :pan(0.6)
  :start(0.5)

-- a sound that came 120 ms early, put in sync (the picture is left as it is)
local knock = tone(110):dur(0.2):delay(0.12):start(6.5)

-- the whole mix brought to -16 LUFS (measured once, before the first sound is written)
local mix = compose({music, voice, beep, knock}):dur(8):normalize(-16)
if args.sound_only then return mix end
return pic:with_audio(mix)
