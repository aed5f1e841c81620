-- transforms: rotate (fixed and moving, grown box and kept), a zoom on keyframes about an
-- anchor, a mirror, and a layer moved by a curve; transparent outside. Then one frame for each
-- resampling filter: a turn, a zoom about an anchor, and a checkerboard drawn 8 times smaller.
local bars = pattern("bars", 64, 36, {fps = 10}):dur(1)
local bg = color("#102030", 160, 90)
local moving = compose({
  bg,
  bars:rotate(30):at("center"),
  bars:scale(keys{ {0, 1}, {1, 1.8, ease = "in_out_quad"} }, 0.25, 0.5):resize(0.5):at("left", "top"),
  bars:mirror("y"):resize(0.5):at("right", "top"),
  bars:resize(0.5):rotate(keys{ {0, 0}, {1, 180} }, false):at(keys{ {0, {0, 60}}, {1, {120, 60}} }),
}, {fps = 10})
local board = pattern("checker", 320, 180, {fps = 10}):dur(1)
local function filtered(filter)
  return compose({
    bg,
    bars:rotate(20, true, filter):at(2, 2),
    bars:scale(2.3, 0.3, 0.6, filter):at("right", "top"),
    board:scale(0.125, 0.5, 0.5, filter):at(-80, -45),
  }, {fps = 10, duration = 0.1})
end
return concat({moving, filtered("bilinear"), filtered("bicubic"), filtered("lanczos"), filtered("nearest")})
