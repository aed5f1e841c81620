-- require_here.lua: require() finds modules beside the script, wherever moonreel runs from
-- (ctest runs it from the build folder): here helpers.lua, the module file beside this one.
local H = require("helpers")
assert(type(H.contains) == "function", "require('helpers') found tests/lua/helpers.lua")
assert(package.path:find(arg[0]:match("(.*)/"), 1, true), "the script's folder is on package.path")
