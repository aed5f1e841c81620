/* l_pos.c: positions as values: pos(100, 50), pos("right", "top", 40) (moonreel.Position). */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/ops/curve.h"

/* Pushes a Position holding p; it takes its own reference to p's curve. Returns 1. */
static int push_pos(lua_State *L, mr_pos p)
{
    mr_pos *u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = p;
    mr_curve_ref((mr_curve *)p.curve);
    luaL_setmetatable(L, MR_POS_MT);
    return 1;
}

static int l_pos_new(lua_State *L)
{
    return push_pos(L, l_check_pos(L, 1));
}

static int pos_gc(lua_State *L)
{
    mr_pos *p = luaL_checkudata(L, 1, MR_POS_MT);
    mr_curve_unref((mr_curve *)p->curve);
    p->curve = NULL;
    return 0;
}

/* pos(x, y):to(x1, y1, d[, {ease = "out", delay = 0}]): the same place, moving to (x1, y1)
 * over d seconds of the clip's time */
static int pos_to(lua_State *L)
{
    mr_pos p = *(mr_pos *)luaL_checkudata(L, 1, MR_POS_MT);
    luaL_argcheck(L, !p.curve, 1, "this Position already moves");
    double x1 = luaL_checknumber(L, 2), y1 = luaL_checknumber(L, 3), dur = l_check_time(L, 4), t0 = 0;
    luaL_argcheck(L, dur > 0, 4, "the move needs a positive duration");
    mr_ease ease = {MR_EASE_LINEAR, MR_EASE_IN, {0}, 0};
    if (!lua_isnoneornil(L, 5))
        luaL_checktype(L, 5, LUA_TTABLE);
    static const char *const keys[] = {"delay", "ease"};
    l_check_keys(L, 5, "to", keys, 2);
    if (l_field(L, 5, "delay") != LUA_TNIL) {
        t0 = l_check_time(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, 5, "ease") != LUA_TNIL) { /* every easing of keys; "out" as it always was: out_quad */
        const char *e = l_check_string(L, -1);
        mr_err why;
        if (mr_ease_parse(!strcmp(e, "out") ? "out_quad" : e, &ease, &why) < 0)
            l_arg_error(L, -1, why.msg);
        lua_pop(L, 1);
    }
    /* the move is a curve of the offsets: keys from (x, y) at the delay to (x1, y1) */
    mr_curve_key k[2] = {{t0, {p.x, p.y}, {0}}, {t0 + dur, {x1, y1}, ease}};
    mr_err err;
    mr_curve *c = mr_curve_keys(2, k, 2, &err);
    if (!c)
        return l_fail(L, "to", &err);
    p.curve = c;
    push_pos(L, p);
    mr_curve_unref(c); /* the Position holds it */
    return 1;
}

static int pos_tostring(lua_State *L)
{
    char buf[128];
    mr_pos_describe(luaL_checkudata(L, 1, MR_POS_MT), buf, sizeof buf);
    lua_pushfstring(L, "Position(%s)", buf);
    return 1;
}

void l_register_pos(lua_State *L)
{
    luaL_newmetatable(L, MR_POS_MT);
    lua_pushcfunction(L, pos_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, pos_gc);
    lua_setfield(L, -2, "__gc");
    lua_newtable(L);
    lua_pushcfunction(L, pos_to);
    lua_setfield(L, -2, "to");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

void l_add_pos(lua_State *L)
{
    lua_pushcfunction(L, l_pos_new);
    lua_setfield(L, -2, "pos");
}
