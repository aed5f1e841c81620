/* l_transition.c: transitions as values (moonreel.Transition). One loop over the table of
 * engine/transitions/tr_table.c makes each transition a constructor, as a global (crossfade(1),
 * wipe("left", 0.5)) and in the `transition` table (transition.wipe, transition.custom); the
 * registry's reader checks their arguments. transition.custom keeps a Lua function, called
 * once when a concat is built, to make the overlap's clip from the two clips. */
#include <stdlib.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/suggest.h"
#include "engine/transitions/transition.h"

#define MR_TRANSITION_MT "moonreel.Transition"

/* The userdata: the transition once made; before that the arguments being read, which a
 * raised error leaves to __gc. */
typedef struct l_transition {
    mr_transition *t;
    const mr_transition_desc *desc;
    mr_arg args[MR_OP_MAX_PARAMS];
} l_transition;

mr_transition *l_to_transition(lua_State *L, int idx)
{
    l_transition *u = luaL_testudata(L, idx, MR_TRANSITION_MT);
    return u ? u->t : NULL;
}

static int tr_tostring(lua_State *L)
{
    l_transition *u = luaL_checkudata(L, 1, MR_TRANSITION_MT);
    char buf[256] = "(being made)";
    if (u->t)
        mr_transition_describe(u->t, buf, sizeof buf);
    lua_pushfstring(L, "Transition(%s)", buf);
    return 1;
}

static int tr_gc(lua_State *L)
{
    l_transition *u = luaL_checkudata(L, 1, MR_TRANSITION_MT);
    if (u->desc)
        mr_op_args_clear(u->args, u->desc->op.nparams);
    mr_transition_unref(u->t);
    u->t = NULL;
    return 0;
}

/* t.name, t.duration. */
static int tr_index(lua_State *L)
{
    l_transition *u = luaL_checkudata(L, 1, MR_TRANSITION_MT);
    const char *k = luaL_checkstring(L, 2);
    if (u->t && !strcmp(k, "name"))
        lua_pushstring(L, u->desc->op.name);
    else if (u->t && !strcmp(k, "duration"))
        lua_pushnumber(L, u->t->d);
    else
        return luaL_error(L, "a Transition has no field '%s' (it has name and duration)", k);
    return 1;
}

/* The script's function of transition.custom, kept for the concats built with it. */
typedef struct custom_fn {
    l_kept_fn k;
} custom_fn;

static void release_custom(void *ud)
{
    l_release_function(&((custom_fn *)ud)->k);
    free(ud);
}

/* Pushes a curve of keys from (0, v0) to (d, v1) eased by e onto T. Returns 0 or -1. */
static int push_ramp(lua_State *T, double d, double v0, double v1, const mr_ease *e, mr_err *err)
{
    mr_curve_key k[2] = {{0, {v0}, {MR_EASE_LINEAR, MR_EASE_IN, {0}, 0}}, {d, {v1}, *e}};
    mr_curve *c = mr_curve_keys(1, k, d > 0 ? 2 : 1, err);
    if (!c)
        return -1;
    l_push_curve(T, c, err);
    return 0;
}

/* mr_tr_build_fn: fn(a, b, progress, t) on the function's own thread; its clip. */
static mr_clip *build_custom(void *ud, mr_clip *a, mr_clip *b, double d, const mr_ease *e, mr_err *err)
{
    custom_fn *f = ud;
    static const mr_ease linear = {MR_EASE_LINEAR, MR_EASE_IN, {0}, 0};
    l_callback_enter();
    if (f->k.busy) {
        l_callback_leave();
        return mr_err_set(err, "the function of %s was called again while it runs", f->k.where), NULL;
    }
    f->k.busy = true;
    lua_State *T = f->k.thread;
    lua_settop(T, 0);
    lua_rawgeti(T, LUA_REGISTRYINDEX, f->k.fn_ref);
    l_push_clip(T, mr_clip_ref(a), NULL, NULL);
    l_push_clip(T, mr_clip_ref(b), NULL, NULL);
    mr_clip *made = NULL;
    if (push_ramp(T, d, 0, 1, e, err) == 0 && push_ramp(T, d, 0, d, &linear, err) == 0) {
        if (lua_pcall(T, 4, 1, 0) != LUA_OK) {
            const char *msg = lua_tostring(T, -1);
            mr_err_set(err, "%s (the function of %s)", msg ? msg : "error", f->k.where);
        } else if (!(made = mr_clip_ref(mr_bindings_to_clip(T, -1)))) {
            mr_err_set(err, "the function of %s returned %s, not a clip", f->k.where, l_type_name(T, -1));
        }
    }
    lua_settop(T, 0);
    f->k.busy = false;
    l_callback_leave();
    return made;
}

/* An easing from the value on the stack top, for transition desc: a name ("in_out_cubic"),
 * bezier(...) or spring{...}. Raises naming the option (and the nearest name). */
static mr_ease read_ease(lua_State *L, const mr_transition_desc *desc)
{
    mr_ease e;
    mr_err err;
    if (lua_type(L, -1) == LUA_TSTRING && mr_ease_parse(lua_tostring(L, -1), &e, &err) == 0)
        return e;
    if (lua_type(L, -1) != LUA_TSTRING && l_to_ease(L, -1, &e))
        return e;
    const mr_param_desc *p = &desc->op.params[mr_op_param(&desc->op, "ease")];
    char names[512];
    const char *list[40];
    size_t n = 0;
    snprintf(names, sizeof names, "%s", p->choices);
    for (char *c = names; *c && n < 40;) {
        list[n++] = c;
        c += strcspn(c, "|");
        if (*c)
            *c++ = 0;
    }
    const char *near = lua_type(L, -1) == LUA_TSTRING ? mr_suggest(lua_tostring(L, -1), list, n) : NULL;
    if (lua_type(L, -1) == LUA_TSTRING)
        return luaL_error(L, "bad argument 'ease' to '%s' (%s%s%s%s)", desc->op.name, err.msg,
                          near ? "; did you mean '" : "", near ? near : "", near ? "'?" : ""), e;
    return luaL_error(L, "bad argument 'ease' to '%s' (an easing's name, bezier(...) or spring{...} expected, got %s)",
                      desc->op.name, l_type_name(L, -1)), e;
}

/* The options table at idx read for what the registry's reader does not take: audio = "cut"
 * (no sound overlap: 0 s) and ease as bezier(...) or spring{...} (and every name, with a
 * clearer error), put into *ease. Replaces the table by a copy without them when it has them.
 * Returns whether it found an ease. */
static bool take_options(lua_State *L, int idx, const mr_transition_desc *desc, mr_ease *ease)
{
    bool cut = lua_getfield(L, idx, "audio") == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "cut");
    bool eased = lua_getfield(L, idx, "ease") != LUA_TNIL;
    if (eased)
        *ease = read_ease(L, desc);
    lua_pop(L, 2);
    if (!cut && !eased)
        return false;
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    if (cut) {
        lua_pushinteger(L, 0);
        lua_setfield(L, -2, "audio");
    }
    lua_pushnil(L);
    lua_setfield(L, -2, "ease");
    lua_pushnil(L);
    if (lua_next(L, -2)) {
        lua_pop(L, 2);
    } else { /* nothing left: no options (a trailing nil the reader drops) */
        lua_pop(L, 1);
        lua_pushnil(L);
    }
    lua_replace(L, idx);
    return eased;
}

/* NAME(...): a transition of the descriptor in upvalue 1 (transition.custom: fn first). */
static int tr_new(lua_State *L)
{
    const mr_transition_desc *desc = lua_touserdata(L, lua_upvalueindex(1));
    int first = 1, last = lua_gettop(L);
    if (!desc->frame && lua_type(L, 1) != LUA_TFUNCTION)
        return luaL_argerror(L, 1, lua_pushfstring(L, "a function(a, b, progress, t) expected, got %s",
                                                   l_type_name(L, 1)));
    first += !desc->frame;
    mr_ease ease;
    bool eased = false;
    for (int i = first; i <= last; i++)
        if (lua_type(L, i) == LUA_TTABLE && !luaL_testudata(L, i, MR_TRANSITION_MT))
            eased |= take_options(L, i, desc, &ease);
    l_transition *u = lua_newuserdatauv(L, sizeof *u, 0);
    memset(u, 0, sizeof *u);
    u->desc = desc;
    luaL_setmetatable(L, MR_TRANSITION_MT);
    lua_insert(L, first); /* below the arguments, which move up one */
    l_op_read_args(L, &desc->op, first + 1, last + 1, u->args);
    mr_err err;
    mr_transition *t = mr_transition_new(desc, u->args, &err);
    mr_op_args_clear(u->args, desc->op.nparams);
    if (!t)
        return l_fail(L, NULL, &err);
    u->t = t;
    if (eased)
        t->ease = ease;
    if (!desc->frame) {
        custom_fn *f = calloc(1, sizeof *f);
        if (!f)
            return luaL_error(L, "out of memory");
        l_keep_function(L, 1, &f->k);
        t->build = build_custom;
        t->ud = f;
        t->release = release_custom;
    }
    lua_settop(L, first);
    return 1;
}

/* transition.NAME for a name no transition has: an error with the nearest one. */
static int tr_missing(lua_State *L)
{
    const char *name = luaL_checkstring(L, 2), *names[64];
    size_t n = 0;
    for (const mr_transition_desc *t = mr_transition_table; t->op.name && n < 64; t++)
        names[n++] = t->op.name;
    const char *near = mr_suggest(name, names, n);
    if (near)
        return luaL_error(L, "no transition transition.%s; did you mean transition.%s?", name, near);
    return luaL_error(L, "no transition transition.%s (moonreel help ops lists them)", name);
}

void l_add_transitions(lua_State *L)
{
    luaL_newmetatable(L, MR_TRANSITION_MT);
    static const luaL_Reg meta[] = {{"__tostring", tr_tostring}, {"__gc", tr_gc}, {"__index", tr_index}, {NULL, NULL}};
    luaL_setfuncs(L, meta, 0);
    lua_pop(L, 1);
    lua_newtable(L); /* transition */
    for (const mr_transition_desc *t = mr_transition_table; t->op.name; t++) {
        lua_pushlightuserdata(L, (void *)t);
        lua_pushcclosure(L, tr_new, 1);
        if (t->frame) { /* a global too; custom only as transition.custom */
            lua_pushvalue(L, -1);
            lua_setfield(L, -4, t->op.name);
        }
        lua_setfield(L, -2, t->op.name);
    }
    lua_newtable(L);
    lua_pushcfunction(L, tr_missing);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "transition");
    lua_pushcfunction(L, l_concat);
    lua_setfield(L, -2, "concat");
}
