#!/bin/sh
# check_stubs.sh MOONREEL: `moonreel stubs` writes LuaLS annotations that load as Lua, name every
# operation of the registry as a Clip method and an fx value, every mask function, and (where lua-language-server is
# installed) pass its --check.
set -e
mr=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$mr" stubs -o "$dir/moonreel.d.lua"
printf 'assert(loadfile(%s))\n' "\"$dir/moonreel.d.lua\"" > "$dir/load.lua"
"$mr" run "$dir/load.lua" -q
grep -q '^---@meta moonreel' "$dir/moonreel.d.lua"
ops=$("$mr" help ops | grep -c '^clip:')
methods=$(grep -c '^function Clip:' "$dir/moonreel.d.lua")
values=$(grep -c '^function fx\.' "$dir/moonreel.d.lua")
[ "$methods" -eq $((ops + 7)) ] || { echo "stubs: $methods Clip methods for $ops operations (+ fx, frame, map, alpha, subtitles, samples, loudness)"; exit 1; }
[ "$values" -eq "$ops" ] || { echo "stubs: $values fx values for $ops operations"; exit 1; }
grep -q '^function Clip:fadein(d, color) end' "$dir/moonreel.d.lua"
masks=$("$mr" help ops | grep -c '^mask\.\|^m:')
mask_fns=$(grep -c '^function mask\.\|^function Mask:[a-z]*(.*) end' "$dir/moonreel.d.lua")
[ "$mask_fns" -eq $((masks + 2)) ] || { echo "stubs: $mask_fns mask functions for $masks in the registry (+ clip, canvas)"; exit 1; }
if command -v lua-language-server >/dev/null; then
  lua-language-server --check "$dir" --checklevel=Warning
  echo "stubs: lua-language-server --check passed"
else
  echo "stubs: $ops operations; lua-language-server is not installed here, so the stubs were checked as Lua only"
fi
