/* moonreel.h: what the host (interp/) needs from the Lua bindings. */
#ifndef MR_BINDINGS_H
#define MR_BINDINGS_H

#include <lua.h>
#include "engine/core/clip.h"
#include "engine/render/render.h"

/* What the host lends the bindings: defaults for every render (from the command line),
 * the folder that relative input paths start from, and a count of renders done. */
typedef struct mr_host {
    mr_render_opts defaults;
    char script_dir[4096];   /* "" for the current directory */
    int renders;             /* render() calls completed */
    bool segment_task;       /* run --segment: the script's own render() calls are skipped (the
                              * plain run, or the process that started the segments, does them) */
    char last_error[2048];   /* the message of the last script error (for the preview page) */
    /* a batch row's sandbox: no render() or :save(), and inputs only under these folders */
    bool sandboxed;
    char allowed[8][4096];   /* real paths */
    int nallowed;
} mr_host;

/* Opens the moonreel module: returns 1 (the module table on the stack). */
int luaopen_moonreel(lua_State *L);

/* Makes the module's functions globals, sets package.loaded.moonreel, installs the searcher
 * for the embedded stdlib, and records host (which must outlive L). */
void mr_bindings_install(lua_State *L, mr_host *host);

/* The Lua lock (bindings/l_curve.c): the host holds it while it runs Lua code, so that the
 * render's workers (and the preview page's thread), calling Lua curves, map and canvas
 * functions, never use the state at the same time. Recursive for its holder. */
void mr_bindings_lua_enter(void);
void mr_bindings_lua_leave(void);

/* Seconds the Lua lock has been held in this process, by every thread together, counting
 * the caller's current hold: how long Lua code (and the C it calls) has run. Only
 * differences mean anything (a batch row's callbacks: the reading after minus before). */
double mr_bindings_lua_seconds(void);

/* The clip at index idx, or NULL if it is not a clip (borrowed). */
mr_clip *mr_bindings_to_clip(lua_State *L, int idx);

#endif
