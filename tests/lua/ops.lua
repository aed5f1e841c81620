-- ops.lua: the registry's Lua face: methods, fx values and clip:fx("name", ...) for every
-- operation; positional, form and named arguments; errors naming the operation and the
-- parameter; suggestions for misspelled methods, fields, operations and option names.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")
local c = color("#c80000", 64, 36):dur(2)

-- three ways to one result
local a, b, g = c:fadein(1), c:fx(fx.fadein(1)), c:fx("fadein", 1)
for _, clip in ipairs({b, g}) do
  local r1, g1, b1, a1 = a:frame(0.5):pixel(3, 3)
  local r2, g2, b2, a2 = clip:frame(0.5):pixel(3, 3)
  assert(r1 == r2 and a1 == a2, "the method, the Fx and the name agree")
end
-- forms and names
assert(c:resize(0.5).w == 32 and c:resize(16, 9).h == 9 and c:resize{w = 32}.h == 18 and c:resize{h = 9}.w == 16)
assert(c:fx("resize", {w = 32}).w == 32)
assert(c:crop{x = 0, y = 0, w = 8, h = 4}.w == 8)
assert(tostring(fx.resize{w = 320}) == "Fx(resize w=320)")
assert(tostring(fx.opacity(keys{{0, 0}, {1, 1}})) == "Fx(opacity a=(curve))" or tostring(fx.opacity(keys{{0, 0}, {1, 1}})) == "Fx(opacity (curve))")
-- every operation is all three
for _, name in ipairs({"sub", "start", "dur", "speed", "loop", "resize", "crop", "at", "fit", "opacity", "fadein",
                       "fadeout", "volume", "mute", "with_audio"}) do
  assert(type(c[name]) == "function", name .. " is a method")
  assert(type(fx[name]) == "function", name .. " is an fx value")
end
assert(c:fit(128, 128).w == 128)

-- errors name the operation and the parameter, and the script line
H.contains(H.raises(function() return c:opacity("half") end), "bad argument 'a' to 'opacity' (number or curve expected, got string)")
H.contains(H.raises(function() return c:opacity("half") end), "ops.lua:")
H.contains(H.raises(function() return c:opacity(1.5) end), "bad argument 'a' to 'opacity' (1.5 is outside 0..1)")
H.contains(H.raises(function() return c:crop(0.5, 0, 4, 4) end), "bad argument 'x' to 'crop' (0.5 is not a whole number)")
H.contains(H.raises(function() return c:opacity() end), "bad argument 'a' to 'opacity' (missing")
H.contains(H.raises(function() return c:mute(1) end), "bad argument #1 to 'mute' (mute takes 0 arguments)")
H.contains(H.raises(function() return c:resize{wdth = 3} end), "unknown option 'wdth' to 'resize'")
H.contains(H.raises(function() return c:resize{scal = 3} end), "unknown option 'scal' to 'resize'; did you mean 'scale'?")
H.contains(H.raises(function() return fx.fadein("soon") end), "bad argument 'd' to 'fadein'")
H.contains(H.raises(function() return c:fadin(1) end), "no method or field 'fadin' on a Clip; did you mean 'fadein'?")
H.contains(H.raises(function() return c.durration end), "did you mean 'duration'?")
H.contains(H.raises(function() return c:fx("fadin", 1) end), "no operation 'fadin'; did you mean 'fadein'?")
H.contains(H.raises(function() return c:with_audio(5) end), "bad argument 'audio' to 'with_audio'")
assert(not c:with_audio(nil).has_audio)

-- crop's forms and margin
local p = pattern("bars", 64, 36):dur(1)
assert(p:crop{x1 = 10, y1 = 5, x2 = 30, y2 = 25}.w == 20 and p:crop{cx = 32, cy = 18, w = 10, h = 10}.h == 10)
assert(p:crop{w = 20}.h == 36, "edges not given are the picture's")
H.contains(H.raises(function() return p:crop{x = 1, x1 = 2} end), "not a mix")
assert(p:margin(10).w == 84 and p:margin{left = 5, top = 2}.h == 38)
assert(({p:margin(10):frame(0):pixel(2, 2)})[4] == 0, "a margin is transparent by default")
assert(({p:margin(10, "white"):frame(0):pixel(2, 2)})[1] == 255)
