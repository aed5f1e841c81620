/* l_fx.c: effects as values (moonreel.Fx): fx.fadein(1), fx.resize{w = 640}, one for every
 * operation of the registry (l_op.c makes them); tostring and the collector's clean-up. */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/ops/op.h"
#include "engine/core/suggest.h"

const mr_fx *l_check_fx(lua_State *L, int arg)
{
    const mr_fx *fx = luaL_checkudata(L, arg, MR_FX_MT);
    if (!fx->op)
        luaL_argerror(L, arg, "an empty Fx");
    return fx;
}

static int fx_tostring(lua_State *L)
{
    char buf[256];
    mr_fx_describe(l_check_fx(L, 1), buf, sizeof buf);
    lua_pushfstring(L, "Fx(%s)", buf);
    return 1;
}

static int fx_gc(lua_State *L)
{
    mr_fx_clear(luaL_checkudata(L, 1, MR_FX_MT));
    return 0;
}

/* fx.NAME for a name no operation has: an error with the nearest one. */
static int fx_missing(lua_State *L)
{
    const char *name = luaL_checkstring(L, 2), *other = l_other_name(name), *near = l_nearest_op(name);
    if (other)
        return luaL_error(L, "no effect fx.%s; moonreel calls it fx.%s", name, other);
    if (near)
        return luaL_error(L, "no effect fx.%s; did you mean fx.%s?", name, near);
    return luaL_error(L, "no effect fx.%s (moonreel help ops lists them)", name);
}

void l_register_fx(lua_State *L)
{
    luaL_newmetatable(L, MR_FX_MT);
    lua_pushcfunction(L, fx_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, fx_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_newtable(L);
    l_add_op_values(L);
    lua_newtable(L); /* fx.fadin: "did you mean 'fadein'?" */
    lua_pushcfunction(L, fx_missing);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
}
