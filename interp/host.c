/* host.c: the Lua state, script loading with tracebacks, and Ctrl-C. */
#include "interp/host.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "engine/gpu/gpu.h"
#include "engine/output/part_file.h"
#include "engine/render/segmented.h"
#include "interp/cli.h"

volatile sig_atomic_t mr_interrupted;
static lua_State *running_state;

/* os.exit, after the background GPU open (if any) has finished: the process must not end
 * while that thread is inside the CUDA runtime. Calls Lua's own os.exit (upvalue 1). */
static int exit_settled(lua_State *L)
{
    mr_gpu_settle();
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static unsigned long long last_seed;

unsigned long long mr_host_random_seed(void)
{
    return last_seed;
}

/* Seeds L's math.random: with MOONREEL_RANDOM_SEED where it is set (a segment's process,
 * given its parent's seed), else from /dev/urandom (as Lua would seed it, at random). */
static void seed_random(lua_State *L)
{
    const char *given = getenv("MOONREEL_RANDOM_SEED");
    unsigned long long seed = 0;
    if (given) {
        seed = strtoull(given, NULL, 10);
    } else {
        FILE *f = fopen("/dev/urandom", "rb");
        if (!f || fread(&seed, sizeof seed, 1, f) != 1)
            seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
        if (f)
            fclose(f);
    }
    last_seed = seed;
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, (lua_Integer)(seed & 0x7fffffffffffffffULL));
    lua_call(L, 1, 0);
    lua_pop(L, 1);
}

lua_State *mr_host_new_state(mr_host *host)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, "moonreel: out of memory\n");
        exit(1);
    }
    luaL_openlibs(L);
    lua_getglobal(L, "os");
    lua_getfield(L, -1, "exit");
    lua_pushcclosure(L, exit_settled, 1);
    lua_setfield(L, -2, "exit");
    lua_pop(L, 1);
    seed_random(L);
    mr_bindings_install(L, host);
    return L;
}

int mr_host_set_args(lua_State *L, char **sets, int nsets)
{
    lua_newtable(L);
    for (int i = 0; i < nsets; i++) {
        char key[256];
        mr_set_value v;
        if (mr_cli_parse_set(sets[i], key, sizeof key, &v) < 0) {
            fprintf(stderr, "moonreel: --set wants key=value, got '%s'\n", sets[i]);
            lua_pop(L, 1);
            return -1;
        }
        if (v.kind == MR_SET_INTEGER)
            lua_pushinteger(L, v.integer);
        else if (v.kind == MR_SET_REAL)
            lua_pushnumber(L, v.real);
        else
            lua_pushstring(L, v.text);
        lua_setfield(L, -2, v.key);
    }
    lua_setglobal(L, "args");
    return 0;
}

/* Whether a script's error shows the Lua traceback under its one line (-v, MOONREEL_TRACEBACK=1);
 * -1 until asked: then the environment decides. */
static int show_traceback = -1;

void mr_host_set_traceback(bool on)
{
    show_traceback = on;
}

/* Message handler: the error message, with the traceback appended when asked for. */
static int traceback(lua_State *L)
{
    if (show_traceback < 0) {
        const char *env = getenv("MOONREEL_TRACEBACK");
        show_traceback = env && *env && strcmp(env, "0");
    }
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    if (show_traceback)
        luaL_traceback(L, L, msg, 1);
    else
        lua_pushstring(L, msg);
    return 1;
}

/* Puts the script's folder first in package.path, so require("mymod") finds mymod.lua
 * beside the script wherever moonreel runs from (once: a reload does not add it again). */
static void search_script_dir(lua_State *L, const char *dir)
{
    if (lua_getglobal(L, "package") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    const char *d = dir[0] ? dir : ".";
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;", d, d);
    lua_getfield(L, -2, "path");
    const char *old = lua_tostring(L, -1);
    if (old && strncmp(old, lua_tostring(L, -2), lua_rawlen(L, -2)) != 0) {
        lua_concat(L, 2);
        lua_setfield(L, -2, "path");
    } else {
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

int mr_host_run_file(lua_State *L, mr_host *host, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(host->script_dir, sizeof host->script_dir, "%.*s", (int)(slash - path), path);
    else
        host->script_dir[0] = 0;
    if (slash == path)
        snprintf(host->script_dir, sizeof host->script_dir, "/");
    if (!host->sandboxed)
        search_script_dir(L, host->script_dir);
    lua_createtable(L, 1, 0); /* arg[0] is the script, as with the lua interpreter */
    lua_pushstring(L, path);
    lua_seti(L, -2, 0);
    lua_setglobal(L, "arg");
    int base = lua_gettop(L);
    bool from_stdin = !strcmp(path, "-"); /* as lua -: the script from standard input */
    if (from_stdin)
        host->script_dir[0] = 0;
    if (luaL_loadfilex(L, from_stdin ? NULL : path, "t") != LUA_OK || mr_host_pcall(L, 0, 1) != LUA_OK) {
        snprintf(host->last_error, sizeof host->last_error, "%s", lua_tostring(L, -1));
        fprintf(stderr, "%s\n", host->last_error);
        lua_settop(L, base);
        return -1;
    }
    host->last_error[0] = 0;
    return 0;
}

int mr_host_pcall(lua_State *L, int nargs, int nresults)
{
    int fn = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback);
    lua_insert(L, fn);
    lua_State *outer = running_state;
    running_state = L;
    mr_bindings_lua_enter(); /* render workers calling Lua curves wait meanwhile */
    int r = lua_pcall(L, nargs, nresults, fn);
    mr_bindings_lua_leave();
    running_state = outer;
    lua_remove(L, fn);
    return r;
}

/* Hook set from the signal handler: raises "interrupted" in the running Lua code. */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
    lua_sethook(L, NULL, 0, 0);
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        luaL_error(L, "%s:%d: interrupted", ar->short_src, ar->currentline);
    luaL_error(L, "interrupted");
}

/* SIGINT (Ctrl-C) and SIGTERM: the first asks renders and Lua code to stop (they remove what
 * they were writing, and the command exits 128 + the signal); a second leaves at once, after
 * removing the temporary files still being written. */
static void on_signal(int sig)
{
    if (mr_interrupted) { /* a second one: leave now */
        mr_part_remove_all_now();
        mr_segments_remove_now(); /* and the folder of a render in segments, finished parts too */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    mr_interrupted = sig;
    if (running_state)
        lua_sethook(running_state, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

int mr_host_interrupt_status(void)
{
    return mr_interrupted ? 128 + (int)mr_interrupted : 0;
}

void mr_host_catch_interrupt(lua_State *L)
{
    (void)L;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}
