-- transforms: rotate (fixed and moving, grown box and kept), a zoom on keyframes about an
-- anchor, a mirror, and a layer moved by a curve; bilinear sampling, transparent outside.
local bars = pattern("bars", 64, 36, {fps = 10}):dur(1)
local bg = color("#102030", 160, 90)
return compose({
  bg,
  bars:rotate(30):at("center"),
  bars:scale(keys{ {0, 1}, {1, 1.8, ease = "in_out_quad"} }, 0.25, 0.5):resize(0.5):at("left", "top"),
  bars:mirror("y"):resize(0.5):at("right", "top"),
  bars:resize(0.5):rotate(keys{ {0, 0}, {1, 180} }, false):at(keys{ {0, {0, 60}}, {1, {120, 60}} }),
}, {fps = 10})
