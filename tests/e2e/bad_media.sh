#!/bin/bash
# bad_media.sh: media files that are not what they seem: video() of sound alone, of a still
# picture (under its own name or renamed .mp4); damaged sound and picture frames (concealed,
# counted and said once at the end; --strict fails instead); a container whose header says it
# is shorter than it is, or says nothing; a header claiming 65535x65535 pixels. The files come
# from tests/tools/mkmedia (libav alone) and from moonreel itself.
#   bash tests/e2e/bad_media.sh MOONREEL MEDIACHECK PROJECT_ROOT MKMEDIA
source "$(dirname "$0")/lib.sh"
MK=$(realpath "$4")
cd "$WORK"
echo "precious" > keep.mp4

# fails SCRIPT_TEXT: runs it to keep.mp4, which must fail and leave keep.mp4 as it was; prints
# the messages
fails() {
  printf '%s\n' "$1" > bad.lua
  "$MR" run bad.lua -o keep.mp4 > out.txt 2>&1
  if [ $? -ne 0 ]; then ok; else bad "should fail: $1"; fi
  expect_eq "existing output untouched" "$(cat keep.mp4)" "precious"
  expect_no_temp "$WORK"
  cat out.txt
}

# 1. no picture, or a still one
printf 'render(tone(440):dur(0.5), "tone.wav")\nrender(color("red", 64, 32):dur(0.1), "pic.png")\n' > make.lua
"$MR" run make.lua -q || bad "making tone.wav and pic.png"
cp pic.png pic.mp4
msg=$(fails 'return video("tone.wav")')
expect_contains "sound alone: names the file, says why" "$msg" "bad.lua:1: video: 'tone.wav' has no picture, only sound: use audio(\"tone.wav\")"
msg=$(fails 'return video("pic.png")')
expect_contains "a still picture: names the file" "$msg" "bad.lua:1: video: 'pic.png' is a still picture (png), not a video: use image(\"pic.png\")"
msg=$(fails 'return video("pic.mp4")')
expect_contains "a PNG renamed .mp4: names the file" "$msg" "video: 'pic.mp4' is a still picture (png), not a video"
printf 'return image("pic.mp4"):dur(0.2)\n' > still.lua
"$MR" run still.lua -o still.mp4 -q && ok || bad "image() of a PNG renamed .mp4"
expect_contains "image() shows it" "$("$MC" still.mp4)" "video 64x32"
printf 'return audio("tone.wav")\n' > snd.lua
"$MR" run snd.lua -o snd.wav -q && ok || bad "audio() of a sound file"

# 2. damaged frames: 3 sound packets and 2 picture packets of noise
"$MK" damaged.mp4 damaged || bad "mkmedia damaged.mp4 damaged"
printf 'return video("damaged.mp4")\n' > dmg.lua
"$MR" run dmg.lua -o dmg.mp4 2> dmg.err; st=$?
expect_eq "damaged frames: the render goes on (status 0)" $st 0
expect_contains "says how many were concealed, naming the file" "$(cat dmg.err)" \
  "'damaged.mp4': 3 damaged sound frames concealed with silence, "
expect_eq "said once" "$(grep -c "damaged.mp4'" dmg.err)" 1
expect_near "all 2 s of pictures" "$(field frames "$("$MC" dmg.mp4)")" 50 1
# silence stands in for the lost frames (1024 samples each, the first from 0.192 s), so the
# sound after them stays in place: the tone still sounds in its last 50 ms (it would end 64 ms
# early if the frames were dropped)
printf 'return audio("damaged.mp4")\n' > dsnd.lua
"$MR" run dsnd.lua -o dsnd.m4a -q || bad "audio() of damaged.mp4"
expect_near "silence where the first damaged frame was" "$("$MC" dsnd.m4a onset 0.195)" 0.2133 0.003
expect_near "the tone goes on to the end" "$("$MC" dsnd.m4a onset 1.95)" 1.95 0.01
"$MR" run dmg.lua -o strict.mp4 --strict 2> strict.err; st=$?
expect_eq "--strict: fails" $st 1
expect_contains "--strict names the file and the frame" "$(cat strict.err)" "'damaged.mp4': a damaged "  # a picture or a sound frame: whichever a worker meets first
expect_no_file strict.mp4
expect_no_temp "$WORK"
printf 'render(video("damaged.mp4"), "r.mp4", {strict = true})\n' > rstrict.lua
"$MR" run rstrict.lua -q 2> rstrict.err; expect_eq "render{strict = true}: fails" $? 1
expect_contains "render{strict} names the line and the file" "$(cat rstrict.err)" "rstrict.lua:1: render: 'damaged.mp4': a damaged"
"$MR" help run | grep -q -- "--strict" && ok || bad "help run lists --strict"

# 3. a header that under-reports the length, or says none: all of what the file holds is used
"$MK" short.mkv says 1 || bad "mkmedia short.mkv says 1"
"$MK" none.mkv says 0 || bad "mkmedia none.mkv says 0"
for f in short none; do
  printf 'return video("%s.mkv")\n' $f > $f.lua
  "$MR" run $f.lua -o $f.mp4 2> $f.err; expect_eq "$f.mkv renders" $? 0
  expect_near "$f.mkv: all 2 s of pictures" "$(field frames "$("$MC" $f.mp4)")" 50 1
done
expect_contains "an under-reported length is said, naming the file" "$(cat short.err)" \
  "'short.mkv' says it lasts 1.000 s but holds 2."
expect_contains "a missing length is said, naming the file" "$(cat none.err)" "'none.mkv' does not say how long it lasts: it holds 2."
expect_eq "said once" "$(grep -c "short.mkv'" short.err)" 1
expect_contains "info shows the length held" "$("$MR" info none.mkv 2>/dev/null)" "duration: 0:02."

# 4. a header claiming 65535x65535 pixels
"$MK" huge.png huge || bad "mkmedia huge.png huge"
cp huge.png huge.mp4
printf 'YUV4MPEG2 W65535 H65535 F25:1 Ip A1:1 C420jpeg\nFRAME\nabc' > huge.y4m
for f in huge.png huge.mp4 huge.y4m; do
  msg=$(fails "return video(\"$f\")")
  expect_contains "$f: too large, naming the file" "$msg" "video: '$f': picture size 65535x65535 is too large"
done
msg=$(fails 'return image("huge.png"):dur(1)')
expect_contains "image() of it too" "$msg" "image: 'huge.png': picture size 65535x65535 is too large"
msg=$("$MR" info huge.png 2>&1); expect_contains "info of it" "$msg" "picture size 65535x65535 is too large"
finish
