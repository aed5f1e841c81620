local ok = pcall(video, "x.mp4")
local ok2 = pcall(render, color("red", 8, 8):dur(1), "x.mp4")
return ok or ok2 or text("x", {font = "DejaVu Sans", stroke = {"black", 2}, align = "right"}):dur(0.5)
