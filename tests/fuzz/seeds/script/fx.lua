local soft = {fx.fadein(0.5), fx.fadeout(0.5), fx.resize{w = 20}, fx.crop(0, 0, 10, 10)}
local p = pos(0, 0):to(10, 10, 1, {ease = "out"})
return color("#ff000080", 40, 20):dur(1):fx(table.unpack(soft)):at(p)
