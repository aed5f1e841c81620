-- geometry: resize (up and down), crop, fit into another shape.
local src = pattern("gradient", 120, 80)
return compose({
  color("navy", 160, 120),
  src:crop(10, 10, 50, 40):resize(100, 80):at(0, 0),
  src:resize(0.25):at("right", "bottom"),
  src:resize{h = 30}:at("right", "top"),
}, {duration = 0.1, fps = 10})
