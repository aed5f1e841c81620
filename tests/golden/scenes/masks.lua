-- masks: every shape (antialiased), feather, grow, shrink, the algebra, a clip's luma and
-- alpha, masks that move; applied to a bars pattern over a dark ground.
local W, H = 160, 90
local bars = pattern("bars", W, H, {fps = 10}):dur(1)
local function cell(m, col, row) -- a quarter-size tile of the bars seen through m
  return bars:mask(m):resize(W / 4, H / 3):at(col * W / 4, row * H / 3)
end
local disc = mask.circle(80, 45, 30)
local box = mask.rect{30, 20, 100, 50, radius = 12}
return compose({
  color("#101820", W, H),
  cell(box, 0, 0),
  cell(mask.ellipse{80, 45, 60, 25}, 1, 0),
  cell(mask.polygon{ {80, 5}, {150, 85}, {10, 85} }, 2, 0),
  cell(mask.polygon{ {10, 10}, {150, 10}, {20, 80}, {80, 0}, {140, 80} }, 3, 0), -- a star: nonzero
  cell(mask.linear{p1 = {0, 0}, p2 = {160, 0}}, 0, 1),
  cell(mask.radial{center = "center", r = 80, inner = 20}, 1, 1),
  cell(box:feather(keys{ {0, 0}, {1, 12} }), 2, 1),
  cell(disc:grow(6) - disc:shrink(6), 3, 1),
  cell(disc * box, 0, 2),
  cell((disc + box):invert(), 1, 2),
  cell(disc:max(mask.from(pattern("gradient", W, H))):threshold(0.5), 2, 2),
  cell(box:at(keys{ {0, {-40, 0}}, {1, {40, 0}} }):rotate(keys{ {0, 0}, {1, 45} }):scale(1.2), 3, 2),
}, {fps = 10})
