-- motion.lua: things that move, each along its own kind of curve: a title on keyframes with
-- an easing, a subtitle on a Bézier ease following it with :delay(), a logo that pops in on a
-- spring, a ball bouncing along a path written as a Lua function, badges turning, and a slow
-- Ken Burns zoom of the background. Curves are values: added, multiplied, delayed, sampled.
--   moonreel run scripts/motion.lua -o motion.mp4
local W, H, D = 640, 360, 3

-- the background: a photo zoomed in slowly about a point up and to the left (:scale's x, y
-- are fractions of the picture), dimmed over black
local zoom = keys{ {0, 1}, {D, 1.35, ease = "in_out_sine"} }
local bg = image("assets/photo1.png"):resize(W, H):scale(zoom, 0.25, 0.3):opacity(0.55)

-- the title slides in from the left on keyframes of {x, y}, decelerating (out_cubic)
local banner = compose({
  color("#e0301e", 380, 64),
  text("Things that move", {font = "DejaVu Sans Bold", size = 34, color = "white"}):at("center"),
}, {bg = "transparent"})
local title = banner:at(keys{ {0, {-400, 30}}, {1.2, {40, 30}, ease = "out_cubic"} })

-- the subtitle follows on the same kind of path, 0.3 s later and on a CSS cubic-bezier that
-- overshoots: one curve of x, shifted with :delay(), moved with +, sampled with c(t)
local slide = keys{ {0, -400}, {1.2, 40, ease = bezier(0.34, 1.56, 0.64, 1)} }
local sub_x = slide:delay(0.3) + 24
local subtitle = text("keys, easings, springs, Bézier, Lua functions", {size = 18, color = "#ffe9a8"})
  :at(function(t) return sub_x(t), 102 end)
  :opacity(keys{ {0.3, 0}, {1.0, 1, ease = "in_quad"} })

-- the logo pops in at 0.6 s on a spring (it overshoots, so it gets a margin to grow into)
local pop = spring{stiffness = 180, damping = 9, mass = 1}:delay(0.6)
local logo = image("assets/logo.png"):resize{w = 140}:margin(16):scale(pop):at("right", "top", 16)

-- a ball bouncing along a path given as a Lua function of time: hops |sin| whose height is a
-- curve times a function (a curve too), lower at every bounce
local amp = keys{ {0, 180}, {D, 20, ease = "out_quad"} }
local height = amp * function(t) return math.abs(math.sin(2.5 * math.pi * t)) end
local ball = canvas(36, 36, function(ctx)                    -- drawn once: the function takes no t
  ctx:circle(18, 18, 17)
  ctx:radial_gradient(12, 12, 20, {{0, "#fff6b0"}, {1, "#ffb000"}})
  ctx:fill()
end):at(function(t) return 40 + 110 * t, 300 - height(t) end)

-- two badges turning: one at a steady 90 degrees a second inside its own box (expand false),
-- the other the opposite way, twice as fast, on the same curve negated and scaled; each is
-- placed by its centre (its anchor) rather than by its top-left corner
local turn = keys{ {0, 0}, {D, 270} }
local square = color("#3a86ff", 70, 70):margin(15)
local badge1 = square:rotate(turn, false):anchor("center"):at(470, 280)
local badge2 = color("#8338ec", 40, 40):rotate(-turn * 2):anchor("center"):at(568, 278)

print(("at 0.8 s the subtitle is at x = %.0f and the logo at scale %.2f"):format(sub_x(0.8), pop(0.8)))
return compose({color("black", W, H), bg, badge1, badge2, ball, title, subtitle, logo}, {duration = D})
