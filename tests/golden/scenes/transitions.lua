-- transitions: every transition at 0, 25, 50 and 75 % of its progress: clips of 2 s joined by
-- 1 s transitions, so that each second from the first is one transition, seen at 4 frames a
-- second. The clips take turns: bars, a half-transparent diagonal gradient, a checker.
local W, H = 64, 36
local kinds = {
  pattern("bars", W, H, {fps = 4}),
  gradient.linear{size = {W, H}, p1 = {0, 0}, p2 = {W, H}, stops = { {0, "#ff8800"}, {1, "#2244ff80"} }},
  pattern("checker", W, H, {fps = 4}):resize(W, H),
}
local grey = pattern("gradient", W, H)
local list = {
  crossfade(1), fade_through("white", 1), wipe("left", 1), wipe{"up", 1, softness = 0.3},
  slide("right", 1), push("down", 1), cover("up", 1), reveal("left", 1), zoom_in(1), zoom_out(1),
  circle_open(1, 0.1), circle_close(1), dissolve(1, 7), pixelize(1), radial(1), blinds("down", 1, 4),
  luma(grey, 0.2, 1), crossfade{1, ease = "in_out_cubic"},
  transition.custom(function(a, b, p) return compose{a, b:opacity(p)} end, 1),
}
local parts = {}
for i = 1, #list + 1 do
  parts[#parts + 1] = kinds[(i - 1) % #kinds + 1]:dur(2)
  parts[#parts + 1] = list[i]
end
return concat(parts)
