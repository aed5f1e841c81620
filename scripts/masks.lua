-- masks.lua: masks, blend modes, keys and gradients, one small scene each, side by side:
--   * a picture-in-picture through a rounded, feathered rectangle that grows into place;
--   * an iris (a circle whose radius is a curve) opening on a gradient, rimmed by a ring
--     (a disc grown less the disc shrunk);
--   * a title's own alpha turned into a glow (grown, feathered, inverted, thresholded...), a
--     swoosh drawn as a mask by hand, and the glow's mask shown as a clip;
--   * a star and an ellipse combined every way (+, *, -, max, min), moved, turned, scaled;
--   * a green screen keyed onto a gradient, a luma key, and blend modes.
--   moonreel run scripts/masks.lua -o masks.mp4
local W, H, D = 640, 360, 3
local bars = pattern("bars", 320, 180):dur(D)

-- a picture-in-picture: the rectangle's inset and corners shrink over the first second
local inset = keys{ {0, 40}, {1, 0, ease = "out_cubic"} }
local card = mask.rect{x = inset, y = inset * 0.5625, w = inset * -2 + 320, h = inset * -1.125 + 180,
                       radius = keys{ {0, 90}, {1, 16} }}:feather(3)
local pip = bars:mask(card)

-- an iris opening on a radial gradient, with a ring around its edge
local r = keys{ {0, 0}, {2, 200, ease = "in_out_cubic"} }
local sky = gradient.radial{size = {320, 180}, stops = { {0, "#ffd27a"}, {0.6, "#d0506a"}, {1, "#241640"} }}
local iris = mask.circle(160, 90, r)
local ring = mask.circle(160, 90, r + 4) - mask.circle(160, 90, r)
local opening = compose({sky:mask(iris), color("white", 320, 180):mask(ring)}, {bg = "transparent"})

-- a title's alpha as a mask: a glow grown from it, softened, and the letters cut out of it
local word = text("MASKS", {font = "DejaVu Sans Bold", size = 64, color = "white"}):at("center")
local letters = compose({word}, {size = {320, 180}, bg = "transparent"}):dur(D)
local glow = letters:alpha():grow(6):feather(8) - letters:alpha():threshold(0.5)
-- a mask drawn by hand (mask.canvas): a swoosh under the word; and the glow's mask itself,
-- seen as a clip (m:clip) in the corner
local swoosh = mask.canvas(320, 180, function(ctx)
  ctx:color("white") ctx:rounded_rectangle(60, 128, 200, 8, 4) ctx:fill()
end)
local titled = compose({color("#102030", 320, 180), color("#40c0ff", 320, 180):mask(glow), letters,
                        color("#ffd050", 320, 180):mask(swoosh), glow:clip(320, 180):resize(80, 45):at(236, 131)})

-- shapes combined, each with its own color over the bars: a union, an intersection, a
-- difference, a max of a ramp, a min; the star turns and the ellipse slides and grows
local star = {}
for k = 0, 9 do
  local rr, a = k % 2 == 0 and 80 or 32, math.pi * (k / 5 - 0.5)
  star[k + 1] = {160 + rr * math.cos(a), 95 + rr * math.sin(a)}
end
local turning = mask.polygon(star):rotate(keys{ {0, 0}, {D, 72} })
local sliding = mask.ellipse{160, 90, 90, 40}:at(keys{ {0, {-60, 0}}, {D, {60, 0}} }):scale(keys{ {0, 0.8}, {D, 1.2} })
local ramp = mask.linear{p1 = {0, 0}, p2 = {320, 0}}
local shapes = compose({
  color("#181818", 320, 180),
  color("#ff5050", 320, 180):mask(turning + sliding):opacity(0.35),
  color("#50ff50", 320, 180):mask(turning * sliding),
  color("#5080ff", 320, 180):mask((turning - sliding):min(ramp:invert())),
  color("#ffffff", 320, 180):mask(mask.from(pattern("gradient", 320, 180)):max(ramp):threshold(0.9)):opacity(0.2),
})

-- a green screen (a disc and a bar before green) keyed onto a gradient; dark bars luma-keyed
-- away; a multiply and a screen layer over the result
local actor = canvas(320, 180, function(ctx)
  ctx:color("#e0ac8c") ctx:circle(110, 90, 50) ctx:fill()
  ctx:color("#2040c0") ctx:rounded_rectangle(190, 40, 70, 100, 12) ctx:fill()
end)
local screen = compose({color("#10e020", 320, 180), actor}):chromakey{similarity = 0.12, blend = 0.08, spill = 0.5}
local behind = gradient.linear{size = {320, 180}, p1 = {0, 0}, p2 = {320, 180}, stops = { {0, "#303080"}, {1, "#c06030"} }}
local keyed = compose({
  behind, screen,
  pattern("bars", 320, 40):lumakey{high = 0.15, soft = 0.05}:at(0, 140),
  gradient.linear{size = {320, 40}, stops = { {0, "white"}, {1, "#ff8080"} }}:blend("multiply"):at(0, 0),
  color("#204060", 80, 180):blend("screen"):at(240, 0),
})

return compose({
  color("black", W, H),
  pip:at(0, 0), opening:at(320, 0), titled:at(0, 180), shapes:at(320, 180),
  keyed:resize(0.5):at(480, 270),
}, {size = {W, H}}):dur(D)
