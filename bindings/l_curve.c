/* l_curve.c: moonreel.Curve: values that change over time, for every animatable parameter.
 *   keys{ {0, 0}, {1.5, 300, ease = "out_cubic"}, {3, {x, y}} }   keyframes
 *   spring{from =, to =, stiffness =, damping =, mass =, delay =}   a spring's motion
 *   bezier(x1, y1, x2, y2)                                          a CSS easing, for keys
 *   c(t)  c + 10  c * other  c:delay(0.5)  -c                        sampling and arithmetic
 * and a Lua function of time wherever a curve goes (l_to_curve), called from the render's
 * workers under the Lua lock, so one Lua state is never used by two threads at once. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/ops/curve.h"
#include "engine/core/clock.h"
#include "engine/core/suggest.h"
#include "engine/core/timefmt.h"

#define MR_CURVE_MT "moonreel.Curve"
#define MR_EASE_MT "moonreel.Ease"

/* The Lua lock: whoever runs Lua code of a state that curves call into holds it. It is taken
 * by the REPL while it evaluates (the preview page renders on its own thread meanwhile) and
 * by each call of a function curve; engine calls made from Lua that evaluate pictures let it
 * go for their length (l_lua_suspend), since their workers call the curves. Recursive for its
 * owner: a frame evaluated on the calling thread calls the curve on that thread. How long it
 * is held is counted (mr_bindings_lua_seconds): a batch row's Lua time limit covers the
 * callbacks of its render by that count. */
static pthread_mutex_t lua_lock = PTHREAD_MUTEX_INITIALIZER;
/* The holder (0 when none): only the holder writes its own id here, and clears it before it
 * lets go, so a thread that reads its own id holds the lock. lua_depth is the holder's alone. */
static _Atomic unsigned long lua_owner;
static int lua_depth;
/* How long the lock has been held: by every holder before the current one (seconds), and
 * since when the current holder has it (mr_clock_seconds). Written by the holder only. */
static double held_before, held_since;

static bool held_here(void) { return atomic_load(&lua_owner) == (unsigned long)pthread_self(); }

/* Takes the mutex for this thread at depth `depth`, starting the hold's clock. */
static void take(int depth)
{
    pthread_mutex_lock(&lua_lock);
    atomic_store(&lua_owner, (unsigned long)pthread_self());
    lua_depth = depth;
    held_since = mr_clock_seconds();
}

/* Lets the mutex go (the caller holds it), adding the hold to held_before. */
static void give(void)
{
    held_before += mr_clock_seconds() - held_since;
    lua_depth = 0;
    atomic_store(&lua_owner, 0);
    pthread_mutex_unlock(&lua_lock);
}

void l_lua_enter(void)
{
    if (held_here())
        lua_depth++;
    else
        take(1);
}

void l_lua_leave(void)
{
    if (lua_depth == 1)
        give();
    else
        lua_depth--;
}

double mr_bindings_lua_seconds(void)
{
    if (held_here())
        return held_before + (mr_clock_seconds() - held_since);
    pthread_mutex_lock(&lua_lock);
    double s = held_before;
    pthread_mutex_unlock(&lua_lock);
    return s;
}

void mr_bindings_lua_enter(void) { l_lua_enter(); }
void mr_bindings_lua_leave(void) { l_lua_leave(); }

/* How many callbacks (function curves, map, canvas) this thread is inside. Their Lua threads
 * are mid-call there: letting the lock go would let another worker call the same function on
 * the same Lua thread, so inside a callback the lock is kept (what it evaluates runs here). */
static _Thread_local int in_callback;

void l_callback_enter(void)
{
    l_lua_enter();
    in_callback++;
}

void l_callback_leave(void)
{
    in_callback--;
    l_lua_leave();
}

int l_lua_suspend(void)
{
    if (!held_here() || in_callback > 0)
        return 0;
    int depth = lua_depth;
    give();
    return depth;
}

void l_lua_resume(int depth)
{
    if (depth > 0)
        take(depth);
}

typedef struct l_curve {
    mr_curve *c;
    bool is_spring;     /* made by spring{}: also usable as a keyframe's ease */
    mr_ease spring;
} l_curve;

/* Pushes a Curve owning c (the reference passes to Lua). Returns 1. */
static int push_curve(lua_State *L, mr_curve *c, const mr_err *err)
{
    if (!c)
        return l_fail(L, NULL, err);
    l_curve *u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = (l_curve){c, false, {0}};
    luaL_setmetatable(L, MR_CURVE_MT);
    return 1;
}

int l_push_curve(lua_State *L, mr_curve *c, const mr_err *err) { return push_curve(L, c, err); }

void l_keep_function(lua_State *L, int idx, l_kept_fn *k)
{
    lua_Debug ar;
    lua_pushvalue(L, idx);
    lua_getinfo(L, ">Su", &ar);
    snprintf(k->where, sizeof k->where, "%s:%d", ar.short_src, ar.linedefined);
    k->params = ar.isvararg ? 99 : ar.nparams;
    lua_pushvalue(L, idx);
    k->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    k->thread = lua_newthread(L);
    k->thread_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    k->main = L;
}

void l_release_function(l_kept_fn *k)
{
    l_lua_enter();
    luaL_unref(k->main, LUA_REGISTRYINDEX, k->fn_ref);
    luaL_unref(k->main, LUA_REGISTRYINDEX, k->thread_ref);
    l_lua_leave();
}

/* A function curve's Lua side. */
typedef struct lua_fn {
    l_kept_fn k;
    int dim;
} lua_fn;

/* mr_curve_fn: calls the Lua function with t under the Lua lock; its results are the curve's
 * numbers. Errors name the function's script line and the time. */
static int call_fn(void *ud, double t, double *out, mr_err *err)
{
    lua_fn *f = ud;
    l_callback_enter();
    if (f->k.busy) {
        l_callback_leave();
        return mr_err_set(err, "the curve function of %s was called again while it runs (a curve made from it, "
                          "sampled inside it)", f->k.where);
    }
    f->k.busy = true;
    lua_State *T = f->k.thread;
    lua_settop(T, 0);
    lua_rawgeti(T, LUA_REGISTRYINDEX, f->k.fn_ref);
    lua_pushnumber(T, t);
    int r = 0;
    if (lua_pcall(T, 1, f->dim, 0) != LUA_OK) {
        const char *msg = lua_tostring(T, -1);
        r = mr_err_set(err, "%s (the curve function of %s, at %.3f s)", msg ? msg : "error", f->k.where, t);
    } else {
        for (int i = 0; i < f->dim && r == 0; i++) {
            int ok;
            out[i] = lua_tonumberx(T, i + 1, &ok);
            if (!ok)
                r = mr_err_set(err, "the curve function of %s gave %s at %.3f s where number %d of %d belongs", f->k.where,
                               luaL_typename(T, i + 1), t, i + 1, f->dim);
        }
    }
    lua_settop(T, 0);
    f->k.busy = false;
    l_callback_leave();
    return r;
}

/* Frees the Lua side when the curve goes. */
static void release_fn(void *ud)
{
    l_release_function(&((lua_fn *)ud)->k);
    free(ud);
}

mr_curve *l_to_curve(lua_State *L, int idx, int dim)
{
    idx = lua_absindex(L, idx);
    l_curve *u = luaL_testudata(L, idx, MR_CURVE_MT);
    if (u) {
        if (mr_curve_dim(u->c) != dim) {
            lua_pushfstring(L, "a curve of %d number%s where %d belong%s", mr_curve_dim(u->c),
                            mr_curve_dim(u->c) == 1 ? "" : "s", dim,
                            dim == 2 ? " (x, y: keys of {x, y} values, or a function returning x, y)" : "");
            l_arg_error(L, idx, lua_tostring(L, -1));
        }
        return mr_curve_ref(u->c);
    }
    if (lua_type(L, idx) != LUA_TFUNCTION)
        return NULL;
    lua_fn *f = calloc(1, sizeof *f);
    if (!f)
        luaL_error(L, "out of memory");
    l_keep_function(L, idx, &f->k);
    f->dim = dim;
    mr_err err;
    mr_curve *c = mr_curve_function(dim, call_fn, f, release_fn, &err);
    if (!c) {
        release_fn(f);
        l_fail(L, NULL, &err);
    }
    return c;
}

static l_curve *check_curve(lua_State *L, int arg)
{
    return luaL_checkudata(L, arg, MR_CURVE_MT);
}

/* A key's value: a number or a table of 1..4 numbers; returns how many. */
static int key_value(lua_State *L, int idx, int key, double *v)
{
    if (lua_type(L, idx) == LUA_TNUMBER) {
        v[0] = lua_tonumber(L, idx);
        return 1;
    }
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "bad keyframe %d to 'keys' (its value must be a number or a table of numbers, got %s)", key,
                   luaL_typename(L, idx));
    int n = (int)luaL_len(L, idx);
    if (n < 1 || n > MR_CURVE_DIM)
        luaL_error(L, "bad keyframe %d to 'keys' (a value of 1 to %d numbers, got %d)", key, MR_CURVE_DIM, n);
    for (int i = 0; i < n; i++) {
        lua_geti(L, idx, i + 1);
        int ok;
        v[i] = lua_tonumberx(L, -1, &ok);
        lua_pop(L, 1);
        if (!ok)
            luaL_error(L, "bad keyframe %d to 'keys' (number %d of its value is not a number)", key, i + 1);
    }
    return n;
}

/* An ease: a name, bezier(...), or a spring{} curve. */
static void check_ease(lua_State *L, int idx, int key, mr_ease *e)
{
    mr_err err;
    if (lua_type(L, idx) == LUA_TSTRING) {
        if (mr_ease_parse(lua_tostring(L, idx), e, &err) < 0)
            luaL_error(L, "bad keyframe %d to 'keys' (%s)", key, err.msg);
        return;
    }
    mr_ease *b = luaL_testudata(L, idx, MR_EASE_MT);
    if (b) {
        *e = *b;
        return;
    }
    l_curve *u = luaL_testudata(L, idx, MR_CURVE_MT);
    if (u && u->is_spring) {
        *e = u->spring;
        return;
    }
    luaL_error(L, "bad keyframe %d to 'keys' (ease must be a name such as \"out_cubic\", bezier(...) or spring{...})", key);
}

bool l_to_ease(lua_State *L, int idx, mr_ease *e)
{
    mr_ease *b = luaL_testudata(L, idx, MR_EASE_MT);
    l_curve *u = b ? NULL : luaL_testudata(L, idx, MR_CURVE_MT);
    if (b)
        *e = *b;
    else if (u && u->is_spring)
        *e = u->spring;
    return b || (u && u->is_spring);
}

/* keys{ {t, value[, ease = ...]}, ... } */
static int l_keys(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (!lua_isnoneornil(L, 2))
        luaL_argerror(L, 2, "keys takes one table of keyframes; each keyframe's ease goes inside it ({t, value, ease = ...})");
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1))
            luaL_error(L, "bad argument #1 to 'keys' (a list of keyframes {t, value[, ease = ...]}, not a key '%s'; "
                       "move a whole curve with c:delay(d))", luaL_tolstring(L, -1, NULL));
    }
    int n = (int)luaL_len(L, 1), dim = 0;
    if (n < 1)
        luaL_argerror(L, 1, "give at least one keyframe {t, value}");
    mr_curve_key *k = lua_newuserdatauv(L, sizeof *k * n, 0); /* Lua-owned scratch */
    for (int i = 0; i < n; i++) {
        lua_geti(L, 1, i + 1);
        int key = lua_gettop(L);
        if (lua_type(L, key) != LUA_TTABLE)
            luaL_error(L, "bad keyframe %d to 'keys' ({t, value} expected, got %s)", i + 1, luaL_typename(L, key));
        memset(&k[i], 0, sizeof k[i]);
        lua_pushnil(L); /* only {t, value[, ease = ...]}: anything else is a mistake to say */
        while (lua_next(L, key)) {
            lua_pop(L, 1);
            bool ok = lua_isinteger(L, -1) ? lua_tointeger(L, -1) == 1 || lua_tointeger(L, -1) == 2
                                           : lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "ease");
            if (!ok) {
                const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
                static const char *const known[] = {"ease"};
                const char *near = name ? mr_suggest(name, known, 1) : NULL;
                luaL_error(L, "bad keyframe %d to 'keys' (%s%s%s%s: a keyframe is {t, value[, ease = ...]})", i + 1,
                           name ? "unknown key '" : "an extra value", name ? name : "", name ? "'" : "",
                           near ? "; did you mean 'ease'?" : "");
            }
        }
        if (lua_geti(L, key, 1) == LUA_TNIL || lua_geti(L, key, 2) == LUA_TNIL)
            luaL_error(L, "bad keyframe %d to 'keys' ({t, value} expected: the time and the value come first)", i + 1);
        lua_pop(L, 2);
        lua_geti(L, key, 1);
        if (lua_type(L, -1) != LUA_TNUMBER && lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "bad keyframe %d to 'keys' (its time must be seconds or \"mm:ss\")", i + 1);
        mr_err terr;
        if (lua_type(L, -1) == LUA_TSTRING ? mr_time_parse(lua_tostring(L, -1), &k[i].t, &terr) < 0
                                           : !isfinite(k[i].t = lua_tonumber(L, -1)))
            luaL_error(L, "bad keyframe %d to 'keys' (its time must be a finite number of seconds or \"mm:ss\")", i + 1);
        lua_geti(L, key, 2);
        int d = key_value(L, -1, i + 1, k[i].v);
        if (dim && d != dim)
            luaL_error(L, "bad keyframe %d to 'keys' (a value of %d numbers, the first had %d)", i + 1, d, dim);
        dim = d;
        if (lua_getfield(L, key, "ease") != LUA_TNIL) {
            if (i == 0)
                luaL_error(L, "bad keyframe 1 to 'keys' (its ease shapes nothing: a key's ease shapes the segment that "
                           "arrives at it, so give it to the second key)");
            check_ease(L, -1, i + 1, &k[i].ease);
        }
        lua_settop(L, key - 1);
    }
    mr_err err;
    return push_curve(L, mr_curve_keys(dim, k, n, &err), &err);
}

/* spring{from = 0, to = 1, stiffness = 100, damping = 10, mass = 1, delay = 0} */
static int l_spring(lua_State *L)
{
    static const char *const keys[] = {"from", "to", "stiffness", "damping", "mass", "delay"};
    double v[6] = {0, 1, 100, 10, 1, 0};
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        l_check_keys(L, 1, "spring", keys, 6);
        for (int i = 0; i < 6; i++)
            if (l_field(L, 1, keys[i]) != LUA_TNIL) {
                v[i] = i == 5 ? l_check_time(L, -1) : l_check_number(L, -1);
                lua_pop(L, 1);
            }
    }
    mr_err err;
    mr_ease e;
    if (mr_ease_spring(v[2], v[3], v[4], &e, &err) < 0)
        return l_fail(L, NULL, &err);
    push_curve(L, mr_curve_spring(&e, v[0], v[1], v[5], &err), &err);
    l_curve *u = lua_touserdata(L, -1);
    u->is_spring = true;
    u->spring = e;
    return 1;
}

/* bezier(x1, y1, x2, y2): an ease for keyframes */
static int l_bezier(lua_State *L)
{
    double p[4];
    for (int i = 0; i < 4; i++)
        p[i] = luaL_checknumber(L, i + 1);
    mr_ease *e = lua_newuserdatauv(L, sizeof *e, 0);
    mr_err err;
    if (mr_ease_bezier(p[0], p[1], p[2], p[3], e, &err) < 0)
        return l_fail(L, NULL, &err);
    luaL_setmetatable(L, MR_EASE_MT);
    return 1;
}

/* c(t): the curve's numbers at t */
static int curve_call(lua_State *L)
{
    l_curve *u = check_curve(L, 1);
    double t = l_check_time(L, 2), v[MR_CURVE_DIM];
    mr_err err;
    int r = mr_curve_eval(u->c, t, v, &err); /* here: a function curve takes the lock again, recursively */
    if (r < 0)
        return l_fail(L, NULL, &err);
    for (int i = 0; i < mr_curve_dim(u->c); i++)
        lua_pushnumber(L, v[i]);
    return mr_curve_dim(u->c);
}

/* The curve operand at idx: a Curve (a new reference), a number, or a function. */
static mr_curve *operand(lua_State *L, int idx, int dim)
{
    if (lua_type(L, idx) == LUA_TNUMBER) {
        double v[MR_CURVE_DIM];
        for (int i = 0; i < MR_CURVE_DIM; i++)
            v[i] = lua_tonumber(L, idx);
        mr_err err;
        mr_curve *c = mr_curve_constant(dim, v, &err);
        if (!c)
            l_fail(L, NULL, &err);
        return c;
    }
    mr_curve *c = l_to_curve(L, idx, dim);
    if (!c)
        luaL_error(L, "a curve combines with numbers and curves, not a %s", luaL_typename(L, idx));
    return c;
}

static int arith(lua_State *L, char op)
{
    l_curve *a = luaL_testudata(L, 1, MR_CURVE_MT), *b = luaL_testudata(L, 2, MR_CURVE_MT);
    int dim = mr_curve_dim((a ? a : b)->c);
    mr_curve *x = operand(L, 1, a ? dim : 1), *y = operand(L, 2, b ? mr_curve_dim(b->c) : 1);
    mr_err err;
    mr_curve *c = mr_curve_combine(op, x, y, &err);
    mr_curve_unref(x);
    mr_curve_unref(y);
    return push_curve(L, c, &err);
}

static int curve_add(lua_State *L) { return arith(L, '+'); }
static int curve_sub(lua_State *L) { return arith(L, '-'); }
static int curve_mul(lua_State *L) { return arith(L, '*'); }
static int curve_div(lua_State *L) { return arith(L, '/'); }

static int curve_unm(lua_State *L)
{
    mr_err err;
    return push_curve(L, mr_curve_affine(check_curve(L, 1)->c, -1, 0, &err), &err);
}

static int curve_delay(lua_State *L)
{
    mr_err err;
    return push_curve(L, mr_curve_delay(check_curve(L, 1)->c, l_check_time(L, 2), &err), &err);
}

static int curve_tostring(lua_State *L)
{
    char buf[128];
    mr_curve_describe(check_curve(L, 1)->c, buf, sizeof buf);
    lua_pushfstring(L, "Curve(%s)", buf);
    return 1;
}

static int curve_gc(lua_State *L)
{
    l_curve *u = check_curve(L, 1);
    mr_curve_unref(u->c);
    u->c = NULL;
    return 0;
}

static int ease_tostring(lua_State *L)
{
    char buf[96];
    mr_ease_describe(luaL_checkudata(L, 1, MR_EASE_MT), buf, sizeof buf);
    lua_pushfstring(L, "Ease(%s)", buf);
    return 1;
}

void l_add_curves(lua_State *L)
{
    static const luaL_Reg meta[] = {{"__call", curve_call}, {"__add", curve_add}, {"__sub", curve_sub},
                                    {"__mul", curve_mul}, {"__div", curve_div}, {"__unm", curve_unm},
                                    {"__tostring", curve_tostring}, {"__gc", curve_gc}, {NULL, NULL}};
    static const luaL_Reg methods[] = {{"delay", curve_delay}, {NULL, NULL}};
    luaL_newmetatable(L, MR_CURVE_MT);
    luaL_setfuncs(L, meta, 0);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, MR_EASE_MT);
    lua_pushcfunction(L, ease_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
    static const luaL_Reg fns[] = {{"keys", l_keys}, {"spring", l_spring}, {"bezier", l_bezier}, {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
}
