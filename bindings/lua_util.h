/* lua_util.h: argument checking and value conversion shared by the bindings. Misuse
 * raises a Lua error naming the function and argument (luaL_argerror); engine failures
 * raise the engine's message, positioned at the script line that called. */
#ifndef MR_LUA_UTIL_H
#define MR_LUA_UTIL_H

#include <lauxlib.h>
#include <lua.h>
#include "bindings/moonreel.h"
#include "engine/core/color.h"
#include "engine/core/error.h"
#include "engine/ops/pos.h"
#include "engine/render/render.h"

#define MR_CLIP_MT "moonreel.Clip"
#define MR_FRAME_MT "moonreel.Frame"
#define MR_POS_MT "moonreel.Position"
#define MR_FX_MT "moonreel.Fx"

/* Raises err's message at the calling script line, prefixed with "what: " unless NULL. */
int l_fail(lua_State *L, const char *what, const mr_err *err);

/* Pushes a new Clip userdata owning c (one reference, the caller's, passes to Lua), and
 * records the script line that made it. c NULL raises err instead. Returns 1. */
int l_push_clip(lua_State *L, mr_clip *c, const char *what, const mr_err *err);

/* The clip at arg (borrowed), or raises "moonreel.Clip expected, got ..." (any other
 * userdata is refused by its metatable, never read as a clip). */
mr_clip *l_check_clip(lua_State *L, int arg);

/* The type of the value at idx as messages name it: a moonreel userdata by its metatable's
 * name ("moonreel.Frame"), anything else as luaL_typename does. */
const char *l_type_name(lua_State *L, int idx);

/* A time: seconds or "hh:mm:ss.fff"/"mm:ss". */
double l_check_time(lua_State *L, int arg);

/* A colour: "#rrggbb[aa]", a CSS name, or {r, g, b[, a]} in 0..255. */
mr_rgba l_check_color(lua_State *L, int arg);

/* A position from the arguments starting at arg: (x, y), ("center"), ("right", "top"[, margin]),
 * or a Position value. */
mr_pos l_check_pos(lua_State *L, int arg);

/* A frame rate: 25, 29.97 or "30000/1001" (the render options' parser). */
mr_rational l_check_fps(lua_State *L, int arg);

/* A size: {w, h} or "WxH"; raises on anything else. */
void l_check_size(lua_State *L, int arg, int *w, int *h);

/* Table field helpers: leave the field's value on the stack top when present and return its
 * type, else push nothing and return LUA_TNIL. The checks below, given a negative index (the
 * field on the stack top), then name the field: "bad option 'size' to 'compose' (...)". */
int l_field(lua_State *L, int table, const char *key);

/* Raises "bad argument #arg to 'fn' (msg)" for an argument, or "bad option 'key' to 'fn'
 * (msg)" for the field l_field pushed last (arg < 0). Never returns. */
int l_arg_error(lua_State *L, int arg, const char *msg);

/* While an operation's parameter is read (fn "blur", key "radius"), errors name it: "bad
 * argument 'radius' to 'blur' (...)". l_arg_name(NULL, NULL) ends it. */
void l_arg_name(const char *fn, const char *key);

/* The same with "<expected> expected, got <type>". Never returns. */
int l_type_error(lua_State *L, int arg, const char *expected);

/* luaL_checknumber/checkinteger/checkstring that name an option field (arg < 0) rightly. */
lua_Number l_check_number(lua_State *L, int arg);
lua_Integer l_check_integer(lua_State *L, int arg);
const char *l_check_string(lua_State *L, int arg);

/* Raises an error for a key of the options table at idx that is not in names[0..n) (or not
 * a string), suggesting the closest known name: "unknown option 'sise' to 'text'; did you
 * mean 'size'?". */
void l_check_keys(lua_State *L, int idx, const char *fname, const char *const *names, size_t n);

/* The same for a table that also holds values in order: keys 1 .. npos pass, any other key
 * that is not a string is an error saying what the values in order are (`what`: "clips and
 * transitions"). */
void l_check_list_keys(lua_State *L, int idx, lua_Integer npos, const char *fname, const char *const *names, size_t n,
                       const char *what);

/* Records the host in the registry under a key only C can name (mr_bindings_install does it). */
void l_set_host(lua_State *L, mr_host *h);

/* The host record (never NULL once installed). */
mr_host *l_host(lua_State *L);

/* Resolves an input path against the script's folder into buf. Returns buf. */
const char *l_input_path(lua_State *L, const char *path, char *buf, size_t n);

/* Reads render options from the table at idx (may be absent) over *o. Strings stay owned by
 * Lua: the table must stay on the stack while o is used. */
void l_read_render_opts(lua_State *L, int idx, const char *fname, mr_render_opts *o);

/* A render worker's call of a kept Lua function (l_types.h), the steps every callback shares.
 * l_kept_begin takes the Lua lock and marks k busy, returning its thread with an empty stack;
 * when k is mid-call already it lets the lock go and returns NULL with err set ("the <what>
 * function of <where> was called again while it runs"). l_kept_end empties the stack, clears
 * busy and lets the lock go. l_kept_free: a release function for a malloc'd struct whose first
 * member is the l_kept_fn (lets the function go, frees the struct). */
struct l_kept_fn;
lua_State *l_kept_begin(struct l_kept_fn *k, const char *what, mr_err *err);
void l_kept_end(struct l_kept_fn *k);
void l_kept_free(void *ud);

#endif
