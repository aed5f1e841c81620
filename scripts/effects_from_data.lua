-- effects_from_data.lua: a template whose effects come from data. Each row of the table
-- below (what a CSV or JSON row would hold: names, numbers, strings) names an operation and
-- its arguments, positional or named; the template applies it with clip:fx(name, ...) and
-- never names an effect itself. A row may ask for a moving value ({from, to, ease}), which
-- becomes keyframes. Shared styles are fx values; the cards sit at percentages of the frame,
-- the labels and the title at names with offsets.
--   moonreel run scripts/effects_from_data.lua -o effects.mp4
local W, H, D = 640, 360, 3

local rows = {
  {label = "as it is"},
  {label = "opacity 0.35",    op = "opacity", args = {0.35}},
  {label = "mirror x",        op = "mirror",  args = {"x"}},
  {label = "mirror y",        op = "mirror",  args = {"y"}},
  {label = "rotate -12",      op = "rotate",  args = {-12}},
  {label = "rotate, moving",  op = "rotate",  named = {expand = false},
   animate = {param = "deg", from = 0, to = 360, ease = "in_out_cubic"}},
  {label = "crop x, y, w, h", op = "crop",    args = {32, 18, 64, 36}},
  {label = "crop x1 .. y2",   op = "crop",    named = {x1 = 64, y1 = 0, x2 = 128, y2 = 72}},
  {label = "crop center",     op = "crop",    named = {center = {64, 36}, w = 72, h = 40}},
  {label = "crop, moving",    op = "crop",    named = {y = 0, w = 64, h = 72},
   animate = {param = "x", from = 0, to = 64, ease = "in_out_sine"}},
  {label = "margin per side", op = "margin",  named = {left = 20, top = 10, color = "#ffcc00"}},
  {label = "scale, moving",   op = "scale",   named = {x = 0, y = 0},
   animate = {param = "k", from = 1, to = 2.5, ease = "out_quad"}},
}

-- one row's operation on a clip, by its name
local function apply(clip, row)
  if not row.op then return clip end
  if row.animate then                                -- a moving value: keyframes from the row
    local a, named = row.animate, {}
    for k, v in pairs(row.named or {}) do named[k] = v end
    named[a.param] = keys{ {0.3, a.from}, {D - 0.3, a.to, ease = a.ease} }
    return clip:fx(row.op, named)
  elseif row.named then
    return clip:fx(row.op, row.named)                -- named arguments: clip:crop{x1 = ...}
  end
  return clip:fx(row.op, table.unpack(row.args))     -- positional: clip:mirror("x")
end

-- styles kept as values: every card starts from the same picture and gets the same box
local picture = {fx.resize{w = 128}, fx.dur(D)}      -- 128x72
local box = {fx.fit(144, 84, "#1f2333"), fx.margin(2, "#3a4160")}

local layers = {color("#14161f", W, H),
  text("clip:fx(name, ...): effects picked from a table", {size = 20, color = "white"}):at("center", 8)}
for i, row in ipairs(rows) do
  local tile = apply(image("assets/photo1.png"):fx(table.unpack(picture)), row):fx(table.unpack(box))
  local card = compose({
    tile,
    text(row.label, {size = 12, color = "#c8cde0"}):at("center", 90),
  }, {size = {148, 106}, bg = "transparent"})
  local col, line = (i - 1) % 4, (i - 1) // 4
  layers[#layers + 1] = card:fx(fx.fadein(0.4), fx.start(0.06 * i))        -- one after another
    :at(("%g%%"):format(1.25 + 25 * col), ("%g%%"):format(10 + 30 * line))
end

return compose(layers, {duration = D})
