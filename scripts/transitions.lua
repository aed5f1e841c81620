-- transitions.lua: every transition between clips of a concat, one after another: the video,
-- two photos and colour cards take turns, each cut joined by a different transition (its name
-- printed with its time), and the sound crosses with the pictures.
--   moonreel run scripts/transitions.lua -o transitions.mp4
local W, H = 480, 270
local movie = video("assets/sample.mp4")
local sources = {
  function(i) return movie:sub((i * 0.7) % 2.2, (i * 0.7) % 2.2 + 1.8) end,
  function() return image("assets/photo1.png"):dur(1.8) end,
  function() return compose({color("#203050", W, H), image("assets/photo2.png"):resize{w = 300}:at("center")}):dur(1.8) end,
  function() return color("#e0a030", W, H):dur(1.8):with_audio(tone(330):dur(1.8):volume(0.2)) end,
}

-- a grey picture that drives the luma wipe: a radial ramp, so b opens from the corners inwards
local ramp = gradient.radial{size = {W, H}, r = 280, stops = { {0, "white"}, {1, "black"} }}
-- your own: b comes in through a band that widens from the middle
local band = transition.custom(function(a, b, p)
  return compose{a, b:mask(mask.rect{0, (1 - p) * (H / 2), W, p * H})}
end, 0.6)

local cuts = {
  crossfade(0.6), fade_through("black", 0.8), wipe("left", 0.6), wipe{"down", 0.6, softness = 0.3},
  slide("up", 0.6), push("left", 0.6, {ease = "in_out_cubic"}), cover("right", 0.6), reveal("left", 0.6),
  zoom_in(0.6), zoom_out(0.6), circle_open(0.7, 0.05), circle_close(0.7), dissolve(0.6), pixelize(0.8),
  radial(0.8), blinds("right", 0.6, 8), luma(ramp, 0.15, 0.8), band,
}
local list = {}
for i = 1, #cuts + 1 do
  list[#list + 1] = sources[(i - 1) % #sources + 1](i)
  list[#list + 1] = cuts[i]
end
local show = concat(list, {size = {W, H}})
local begin = 0 -- when each transition starts: its clip's end less its length
for i = 2, #list, 2 do
  local cut = list[i]
  begin = begin + list[i - 1].duration - cut.duration
  print(("%5.2f s  %s"):format(begin, cut.name))
end
print(("the show lasts %.2f s"):format(show.duration))
return show
