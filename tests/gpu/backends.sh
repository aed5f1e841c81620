#!/bin/bash
# backends.sh: the GPU engine against the CPU reference on every golden scene and example
# script (moonreel compare: max diff <= 1 or PSNR >= 50 dB per frame, and the CUDA path must
# really run); NVDEC decoding against CPU decoding of the same file; probe; and the encoder
# on a GPU: NVENC, or on GPUs without it (A100/H100/H200) the one-line reason and x264; and
# transparency to the file (PNG sequence, ProRes 4444, VP9 with alpha) on both engines.
# Exit 77 (skipped) when there is no GPU.
#   bash tests/gpu/backends.sh MOONREEL MEDIACHECK PROJECT_ROOT [MKMEDIA]
source "$(dirname "$0")/../e2e/lib.sh"
export XDG_CACHE_HOME="$WORK/cache"   # NVENC refusals remembered here, not in the user's cache
probe=$("$MR" probe)
echo "$probe"
case "$probe" in
  *"GPU 0:"*) ;;
  *"no NVIDIA driver"*|*"no CUDA device found"*|*"CPU engine only"*) echo "skipped: no GPU: $(echo "$probe" | grep -E 'GPU|build')"; exit 77 ;;
  *) echo "FAIL: there is a GPU and moonreel cannot use it"; exit 1 ;;
esac

compare() { # compare SCRIPT [args]: every frame agrees
  local out
  out=$("$MR" compare "$@" 2>&1 | tail -1)
  if [[ $out == compared*", 0 differ;"* ]]; then ok; else bad "compare $*: $out"; fi
  echo "$(basename "$1"): $out"
}
for s in "$ROOT"/tests/golden/scenes/*.lua; do compare "$s"; done
for s in demo title_overlay grid slideshow remix; do compare "$ROOT/scripts/$s.lua" --fps 10; done

# NVDEC against CPU decoding: the same pictures, and NVDEC really decoded them
cd "$WORK"
printf 'render(pattern("counter", 640, 360):dur(12), "h264.mp4", {preset = "ultrafast"})\nrender(pattern("bars", 640, 360):dur(2), "hevc.mp4", {codec = "hevc", preset = "ultrafast"})\n' > make.lua
"$MR" run make.lua -q --backend cpu && ok || bad "making the test files"
printf 'return video(args.f):sub(args.t or 0)\n' > read.lua
for f in h264.mp4 hevc.mp4; do
  out=$("$MR" compare read.lua --set "f=$WORK/$f" 2>&1 | tail -1)
  expect_contains "NVDEC decode of $f matches the CPU's" "$out" "max diff 0,"
  case "$out" in *"decoded by NVDEC 0"*) bad "$f was not decoded by NVDEC: $out" ;; *) ok ;; esac
  echo "$f: $out"
done
out=$("$MR" compare read.lua --set "f=$WORK/h264.mp4" --set t=9.5 2>&1 | tail -1)
expect_contains "NVDEC seek past a GOP matches" "$out" "max diff 0,"

# phone videos (a display matrix turns them: cuda/orient.cu on NVDEC's pictures) and VP9 with
# alpha (libvpx decodes it on the CPU, NVDEC having no alpha plane; the GPU engine uploads it):
# the GPU engine shows exactly what the CPU engine shows. The files come from tests/tools/mkmedia.
MK=${4:-$(dirname "$MC")/mkmedia}
"$MK" rot90.mp4 quad 90 && "$MK" rot180.mp4 quad 180 && "$MK" rot270m.mp4 quad 270 hflip && "$MK" alpha.webm alpha \
  && ok || bad "making the turned and transparent test files"
for f in rot90.mp4 rot180.mp4 rot270m.mp4; do
  out=$("$MR" compare read.lua --set "f=$WORK/$f" 2>&1 | tail -1)
  expect_contains "NVDEC decode of $f, turned on the GPU, matches the CPU's" "$out" "max diff 0,"
  case "$out" in *"decoded by NVDEC 0"*) bad "$f was not decoded by NVDEC: $out" ;; *) ok ;; esac
  echo "$f: $out"
done
printf 'local v = video(args.f)\nreturn compose({color("blue", v.w, v.h), v, v:resize(0.5):at(10, 10)}):dur(0.4)\n' > over.lua
out=$("$MR" compare over.lua --set "f=$WORK/alpha.webm" 2>&1 | tail -1)
expect_contains "VP9 with alpha over a colour: the GPU engine matches the CPU's" "$out" ", 0 differ;"
expect_contains "VP9 with alpha is decoded on the CPU (libvpx)" "$out" "decoded by NVDEC 0"
echo "alpha.webm: $out"

# the encoder: NVENC where it opens; else the one-line reason, x264, and a good file
"$MR" run "$ROOT/scripts/title_overlay.lua" -o enc.mp4 --backend cuda 2> enc.err && ok || bad "GPU render failed: $(cat enc.err)"
cat enc.err
info=$("$MC" enc.mp4)
expect_contains "GPU render output" "$info" "video 480x270 fps=30/1 frames=120"
expect_eq "GPU render frame-exact" "$("$MC" enc.mp4 counter 45)" 45
if grep -q "NVENC yes\|NVENC h264  yes" <<< "$probe"; then
  expect_eq "NVENC used silently" "$(grep -c 'NVENC cannot' enc.err)" 0
else
  expect_eq "one line says why" "$(grep -c 'encoding with libx264: NVENC cannot be used here' enc.err)" 1
  # probe asked the GPU and remembered its answer: the render did not ask again
  expect_contains "the refusal is remembered" "$(cat enc.err)" "remembered from an earlier try: 'moonreel probe' asks the GPU again"
  expect_eq "one memo for h264" "$(ls "$XDG_CACHE_HOME/moonreel/nvenc-refused" | grep -c -- '-h264$')" 1
  rm -rf "$XDG_CACHE_HOME"   # nothing remembered: the render asks NVENC itself, then remembers
  "$MR" run "$ROOT/scripts/title_overlay.lua" -o enc2.mp4 --backend cuda 2> enc2.err && ok || bad "GPU render failed: $(cat enc2.err)"
  expect_eq "asked, not remembered" "$(grep -c 'remembered' enc2.err)" 0
  expect_eq "and remembered for next time" "$(ls "$XDG_CACHE_HOME/moonreel/nvenc-refused" | grep -c -- '-h264$')" 1
  "$MR" run "$ROOT/scripts/title_overlay.lua" -o nv.mp4 --backend cuda --encoder nvenc 2> nv.err
  expect_eq "--encoder nvenc that cannot be honoured fails" $? 1
  expect_contains "and says why" "$(cat nv.err)" "cannot open the h264_nvenc encoder"
  expect_no_file nv.mp4
fi
# the command's last render lets go of the GPU while x264 drains, then the process ends: the
# GPU is let go before the flush, nothing complains after it, and earlier renders of the
# script (which keep the GPU) and the last one are both whole
printf 'render(pattern("counter", 320, 180):dur(1), "first.mp4", {preset = "ultrafast"})\nreturn pattern("counter", 320, 180):dur(2)\n' > two.lua
MOONREEL_TRACE=1 "$MR" run two.lua -o last.mp4 --backend cuda -q 2> last.err && ok || bad "GPU render failed: $(cat last.err)"
expect_eq "the GPU is let go, once, before the flush" \
  "$(grep -o 'letting go of the GPU\|flushing the encoders' last.err | tr '\n' ,)" \
  "flushing the encoders,flushing the encoders,letting go of the GPU,"
expect_eq "nothing said after letting go" "$(grep -v '^moonreel +' last.err)" ""
expect_eq "the script's own render is whole" "$("$MC" first.mp4 counter 29)" 29
expect_eq "the last render is whole" "$("$MC" last.mp4 counter 59)" 59

# the GPU render equals the CPU render's pictures closely (both through x264)
"$MR" run "$ROOT/scripts/title_overlay.lua" -o cpu.mp4 --backend cpu -q
for n in 0 30 60 119; do
  a=($(pixel enc.mp4 $n 240 135)); b=($(pixel cpu.mp4 $n 240 135))
  expect_near "GPU and CPU renders agree at frame $n" "${a[0]}" "${b[0]}" 3
done
# transparency on both engines: one transparent clip to a PNG sequence, ProRes 4444 and VP9
# with alpha (YUV with alpha made where the picture is, by the same integers on both engines;
# PNG from RGBA): the two engines' files hold the same pixels, alpha included
cat > alpha.lua <<'EOF'
local circle = canvas(64, 32, function(ctx) ctx:circle(32, 16, 12); ctx:fill("#0000ff80") end)
return compose({color("red", 64, 64), color("lime", 64, 32):opacity(0.5):at(64, 0), circle:at(64, 32)},
  {bg = "transparent", size = {128, 64}}):dur(0.4)
EOF
for b in cpu cuda; do
  mkdir -p "seq-$b"
  "$MR" run alpha.lua --backend $b -o "seq-$b/f_%04d.png" -q && ok || bad "$b: transparency to a PNG sequence"
  "$MR" run alpha.lua --backend $b -o "alpha-$b.mov" --codec prores -q && ok || bad "$b: transparency to ProRes 4444"
  "$MR" run alpha.lua --backend $b -o "alpha-$b.webm" -q && ok || bad "$b: transparency to VP9 with alpha"
done
for f in "seq-%s/f_%%04d.png|0" "alpha-%s.mov|0" "alpha-%s.webm|0"; do
  IFS='|' read -r name tol <<< "$f"
  for p in "16 16" "100 16" "96 48" "124 60"; do
    a=($("$MC" "$(printf "$name" cuda)" rgba 2 $p)) c=($("$MC" "$(printf "$name" cpu)" rgba 2 $p))
    if [ ${#a[@]} -ne 4 ] || [ ${#c[@]} -ne 4 ]; then bad "$(printf "$name" cuda) at $p: no pixel"; continue; fi
    for i in 0 1 2 3; do
      expect_near "$(printf "$name" cuda) channel $i at $p: the engines agree" "${a[$i]}" "${c[$i]}" "$tol"
    done
  done
done
expect_eq "GPU: a clear corner stays clear" "$("$MC" "seq-cuda/f_%04d.png" rgba 2 124 60 | cut -d' ' -f4)" 0
expect_no_temp "$WORK"
finish
