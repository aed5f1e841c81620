-- subtitles.lua: subtitles() and clip:subtitles() from Lua: an SRT, a WebVTT and an ASS file of
-- three cues each show ink exactly inside each cue's interval (a millisecond before a start or at
-- an end: transparent), the style moves and colours them, an .ass file's own style is used,
-- and bad files and options give errors that name the file's line.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir))
local function write(name, text)
  local f = assert(io.open(dir .. "/" .. name, "wb"))
  f:write(text)
  f:close()
  return dir .. "/" .. name
end

-- [1, 2), [2.5, 3), [3.25, 4.5)
local srt = write("three.srt", "\xef\xbb\xbf1\r\n00:00:01,000 --> 00:00:02,000\r\nOne\r\n\r\n" ..
  "2\r\n00:00:02,500 --> 00:00:03,000\r\n<i>Two</i>\r\n\r\n3\r\n00:00:03,250 --> 00:00:04,500\r\nThree\r\nlines") -- no final blank line
local vtt = write("three.vtt", "WEBVTT\n\nNOTE the same cues\n\n00:01.000 --> 00:02.000 align:start\nOne\n\n" ..
  "b\n00:02.500 --> 00:03.000\n<b>Two</b>\n\n00:00:03.250 --> 00:00:04.500\nThree &amp; more\n")
local ass = write("three.ass", [[
[Script Info]
ScriptType: v4.00+
PlayResX: 320
PlayResY: 180

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Top,DejaVu Sans,30,&H000000FF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,8,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:02.00,Top,,0,0,0,,One
Dialogue: 0,0:00:02.50,0:00:03.00,Top,,0,0,0,,Two
Dialogue: 0,0:00:03.25,0:00:04.50,Top,,0,0,0,,Three
]])

-- ink: the count of pixels with alpha, and the rows they span (every 2nd pixel)
local function ink(frame)
  local n, top, bottom = 0, nil, nil
  for y = 0, frame.h - 1, 2 do
    for x = 0, frame.w - 1, 2 do
      local _, _, _, a = frame:pixel(x, y)
      if a > 0 then
        n = n + 1
        top = top or y
        bottom = y
      end
    end
  end
  return n, top, bottom
end

local cues = {{1, 2}, {2.5, 3}, {3.25, 4.5}}
local function check_intervals(clip, what)
  for i, c in ipairs(cues) do
    H.eq(ink(clip:frame(c[1] - 0.001)), 0, ("%s: nothing 1 ms before cue %d"):format(what, i))
    assert(ink(clip:frame(c[1])) > 0, ("%s: cue %d shows at its start"):format(what, i))
    assert(ink(clip:frame(c[2] - 0.001)) > 0, ("%s: cue %d shows until its end"):format(what, i))
    H.eq(ink(clip:frame(c[2])), 0, ("%s: cue %d gone at its end"):format(what, i))
  end
end

local size = {size = {320, 180}}
local s = subtitles(srt, size)
H.eq(s.w, 320)
H.eq(s.h, 180)
H.eq(s.duration, nil, "unbounded: as long as what it is composed with")
check_intervals(s, "srt")
check_intervals(subtitles(vtt, size), "vtt")
check_intervals(subtitles(ass, size), "ass")

-- default place: bottom; align = "top" moves it; the ASS file's own style is top and red
local _, top, bottom = ink(s:frame(1.5))
assert(top > 90, "bottom by default, got row " .. top)
_, top = ink(subtitles(srt, {size = {320, 180}, align = "top"}):frame(1.5))
assert(top < 90, "top, got row " .. top)
local f = subtitles(ass, size):frame(1.5)
local _, t2, b2 = ink(f)
assert(b2 < 90, "the ASS style's alignment 8 is the top, got rows " .. t2 .. ".." .. b2)
local red = 0
for y = t2, b2 do
  for x = 0, 319 do
    local r, g, b, a = f:pixel(x, y)
    if a == 255 and r == 255 and g == 0 and b == 0 then red = red + 1 end
  end
end
assert(red > 20, "the ASS style's colour is red, found " .. red .. " red pixels")

-- a box (BorderStyle 3) in its colour; burnt onto a clip: the clip's own pixels elsewhere and
-- outside the cues
local blue = color("#0000ff", 320, 180):dur(5)
local burnt = blue:subtitles(srt, {box = "#00ff00", color = "white", font_size = 20})
H.eq(burnt.duration, 5)
local green = 0
local fb = burnt:frame(1.5)
for y = 100, 179 do
  for x = 0, 319 do
    local r, g, b = fb:pixel(x, y)
    if r == 0 and g == 255 and b == 0 then green = green + 1 end
  end
end
assert(green > 100, "the box is green, found " .. green .. " green pixels")
local r, g, b = burnt:frame(0.5):pixel(160, 160)
H.eq(("%d %d %d"):format(r, g, b), "0 0 255", "no cue: the clip as it was")
r, g, b = burnt:frame(1.5):pixel(2, 2)
H.eq(("%d %d %d"):format(r, g, b), "0 0 255", "away from the text: the clip as it was")
-- composed over the clip: the same pixels as burnt in
local composed = compose({blue, subtitles(srt, {size = {320, 180}, box = "#00ff00", color = "white", font_size = 20})})
H.eq(composed.duration, 5)
local same = true
local fc = composed:frame(1.5)
for y = 100, 179, 3 do
  for x = 0, 319, 3 do
    local r1, g1, b1 = fc:pixel(x, y)
    local r2, g2, b2 = fb:pixel(x, y)
    same = same and r1 == r2 and g1 == g2 and b1 == b2
  end
end
assert(same, "compose({clip, subtitles(...)}) and clip:subtitles(...) agree")

-- a missing blank line between cues: the next cue's number and timing line start it, never text of
-- the one before; an SRT cue without text is skipped, as in WebVTT
local tight = subtitles(write("tight.srt", "1\n00:00:00,000 --> 00:00:01,000\nfirst\n2\n00:00:01,000 --> 00:00:02,000\n" ..
  "second\n\n3\n00:00:02,000 --> 00:00:03,000\n\n4\n00:00:03,000 --> 00:00:04,000\nfourth\n"), size)
local tight_vtt = subtitles(write("tight.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nfirst\n00:01.000 --> 00:02.000\n" ..
  "second\n\n00:02.000 --> 00:03.000\n\n00:03.000 --> 00:04.000\nfourth\n"), size)
for _, c in ipairs({tight, tight_vtt}) do
  local n1, t1 = ink(c:frame(0.5))
  local n2, t2 = ink(c:frame(1.5))
  assert(n1 > 0 and n2 > 0, "both cues show")
  H.eq(t1, t2, "one line each: the first cue is not four lines tall")
  H.eq(ink(c:frame(2.5)), 0, "the empty cue shows nothing")
  assert(ink(c:frame(3.5)) > 0, "the cue after the empty one shows")
end

-- the font: one family name fontconfig knows; a ',' or a line end would have changed the ASS
-- style line the cues are drawn in
H.contains(H.raises(function() return subtitles(srt, {font = "NoSuchFont, 90"}) end), "without ','")
H.contains(H.raises(function() return subtitles(srt, {font = "DejaVu Sans\nStyle: X"}) end), "control characters")
H.contains(H.raises(function() return subtitles(srt, {font = "NoSuchFont"}) end), "font 'NoSuchFont' not found")
assert(ink(subtitles(srt, {size = {320, 180}, font = "DejaVu Sans"}):frame(1.5)) > 0, "a known font draws")

-- bad files name their line; bad options name the option
local function bad(name, text, want)
  local msg = H.raises(function() return subtitles(write(name, text), size) end)
  H.contains(msg, name .. want)
  H.contains(msg, "subtitles.lua:")
end
bad("t1.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:00:0x,000\nbad\n",
    ":6: end time '00:00:0x,000' does not parse")
bad("t2.srt", "1\n00:00:05,000 --> 00:00:04,000\nbackwards\n", ":2: the cue ends (00:00:04,000) before it starts")
bad("t3.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n", ": no cues in the file") -- a cue without text is skipped
bad("t4.vtt", "WEBVTT\n\n00:01.000 --> 00:0.500\nx\n", ":3: end time '00:0.500' does not parse")
bad("t5.vtt", "SRT?\n", ":1: a WebVTT file starts with 'WEBVTT'")
local ass_text = io.open(ass):read("a")
bad("t6.ass", (ass_text:gsub("0:00:02.50,0:00:03.00", "0:00:02.50,0:00:0x.00")),
    ":13: end time '0:00:0x.00' does not parse")
bad("t7.ass", (ass_text:gsub(",Top,,0,0,0,,Two", ",Bottom,,0,0,0,,Two")),
    ":13: style 'Bottom' is not defined")
bad("t8.ass", "hello\n", ":1: not an ASS/SSA script")
bad("t9.srt", "", ": no cues in the file")
H.contains(H.raises(function() return subtitles(dir .. "/none.srt") end), "none.srt: No such file or directory")
H.contains(H.raises(function() return subtitles(srt, {font_sise = 20}) end), "did you mean 'font_size'?")
H.contains(H.raises(function() return subtitles(srt, {size = 20}) end), "the letters' size is font_size")
H.contains(H.raises(function() return subtitles(srt, {align = "up"}) end), "bad option 'align' to 'subtitles'")
H.contains(H.raises(function() return blue:subtitles(srt, {size = {10, 10}}) end), "draws at the clip's size")
H.contains(H.raises(function() return tone(440):subtitles(srt) end), "has no picture")
os.execute("rm -rf " .. dir)
