-- moonreel.layout: arranging several clips on one canvas.
--   local layout = require("moonreel.layout")
--   layout.grid({a, b, c, d}, {cols = 2, size = {1920, 1080}})
local mr = require("moonreel")

local layout = {}

-- grid(clips, opts): the clips in rows of `cols` (default: the square root, rounded up),
-- each scaled to fill its cell of a canvas of `size` (default: the first clip's size times
-- the columns and rows), in reading order. Sound: the first clip's, unless opts.mix_audio.
-- Other opts (bg, fps, duration) go to compose.
function layout.grid(clips, opts)
  opts = opts or {}
  assert(type(clips) == "table" and #clips > 0, "grid: give a list of clips")
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
    local cell = c:resize(cw, ch):at(col * cw, row * ch)
    if i > 1 and not opts.mix_audio and cell.has_audio then
      cell = cell:mute()
    end
    layers[#layers + 1] = cell
  end
  return mr.compose(layers, {size = {w, h}, bg = opts.bg, fps = opts.fps, duration = opts.duration})
end

-- stack(clips, opts): the clips side by side (opts.direction = "horizontal", the default)
-- or one above the other ("vertical"), each scaled to the first clip's height (or width).
function layout.stack(clips, opts)
  opts = opts or {}
  local vertical = opts.direction == "vertical"
  local placed, pos, other = {}, 0, nil
  for i, c in ipairs(clips) do
    local s
    if vertical then
      other = other or c.w
      s = c:resize{w = other}
      placed[i] = s:at(0, pos)
      pos = pos + s.h
    else
      other = other or c.h
      s = c:resize{h = other}
      placed[i] = s:at(pos, 0)
      pos = pos + s.w
    end
  end
  local size = vertical and {other, pos} or {pos, other}
  return mr.compose(placed, {size = size, bg = opts.bg, fps = opts.fps, duration = opts.duration})
end

return layout
