/* sandbox.h: the Lua state a batch row runs in. Templates and row data are not trusted: the
 * state has the standard libraries without what reaches outside (processes, files, C modules,
 * binary chunks, string.dump, debug), moonreel restricted to reading allowed folders, memory
 * limited by its allocator and Lua time by an instruction hook that pcall cannot get past. */
#ifndef MR_SANDBOX_H
#define MR_SANDBOX_H

#include <lua.h>
#include <stddef.h>
#include "bindings/moonreel.h"

typedef struct mr_sandbox_limits {
    size_t memory;           /* bytes of Lua memory */
    double lua_seconds;      /* time running Lua code */
} mr_sandbox_limits;

/* A fresh sandboxed state for host (host->sandboxed and ->allowed set by the caller).
 * NULL when memory runs out. Close it with mr_sandbox_close. */
lua_State *mr_sandbox_new(mr_host *host, const mr_sandbox_limits *lim);

/* Starts the Lua time limit's clock (the row's Lua code starts now). */
void mr_sandbox_start_clock(lua_State *L);

void mr_sandbox_close(lua_State *L);

#endif
