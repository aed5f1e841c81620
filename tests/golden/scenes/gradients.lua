-- gradients: linear and radial sources, premultiplied mixing through a transparent stop, a hard
-- step, defaults; over a checker so transparency shows.
local W, H = 160, 90
local stops = { {0, "red"}, {0.5, "#00ff0080"}, {1, "blue"} }
return compose({
  pattern("checker", W, H),
  gradient.linear{size = {80, 45}, stops = stops}:at(0, 0),
  gradient.linear{size = {80, 45}, p1 = {0, 0}, p2 = {80, 45},
                  stops = { {0, "#ffcc00"}, {0.4, "#ffcc00"}, {0.4, "#2040ff"}, {1, "#2040ff00"} }}:at(80, 0),
  gradient.radial{size = {80, 45}, stops = { {0, "white"}, {1, "#00000000"} }}:at(0, 45),
  gradient.radial{size = {80, 45}, center = {20.25, 30.5}, r = 40, inner = 8,
                  stops = { {0, "orange"}, {0.7, "purple"}, {1, "#101010"} }}:at(80, 45),
}, {duration = 0.1, fps = 10})
