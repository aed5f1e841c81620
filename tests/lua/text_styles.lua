-- text_styles.lua: text()'s styles as a user meets them: boxes, shadows, rich parts, fitting,
-- max_lines, typewriter and text_animate, and the errors for bad input, each naming this file's
-- line.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")
local here = "text_styles.lua:"

-- The alpha of pixel (x, y) of a clip's frame at t.
local function alpha(clip, x, y, t)
  local _, _, _, a = clip:frame(t or 0):pixel(x, y)
  return a
end

-- Whether any pixel of the frame at t has ink.
local function inked(clip, t)
  local f = clip:frame(t or 0)
  for y = 0, f.h - 1 do
    for x = 0, f.w - 1 do
      local _, _, _, a = f:pixel(x, y)
      if a > 0 then return true end
    end
  end
  return false
end

-- a box makes the picture bigger by its padding and fills its corners but the rounded ones
local plain = text("Box", {size = 40})
local boxed = text("Box", {size = 40, box = {"#000000ff", 10, 12}})
H.eq(boxed.w, plain.w + 20, "box padding on both sides")
H.eq(boxed.h, plain.h + 20)
H.eq(alpha(boxed, 12, boxed.h // 2), 255, "inside the box")
H.eq(alpha(boxed, 0, 0), 0, "a rounded corner")
H.eq(alpha(text("Box", {size = 40, box = {"#000000ff", 10}}), 0, 0), 255, "a square corner")
-- a shadow grows the picture by its reach, on the side it falls
local shadowed = text("Box", {size = 40, shadow = {4, 6, 3, "black"}})
H.eq(shadowed.w, plain.w + 7) -- blur 3 past an offset of 4 on the right, none on the left
H.eq(shadowed.h, plain.h + 9)
-- width and height are the picture's size; fit = "shrink" makes the text fit them
local fitted = text("a long title that cannot fit at this size", {size = 80, width = 200, height = 60, fit = "shrink"})
H.eq(fitted.w, 200)
H.eq(fitted.h, 60)
H.contains(H.raises(function() return text("W", {size = 80, width = 40}) end), "too narrow")
-- max_lines: two lines, shorter than the whole text
local words = "one two three four five six seven eight nine ten"
local all = text(words, {size = 20, width = 120})
local two = text(words, {size = 20, width = 120, max_lines = 2})
assert(two.h < all.h, "max_lines cuts the text")
-- rich parts: one picture, as wide as its parts together
local rich = text({ {"Hello ", color = "white"}, {"World", color = "orange", font = "DejaVu Serif", size = 60} }, {size = 30})
assert(rich.w > text("Hello ", {size = 30}).w + text("World", {font = "DejaVu Serif", size = 60}).w - 20)
assert(rich.h >= text("World", {font = "DejaVu Serif", size = 60}).h - 2)
-- typewriter: nothing at 0, everything later; the same size
local typed = text("Typed", {size = 40}):typewriter(10)
H.eq(typed.w, text("Typed", {size = 40}).w)
assert(not inked(typed, 0), "no character at time 0")
assert(inked(typed, 0.15), "the first character at 0.1 s")
-- text_animate: the function sees 1-based characters and the time
local seen = {}
local anim = text_animate("abc", {size = 30}, function(i, t)
  seen[i] = t
  return {opacity = i == 2 and 0 or 1}
end)
anim:frame(0.5)
H.eq(#seen, 3)
H.near(seen[1], 0.5, 1e-9)

-- errors name the option and this file's line
local function err(fn, want)
  local msg = H.raises(fn)
  H.contains(msg, here)
  H.contains(msg, want)
end
err(function() return text("x", {sise = 3}) end, "did you mean 'size'")
err(function() return text("x", {color = "bluish"}) end, "unknown colour 'bluish'")
err(function() return text("x", {max_lines = 0}) end, "max_lines must be 1 or more")
err(function() return text({ {"a"}, 5 }) end, "part 2 is a number")
err(function() return text({ {color = "red"} }) end, "part 1 has no text first")
err(function() return text({ {"a", colour = "red"} }) end, "did you mean 'color'")
err(function() return text("x", {box = {colr = "red"}}) end, "did you mean 'color'")
err(function() return text("x", {shadow = {1, 2, "x"}}) end, "bad option 'blur'")
err(function() return text("x", {fit = "shrink"}) end, "needs a width or a height")
err(function() return text("x", {valign = "middle-ish"}) end, "valign must be")
err(function() return text("a\nb\nc", {size = 40, height = 50}) end, "height 50 px cannot hold the text's 3 lines")
err(function() return text("x"):at(1, 1):typewriter(3) end, "before :at()")
err(function() return text_animate("x", {}, 5) end, "function expected")
-- an error inside the animation function names its line and the character
local bad = text_animate("ab", {size = 20}, function(i, t)
  if i == 2 then error("boom") end
end)
local msg = H.raises(function() return bad:frame(0) end)
H.contains(msg, "boom")
H.contains(msg, "character 2")
-- what the review found: sizes past 16384 px, shrinking that would break words, bad input
err(function() return text(string.rep("W", 2000), {size = 200}) end, "px wide (at most 16384): give width = to wrap it")
err(function() return text(string.rep("W", 20000), {size = 2000}) end, "px wide (at most 16384)")
err(function() return text("Hello", {width = 10, fit = "shrink"}) end, "cannot fit in 10 px x any height even at 4 px")
err(function() return text("ab\0cd") end, "NUL byte")
err(function() return text({"a", {"b\0"}}) end, "part 2 holds a NUL byte")
err(function() return text("\xC0\x80") end, "not valid UTF-8")
err(function() return text("\xED\xA0\x80") end, "not valid UTF-8")
err(function() return text("\xF4\x90\x80\x80") end, "not valid UTF-8")
local many = {}
for i = 1, 10001 do many[i] = "a" end
err(function() return text(many) end, "at most 10000")
-- fonts given per part stay alive for the layout (no fixed buffer per part)
local fonts = text({ {"a", font = "DejaVu Serif"}, {"b", font = "DejaVu Sans Mono"}, "c" }, {size = 20})
assert(fonts.w > 0)
H.eq(text("Hello\n", {size = 20, max_lines = 1}).w, text("Hello", {size = 20}).w, "no ellipsis before empty lines")
-- a bad value from the animation function is named by its own type
local badlook = text_animate("ab", {size = 20}, function() return {dx = "zz"} end)
H.contains(H.raises(function() return badlook:frame(0) end), "gave dx = string")
print("text_styles: ok")
