-- transitions.lua: concat with transitions from Lua: a crossfade's middle is the mix of the two
-- pictures; durations before rendering (transitions, per-cut transitions, padding); a transition
-- longer than a clip beside it names the cut; the sound crosses without a click; method
-- "compose"; a custom transition; the argument checks.
local H = dofile(arg[0]:match("(.*/)") .. "helpers.lua")

local function px(clip, t, x, y)
  return {clip:frame(t):pixel(x, y)}
end
local function near(got, want, tol, why)
  for i = 1, 4 do
    assert(math.abs(got[i] - want[i]) <= tol,
      ("%s: channel %d is %s, expected %s (within %s)"):format(why, i, got[i], want[i], tol))
  end
end

-- a crossfade's middle frame is the mix of the two pictures, within 1
local a = pattern("bars", 64, 36, {fps = 10}):dur(2)
local b = pattern("checker", 64, 36, {fps = 10}):dur(3)
local x = concat{a, b, transition = crossfade(1)}
for _, p in ipairs({{3, 3}, {20, 10}, {40, 30}, {63, 35}}) do
  local pa, pb, got = px(a, 1.5, p[1], p[2]), px(b, 0.5, p[1], p[2]), px(x, 1.5, p[1], p[2])
  near(got, {(pa[1] + pb[1]) / 2, (pa[2] + pb[2]) / 2, (pa[3] + pb[3]) / 2, (pa[4] + pb[4]) / 2}, 1, "midpoint")
end
near(px(concat{color({200, 40, 10}, 8, 8):dur(2), color({20, 100, 240}, 8, 8):dur(2), transition = crossfade(2)}, 1, 4, 4),
  {110, 70, 125, 255}, 1, "colours")
-- before the overlap only a shows, after it only b
near(px(x, 0.9, 20, 10), px(a, 0.9, 20, 10), 0, "before")
near(px(x, 2.1, 20, 10), px(b, 1.1, 20, 10), 0, "after")

-- .duration: the sum less the overlaps, plus padding, before anything renders
local c = color("red", 16, 9):dur(2)
H.eq(x.duration, 4, "2 + 3 - 1")
H.eq(concat{a, b, c}.duration, 7, "no transitions")
H.eq(concat{a, wipe("left", 0.5), b, crossfade(1), c}.duration, 5.5, "per cut")
H.eq(concat{a, b, c, transition = slide("up", 0.25)}.duration, 6.5, "every cut")
H.eq(concat({a, b, c}, {transition = crossfade(1)}).duration, 5, "an options table")
H.eq(concat({a, b, c}, {padding = 0.5}).duration, 8, "gaps")
H.eq(concat({a, b, c}, {padding = -0.5}).duration, 6, "overlaps")
H.eq(concat({a, push("left", 1.5), b, c}, {padding = -0.5}).duration, 5, "a transition and padding")
H.eq(concat{a, crossfade(0), b}.duration, 5, "d = 0 is a cut")
local opts = {transition = wipe("left", 0.5)} -- transitions are values
H.eq(concat({a, b}, opts).duration, 4.5, "a transition kept in a table")
H.eq(tostring(opts.transition), "Transition(wipe direction=left d=0.5 s)")
H.eq(opts.transition.duration, 0.5)
H.eq(opts.transition.name, "wipe")

-- the progress eased: by name, in order or by name, or by a bezier(...) or spring{...} value
local red8, blue8 = color({255, 0, 0}, 8, 8):dur(2), color({0, 0, 255}, 8, 8):dur(2)
near(px(concat{red8, blue8, transition = crossfade{1, ease = "in_cubic"}}, 1.5, 4, 4), {223, 0, 32, 255}, 1, "in_cubic")
near(px(concat{red8, crossfade(1, "in_cubic"), blue8}, 1.5, 4, 4), {223, 0, 32, 255}, 1, "in_cubic in order")
near(px(concat{red8, crossfade(1, {ease = bezier(0, 1, 0, 1)}), blue8}, 1.5, 4, 4), {0, 0, 255, 255}, 8, "bezier")
H.eq(tostring(wipe("up", 1, {ease = bezier(0.2, 0, 0.2, 1)})), "Transition(wipe direction=up d=1 s ease=bezier(0.2, 0, 0.2, 1))")
H.contains(H.raises(function() return crossfade{ease = 5} end), "an easing's name, bezier(...) or spring{...} expected")

-- a transition longer than a clip beside it names the cut
local short = color("blue", 16, 9):dur(2)
H.contains(H.raises(function() return concat{a, crossfade(1), b, wipe("left", 3), short} end),
  "concat: transition 2 (wipe, 3 s) is longer than clip 3 (2 s)")
H.contains(H.raises(function() return concat{a, crossfade(1.5), short, crossfade(1), b} end),
  "concat: transitions 1 and 2 (1.5 s and 1 s) overlap inside clip 2 (2 s)")
H.contains(H.raises(function() return concat({short, short}, {padding = -3}) end),
  "concat: transition 1 (crossfade of the padding, 3 s) is longer than clip 1 (2 s)")
H.contains(H.raises(function() return concat{a, wipe("left", 3), short} end), "transitions.lua:")

-- where transitions stand, and their arguments
H.contains(H.raises(function() return concat{crossfade(1), a, b} end), "entry 1 is a transition before the first clip")
H.contains(H.raises(function() return concat{a, crossfade(1), wipe(), b} end), "entry 3 is a transition right after another")
H.contains(H.raises(function() return concat{a, b, crossfade(1)} end), "the list ends with a transition")
H.contains(H.raises(function() return concat{a, 5} end), "entry 2 is a number, not a clip or a transition")
H.contains(H.raises(function() return concat{a, b, transitoin = crossfade(1)} end), "did you mean 'transition'?")
H.contains(H.raises(function() return concat{a, b, transition = 1} end), "bad option 'transition' to 'concat'")
H.contains(H.raises(function() return wipe("sideways") end), "bad argument 'direction' to 'wipe'")
H.contains(H.raises(function() return wipe("lfet") end), "did you mean 'left'?")
H.contains(H.raises(function() return crossfade(-1) end), "bad argument 'd' to 'crossfade' (-1 s is below 0 s)")
H.contains(H.raises(function() return crossfade{1, ease = "in_out_cubc"} end), "did you mean 'in_out_cubic'?")
H.contains(H.raises(function() return blinds("up", 1, 0) end), "bad argument 'count' to 'blinds'")
H.contains(H.raises(function() return transition.wipx end), "did you mean transition.wipe?")
H.contains(H.raises(function() return transition.custom(5) end), "a function(a, b, progress, t) expected")
H.contains(H.raises(function() return concat{a, b, method = "stack"} end), "\"letterbox\"")
assert(transition.wipe and transition.crossfade and transition.luma and not rawget(_G, "custom"))

-- every transition shows a at its start, b at its end, and something between
local ta, tb = pattern("bars", 48, 27, {fps = 10}):dur(2), color("#2040c0", 48, 27):dur(2)
for _, tr in ipairs({crossfade(), fade_through(), wipe(), slide(), push(), cover(), reveal(), zoom_in(), zoom_out(),
  circle_open(), circle_close(), dissolve(), pixelize(), radial(), blinds(), luma(pattern("gradient", 16, 16))}) do
  local j = concat{ta, tr, tb}
  near(px(j, 1, 5, 5), px(ta, 1, 5, 5), 0, tostring(tr) .. " at its start")
  near(px(j, 2, 5, 5), px(tb, 1, 5, 5), 0, tostring(tr) .. " at its end")
end

-- method "compose": each clip keeps its size, centred on bg; the size is the largest
local small = color("red", 10, 10):dur(1)
local big = color("blue", 40, 20):dur(1)
local composed = concat({small, big}, {method = "compose", bg = "#00ff00"})
H.eq(composed.w, 40)
H.eq(composed.h, 20)
near(px(composed, 0.5, 20, 10), {255, 0, 0, 255}, 0, "compose: the small clip in the middle")
near(px(composed, 0.5, 2, 2), {0, 255, 0, 255}, 0, "compose: bg around it")
near(px(concat({small, big}, {method = "compose"}), 0.5, 2, 2), {0, 0, 0, 0}, 0, "compose: transparent bg")
near(px(concat({small, big}), 0.5, 2, 2), {255, 0, 0, 255}, 0, "letterbox: scaled to fit")

-- a custom transition: the function makes the overlap from a, b and the progress curve
local calls = 0
local mine = transition.custom(function(ca, cb, p, t)
  calls = calls + 1
  H.eq(ca.duration, 1, "a: the overlap")
  H.eq(cb.duration, 1, "b: the overlap")
  H.eq(p(0.5), 0.5, "progress")
  H.eq(t(0.5), 0.5, "seconds")
  return compose{ca, cb:opacity(p)}
end, 1)
local red, blue = color({255, 0, 0}, 8, 8):dur(2), color({0, 0, 255}, 8, 8):dur(2)
local cj = concat{red, mine, blue}
H.eq(calls, 1, "called once, when the concat is built")
H.eq(cj.duration, 3)
near(px(cj, 1.5, 4, 4), {127, 0, 128, 255}, 1, "custom at its middle")
near(px(cj, 2.5, 4, 4), {0, 0, 255, 255}, 0, "custom: b after it")
H.contains(H.raises(function() return concat{red, transition.custom(function() return 5 end, 1), blue} end),
  "returned number, not a clip")
H.contains(H.raises(function() return concat{red, transition.custom(function() error("no way") end, 1), blue} end),
  "concat: transition 1 (custom)")

-- the sound crosses without a click: no step between samples across the cut larger than the
-- sources' own (with a 1 % allowance: an equal-power crossfade of two tones can step a little
-- more than the higher one alone, by at most sqrt(1 + (230/1750)^2) - 1 = 0.9 %), while a cut
-- in the middle of a sine steps far more
local function samples(path) -- the left channel of a 16-bit PCM WAV file
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  local pos, out = 13, {}
  while pos < #s do
    local id, size = s:sub(pos, pos + 3), string.unpack("<I4", s, pos + 4)
    if id == "data" then
      for i = pos + 8, pos + 7 + size - 3, 4 do
        out[#out + 1] = string.unpack("<i2", s, i)
      end
      return out
    end
    pos = pos + 8 + size + size % 2
  end
  error("no data in " .. path)
end
local function largest_step(v, from, to)
  local m = 0
  for i = from, to - 1 do
    m = math.max(m, math.abs(v[i + 1] - v[i]))
  end
  return m
end
local low, high = tone(230):dur(2.13), tone(1750):dur(2.13)
local dir = os.tmpname()
os.remove(dir)
local wav = dir .. ".wav"
local function steps(j) -- the largest step in the sources' own parts, and across the cut
  render(j, wav)
  local v = samples(wav)
  local cut0, cut1 = math.floor(1.13 * 48000), math.ceil(2.13 * 48000)
  return math.max(largest_step(v, 1, cut0), largest_step(v, cut1, #v)), largest_step(v, cut0 - 10, cut1 + 10)
end
local own, across = steps(concat{low, high, transition = crossfade(1)})
assert(across <= own * 1.01, ("crossfade: a step of %d across the cut, %d in the sources"):format(across, own))
local own2, across2 = steps(concat{low, crossfade(1, {audio = 0.3}), high})
assert(across2 <= own2 * 1.01, ("audio = 0.3: a step of %d across the cut, %d in the sources"):format(across2, own2))
local own3, across3 = steps(concat{low, high, transition = crossfade(1), audio = "cut"})
-- a cut, but no click: 5 ms ramps either side of it (declick)
assert(across3 <= own3 * 1.01, ("audio = \"cut\": a step of %d, %d in the sources"):format(across3, own3))
os.remove(wav)
