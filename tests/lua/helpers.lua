-- helpers.lua: shared by the Lua tests (loaded with dofile from the test's folder).
local H = {}

-- The frame number the counter pattern shows, read from its bit strip.
function H.counter(frame)
  local n = 0
  for b = 0, 15 do
    local x = math.floor((b + 0.5) * frame.w / 16)
    local r = frame:pixel(x, frame.h - 2)
    n = n * 2 + (r > 128 and 1 or 0)
  end
  return n
end

-- Calls fn, expects it to raise, and returns the message.
function H.raises(fn, ...)
  local ok, msg = pcall(fn, ...)
  assert(not ok, "expected an error, got none")
  return tostring(msg)
end

-- Asserts that haystack contains needle (plain text).
function H.contains(haystack, needle)
  assert(haystack:find(needle, 1, true), ("expected %q to contain %q"):format(haystack, needle))
end

-- Asserts that a equals b (why: what it shows).
function H.eq(a, b, why)
  assert(a == b, ("expected %s, got %s%s"):format(tostring(b), tostring(a), why and (": " .. why) or ""))
end

function H.near(a, b, tol)
  assert(math.abs(a - b) <= (tol or 1e-9), ("expected %s to be %s"):format(tostring(a), tostring(b)))
end

return H
