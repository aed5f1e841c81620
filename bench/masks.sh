#!/bin/bash
# masks.sh: what a masked picture-in-picture costs (issue 14): W1 against W1 with its own
# 1080p picture shrunk into a corner through an animated, feathered rounded-rectangle mask.
#   bench/masks.sh            MOONREEL_FLAGS="--backend cuda" for the GPU; PAIRS (default 3)
exec "$(dirname "$0")/ab.sh" w1 w1_pip
