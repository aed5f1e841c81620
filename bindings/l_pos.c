/* l_pos.c: positions as values: pos(100, 50), pos("right", "top", 40) (moonreel.Position). */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"

static int l_pos_new(lua_State *L)
{
    mr_pos p = l_check_pos(L, 1);
    mr_pos *u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = p;
    luaL_setmetatable(L, MR_POS_MT);
    return 1;
}

/* pos(x, y):to(x1, y1, d[, {ease = "out", delay = 0}]): the same place, moving to (x1, y1)
 * over d seconds of the clip's time */
static int pos_to(lua_State *L)
{
    mr_pos p = *(mr_pos *)luaL_checkudata(L, 1, MR_POS_MT);
    p.x1 = luaL_checknumber(L, 2);
    p.y1 = luaL_checknumber(L, 3);
    p.dur = l_check_time(L, 4);
    luaL_argcheck(L, p.dur > 0, 4, "the move needs a positive duration");
    if (!lua_isnoneornil(L, 5))
        luaL_checktype(L, 5, LUA_TTABLE);
    static const char *const keys[] = {"delay", "ease"};
    l_check_keys(L, 5, "to", keys, 2);
    if (l_field(L, 5, "delay") != LUA_TNIL) {
        p.t0 = l_check_time(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, 5, "ease") != LUA_TNIL) {
        const char *e = l_check_string(L, -1);
        if (strcmp(e, "out") && strcmp(e, "linear"))
            l_arg_error(L, -1, "ease must be \"linear\" or \"out\"");
        p.ease_out = !strcmp(e, "out");
        lua_pop(L, 1);
    }
    mr_pos *u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = p;
    luaL_setmetatable(L, MR_POS_MT);
    return 1;
}

static int pos_tostring(lua_State *L)
{
    char buf[128];
    mr_pos_describe(luaL_checkudata(L, 1, MR_POS_MT), buf, sizeof buf);
    lua_pushfstring(L, "Position(%s)", buf);
    return 1;
}

void l_register_pos(lua_State *L)
{
    luaL_newmetatable(L, MR_POS_MT);
    lua_pushcfunction(L, pos_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_newtable(L);
    lua_pushcfunction(L, pos_to);
    lua_setfield(L, -2, "to");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

void l_add_pos(lua_State *L)
{
    lua_pushcfunction(L, l_pos_new);
    lua_setfield(L, -2, "pos");
}
