-- W4 (../shared/bench/README.md): one 6 s 1280x720 30 fps video per row: the row's colour as
-- background, its image at (160, 200), its name in DejaVu Sans Bold 64 px white sliding in
-- from the left over 0.8 s to (560, 330), a 1 s fade out at the end, no sound.
--   moonreel batch bench/w4_template.lua ROWS.csv -o 'out/{id}.mp4' --set images=DIR --allow DIR
return function(row, args)
  local images = args.images or "."
  local name = text(row.name, {font = "DejaVu Sans Bold", size = 64, color = "white"})
  return compose({
    color(row.color, 1280, 720),
    image(images .. "/" .. row.image):at(160, 200),
    name:at(pos(-600, 330):to(560, 330, 0.8)),
  }, {duration = 6, fps = 30}):fadeout(1)
end
