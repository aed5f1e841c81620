/* sandbox.c: the batch row's Lua state. */
#include "interp/sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/clock.h"

typedef struct box {
    size_t used, limit;
    double lua_seconds, started;
    bool stopped;
} box;

/* The allocator: refuses to grow past the limit (Lua then raises "not enough memory"). */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    box *b = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        b->used -= old;
        return NULL;
    }
    if (nsize > old && b->used + (nsize - old) > b->limit)
        return NULL;
    void *p = realloc(ptr, nsize);
    if (p)
        b->used += nsize - old;
    return p;
}

/* The time limit: checked every 10000 instructions; once over, it fires at every instruction,
 * so no pcall handler can run on past it. */
static void clock_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    box *b;
    lua_getallocf(L, (void **)&b);
    if (!b->stopped && b->started > 0 && mr_clock_seconds() - b->started > b->lua_seconds) {
        b->stopped = true;
        lua_sethook(L, clock_hook, LUA_MASKCOUNT, 1);
    }
    if (b->stopped) { /* (Lua's own formatting has no %g) */
        char msg[128];
        snprintf(msg, sizeof msg, "the template ran Lua code for more than %g s (the row's Lua time limit)", b->lua_seconds);
        luaL_error(L, "%s", msg);
    }
}

/* Replaces a blocked function: calling it raises an error naming it. */
static int blocked(lua_State *L)
{
    return luaL_error(L, "%s is not allowed in a batch template (sandbox)", lua_tostring(L, lua_upvalueindex(1)));
}

static void block(lua_State *L, const char *lib, const char *name)
{
    char full[64];
    snprintf(full, sizeof full, "%s%s%s", lib ? lib : "", lib ? "." : "", name);
    if (lib) {
        if (lua_getglobal(L, lib) != LUA_TTABLE) {
            lua_pop(L, 1);
            return;
        }
    } else {
        lua_pushglobaltable(L);
    }
    lua_pushstring(L, full);
    lua_pushcclosure(L, blocked, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* load() for text chunks only (binary chunks can break the VM). */
static int text_load(lua_State *L)
{
    const char *mode = luaL_optstring(L, 3, "t");
    if (strchr(mode, 'b'))
        return luaL_error(L, "load of binary chunks is not allowed in a batch template (sandbox)");
    lua_settop(L, 4);
    lua_pushstring(L, "t");
    lua_replace(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 4, LUA_MULTRET);
    return lua_gettop(L);
}

/* The last searcher: what require could not find in moonreel's own modules. */
static int no_module(lua_State *L)
{
    lua_pushfstring(L, "\n\trequire('%s') is not allowed in a batch template: only moonreel's own modules (sandbox)",
                    luaL_checkstring(L, 1));
    return 1;
}

lua_State *mr_sandbox_new(mr_host *host, const mr_sandbox_limits *lim)
{
    box *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->limit = lim->memory;
    b->lua_seconds = lim->lua_seconds;
    lua_State *L = lua_newstate(limited_alloc, b);
    if (!L) {
        free(b);
        return NULL;
    }
    luaL_openlibs(L);
    mr_bindings_install(L, host);
    static const char *const os_blocked[] = {"execute", "remove", "rename", "exit", "tmpname", "setlocale", "getenv", NULL};
    static const char *const io_blocked[] = {"open", "popen", "lines", "input", "output", "read", "tmpfile", NULL};
    for (int i = 0; os_blocked[i]; i++)
        block(L, "os", os_blocked[i]);
    for (int i = 0; io_blocked[i]; i++)
        block(L, "io", io_blocked[i]);
    block(L, "package", "loadlib");
    block(L, "string", "dump");
    block(L, NULL, "dofile");
    block(L, NULL, "loadfile");
    /* debug: every function blocked (the table stays, for error messages to name them) */
    lua_newtable(L);
    static const char *const dbg[] = {"debug", "gethook", "getinfo", "getlocal", "getmetatable", "getregistry",
                                      "getupvalue", "getuservalue", "sethook", "setlocal", "setmetatable",
                                      "setupvalue", "setuservalue", "traceback", "upvalueid", "upvaluejoin", NULL};
    lua_setglobal(L, "debug");
    for (int i = 0; dbg[i]; i++)
        block(L, "debug", dbg[i]);
    /* load: text only */
    lua_getglobal(L, "load");
    lua_pushcclosure(L, text_load, 1);
    lua_setglobal(L, "load");
    /* require: preload and moonreel's embedded modules only */
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2); /* the stdlib searcher mr_bindings_install put second */
    lua_newtable(L);
    lua_insert(L, -3);
    lua_rawseti(L, -3, 2);
    lua_rawseti(L, -2, 1);
    lua_pushcfunction(L, no_module);
    lua_rawseti(L, -2, 3);
    lua_setfield(L, -3, "searchers");
    lua_pop(L, 2);
    lua_pushstring(L, "");
    lua_setfield(L, LUA_REGISTRYINDEX, "moonreel.sandbox");
    lua_sethook(L, clock_hook, LUA_MASKCOUNT, 10000);
    return L;
}

void mr_sandbox_start_clock(lua_State *L)
{
    box *b;
    lua_getallocf(L, (void **)&b);
    b->started = mr_clock_seconds();
}

void mr_sandbox_close(lua_State *L)
{
    if (!L)
        return;
    box *b;
    lua_getallocf(L, (void **)&b);
    lua_close(L);
    free(b);
}
