-- timing: sub, speed, loop and concat of a counter, letterboxed into a wider frame.
local c = pattern("counter", 64, 48, {fps = 10}):dur(10)
return concat({c:sub(2, 2.5), c:speed(3):sub(0, 0.5), c:sub(0, 0.3):loop(2), c:resize(32, 48):sub(1, 1.2)},
  {size = {96, 48}})
