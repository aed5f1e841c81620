/* sandbox.h: the Lua state a batch row runs in. Templates and row data are not trusted: the
 * state has the standard libraries without what reaches outside (processes, files, console,
 * C modules, binary chunks, string.dump; io and debug are never opened, and require and
 * package.loaded give only what the sandbox allows), moonreel restricted to reading allowed
 * folders, memory limited by its allocator, and Lua time by an instruction hook on every
 * thread that pcall, xpcall, coroutines and finalisers cannot get past (sandbox_time.c),
 * covering the template and the functions its render calls back (curves, map, canvas). A
 * loop inside one C call is beyond any hook: the batch supervisor stops that worker. */
#ifndef MR_SANDBOX_H
#define MR_SANDBOX_H

#include <lua.h>
#include <stddef.h>
#include "bindings/moonreel.h"

typedef struct mr_sandbox_limits {
    size_t memory;           /* bytes of Lua memory */
    double lua_seconds;      /* time running Lua code */
} mr_sandbox_limits;

/* A fresh sandboxed state for host (host->sandboxed and ->allowed set by the caller; host
 * must outlive the state). NULL when memory runs out (within lim->memory too). Close it with
 * mr_sandbox_close. */
lua_State *mr_sandbox_new(mr_host *host, const mr_sandbox_limits *lim);

/* Starts the Lua time limit's clock (the row's Lua code starts now). */
void mr_sandbox_start_clock(lua_State *L);

/* The template has made its clip and the render starts: collects what the template left,
 * then the limit counts what the template used plus the time the row's functions (curves,
 * map, canvas) run during the render, which the render's workers call under the Lua lock.
 * The state stays open until mr_sandbox_close, after the render. Call it without holding
 * the Lua lock and before the render's workers start. */
void mr_sandbox_start_render(lua_State *L);

/* Closes L (NULL: nothing) and frees its box. The row's clip must be gone first: the
 * functions it keeps are released into L. */
void mr_sandbox_close(lua_State *L);

#endif
