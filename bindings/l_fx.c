/* l_fx.c: effects as values: fx.fadein(1), fx.resize{w = 640}, ... (moonreel.Fx). */
#include <math.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"

static int check_int(lua_State *L, int arg)
{
    int ok;
    lua_Integer v = lua_tointegerx(L, arg, &ok);
    if (!ok)
        luaL_typeerror(L, arg, "whole number");
    return (int)v;
}

mr_fx l_fx_from_args(lua_State *L, mr_fx_kind kind, int arg)
{
    mr_fx fx = {.kind = kind};
    switch (kind) {
    case MR_FX_FADEIN:
    case MR_FX_FADEOUT: /* (d[, colour]): from/to transparent, or from/to an opaque colour */
        fx.v[0] = l_check_time(L, arg);
        if (!lua_isnoneornil(L, arg + 1)) {
            fx.color = l_check_color(L, arg + 1);
            fx.has_color = true;
            if (fx.color.a != 255)
                luaL_argerror(L, arg + 1, "a fade's colour must be opaque (leave it out to fade to transparent)");
        }
        break;
    case MR_FX_OPACITY:
    case MR_FX_VOLUME:
        fx.v[0] = luaL_checknumber(L, arg);
        break;
    case MR_FX_CROP:
        for (int i = 0; i < 4; i++)
            fx.v[i] = check_int(L, arg + i);
        break;
    case MR_FX_RESIZE:
        if (lua_type(L, arg) == LUA_TTABLE) {
            bool w = l_field(L, arg, "w") != LUA_TNIL;
            if (w) {
                fx.v[0] = l_check_number(L, -1);
                lua_pop(L, 1);
            }
            bool h = l_field(L, arg, "h") != LUA_TNIL;
            if (h) {
                fx.v[w ? 1 : 0] = l_check_number(L, -1);
                lua_pop(L, 1);
            }
            if (!w && !h)
                luaL_argerror(L, arg, "give {w = ...}, {h = ...} or both");
            fx.mode = w && h ? MR_RESIZE_WH : w ? MR_RESIZE_W : MR_RESIZE_H;
        } else if (lua_isnoneornil(L, arg + 1)) {
            fx.v[0] = luaL_checknumber(L, arg);
            fx.mode = MR_RESIZE_SCALE;
            if (!(fx.v[0] > 0))
                luaL_argerror(L, arg, "scale must be positive");
        } else {
            fx.v[0] = luaL_checknumber(L, arg);
            fx.v[1] = luaL_checknumber(L, arg + 1);
            fx.mode = MR_RESIZE_WH;
        }
        break;
    }
    return fx;
}

const mr_fx *l_check_fx(lua_State *L, int arg)
{
    return luaL_checkudata(L, arg, MR_FX_MT);
}

static int push_fx(lua_State *L, mr_fx_kind kind)
{
    mr_fx fx = l_fx_from_args(L, kind, 1);
    mr_fx *u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = fx;
    luaL_setmetatable(L, MR_FX_MT);
    return 1;
}

static int fx_fadein(lua_State *L) { return push_fx(L, MR_FX_FADEIN); }
static int fx_fadeout(lua_State *L) { return push_fx(L, MR_FX_FADEOUT); }
static int fx_opacity(lua_State *L) { return push_fx(L, MR_FX_OPACITY); }
static int fx_volume(lua_State *L) { return push_fx(L, MR_FX_VOLUME); }
static int fx_resize(lua_State *L) { return push_fx(L, MR_FX_RESIZE); }
static int fx_crop(lua_State *L) { return push_fx(L, MR_FX_CROP); }

static int fx_tostring(lua_State *L)
{
    char buf[128];
    mr_fx_describe(l_check_fx(L, 1), buf, sizeof buf);
    lua_pushfstring(L, "Fx(%s)", buf);
    return 1;
}

void l_register_fx(lua_State *L)
{
    luaL_newmetatable(L, MR_FX_MT);
    lua_pushcfunction(L, fx_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
    static const luaL_Reg fns[] = {{"fadein", fx_fadein}, {"fadeout", fx_fadeout}, {"opacity", fx_opacity},
                                   {"volume", fx_volume}, {"resize", fx_resize}, {"crop", fx_crop}, {NULL, NULL}};
    luaL_newlib(L, fns);
}
