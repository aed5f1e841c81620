/* l_types.h: how the binding files reach each other's types. */
#ifndef MR_L_TYPES_H
#define MR_L_TYPES_H

#include <lua.h>
#include <stdbool.h>
#include "engine/core/frame.h"
#include "engine/ops/fx.h"

/* Metatables and function tables, registered by luaopen_moonreel. */
void l_register_clip(lua_State *L);
void l_register_frame(lua_State *L);
void l_register_pos(lua_State *L);
void l_register_fx(lua_State *L);       /* leaves the fx table on the stack */

/* What another tool calls an operation or field ("TimeMirror", "set_position"): moonreel's
 * name, or NULL (l_names.c). */
const char *l_other_name(const char *k);
/* The registry's operation nearest to a misspelled name, or NULL. */
const char *l_nearest_op(const char *k);

/* Module functions, set into the table on the stack top. */
void l_add_sources(lua_State *L);
/* text(s, opts) and text_animate(s, opts, fn) (l_text.c). */
int l_text(lua_State *L);
int l_text_animate(lua_State *L);
void l_add_compose(lua_State *L);
void l_add_render(lua_State *L);
void l_add_pos(lua_State *L);

/* The registry's face (l_op.c): every operation as a method (into the table on the stack
 * top), as an fx value (likewise), and the argument reader they share. */
void l_add_op_methods(lua_State *L);
void l_add_op_values(lua_State *L);
struct mr_op;
/* Reads op's arguments from the Lua values [first, last] into args (positional, in a form,
 * or one table of names). Raises on misuse naming the operation and the parameter. */
void l_op_read_args(lua_State *L, const struct mr_op *op, int first, int last, mr_arg *args);
/* An Fx of op with the arguments [first, last], checked, put on the stack at `first` (the
 * arguments move up one); returns it (Lua owns it). */
mr_fx *l_fx_from_args(lua_State *L, const struct mr_op *op, int first, int last);
/* The operation named by the string at arg, or raises (with the nearest name). */
const struct mr_op *l_check_op_name(lua_State *L, int arg);
const mr_fx *l_check_fx(lua_State *L, int arg);

/* Masks (l_mask.c): the `mask` table into the table on the stack top and the Mask
 * metatable; the Mask at arg (a clip there is replaced by its luma's Mask, which the caller
 * borrows from the stack); clip:alpha(). */
void l_add_masks(lua_State *L);
struct mr_mask *l_check_mask(lua_State *L, int arg);
int l_clip_alpha(lua_State *L);

/* Gradients (l_gradient.c): the `gradient` table (linear, radial) into the table on the
 * stack top. */
void l_add_gradient(lua_State *L);

/* Per-frame Lua (l_scripted.c): canvas() into the table on the stack top; clip:map. */
void l_add_scripted(lua_State *L);
int l_clip_map(lua_State *L);

/* Subtitles (l_subtitles.c): subtitles() into the table on the stack top; clip:subtitles. */
void l_add_subtitles(lua_State *L);
int l_clip_subtitles(lua_State *L);

/* clip:loudness() (l_loudness.c): integrated LUFS and true peak dBTP of the whole sound. */
int l_clip_loudness(lua_State *L);

/* Curves (l_curve.c): keys, spring, bezier into the table on the stack top; the Curve
 * metatable. */
void l_add_curves(lua_State *L);
/* A curve of dim numbers from the value at idx (a Curve, or a function of t), a new
 * reference; NULL when the value is neither. */
struct mr_curve *l_to_curve(lua_State *L, int idx, int dim);
/* Pushes a Curve owning c (the reference passes to Lua); c NULL raises err. Returns 1. */
int l_push_curve(lua_State *L, struct mr_curve *c, const mr_err *err);
/* The easing of a bezier(...) or spring{...} value at idx into *e; false when it is neither. */
struct mr_ease;
bool l_to_ease(lua_State *L, int idx, struct mr_ease *e);
/* The Lua lock (l_curve.c): held while this process runs Lua code that function curves may
 * call into; l_lua_suspend lets it go around an engine call that evaluates pictures (its
 * workers call the curves) and returns what l_lua_resume takes back. */
/* A Lua function kept for calls from the render's workers: the function, a thread of its own
 * to call it on, where it was written ("edit.lua:12") and how many parameters it takes. */
typedef struct l_kept_fn {
    lua_State *main, *thread;
    int fn_ref, thread_ref, params;
    bool busy;          /* its thread is mid-call (under the Lua lock) */
    char where[96];
} l_kept_fn;
/* Keeps the function at idx into *k (raises when memory runs out). */
void l_keep_function(lua_State *L, int idx, l_kept_fn *k);
/* Lets it go (under the Lua lock). */
void l_release_function(l_kept_fn *k);
void l_lua_enter(void);
void l_lua_leave(void);
/* The lock around a callback's call: inside one, l_lua_suspend keeps the lock (the callback's
 * Lua thread is mid-call; nothing may call into it from another worker meanwhile). */
void l_callback_enter(void);
void l_callback_leave(void);
int l_lua_suspend(void);
void l_lua_resume(int depth);

/* Transitions (l_transition.c): the Transition metatable, every transition's constructor as a
 * global and in the `transition` table, and concat (l_concat.c), into the table on the stack
 * top; the transition at idx, or NULL when the value is not one (borrowed). */
void l_add_transitions(lua_State *L);
struct mr_transition *l_to_transition(lua_State *L, int idx);
int l_concat(lua_State *L);

/* Sound (l_sound.c): audio_mix, sound, declick into the table on the stack top; clip:samples. */
void l_add_sound(lua_State *L);
int l_clip_samples(lua_State *L);

/* Pushes a Frame owning f (the caller's reference passes to Lua). Returns 1. */
int l_push_frame(lua_State *L, mr_frame *f);

#endif
