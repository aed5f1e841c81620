-- layers: compose with positions, opacity, transparency, a background colour, text with a stroke.
local bg = pattern("gradient", 160, 90)
local badge = color("#ff8800c0", 40, 20)
return compose({
  bg,
  badge:at("right", "top", 4),
  badge:opacity(0.5):at(10, 60),
  pattern("checker", 32, 32):resize(16, 16):at("center"),
  text("Ab", {size = 20, color = "white", stroke = {"black", 1.5}}):at("left", "top", 2),
}, {duration = 0.2, fps = 10})
