-- moonreel.layout: arranging several clips on one canvas.
--   local layout = require("moonreel.layout")
--   layout.grid({a, b, c, d}, {cols = 2, size = {1920, 1080}})
local mr = require("moonreel")

local layout = {}

-- Errors point at the script line that called grid() or stack() (level 4: past fail and
-- check, which grid and stack call without a tail call).
local function fail(fname, what, why)
  error(("bad %s to '%s' (%s)"):format(what, fname, why), 4)
end

-- Checks the clip list and the options table (known keys only, each of its kind).
local function check(fname, clips, opts, known)
  if type(clips) ~= "table" or #clips == 0 then fail(fname, "argument #1", "a list of clips expected") end
  for i, c in ipairs(clips) do
    if not tostring(c):find("^Clip%(") then fail(fname, "argument #1", ("entry %d is a %s, not a clip"):format(i, type(c))) end
  end
  if opts == nil then return {} end
  if type(opts) ~= "table" then fail(fname, "argument #2", "options table expected") end
  for k, v in pairs(opts) do
    local kind = known[k]
    if not kind then
      local names = {}
      for name in pairs(known) do names[#names + 1] = name end
      table.sort(names)
      error(("unknown option '%s' to '%s' (it takes %s)"):format(tostring(k), fname, table.concat(names, ", ")), 3)
    end
    if kind == "count" and not (math.type(v) == "integer" and v >= 1) then
      fail(fname, ("option '%s'"):format(k), ("a whole number from 1 expected, got %s"):format(tostring(v)))
    elseif kind == "size" and not (type(v) == "table" and math.type(v[1]) == "integer" and math.type(v[2]) == "integer"
        and v[1] >= 1 and v[2] >= 1) then
      fail(fname, ("option '%s'"):format(k), "{w, h} in whole pixels expected")
    elseif type(kind) == "table" and not kind[v] then
      fail(fname, ("option '%s'"):format(k), ("%s expected, got %s"):format(table.concat(kind.names, " or "), tostring(v)))
    end
  end
  return opts
end

-- compose(layers, opts), with its errors raised at the script line that called fname.
local function compose(fname, layers, opts)
  local ok, result = pcall(function()
    local c = mr.compose(layers, opts) -- not a tail call: the error names 'compose'
    return c
  end)
  if not ok then error((tostring(result):gsub("^[^\n]-:%d+: ", "")):gsub("'compose'", "'" .. fname .. "'"), 3) end
  return result
end

local grid_options = {cols = "count", size = "size", bg = "any", fps = "any", duration = "any", mix_audio = "any"}
local stack_options = {direction = {horizontal = true, vertical = true, names = {'"horizontal"', '"vertical"'}},
                       bg = "any", fps = "any", duration = "any"}

-- grid(clips, opts): the clips in rows of `cols` (default: the square root, rounded up),
-- each scaled to fill its cell of a canvas of `size` (default: the first clip's size times
-- the columns and rows), in reading order. Sound: the first clip's, unless opts.mix_audio.
-- Other opts (bg, fps, duration) go to compose.
function layout.grid(clips, opts)
  opts = check("grid", clips, opts, grid_options)
  local n = #clips
  local cols = opts.cols or math.ceil(math.sqrt(n))
  local rows = math.ceil(n / cols)
  local w, h
  if opts.size then
    w, h = opts.size[1], opts.size[2]
  else
    w, h = clips[1].w * cols, clips[1].h * rows
  end
  local cw, ch = w // cols, h // rows
  local layers = {}
  for i, c in ipairs(clips) do
    local col, row = (i - 1) % cols, (i - 1) // cols
    local cell = c:resize(cw, ch):anchor("left", "top"):at(col * cw, row * ch) -- the cell's box, whatever its anchor
    if i > 1 and not opts.mix_audio and cell.has_audio then
      cell = cell:mute()
    end
    layers[#layers + 1] = cell
  end
  local result = compose("grid", layers, {size = {w, h}, bg = opts.bg, fps = opts.fps, duration = opts.duration})
  return result
end

-- stack(clips, opts): the clips side by side (opts.direction = "horizontal", the default)
-- or one above the other ("vertical"), each scaled to the first clip's height (or width).
function layout.stack(clips, opts)
  opts = check("stack", clips, opts, stack_options)
  local vertical = opts.direction == "vertical"
  local placed, pos, other = {}, 0, nil
  for i, c in ipairs(clips) do
    local s
    if vertical then
      other = other or c.w
      s = c:resize{w = other}
      placed[i] = s:anchor("left", "top"):at(0, pos)
      pos = pos + s.h
    else
      other = other or c.h
      s = c:resize{h = other}
      placed[i] = s:anchor("left", "top"):at(pos, 0)
      pos = pos + s.w
    end
  end
  local size = vertical and {other, pos} or {pos, other}
  local result = compose("stack", placed, {size = size, bg = opts.bg, fps = opts.fps, duration = opts.duration})
  return result
end

return layout
