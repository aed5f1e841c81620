/* l_gradient.c: the `gradient` table: gradient.linear{} and gradient.radial{}, sources of
 * colours along a ramp (engine/sources/src_gradient.c). The face checks the named parameters
 * (errors name them: "bad argument 'stops' to 'gradient.linear' (...)"), fills in the
 * defaults and makes one engine call. */
#include <math.h>
#include <stdio.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/suggest.h"
#include "engine/kernels/shape_params.h"
#include "engine/sources/sources.h"

/* What a gradient's table gave: its size and stops (positions, straight colours). */
typedef struct grad_args {
    const char *fn; /* "gradient.linear" */
    int w, h;
    int n;
    double pos[MR_GRADIENT_MAX_STOPS];
    mr_rgba color[MR_GRADIENT_MAX_STOPS];
} grad_args;

/* Pushes field key of the table at 1 and names it in errors; returns its type (nil: nothing
 * pushed, and the name is let go). */
static int field(lua_State *L, const grad_args *a, const char *key)
{
    int t = l_field(L, 1, key);
    l_arg_name(t == LUA_TNIL ? NULL : a->fn, t == LUA_TNIL ? NULL : key);
    return t;
}

/* Pops the field read by field() and lets its name go. */
static void done(lua_State *L)
{
    lua_pop(L, 1);
    l_arg_name(NULL, NULL);
}

/* A finite number on the stack top, or raises naming the field. */
static double number(lua_State *L)
{
    int ok;
    double v = lua_tonumberx(L, -1, &ok);
    if (!ok)
        l_type_error(L, -1, "number");
    if (!isfinite(v))
        l_arg_error(L, -1, "a finite number is needed");
    return v;
}

/* A point {x, y} (or {x = , y = }) on the stack top into p, or raises naming the field. */
static void point(lua_State *L, float p[2])
{
    int t = lua_gettop(L), ok1 = 0, ok2 = 0;
    if (lua_type(L, t) == LUA_TTABLE) {
        if (lua_geti(L, t, 1) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_getfield(L, t, "x");
            lua_getfield(L, t, "y");
        } else {
            lua_geti(L, t, 2);
        }
        double x = lua_tonumberx(L, -2, &ok1), y = lua_tonumberx(L, -1, &ok2);
        lua_pop(L, 2);
        if (ok1 && ok2 && isfinite(x) && isfinite(y)) {
            p[0] = (float)x;
            p[1] = (float)y;
            return;
        }
    }
    l_arg_error(L, t, "a point is {x, y} in pixels");
}

/* Stop i's colour on the stack top (a string is read here, so the message says which stop). */
static mr_rgba stop_color(lua_State *L, int i)
{
    if (lua_type(L, -1) != LUA_TSTRING)
        return l_check_color(L, -1);
    mr_rgba c;
    mr_err err;
    if (mr_color_parse(lua_tostring(L, -1), &c, &err) < 0)
        l_arg_error(L, -1, lua_pushfstring(L, "stop %d: %s", i + 1, err.msg));
    return c;
}

/* The stops {{pos, colour}, ...} on the stack top into a: 2..MR_GRADIENT_MAX_STOPS of them,
 * positions 0..1 in order. Raises naming 'stops' and the stop. */
static void stops(lua_State *L, grad_args *a)
{
    int t = lua_gettop(L);
    if (lua_type(L, t) != LUA_TTABLE)
        l_type_error(L, t, "stops {{position, colour}, ...}");
    lua_Integer n = luaL_len(L, t);
    if (n < 2 || n > MR_GRADIENT_MAX_STOPS)
        l_arg_error(L, t, lua_pushfstring(L, "a gradient needs 2..%d stops, got %d", MR_GRADIENT_MAX_STOPS, (int)n));
    for (int i = 0; i < n; i++) {
        if (lua_geti(L, t, i + 1) != LUA_TTABLE)
            l_arg_error(L, t, lua_pushfstring(L, "stop %d is not {position, colour}", i + 1));
        int ok;
        lua_geti(L, -1, 1);
        a->pos[i] = lua_tonumberx(L, -1, &ok);
        if (!ok || !(a->pos[i] >= 0 && a->pos[i] <= 1))
            l_arg_error(L, t, lua_pushfstring(L, "stop %d: its position must be a number 0..1", i + 1));
        if (i && a->pos[i] < a->pos[i - 1]) {
            char msg[128];
            snprintf(msg, sizeof msg, "stop %d (at %g) comes before stop %d (at %g): stops go in order", i + 1,
                     a->pos[i], i, a->pos[i - 1]);
            l_arg_error(L, t, msg);
        }
        lua_geti(L, -2, 2);
        if (lua_isnil(L, -1))
            l_arg_error(L, t, lua_pushfstring(L, "stop %d has no colour", i + 1));
        a->color[i] = stop_color(L, i);
        lua_pop(L, 3);
    }
    a->n = (int)n;
}

/* Reads size (required) and stops (required) from the table at 1. */
static void common(lua_State *L, grad_args *a)
{
    if (field(L, a, "size") == LUA_TNIL)
        luaL_error(L, "bad argument #1 to '%s' (size = {w, h} is needed)", a->fn);
    l_check_size(L, -1, &a->w, &a->h);
    done(L);
    if (field(L, a, "stops") == LUA_TNIL)
        luaL_error(L, "bad argument #1 to '%s' (stops = {{0, colour}, {1, colour}} are needed)", a->fn);
    stops(L, a);
    done(L);
}

/* Makes the clip of a along ramp and pushes it. */
static int push(lua_State *L, const grad_args *a, const mr_shape_params *ramp)
{
    mr_err err;
    return l_push_clip(L, mr_gradient_new(ramp, a->n, a->pos, a->color, a->w, a->h, &err), a->fn, &err);
}

/* gradient.linear{size = {w, h}, p1 = {x, y}, p2 = {x, y}, stops = {...}}: p1 -> p2 defaults
 * to left -> right across the middle. */
static int l_linear(lua_State *L)
{
    grad_args a = {.fn = "gradient.linear"};
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const keys[] = {"size", "p1", "p2", "stops"};
    l_check_keys(L, 1, a.fn, keys, sizeof keys / sizeof keys[0]);
    common(L, &a);
    mr_shape_params s = {.kind = MR_SHAPE_LINEAR};
    s.p1[0] = 0, s.p1[1] = s.p2[1] = a.h / 2.0f, s.p2[0] = (float)a.w;
    if (field(L, &a, "p1") != LUA_TNIL) {
        point(L, s.p1);
        done(L);
    }
    if (field(L, &a, "p2") != LUA_TNIL) {
        point(L, s.p2);
        if (s.p1[0] == s.p2[0] && s.p1[1] == s.p2[1])
            l_arg_error(L, -1, "p2 must differ from p1");
        done(L);
    }
    return push(L, &a, &s);
}

/* gradient.radial{size = {w, h}, center = {x, y}, r = R, inner = r0, stops = {...}}: stop 0 at
 * inner (default 0) from the centre (default the middle), stop 1 at r (default half the
 * diagonal, which reaches the corners from the middle). */
static int l_radial(lua_State *L)
{
    grad_args a = {.fn = "gradient.radial"};
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const keys[] = {"size", "center", "r", "inner", "stops"};
    l_check_keys(L, 1, a.fn, keys, sizeof keys / sizeof keys[0]);
    common(L, &a);
    mr_shape_params s = {.kind = MR_SHAPE_RADIAL, .cx = a.w / 2.0f, .cy = a.h / 2.0f};
    s.r = (float)(sqrt((double)a.w * a.w + (double)a.h * a.h) / 2);
    if (field(L, &a, "center") != LUA_TNIL) {
        float c[2];
        point(L, c);
        s.cx = c[0], s.cy = c[1];
        done(L);
    }
    if (field(L, &a, "r") != LUA_TNIL) {
        s.r = (float)number(L);
        if (!(s.r > 0))
            l_arg_error(L, -1, "the radius must be above 0");
        done(L);
    }
    if (field(L, &a, "inner") != LUA_TNIL) {
        s.inner = (float)number(L);
        if (!(s.inner >= 0 && s.inner < s.r)) {
            char msg[96];
            snprintf(msg, sizeof msg, "the inner radius must be 0 or more and below r (%g)", s.r);
            l_arg_error(L, -1, msg);
        }
        done(L);
    }
    return push(L, &a, &s);
}

/* gradient.NAME for a name no function has. */
static int missing(lua_State *L)
{
    static const char *const names[] = {"linear", "radial"};
    const char *k = luaL_checkstring(L, 2), *near = mr_suggest(k, names, 2);
    if (near)
        return luaL_error(L, "no function gradient.%s; did you mean gradient.%s?", k, near);
    return luaL_error(L, "no function gradient.%s (gradient.linear, gradient.radial)", k);
}

void l_add_gradient(lua_State *L)
{
    static const luaL_Reg fns[] = {{"linear", l_linear}, {"radial", l_radial}, {NULL, NULL}};
    luaL_newlib(L, fns);
    lua_newtable(L);
    lua_pushcfunction(L, missing);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "gradient");
}
