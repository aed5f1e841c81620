/* sandbox_time.c: the Lua time limit of a batch row, and what keeps Lua code from running
 * past it. The limit covers the template and then the functions its render calls (curves,
 * map, canvas: the time they hold the Lua lock). An instruction-count hook compares the
 * clock with the limit every HOOK_EVERY instructions; once it has passed, the thread that
 * notices raises at every instruction, so no pcall can catch the error and go on. Lua runs
 * some code with hooks off (finalisers, the handler of an error raised in a hook, the __close
 * handlers of a coroutine that died in a hook), so those ways in are closed here; a loop
 * inside one C call (a string pattern that backtracks) is out of any hook's reach, and the
 * batch supervisor stops that worker from outside (batch.c). */
#include "interp/sandbox_box.h"

#include <lauxlib.h>
#include <stdio.h>
#include "bindings/moonreel.h"
#include "engine/core/clock.h"
#include "interp/host.h"
#include "interp/sandbox.h"

enum { HOOK_EVERY = 10000 };

mr_sandbox_box *mr_sandbox_box_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

double mr_sandbox_lua_used(const mr_sandbox_box *b)
{
    if (b->rendering)
        return b->spent + (mr_bindings_lua_seconds() - b->lock_base);
    return b->started > 0 ? mr_clock_seconds() - b->started : 0;
}

void mr_sandbox_start_render(lua_State *L)
{
    mr_bindings_lua_enter();
    lua_gc(L, LUA_GCCOLLECT); /* the row's data and the template's garbage, before the render's frames need memory */
    mr_bindings_lua_leave();
    mr_sandbox_box *b = mr_sandbox_box_of(L);
    b->spent = mr_sandbox_lua_used(b);
    b->lock_base = mr_bindings_lua_seconds();
    b->rendering = true;
}

/* Pushes where the Lua code stopped by the limit is ("file:line: "): the running function
 * when a hook raises, else its caller (a C function raising for it); "" when neither is Lua. */
static void push_where(lua_State *L)
{
    luaL_where(L, 0);
    if (lua_rawlen(L, -1) == 0) {
        lua_pop(L, 1);
        luaL_where(L, 1);
    }
}

int mr_sandbox_time_error(lua_State *L)
{
    char msg[256]; /* (Lua's own formatting has no %g) */
    const mr_sandbox_box *b = mr_sandbox_box_of(L);
    if (b->rendering)
        snprintf(msg, sizeof msg, "the row ran Lua code for more than %g s (the row's Lua time limit, --lua-time: "
                                  "the template and the functions its render calls share it)", b->lua_seconds);
    else
        snprintf(msg, sizeof msg, "the template ran Lua code for more than %g s (the row's Lua time limit)", b->lua_seconds);
    push_where(L);
    lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

/* The hook of every thread: past the limit, or interrupted (Ctrl-C, SIGTERM) while the render
 * calls Lua back, arms this thread to fire at every instruction and raises. */
static void clock_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    mr_sandbox_box *b = mr_sandbox_box_of(L);
    bool interrupted = b->rendering && mr_interrupted; /* (the template's phase: host.c's hook stops it) */
    if (!b->stopped && (interrupted || mr_sandbox_lua_used(b) > b->lua_seconds))
        b->stopped = true;
    if (b->stopped) {
        if (lua_gethookcount(L) != 1)
            lua_sethook(L, clock_hook, LUA_MASKCOUNT, 1);
        if (interrupted)
            luaL_error(L, "interrupted");
        mr_sandbox_time_error(L);
    }
}

/* Hooks thread co as the limit stands now. */
static void arm(lua_State *co)
{
    lua_sethook(co, clock_hook, LUA_MASKCOUNT, mr_sandbox_box_of(co)->stopped ? 1 : HOOK_EVERY);
}

/* coroutine.create(f): Lua's own (upvalue 1), then the new thread hooked. */
static int co_create(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    if (mr_sandbox_box_of(L)->stopped)
        return mr_sandbox_time_error(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    arm(lua_tothread(L, -1));
    return 1;
}

/* Resumes co with narg values from L's top; as lcorolib's auxresume: the number of results
 * moved onto L, or -1 with the error value on L's top. */
static int resume(lua_State *L, lua_State *co, int narg)
{
    int nres;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    int status = lua_resume(co, L, narg, &nres);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return -1;
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);
    return -1;
}

/* The function coroutine.wrap returns (the thread is upvalue 1): lcorolib's, except that a
 * coroutine ended by the time limit is not closed (its __close handlers would run unhooked). */
static int co_wrapped(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = resume(L, co, lua_gettop(L));
    if (r >= 0)
        return r;
    int stat = lua_status(co);
    if (stat != LUA_OK && stat != LUA_YIELD && !mr_sandbox_box_of(L)->stopped) {
        stat = lua_resetthread(co); /* close its to-be-closed variables */
        lua_xmove(co, L, 1);
    }
    if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* coroutine.wrap(f): coroutine.create (upvalue 1, the hooked one) and the resuming function. */
static int co_wrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    lua_pushcclosure(L, co_wrapped, 1);
    return 1;
}

/* coroutine.close(co): Lua's own (upvalue 1) until the limit has passed, then refused. */
static int co_close(lua_State *L)
{
    if (mr_sandbox_box_of(L)->stopped)
        return mr_sandbox_time_error(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* The message handler xpcall is given instead of the template's (upvalue 1): that one runs
 * only while the limit holds; past it, the message goes on as it is. */
static int guarded_handler(lua_State *L)
{
    if (mr_sandbox_box_of(L)->stopped)
        return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int finish_call(lua_State *L, int status, lua_KContext ctx)
{
    (void)status;
    (void)ctx;
    return lua_gettop(L);
}

/* xpcall(f, msgh, ...): Lua's own (upvalue 1) with msgh guarded; it may yield. */
static int guarded_xpcall(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, finish_call);
    return finish_call(L, LUA_OK, 0);
}

/* setmetatable(t, mt): Lua's own (upvalue 1), refusing a metatable with a __gc field (only
 * such a metatable makes a table finalisable; adding __gc later does not). */
static int no_gc_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods (finalisers) are not allowed in a batch template (sandbox): "
                                 "they run where the time limit cannot stop them");
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* Replaces table[name] (the table on the stack top) with f closed over its old value. */
static void wrap_field(lua_State *L, const char *name, lua_CFunction f)
{
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, -2, name);
}

void mr_sandbox_time_install(lua_State *L)
{
    lua_pushglobaltable(L);
    wrap_field(L, "xpcall", guarded_xpcall);
    wrap_field(L, "setmetatable", no_gc_setmetatable);
    lua_pop(L, 1);
    if (lua_getglobal(L, "coroutine") == LUA_TTABLE) {
        wrap_field(L, "create", co_create);
        wrap_field(L, "close", co_close);
        lua_getfield(L, -1, "create"); /* wrap makes its threads with the hooked create */
        lua_pushcclosure(L, co_wrap, 1);
        lua_setfield(L, -2, "wrap");
    }
    lua_pop(L, 1);
    arm(L);
}
