-- subtitles.lua: captions from an .srt file burnt onto footage, as ffmpeg's `subtitles` filter does
-- (MoviePy: CompositeVideoClip([video, SubtitlesClip("talk.srt", ...)])), in a box at the bottom.
--   moonreel run scripts/subtitles.lua -o captioned.mp4 [--set srt=my.srt]
-- The cues of assets/talk.srt each show exactly from their start to their end; .vtt and .ass
-- files work the same way (an .ass file keeps its own styles).
local footage = video(args.src or "assets/sample.mp4")
return footage:subtitles(args.srt or "assets/talk.srt", {
  font = "DejaVu Sans", font_size = 20, color = "white",
  box = "#101830e0", margin = 16,
})
