-- titles.lua: titles that look designed, in every script. A lower third with a box and a
-- shadow typed out, rich text in two fonts, Arabic, Hebrew with numbers, Chinese wrapped in a
-- box, an emoji, a title shrunk to fit, and letters bouncing in one after another.
--   moonreel run scripts/titles.lua -o titles.mp4
local W, H = 1280, 720
local bg = gradient.linear{size = {W, H}, p1 = {0, 0}, p2 = {W, H}, stops = { {0, "#1d2b53"}, {1, "#7e2553"} }}

local lower_third = text("Breaking: moonreel speaks every script", {
  font = "DejaVu Sans Bold", size = 40, color = "white",
  box = {color = "#000000b0", padding = 14, radius = 10},
  shadow = {dx = 3, dy = 3, blur = 6, color = "#00000090"},
}):typewriter(18)

local rich = text({
  {"Hello ", color = "white"},
  {"World", color = "orange", font = "DejaVu Serif", size = 80},
}, {size = 56, shadow = true})

local scripts = text("مرحبا بالعالم\nשלום 2026 עולם\n你好，世界！这是一个自动换行的中文句子。\nemoji 🎬🍿", {
  size = 34, width = 520, align = "center", line_height = 1.4,
  box = {color = "#ffffff22", padding = 8, per_line = true, radius = 6},
})

local fitted = text("A very long headline that must fit inside its frame no matter what", {
  size = 90, width = 420, height = 150, fit = "shrink", valign = "center", align = "center",
  box = {"#00000060", 10, 12}, stroke = {"#000000", 2},
})

local bounce = text_animate("BOUNCE IN", {font = "DejaVu Sans Bold", size = 64, color = "#ffec27", margin = 130}, function(i, t)
  local k = math.max(0, math.min(1, (t - 0.1 * i) * 3)) -- each letter lands 0.1 s after the last
  local drop = (1 - k) ^ 2
  return {dy = -120 * drop, opacity = k, scale = 0.6 + 0.4 * k, rotate = 30 * drop}
end)

return compose({
  bg,
  rich:at("center", "top", 40),
  scripts:at(60, 190),
  fitted:at(720, 220),
  bounce:at(640, 310),
  lower_third:at(60, 600),
}, {duration = 4, fps = 30})
