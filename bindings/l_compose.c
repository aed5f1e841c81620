/* l_compose.c: compose(layers, opts) (concat is l_concat.c's). */
#include <math.h>
#include <stdlib.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/ops/ops.h"

/* The clips of the list at arg, borrowed (they stay referenced by the table). Raises on a
 * non-clip entry, naming its position. The array is Lua-owned scratch (a userdata). */
static mr_clip **check_list(lua_State *L, int arg, int *n)
{
    luaL_checktype(L, arg, LUA_TTABLE);
    *n = (int)luaL_len(L, arg);
    if (*n < 1)
        luaL_argerror(L, arg, "the list is empty");
    mr_clip **v = lua_newuserdatauv(L, sizeof *v * (size_t)*n, 0);
    for (int i = 0; i < *n; i++) {
        lua_geti(L, arg, i + 1);
        v[i] = mr_bindings_to_clip(L, -1);
        if (!v[i]) {
            lua_pushfstring(L, "entry %d is a %s, not a clip", i + 1, l_type_name(L, -1));
            luaL_argerror(L, arg, lua_tostring(L, -1));
        }
        lua_pop(L, 1);
    }
    return v;
}

static int l_compose(lua_State *L)
{
    lua_settop(L, 2); /* the clip list's scratch goes above the arguments */
    int n;
    mr_clip **layers = check_list(L, 1, &n);
    mr_compose_opts o = mr_compose_opts_default();
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        static const char *const keys[] = {"size", "bg", "duration", "fps"};
        l_check_keys(L, 2, "compose", keys, 4);
        if (l_field(L, 2, "size") != LUA_TNIL) {
            l_check_size(L, -1, &o.w, &o.h);
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "bg") != LUA_TNIL) {
            o.bg = l_check_color(L, -1);
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "duration") != LUA_TNIL) {
            o.duration = l_check_time(L, -1);
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "fps") != LUA_TNIL) {
            o.fps = l_check_fps(L, -1);
            lua_pop(L, 1);
        }
    }
    mr_err err;
    return l_push_clip(L, mr_compose_new(layers, n, &o, &err), NULL, &err);
}

void l_add_compose(lua_State *L)
{
    static const luaL_Reg fns[] = {{"compose", l_compose}, {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
}
