return compose({color("navy", 64, 36), text("Hi " .. tostring(1), {size = 12, width = 40}):at("center")}, {duration = 1, fps = 10})
