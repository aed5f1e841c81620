-- grid.lua: four views of one clip in a 2x2 grid, with the stdlib's layout module.
--   moonreel run scripts/grid.lua -o grid.mp4
-- One file read at four places at once: moonreel keeps a decoder per place, so nothing seeks
-- back and forth.
local layout = require("moonreel.layout")
local mr = require("moonreel")          -- the same functions as the globals

local src = mr.video("assets/sample.mp4")
local views = {
  src:sub(0, 2),
  src:sub(1, 3),
  src:sub(2, 4):crop(0, 0, 240, 135):resize(480, 270),   -- zoom into the top-left quarter
  src:sub(0, 2):speed(2):loop(2),                          -- twice as fast, twice over
}
return layout.grid(views, {cols = 2, size = {960, 540}})
