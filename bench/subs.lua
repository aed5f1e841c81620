-- subs.lua: a long edit with 200 subtitle cues burnt in (issue 16's goal: within 10 % of
-- bench/subs_plain.lua, the same edit without them): a1080.mp4 looped to `minutes` (default 10)
-- with the cues of an SRT made by bench/make_srt.lua (made here when missing).
--   bench/ab.sh subs_plain subs                       (the whole 10 minutes)
--   moonreel run bench/subs.lua -o /tmp/s.mp4 --set minutes=1 [--set form=compose]
-- form=compose draws them as a layer, compose({src, subtitles(...)}), instead of src:subtitles(...).
local media = args.media or "/tmp/media"
local minutes = tonumber(args.minutes) or 10
local src = video(media .. "/a1080.mp4"):loop(math.ceil(minutes * 3)):sub(0, minutes * 60)
if args.plain then
  return src
end
local srt = args.srt or ("%s/subs200_%gmin.srt"):format(media, minutes)
if not io.open(srt) then
  -- 200 cues in 10 minutes: the same density for a shorter run
  args.out, args.minutes, args.cues = srt, tostring(minutes), tostring(math.max(1, math.floor(20 * minutes + 0.5)))
  dofile(arg[0]:match("(.*/)") .. "make_srt.lua")
end
local style = {font = "DejaVu Sans", font_size = 54, outline = 3}
if args.form == "compose" then
  return compose({src, subtitles(srt, {size = {src.w, src.h}, font = style.font, font_size = 54, outline = 3})})
end
return src:subtitles(srt, style)
