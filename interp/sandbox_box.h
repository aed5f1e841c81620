/* sandbox_box.h: what sandbox.c and sandbox_time.c share about one row's Lua state: its
 * limits and what they have counted, kept as the allocator's userdata (lua_getallocf). */
#ifndef MR_SANDBOX_BOX_H
#define MR_SANDBOX_BOX_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct mr_sandbox_box {
    size_t used, limit;      /* bytes of Lua memory: in use, allowed */
    double lua_seconds;      /* the Lua time limit: the template and its render's functions together */
    double started;          /* when the clock started (mr_clock_seconds), 0 before */
    bool rendering;          /* the render has started: Lua time runs only while the Lua lock is held */
    double spent;            /* while rendering: the Lua time the template itself used */
    double lock_base;        /* while rendering: mr_bindings_lua_seconds() when the render started */
    bool stopped;            /* the limit was passed: every thread raises at every instruction */
} mr_sandbox_box;

/* The box of L (any thread of the state). */
mr_sandbox_box *mr_sandbox_box_of(lua_State *L);

/* The Lua time the row has used (seconds): the template's phase by the wall clock, then
 * the time its functions held the Lua lock during the render. 0 before the clock starts.
 * While rendering, call it holding the Lua lock (a hook does: it runs inside Lua). */
double mr_sandbox_lua_used(const mr_sandbox_box *b);

/* Installs the time limit on the main thread L and wraps what could run past it: coroutine
 * create/wrap/close (every new thread hooked; a coroutine stopped by the limit is never closed,
 * since its __close handlers would run with hooks off), xpcall (a handler never runs once the
 * limit has passed: it would run with hooks off) and setmetatable (a __gc finaliser is refused:
 * finalisers run with hooks off). Raises on memory errors (call it protected). */
void mr_sandbox_time_install(lua_State *L);

/* Raises the time-limit error in L. Never returns. */
int mr_sandbox_time_error(lua_State *L);

#endif
