-- subs_plain.lua: bench/subs.lua's edit without its subtitles (the baseline of bench/ab.sh subs_plain subs).
args.plain = true
return dofile(arg[0]:match("(.*/)") .. "subs.lua")
