#!/bin/bash
# animation.sh: what animation costs (issue 13): W1 (static) against W1 animated (keyframes, a
# Lua function path, a slow zoom of the whole 1080p background), A B A B on one backend.
#   bench/animation.sh        MOONREEL_FLAGS="--backend cuda" for the GPU; PAIRS (default 3)
exec "$(dirname "$0")/ab.sh" w1 w1_animated
