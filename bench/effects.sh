#!/bin/bash
# effects.sh: what each effect costs on W1's 1080p picture (issue 15): W1 against W1 with the
# effect (bench/w1_fx.lua), A B A B on one backend, through ab.sh, one effect after another.
#   bench/effects.sh                      every effect below, at the values given
#   bench/effects.sh blur,50 sepia        these only (an effect and its values, by commas)
#   MOONREEL_FLAGS="--backend cuda" for the GPU; PAIRS (default 1 here)
# The goal on the CPU: no effect makes W1 more than 2x slower (B/A at most 2).
here=$(cd "$(dirname "$0")" && pwd)
export PAIRS=${PAIRS:-1}
flags=${MOONREEL_FLAGS:-}
if [ $# -eq 0 ]; then
  set -- brightness,0.1 contrast,1.3 saturation,0.5 gamma,1.4 hue,40 exposure,1 temperature,4000 \
    tint,#ff8800,0.3 grayscale sepia invert multiply_color,1.5 posterize,4 threshold,0.5 \
    lut,../scripts/teal_orange.cube blur,2 blur,50 box_blur,10 sharpen,1 pixelate,16 vignette,0.6 noise,0.2,7 \
    glow,50,0.8 edge emboss echo,3,0.5 motion_blur,0.5
fi
for fx in "$@"; do
  echo "== $fx"
  MOONREEL_FLAGS="$flags --set fx=$fx" "$here/ab.sh" w1 w1_fx | tail -2
done
