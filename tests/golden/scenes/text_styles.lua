-- text_styles: each text style on a dark background: a whole box with rounded corners, boxes
-- per line, a shadow, a stroke with letter spacing, rich parts in two fonts and colours, text
-- fitted into a box by shrinking, max_lines with an ellipsis, line height and valign, a
-- typewriter half way, and per-character animation.
local bg = color("#203040", 320, 360)
local wave = text_animate("Wave", {size = 22, color = "yellow"}, function(i, t)
  return {dy = math.sin(i + t * 6) * 4, rotate = i * 5, opacity = 0.5 + i * 0.1}
end)
return compose({
  bg,
  text("Boxed", {size = 24, box = {"#000000c0", 6, 8}}):at(4, 4),
  text("per line\nboxes", {size = 18, align = "center", box = {color = "#c03030", padding = 3, per_line = true}}):at(120, 4),
  text("Shadow", {size = 28, color = "white", shadow = {3, 3, 4, "#000000"}}):at(200, 4),
  text("S p a c e d", {size = 20, letter_spacing = 3, stroke = {"black", 2}, color = "orange"}):at(4, 70),
  text({ {"Hello ", color = "white"}, {"World", color = "orange", font = "DejaVu Serif", size = 30} }, {size = 20}):at(4, 110),
  text("This long sentence shrinks to fit its box", {size = 40, width = 150, height = 60, fit = "shrink",
                                                    box = {"#ffffff30"}, valign = "center"}):at(4, 160),
  text("one two three four five six seven eight", {size = 16, width = 140, max_lines = 2,
                                                   box = {"#00000080", 4}}):at(170, 160),
  text("tall\nlines", {size = 16, line_height = 2, height = 90, valign = "bottom", box = {"#40804080", 2}}):at(4, 240),
  text("typewriter", {size = 22}):typewriter(20):at(120, 250),
  wave:at(120, 300),
}, {duration = 0.3, fps = 10})
