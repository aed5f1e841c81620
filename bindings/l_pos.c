/* l_pos.c: positions as values: pos(100, 50), pos("right", "top", 40) (moonreel.Position). */
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
    lua_pop(L, 1);
}

void l_add_pos(lua_State *L)
{
    lua_pushcfunction(L, l_pos_new);
    lua_setfield(L, -2, "pos");
}
