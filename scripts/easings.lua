-- easings.lua: every easing keys{} knows, side by side: each cell draws its curve once
-- (a canvas sampling the curve) and a dot runs along it. The list of easings is data: the
-- cells are made from their names, plus a Bézier, a spring used as an easing, a spring on its
-- own and a Lua function.
--   moonreel run scripts/easings.lua -o easings.mp4
local W, H = 640, 360
local T0, T1 = 0.25, 2.25               -- every curve goes from 0 to 1 between these times
local COLS, CW, CH = 6, 106, 60         -- the cells: 6 a row, 6 rows
local GX, GY, GW, GH = 14, 22, 78, 26   -- the graph inside a cell: 0 at the bottom, 1 at the top

-- the names: linear, step, then in_, out_ and in_out_ of each family
local cells = {{"linear", "linear"}, {"step", "step"}}
for _, family in ipairs{"sine", "quad", "cubic", "quart", "quint", "expo", "circ", "back", "elastic", "bounce"} do
  for _, kind in ipairs{"in_", "out_", "in_out_"} do
    cells[#cells + 1] = {kind .. family, kind .. family}
  end
end
cells[#cells + 1] = {"bezier(.7,-.5,.3,1.5)", bezier(0.7, -0.5, 0.3, 1.5)}   -- CSS cubic-bezier
cells[#cells + 1] = {"ease = spring{}", spring{stiffness = 120, damping = 9}} -- stretched to the key

-- each cell's curve: from 0 at T0 to 1 at T1 with its easing
local curves = {}
for i, c in ipairs(cells) do
  curves[i] = keys{ {T0, 0}, {T1, 1, ease = c[2]} }
end
-- not an easing: a spring in its own time (it settles when it settles), and a Lua function
cells[#cells + 1] = {"spring{} alone", nil}
curves[#curves + 1] = spring{stiffness = 60, damping = 6, mass = 1}:delay(T0)
cells[#cells + 1] = {"function(t)", nil}
curves[#curves + 1] = function(t)
  local u = math.min(math.max((t - T0) / (T1 - T0), 0), 1)
  return u + 0.15 * math.sin(u * 6 * math.pi)             -- a wobbly line
end

local function clamp01(t) return math.min(math.max((t - T0) / (T1 - T0), 0), 1) end

local layers = {color("#14161f", W, H)}
local dot = canvas(10, 10, function(ctx) ctx:circle(5, 5, 4.5) ctx:fill("#ffcc33") end)
for i, c in ipairs(cells) do
  local curve = curves[i]
  local x0, y0 = ((i - 1) % COLS) * CW, ((i - 1) // COLS) * CH
  -- the graph, drawn once: a frame for 0..1, the curve sampled at 40 points
  layers[#layers + 1] = canvas(CW, CH, function(ctx)
    ctx:rounded_rectangle(2, 2, CW - 4, CH - 4, 6)
    ctx:fill("#1f2333")
    ctx:line_width(1)
    ctx:rectangle(GX + 0.5, GY + 0.5, GW, GH)
    ctx:stroke("#3a4160")
    ctx:line_width(1.5)
    ctx:line_join("round")
    for k = 0, 40 do
      local u = k / 40
      local x, y = GX + u * GW, GY + GH - curve(T0 + u * (T1 - T0)) * GH
      if k == 0 then ctx:move_to(x, y) else ctx:line_to(x, y) end
    end
    ctx:stroke("#6fa8ff")
    ctx:text(c[1], 6, 14, {size = 10, color = "#c8cde0"})
  end):at(x0, y0)
  -- the dot: across with time, up with the curve
  layers[#layers + 1] = dot:at(function(t)
    return x0 + GX + clamp01(t) * GW - 5, y0 + GY + GH - curve(t) * GH - 5
  end)
end

return compose(layers, {duration = 3})
