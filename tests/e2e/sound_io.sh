#!/bin/bash
# sound_io.sh: sound in and out. Sources at 44.1, 48 and 96 kHz, mono, stereo and 5.1 (made by
# mkmedia with libav alone) are read at the right pitch, length and level (mono at -3 dB on
# each side, 5.1 downmixed: centre at -3 dB into both sides, LFE and surrounds silent here);
# sound-only files in every container and sample format, read back with libav alone
# (mediacheck): the codec, rate, length, bits and the bit rate asked for.
#   bash tests/e2e/sound_io.sh MOONREEL MEDIACHECK PROJECT_ROOT MKMEDIA
source "$(dirname "$0")/lib.sh"
MK=$(realpath "$4")
cd "$WORK"

# the level of 440 Hz and 660 Hz in each side, from 0.1 to 0.9 s (projections on the sines:
# a wrong pitch or rate loses them), and the length
cat > levels.lua <<'LUA'
local c = audio(args.f)
local s = c:samples(0.1, 0.9)
local function level(ch, f)
  local si, co = 0, 0
  for i = 0, s.frames - 1 do
    local t, x = s.t0 + i / s.rate, s[2 * i + ch]
    si, co = si + x * math.sin(2 * math.pi * f * t), co + x * math.cos(2 * math.pi * f * t)
  end
  return 2 / s.frames * math.sqrt(si * si + co * co)
end
print(("%.4f %.3f %.3f %.3f %.3f"):format(c.duration, level(1, 440), level(1, 660), level(2, 440), level(2, 660)))
LUA
# file rate layout | L440 L660 R440 R660
cases=(
  "m44.wav 44100 mono|0.354 0 0.354 0"
  "s96.wav 96000 stereo|0.5 0 0 0.5"
  "s44.flac 44100 stereo|0.5 0 0 0.5"
  "c48.wav 48000 5.1|0.5 0.354 0 0.354"
  "c44.flac 44100 5.1|0.5 0.354 0 0.354"
  "c96.wav 96000 5.1|0.5 0.354 0 0.354"
)
for c in "${cases[@]}"; do
  args=${c%%|*} f=${args%% *} want=(${c#*|})
  "$MK" $f tone ${args#* } || { bad "mkmedia $args"; continue; }
  got=($("$MR" run levels.lua -q --set "f=$WORK/$f" 2> err.txt)) || { bad "$f: $(cat err.txt)"; continue; }
  expect_near "$f length" "${got[0]}" 1 0.0005
  expect_near "$f left 440 Hz" "${got[1]}" "${want[0]}" 0.01
  expect_near "$f left 660 Hz" "${got[2]}" "${want[1]}" 0.01
  expect_near "$f right 440 Hz" "${got[3]}" "${want[2]}" 0.01
  expect_near "$f right 660 Hz" "${got[4]}" "${want[3]}" 0.01
done

# audio_mix and compose of those sources: each at its level, summed
cat > mixed.lua <<'LUA'
local a, b = audio(args.a), audio(args.b)
local m = args.compose and compose({a, b:start(0)}) or audio_mix({a, b})
local s, sa, sb = m:samples(0.2, 0.3), a:samples(0.2, 0.3), b:samples(0.2, 0.3)
local worst = 0
for i = 1, #s do worst = math.max(worst, math.abs(s[i] - sa[i] - sb[i])) end
print(("%.6f %.4f"):format(worst, m.duration))
LUA
for how in mix compose; do
  got=($("$MR" run mixed.lua -q --set "a=$WORK/m44.wav" --set "b=$WORK/c96.wav" \
    $([ $how = compose ] && echo --set compose=1) 2> err.txt)) || { bad "$how: $(cat err.txt)"; continue; }
  expect_near "$how of 44.1 kHz mono and 96 kHz 5.1: the sum" "${got[0]}" 0 0.000001
  expect_near "$how length" "${got[1]}" 1 0.0005
done

# sound alone out: every container, its codec, rate, length; the sample formats of .wav and
# .flac; the bit rate asked for of the lossy ones
cat > out.lua <<'LUA'
local src = audio_mix({tone(440):dur(1.5), tone(220, {wave = "saw"}):dur(1.5):volume(0.3)})
render(src, args.out, {sample_format = args.fmt, audio_bitrate = args.kbps and (args.kbps .. "k")})
LUA
for c in "wav s16 pcm_s16le 16" "wav s24 pcm_s24le 24" "wav f32 pcm_f32le 32" "flac s16 flac 16" "flac s24 flac 24" \
         "mp3 - mp3 -" "ogg - vorbis -" "opus - opus -" "m4a - aac -"; do
  set -- $c
  ext=$1 fmt=$2 codec=$3 bits=$4 out=o_$2.$1
  for kbps in 96 192; do
    [ "$bits" != - ] && [ $kbps = 192 ] && continue # lossless: no bit rate
    extra=(); [ "$fmt" != - ] && extra+=(--set fmt=$fmt); [ "$bits" = - ] && extra+=(--set kbps=$kbps)
    "$MR" run out.lua -q --set out=$out "${extra[@]}" > err.txt 2>&1 || { bad "$out: $(cat err.txt)"; continue; }
    info=$("$MC" $out)
    expect_contains "$out: 48 kHz stereo" "$info" "audio 48000 2 "
    expect_eq "$out codec" "$(field codec "$info")" "$codec"
    expect_near "$out length" "$(field duration "$info")" 1.5 0.06
    if [ "$bits" != - ]; then
      expect_eq "$out bits" "$(field bits "$info")" "$bits"
    elif [ $codec = mp3 ] || [ $codec = aac ]; then # LAME and FFmpeg's AAC hold the rate
      expect_near "$out at ${kbps}k" "$(field kbps "$info")" $kbps $((kbps / 10))
    else # Vorbis and Opus are VBR: the rate is a target, which moves with what is asked
      eval "rate_${ext}_$kbps=$(field kbps "$info")"
    fi
  done
done
for ext in ogg opus; do
  lo=$(eval echo \$rate_${ext}_96) hi=$(eval echo \$rate_${ext}_192)
  if awk -v a="$lo" -v b="$hi" 'BEGIN { exit !(b > 1.4 * a && a > 30) }'; then ok; else bad ".$ext: 96k gave $lo kbps, 192k $hi"; fi
done
# the option from the command line too (the one table of render options)
printf 'return tone(440):dur(0.5)\n' > t.lua
"$MR" run t.lua -o cli.wav --sample-format s24 -q > err.txt 2>&1 && ok || bad "--sample-format: $(cat err.txt)"
expect_eq "--sample-format s24" "$(field codec "$("$MC" cli.wav)")" "pcm_s24le"
if "$MR" run t.lua -o cli.flac --sample-format f32 -q > err.txt 2>&1; then bad "f32 into .flac should fail"; else ok; fi
expect_contains "f32 into .flac: why" "$(cat err.txt)" "'cli.flac' cannot hold f32 samples in flac"
expect_no_file cli.flac
if "$MR" run t.lua -o cli.m4a --sample-format s16 -q > err.txt 2>&1; then bad "s16 into .m4a should fail"; else ok; fi
expect_contains "s16 into .m4a: why" "$(cat err.txt)" "sample_format (s16) is for .wav and .flac"
expect_no_temp "$WORK"

finish
