/* fuzz_script.c: libFuzzer target for the script loader: a Lua chunk run as a batch
 * template runs, in the sandbox (memory and time limited, no files, no processes), with the
 * whole moonreel API. A clip it returns gets its first frame evaluated. */
#define _GNU_SOURCE /* memmem */
#include <lauxlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "bindings/moonreel.h"
#include "engine/render/render.h"
#include "interp/host.h"
#include "interp/sandbox.h"

/* The sandbox's clock stops Lua on Ctrl-C (interp/host.c sets this); the harness gets none. */
volatile sig_atomic_t mr_interrupted;

/* Whether the chunk names a library function that can loop inside C for ages (pattern
 * matching's backtracking, table.move over 2^62 slots): the Lua time limit cannot stop those;
 * in a batch the supervisor stops the worker from outside (tests/e2e/sandbox.sh), which this
 * harness has not, so it leaves such chunks out rather than report a known limit as a hang. */
static bool loops_in_c(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"find", "match", "gsub", "move"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (memmem(data, size, names[i], strlen(names[i])))
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384 || loops_in_c(data, size))
        return 0;
    static mr_host host;
    memset(&host, 0, sizeof host);
    host.defaults = mr_render_opts_default();
    host.defaults.backend = MR_BACKEND_CPU;
    host.sandboxed = true;
    snprintf(host.allowed[0], sizeof host.allowed[0], "/nonexistent-fuzz-folder");
    host.nallowed = 1;
    snprintf(host.script_dir, sizeof host.script_dir, "/nonexistent-fuzz-folder");
    mr_sandbox_limits lim = {(size_t)64 << 20, 0.5};
    lua_State *L = mr_sandbox_new(&host, &lim);
    if (!L)
        return 0;
    if (luaL_loadbufferx(L, (const char *)data, size, "=fuzz", "t") == LUA_OK) {
        mr_sandbox_start_clock(L);
        if (lua_pcall(L, 0, 1, 0) == LUA_OK) {
            mr_clip *c = mr_bindings_to_clip(L, -1);
            /* small pictures only: a fuzzer asking for 16384x16384 frames finds memory, not bugs */
            if (c && c->has_video && (int64_t)c->w * c->h <= 4096 * 4096) {
                mr_err err;
                mr_frame_unref(mr_render_frame(c, 0, NULL, NULL, &err));
            }
        }
    }
    mr_sandbox_close(L);
    return 0;
}
