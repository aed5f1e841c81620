-- text.lua: text pictures: `width` is the picture's exact width (stroke included), words
-- that cannot fit on a line are broken inside, and no glyph is lost or cut at an edge.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

-- The sum of alpha over the whole picture (how much ink the text has).
local function ink(clip)
  local f, sum = clip:frame(0), 0
  for y = 0, f.h - 1 do
    for x = 0, f.w - 1 do
      local _, _, _, a = f:pixel(x, y)
      sum = sum + a
    end
  end
  return sum
end

-- Whether any pixel of column x (or row y, when col is false) has ink.
local function edge_has_ink(f, col, i)
  for j = 0, (col and f.h or f.w) - 1 do
    local _, _, _, a = f:pixel(col and i or j, col and j or i)
    if a > 0 then return true end
  end
  return false
end

-- Asserts that the picture's outermost rows and columns are empty: nothing is cut.
local function nothing_cut(clip, what)
  local f = clip:frame(0)
  assert(not edge_has_ink(f, true, 0), what .. ": ink in the left-most column")
  assert(not edge_has_ink(f, true, f.w - 1), what .. ": ink in the right-most column")
  assert(not edge_has_ink(f, false, 0), what .. ": ink in the top row")
  assert(not edge_has_ink(f, false, f.h - 1), what .. ": ink in the bottom row")
end

-- width is the picture's width, with and without a stroke
local words = "moonreel wraps long lines at spaces to fit the width given"
local plain = text(words, {size = 24, width = 300})
assert(plain.w == 300, ("width 300 gave a picture %d px wide"):format(plain.w))
local stroked = text(words, {size = 24, width = 300, stroke = {"black", 4}})
assert(stroked.w == 300, ("width 300 with a stroke gave a picture %d px wide"):format(stroked.w))
for _, align in ipairs({"left", "center", "right"}) do
  local t = text(words, {size = 24, width = 300, align = align, stroke = {"red", 6}})
  assert(t.w == 300, align .. ": " .. t.w)
  nothing_cut(t, "aligned " .. align .. " with a stroke")
end
nothing_cut(plain, "wrapped text")
nothing_cut(stroked, "wrapped text with a stroke")
assert(plain.h > text("moonreel", {size = 24}).h, "the text wraps onto several lines")
-- a short text is as wide as asked too
assert(text("hi", {size = 24, width = 300}).w == 300)

-- a word longer than the width is broken inside, not cut off
local word = "Supercalifragilistic"
local whole = text(word, {size = 48})
local one_line = whole.h
assert(whole.w > 200, "the word does not fit in 200 px at 48 px")
local broken = text(word, {size = 48, width = 200})
assert(broken.w == 200, ("width 200 gave %d px"):format(broken.w))
assert(broken.h >= 2 * one_line - 4, ("the long word takes several lines (height %d, one line %d)"):format(broken.h, one_line))
nothing_cut(broken, "the broken word")
local a, b = ink(whole), ink(broken)
assert(math.abs(a - b) <= 0.03 * a, ("no glyph lost: ink %d on one line, %d broken"):format(a, b))
local f = broken:frame(0)
local right_most = false
for x = f.w - 40, f.w - 1 do right_most = right_most or edge_has_ink(f, true, x) end
assert(right_most, "the broken word's lines reach towards the right edge")
-- with a stroke and centred, among other words
local mixed = text("a " .. word .. " b", {size = 48, width = 220, align = "center", stroke = {"black", 3}})
assert(mixed.w == 220)
nothing_cut(mixed, "a long word among others, stroked and centred")
assert(mixed.h >= 3 * one_line - 4, "a, the broken word and b take at least three lines")

-- a width that cannot hold a single character is an error naming the width
H.contains(H.raises(function() return text("W", {size = 48, width = 10}) end), "width 10 px")

-- without width the picture fits the text and nothing is cut
nothing_cut(text("Quick jumpy fox", {size = 40, stroke = {"black", 5}}), "unwrapped text with a stroke")
nothing_cut(text("gjpqy", {size = 40}), "descenders")
-- an oblique f reaches past its advance: the picture grows to hold it (fonts-dejavu-extra)
local ok, oblique = pcall(text, "Oblique jf", {size = 70, font = "DejaVu Sans Oblique"})
if ok then
  nothing_cut(oblique, "an oblique f")
else
  print("skipped: the oblique overhang check (no DejaVu Sans Oblique here)")
end
