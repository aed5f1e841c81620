-- text_layout: wrapping, alignment, lines, colours with alpha.
local words = "moonreel wraps long lines at spaces to fit the width given"
return compose({
  color("#202020", 200, 150),
  text(words, {size = 14, width = 90, align = "left", color = "white"}):at(2, 2),
  text(words, {size = 14, width = 90, align = "right", color = "#ffff0080"}):at("right", "top", 2),
  text("one\ntwo\nthree", {size = 16, align = "center", color = "cyan"}):at("center", "bottom", 2),
}, {duration = 0.1, fps = 10})
