#!/bin/bash
# outputs.sh: the extension decides the container and the codec. Sound-only files (.wav .mp3
# .flac .ogg .opus .m4a) get the codec they are made for; a clip with a picture into one is a
# clear error that leaves nothing behind and an existing file as it was; sound alone into a
# video container still works; HEVC in .mp4/.mov is tagged hvc1 (what Apple players open).
#   bash outputs.sh MOONREEL MEDIACHECK ROOT [hevc]   (hevc: only the HEVC check; exit 77,
#                                                     which ctest reports as skipped, without libx265)
source "$(dirname "$0")/lib.sh"
cd "$WORK"

# HEVC in MP4 and MOV: tagged hvc1 (hev1, FFmpeg's default, is refused by QuickTime and Safari)
if [ "${4:-}" = hevc ]; then
  if ! "$MC" --has-encoder libx265; then
    echo "skipped: HEVC tagged hvc1 in .mp4/.mov (this FFmpeg has no libx265)"
    exit 77
  fi
  printf 'return pattern("bars", 64, 48):dur(0.5)\n' > bars.lua
  for ext in mp4 mov; do
    "$MR" run bars.lua -o hevc.$ext --encoder x265 -q > err.txt 2>&1 && ok || bad "hevc into .$ext: $(cat err.txt)"
    info=$("$MC" hevc.$ext)
    expect_contains "hevc in .$ext" "$info" "codec=hevc tag=hvc1"
    expect_contains "hevc in .$ext plays" "$info" "video 64x48 fps=30/1 frames=15"
  done
  printf 'render(pattern("bars", 64, 48):dur(0.5), "hevc.mkv", {codec = "hevc"})\n' > mkv.lua
  "$MR" run mkv.lua -q > err.txt 2>&1 && ok || bad "hevc into .mkv: $(cat err.txt)"
  expect_contains "hevc in .mkv" "$("$MC" hevc.mkv)" "codec=hevc"
  finish
  exit
fi

# sound only, from a generated tone and from a file's sound
cat > snd.lua <<'LUA'
local src = args.src and audio(args.src) or tone(440)
render(src:sub(0, 1.5):fadeout(0.5), args.out)
LUA
for pair in wav:pcm_s16le mp3:mp3 flac:flac ogg:vorbis opus:opus m4a:aac mp4:aac mkv:aac mov:aac webm:opus; do
  ext=${pair%%:*} codec=${pair#*:}
  if "$MR" run snd.lua --set out=tone.$ext -q > err.txt 2>&1; then ok; else bad "tone to .$ext: $(cat err.txt)"; continue; fi
  info=$("$MC" tone.$ext)
  expect_eq ".$ext holds sound only" "$(echo "$info" | cut -d' ' -f1 | tr '\n' ' ')" "audio "
  expect_contains ".$ext: 48 kHz stereo" "$info" "audio 48000 2 "
  expect_eq ".$ext codec" "$(field codec "$info")" "$codec"
  expect_near ".$ext length" "$(field duration "$info")" 1.5 0.06
done
"$MR" run snd.lua --set out=file.wav --set src="$ROOT/scripts/assets/sample.mp4" -q > err.txt 2>&1 && ok || bad "audio() to .wav: $(cat err.txt)"
info=$("$MC" file.wav)
expect_eq "audio() to .wav codec" "$(field codec "$info")" "pcm_s16le"
expect_near "audio() to .wav length" "$(field duration "$info")" 1.5 0.001
expect_no_temp "$WORK"

# a picture into a sound-only file: an error naming the file and what to do, nothing written
cat > pic.lua <<'LUA'
render(pattern("counter", 64, 48):dur(0.5):with_audio(tone(440)), args.out)
LUA
printf 'return pattern("bars", 64, 48):dur(0.5)\n' > mute.lua
for ext in wav mp3 flac ogg opus m4a; do
  echo precious > keep.$ext
  if "$MR" run pic.lua --set out=keep.$ext -q > err.txt 2>&1; then bad "a picture into .$ext should fail"; else ok; fi
  msg=$(cat err.txt)
  expect_contains "picture into .$ext: the file" "$msg" "'keep.$ext' holds sound only"
  expect_contains "picture into .$ext: why" "$msg" "the clip has a picture"
  expect_contains "picture into .$ext: what to use" "$msg" ".mp4, .mkv, .mov or .webm"
  case "$msg" in *"Invalid argument"* | *"@ 0x"*) bad "picture into .$ext: a raw FFmpeg message: $msg" ;; *) ok ;; esac
  expect_eq "picture into .$ext: the existing file is untouched" "$(head -c 40 keep.$ext | tr -cd "[:alnum:]")" "precious"
  "$MR" run mute.lua -o new.$ext -q > err.txt 2>&1 && bad "a silent picture into .$ext should fail" || ok
  expect_contains "silent picture into .$ext" "$(cat err.txt)" "'new.$ext' holds sound only"
  expect_no_file new.$ext
done
expect_no_temp "$WORK"

# the render options of issue 17, each read back from the file: bitrate, gop, pixel_format,
# codec_opts (and an unknown key named with its encoder), a part by frames or by range, --still
cat > opts.lua <<'LUA'
local clip = pattern("bars", 320, 180):dur(3):with_audio(tone(440):dur(3))
if args.noisy then clip = clip:noise(0.3, 7) end -- what does not compress, for a bitrate
if args.out then render(clip, args.out, {gop = 15, codec_opts = {tune = "zerolatency"}, range = {1, 2}}) end
return clip
LUA
if "$MR" run opts.lua -o gop.mp4 --gop 10 -q; then
  expect_eq "--gop 10: a key frame every 10 frames" "$("$MC" gop.mp4 keyframes | head -1)" "0 10 20 30 40 50 60 70 80 "
else bad "--gop"; fi
"$MR" run opts.lua -o rate.mp4 --bitrate 200k --set noisy=1 -q && ok || bad "--bitrate"
kbps=$("$MC" rate.mp4 keyframes | tail -1 | cut -d= -f2)
[ "${kbps:-0}" -ge 100 ] && [ "${kbps:-0}" -le 300 ] && ok || bad "--bitrate 200k: the file has $kbps kbit/s"
"$MR" run opts.lua -o crf.mp4 --crf 0 --set noisy=1 -q && ok || bad "--crf 0"
big=$("$MC" crf.mp4 keyframes | tail -1 | cut -d= -f2)
[ "${big:-0}" -gt "${kbps:-0}" ] && ok || bad "crf 0 makes more bits ($big) than 200k ($kbps)"
"$MR" run opts.lua -o vbv.mp4 --maxrate 500k --bufsize 1M -q && ok || bad "--maxrate --bufsize"
expect_eq "--maxrate/--bufsize as x264 wrote them into its own SEI (kbit)" \
  "$(grep -a -o 'vbv_maxrate=[0-9]* vbv_bufsize=[0-9]*' vbv.mp4 | head -1)" "vbv_maxrate=500 vbv_bufsize=1000"
for pf in yuv422p yuv444p yuv420p10le; do
  "$MR" run opts.lua -o pf.mp4 --pixel-format $pf -q && ok || bad "--pixel-format $pf"
  expect_contains "--pixel-format $pf in the file" "$("$MC" pf.mp4)" "pix=$pf "
done
expect_contains "a pixel format the encoder lacks" "$("$MR" run opts.lua -o bad.mp4 --pixel-format rgb24 2>&1)" \
  "pixel_format 'rgb24': the libx264 encoder takes yuv420p"
expect_contains "an unknown pixel format" "$("$MR" run opts.lua -o bad.mp4 --pixel-format yuv999 2>&1)" \
  "pixel_format 'yuv999' is not a pixel format FFmpeg knows"
"$MR" run opts.lua -o zl.mp4 --codec-opts x264-params=bframes=0:keyint=7 -q && ok || bad "--codec-opts"
expect_eq "--codec-opts x264-params=keyint=7" "$("$MC" zl.mp4 keyframes | head -1)" "0 7 14 21 28 35 42 49 56 63 70 77 84 "
expect_contains "an unknown codec option names the encoder" "$("$MR" run opts.lua -o bad.mp4 --codec-opts nosuch=1 2>&1)" \
  "codec_opts: the libx264 encoder has no option 'nosuch'"
expect_no_file bad.mp4
"$MR" run opts.lua -o part.mp4 --frames 30-44 -q && ok || bad "--frames"
expect_contains "--frames 30-44: 15 frames" "$("$MC" part.mp4)" "frames=15 duration=0.500"
"$MR" run opts.lua --set out=lua.mp4 -q && ok || bad "render() with gop, codec_opts, range"
expect_contains "range = {1, 2}: one second" "$("$MC" lua.mp4)" "frames=30 duration=1.000"
expect_eq "gop = 15 from render()" "$("$MC" lua.mp4 keyframes | head -1)" "0 15 "
expect_contains "frames past the end" "$("$MR" run opts.lua -o bad.mp4 --frames 80-99 2>&1)" "the clip has 90 frames (0-89)"
expect_contains "frames and range at once" "$("$MR" run opts.lua -o bad.mp4 --frames 1-2 --range 0,1 2>&1)" \
  "range and frames are two ways to say one thing"
for ac in opus:opus mp3:mp3 flac:flac pcm:pcm_s16le; do
  "$MR" run opts.lua -o ac.mkv --audio-codec ${ac%%:*} -q && ok || bad "--audio-codec ${ac%%:*}"
  expect_contains "--audio-codec ${ac%%:*} in the file" "$("$MC" ac.mkv | grep audio)" "codec=${ac#*:} "
done
"$MR" run opts.lua -o ac.mp4 --audio-codec mp3 -q && ok || bad "--audio-codec mp3 in .mp4"
expect_contains "mp3 in .mp4" "$("$MC" ac.mp4 | grep audio)" "codec=mp3 "
expect_contains "a codec the container cannot hold" "$("$MR" run opts.lua -o bad.mp4 --audio-codec pcm 2>&1)" \
  "'bad.mp4' cannot hold pcm_s16le sound"
expect_contains "not a sound encoder" "$("$MR" run opts.lua -o bad.mp4 --audio-codec libx264 2>&1)" \
  "audio_codec 'libx264' is not a sound encoder"
"$MR" run opts.lua --still 1.5 -q && ok || bad "--still"
[ -s opts.png ] && ok || bad "--still writes the script's name with .png"

finish
