-- curves.lua: keyframes, springs, easings and Lua functions driving parameters; a function
-- curve is called once per frame; curve arithmetic; errors (a curve giving a string, keys out
-- of order, an unknown easing).
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

-- sampling and arithmetic
local k = keys{ {0, 0}, {1, 100, ease = "out_cubic"}, {2, 100} }
H.near(k(0.5), 87.5)
H.near(k(-1), 0)
H.near(k(5), 100)
H.near((k + 10)(2), 110)
H.near((k * 2)(0.5), 175)
H.near((-k)(2), -100)
H.near(k:delay(1)(1.5), 87.5)
local xy = keys{ {0, {0, 10}}, {1, {100, 20}} }
local x, y = xy(0.5)
H.near(x, 50) H.near(y, 15)
local s = spring{to = 100}
H.near(s(0.3), 112.43547674, 1e-6)   -- stiffness 100, damping 10, mass 1: overshoots
H.near(s(10), 100, 1e-3)
H.near(keys{ {0, 0}, {1, 1, ease = bezier(0.25, 0.1, 0.25, 1)} }(0.5), 0.8024033876, 1e-5)
H.near(keys{ {0, 0}, {1, 1, ease = spring{}} }(1), 1)
assert(tostring(k):find("Curve(3 keys from 0 s to 2 s", 1, true), tostring(k))
assert(tostring(spring{to = 100}):find("spring from 0 to 100, stiffness 100", 1, true))

-- driving parameters: opacity by keys, a position by a function, volume by keys
local red = color("#ff0000", 32, 32):dur(2)
local faded = red:opacity(keys{ {0, 0}, {2, 1} })
local _, _, _, a = faded:frame(1):pixel(4, 4)
assert(a == 128, "opacity half way: " .. a)
local calls = 0
local mover = red:resize(0.25):at(function(t) calls = calls + 1 return 10 * t, 5 end)
local scene = compose({color("black", 64, 64), mover}, {fps = 10}):dur(2)
local r = scene:frame(1.5):pixel(16, 6)
assert(r == 255, "the layer is at x = 15 at 1.5 s")
calls = 0
local fresh = compose({color("black", 64, 64), red:resize(0.25):at(function(t) calls = calls + 1 return 10 * t, 5 end)},
  {fps = 10}):dur(2)
local out = os.tmpname()
render(fresh, out .. ".mp4", {preset = "ultrafast"})
os.remove(out .. ".mp4") os.remove(out)
assert(calls == 20, "one call per frame: " .. calls)
local tone_up = tone(440):dur(1):volume(keys{ {0, 0}, {1, 1} })
assert(tone_up.has_audio)

-- errors
local bad = compose({color("black", 64, 64), red:at(function(t) return "left" end)}):dur(1)
local msg = H.raises(function() return bad:frame(0.5) end)
H.contains(msg, "the curve function of " .. arg[0] .. ":47 gave string")  -- its line
H.contains(msg, "at 0.500 s")
local boom = red:opacity(function(t) error("no opacity today") end)
H.contains(H.raises(function() return boom:frame(0.25) end), "no opacity today")
H.contains(H.raises(function() return keys{ {1, 0}, {0.5, 1} } end), "keyframe 2 (at 0.5 s) is not after keyframe 1 (at 1 s)")
H.contains(H.raises(function() return keys{ {0, 0}, {1, 1, ease = "out_wobble"} } end), "unknown easing 'out_wobble'")
H.contains(H.raises(function() return keys{ {0, 0}, {1, {1, 2}} } end), "a value of 2 numbers, the first had 1")
H.contains(H.raises(function() return red:at(keys{ {0, 1}, {1, 2} }) end), "a curve of 1 number where 2 belong")
H.contains(H.raises(function() return spring{stiffness = -1} end), "spring: stiffness, damping and mass must be positive")
H.contains(H.raises(function() return spring{stifness = 1} end), "did you mean 'stiffness'?")

-- a moving place follows its clip's time through sub, speed and loop
do
  local k = keys{ {0, {0, 100}}, {1, {400, 100}} }
  local l = color("red", 10, 10):dur(2):at(k)
  local function x(c, t)
    local f = compose({color("black", 500, 200), c}):dur(2):frame(t)
    for i = 0, 499 do if f:pixel(i, 105) > 200 then return i end end
  end
  assert(x(l:sub(0.5), 0) == 200 and x(l:speed(2), 0.25) == 200 and x(l:loop(3), 0.5) == 200)
  -- pos():to takes every easing of keys
  local p = pos(0, 100):to(100, 100, 1, {ease = "out_cubic"})
  assert(x(color("red", 10, 10):dur(2):at(p), 0.5) == 88, "out_cubic half way: 87.5, drawn from pixel 88")
end
-- keyframes say what is wrong with them
H.contains(H.raises(function() return keys{ {0, 0}, {1, 100, easing = "out_cubic"} } end), "unknown key 'easing'")
H.contains(H.raises(function() return keys{ {0, 0, ease = "out_cubic"}, {1, 100} } end), "its ease shapes nothing")
H.contains(H.raises(function() return keys({ {0, 0}, {1, 100} }, {ease = "out_cubic"}) end), "keys takes one table")
H.contains(H.raises(function() return keys{ {t = 0, v = 0} } end), "bad keyframe 1 to 'keys'")
-- a scale from 0 (a pop-in) draws nothing at 0 instead of failing
local pop = color("red", 20, 20):dur(1):scale(spring{from = 0, to = 1})
assert(({pop:frame(0):pixel(10, 10)})[4] == 0)

-- callbacks on the render's workers that sample curves (a Curve called inside a function
-- curve, a canvas and a map): each callback's Lua thread is used by one worker at a time
do
  local wobble = keys{ {0, 0}, {1, 40, ease = "in_out_sine"} }
  local layers = {color("black", 160, 90)}
  for i = 1, 8 do
    local dot = canvas(8, 8, function(ctx, t) ctx:circle(4, 4, 2 + wobble(t) / 20) ctx:fill("white") end)
    layers[#layers + 1] = dot:at(function(t) return 10 * i + wobble(t), 40 + wobble(t) / 4 end)
  end
  local scene = compose(layers, {duration = 1})
    :map(function(f, t) f:set_pixel(0, 0, {math.floor(wobble(t)), 0, 0}) return f end)
  local out = os.tmpname() .. ".mkv"
  render(scene, out, {encoder = "null"})
  os.remove(out)
end
-- a function curve that samples a curve made from itself is an error, not a broken state
do
  local c
  c = keys{ {0, 0}, {1, 1} } + function(t) return c(t) end
  H.contains(H.raises(function() return color("red", 8, 8):dur(1):opacity(c):frame(0.5) end), "was called again while it runs")
end
