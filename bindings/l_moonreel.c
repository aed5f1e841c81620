/* l_moonreel.c: the moonreel module: every function as a global and as require("moonreel"),
 * plus a searcher that finds the stdlib modules compiled into the binary. */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"

struct mr_stdlib_module {
    const char *name, *src;
    size_t len;
};
extern const struct mr_stdlib_module mr_stdlib_modules[];

/* Guards every moonreel type's metatable (each registered as "moonreel.NAME"):
 * getmetatable(v) gives the type's name instead, so a script can neither call a metamethod
 * such as __gc by hand nor change what a type does. */
static void protect_metatables(lua_State *L)
{
    lua_pushnil(L);
    while (lua_next(L, LUA_REGISTRYINDEX)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TTABLE &&
            !strncmp(lua_tostring(L, -2), "moonreel.", 9)) {
            lua_pushvalue(L, -2);
            lua_setfield(L, -2, "__metatable");
        }
        lua_pop(L, 1);
    }
}

int luaopen_moonreel(lua_State *L)
{
    l_register_clip(L);
    l_register_frame(L);
    l_register_pos(L);
    lua_newtable(L);
    l_add_sources(L);
    l_add_gradient(L);
    l_add_compose(L);
    l_add_transitions(L);
    l_add_render(L);
    l_add_pos(L);
    l_add_curves(L);
    l_add_scripted(L);
    l_add_masks(L);
    l_add_subtitles(L);
    l_add_sound(L);
    l_register_fx(L);
    lua_setfield(L, -2, "fx");
    protect_metatables(L);
    lua_pushstring(L, MR_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}

/* package.searchers entry: "moonreel.layout" and friends from the binary itself. */
static int search_stdlib(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    for (const struct mr_stdlib_module *m = mr_stdlib_modules; m->name; m++) {
        if (strcmp(m->name, name) != 0)
            continue;
        lua_pushfstring(L, "=[moonreel stdlib %s]", name);
        if (luaL_loadbufferx(L, m->src, m->len, lua_tostring(L, -1), "t") != LUA_OK)
            return lua_error(L);
        lua_pushstring(L, name);
        return 2;
    }
    lua_pushfstring(L, "no module '%s' in moonreel's stdlib", name);
    return 1;
}

void mr_bindings_install(lua_State *L, mr_host *host)
{
    l_set_host(L, host);
    luaL_requiref(L, "moonreel", luaopen_moonreel, 0);
    lua_pushglobaltable(L);
    lua_pushnil(L);
    while (lua_next(L, -3)) { /* module fields become globals */
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
    lua_pop(L, 2);
    /* the stdlib searcher goes second, after package.preload */
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    lua_pushcfunction(L, search_stdlib);
    for (lua_Integer i = luaL_len(L, -2); i >= 2; i--) {
        lua_geti(L, -2, i);
        lua_seti(L, -3, i + 1);
    }
    lua_seti(L, -2, 2);
    lua_pop(L, 2);
}
