/* sandbox.c: the batch row's Lua state: which libraries it has, what in them is blocked,
 * require, and the memory-limited allocator. The time limit is in sandbox_time.c. */
#include "interp/sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/clock.h"
#include "interp/sandbox_box.h"

/* The allocator: refuses to grow past the limit (Lua then raises "not enough memory"). */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    mr_sandbox_box *b = ud;
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

/* Replaces a blocked function, or answers for a blocked field: raises an error naming it
 * (upvalue 1, "io.open"). */
static int blocked(lua_State *L)
{
    return luaL_error(L, "%s is not allowed in a batch template (sandbox)", lua_tostring(L, lua_upvalueindex(1)));
}

/* __index of a library table with blocked values (upvalue 1: the library's name, upvalue 2:
 * a set of the blocked names): reading one raises naming it; other names are nil. */
static int blocked_index(lua_State *L)
{
    const char *lib = lua_tostring(L, lua_upvalueindex(1));
    if (lua_type(L, 2) == LUA_TSTRING) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
            return luaL_error(L, "%s.%s is not allowed in a batch template (sandbox)", lib, lua_tostring(L, 2));
    }
    lua_pushnil(L);
    return 1;
}

/* In the table on the stack top (library `lib`, NULL for globals): each of funcs becomes a
 * function raising its name when called, and reading any of values raises its name. */
static void block(lua_State *L, const char *lib, const char *const *funcs, const char *const *values)
{
    for (int i = 0; funcs && funcs[i]; i++) {
        if (lib)
            lua_pushfstring(L, "%s.%s", lib, funcs[i]);
        else
            lua_pushstring(L, funcs[i]);
        lua_pushcclosure(L, blocked, 1);
        lua_setfield(L, -2, funcs[i]);
    }
    if (!values)
        return;
    lua_createtable(L, 0, 2); /* the metatable */
    lua_pushstring(L, lib);
    lua_newtable(L);
    for (int i = 0; values[i]; i++) {
        lua_pushnil(L);
        lua_setfield(L, -5, values[i]); /* gone from the table itself, so __index answers */
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, values[i]);
    }
    lua_pushcclosure(L, blocked_index, 2);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

/* load() for text chunks only (binary chunks can break the VM); Lua's load is upvalue 1. */
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

/* print(): a row has no console; it prints nothing (try the template with moonreel run or
 * repl to see what it prints). */
static int quiet_print(lua_State *L)
{
    (void)L;
    return 0;
}

/* require(name): package.loaded[name] (only the libraries the sandbox gives), else one of
 * moonreel's own modules through the stdlib searcher (upvalue 1), else an error. */
static int safe_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, 2, name) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushstring(L, name);
    lua_call(L, 1, 2); /* a loader and its data, or a message */
    if (!lua_isfunction(L, -2))
        return luaL_error(L, "require('%s') is not allowed in a batch template: only moonreel's own modules (sandbox)", name);
    lua_pushstring(L, name);
    lua_insert(L, -2);
    lua_call(L, 2, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
    return 1;
}

/* Opens the libraries a template may use, each in package.loaded and as a global. */
static void open_safe_libs(lua_State *L)
{
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},       {LUA_LOADLIBNAME, luaopen_package},
                                    {LUA_COLIBNAME, luaopen_coroutine}, {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_OSLIBNAME, luaopen_os},         {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_MATHLIBNAME, luaopen_math},     {LUA_UTF8LIBNAME, luaopen_utf8},
                                    {NULL, NULL}};
    for (const luaL_Reg *l = libs; l->func; l++) {
        luaL_requiref(L, l->name, l->func, 1);
        lua_pop(L, 1);
    }
}

/* Builds the state inside a protected call (memory may run out anywhere): lua_touserdata(L, 1)
 * is the host. */
static int setup(lua_State *L)
{
    mr_host *host = lua_touserdata(L, 1);
    open_safe_libs(L); /* io and debug are never opened: the state has no file handles at all */
    mr_bindings_install(L, host);
    /* os: time and dates only */
    static const char *const os_blocked[] = {"execute", "remove", "rename", "exit", "tmpname", "setlocale", "getenv", NULL};
    lua_getglobal(L, "os");
    block(L, "os", os_blocked, NULL);
    lua_pop(L, 1);
    lua_getglobal(L, "string");
    block(L, "string", (const char *const[]){"dump", NULL}, NULL);
    lua_pop(L, 1);
    lua_pushglobaltable(L);
    block(L, NULL, (const char *const[]){"dofile", "loadfile", NULL}, NULL);
    lua_getfield(L, -1, "load");
    lua_pushcclosure(L, text_load, 1);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, quiet_print);
    lua_setfield(L, -2, "print");
    lua_pop(L, 1);
    /* io and debug: tables of refusals, so that every road to them (the global, require,
     * package.loaded) gives the same clear error */
    static const char *const io_funcs[] = {"open", "popen", "lines", "input", "output", "read", "write",
                                           "tmpfile", "close", "type", NULL};
    static const char *const io_values[] = {"stdin", "stdout", "stderr", NULL};
    lua_newtable(L);
    block(L, "io", io_funcs, io_values);
    lua_setglobal(L, "io");
    static const char *const dbg[] = {"debug", "gethook", "getinfo", "getlocal", "getmetatable", "getregistry",
                                      "getupvalue", "getuservalue", "sethook", "setlocal", "setmetatable",
                                      "setupvalue", "setuservalue", "traceback", "upvalueid", "upvaluejoin",
                                      "setcstacklimit", NULL};
    lua_newtable(L);
    block(L, "debug", dbg, NULL);
    lua_setglobal(L, "debug");
    /* require: moonreel's own modules; package: loaded and preload, the rest refused */
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    lua_rawgeti(L, -1, 2); /* the stdlib searcher mr_bindings_install put second */
    lua_pushcclosure(L, safe_require, 1);
    lua_setglobal(L, "require");
    lua_pop(L, 2);
    lua_newtable(L); /* the new package.loaded: what a template may have, and nothing else */
    static const char *const safe[] = {LUA_GNAME, LUA_COLIBNAME, LUA_TABLIBNAME, LUA_OSLIBNAME, LUA_STRLIBNAME,
                                       LUA_MATHLIBNAME, LUA_UTF8LIBNAME, "io", "debug", "moonreel", NULL};
    for (int i = 0; safe[i]; i++) {
        if (!strcmp(safe[i], "moonreel")) {
            lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
            lua_getfield(L, -1, "moonreel");
            lua_remove(L, -2);
        } else if (!strcmp(safe[i], LUA_GNAME)) {
            lua_pushglobaltable(L);
        } else {
            lua_getglobal(L, safe[i]);
        }
        lua_setfield(L, -2, safe[i]);
    }
    lua_createtable(L, 0, 4); /* the new package */
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "loaded");
    lua_newtable(L);
    lua_setfield(L, -2, "preload");
    lua_pushliteral(L, LUA_DIRSEP "\n;\n?\n!\n-\n");
    lua_setfield(L, -2, "config");
    block(L, "package", (const char *const[]){"loadlib", "searchpath", NULL},
          (const char *const[]){"searchers", "path", "cpath", NULL});
    lua_pushvalue(L, -1);
    lua_setglobal(L, LUA_LOADLIBNAME);
    lua_setfield(L, -2, LUA_LOADLIBNAME);
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE); /* the old one (with io, debug, package) goes */
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    mr_sandbox_time_install(L);
    return 0;
}

lua_State *mr_sandbox_new(mr_host *host, const mr_sandbox_limits *lim)
{
    mr_sandbox_box *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->limit = lim->memory;
    b->lua_seconds = lim->lua_seconds;
    lua_State *L = lua_newstate(limited_alloc, b); /* no warning function: warn() says nothing */
    if (!L) {
        free(b);
        return NULL;
    }
    lua_pushcfunction(L, setup);
    lua_pushlightuserdata(L, host);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        mr_sandbox_close(L);
        return NULL;
    }
    return L;
}

void mr_sandbox_start_clock(lua_State *L)
{
    mr_sandbox_box_of(L)->started = mr_clock_seconds();
}

void mr_sandbox_close(lua_State *L)
{
    if (!L)
        return;
    mr_sandbox_box *b = mr_sandbox_box_of(L);
    lua_close(L);
    free(b);
}
