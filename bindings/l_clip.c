/* l_clip.c: the Lua face of clips: moonreel.Clip userdata, its methods and fields.
 * Every method returns a new clip and leaves its receiver as it was. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/ops/fx.h"
#include "engine/ops/ops.h"
#include "engine/ops/op.h"
#include "engine/render/render.h"
#include "engine/core/suggest.h"

static int clip_gc(lua_State *L)
{
    mr_clip **c = luaL_checkudata(L, 1, MR_CLIP_MT);
    mr_clip_unref(*c);
    *c = NULL;
    return 0;
}

static int clip_tostring(lua_State *L)
{
    char buf[512];
    mr_clip_describe(l_check_clip(L, 1), buf, sizeof buf);
    lua_pushfstring(L, "Clip(%s)", buf);
    return 1;
}

/* clip:fx(f1, f2, ...) applies effect values in order; clip:fx("name", ...) applies the
 * operation of that name (templates pick effects from data). */
static int m_fx(lua_State *L)
{
    l_check_clip(L, 1);
    if (lua_type(L, 2) == LUA_TSTRING) {
        const mr_op *op = l_check_op_name(L, 2);
        mr_clip *c = l_check_clip(L, 1);
        const mr_fx *fx = l_fx_from_args(L, op, 3, lua_gettop(L));
        mr_err err;
        return l_push_clip(L, mr_fx_apply(fx, c, &err), NULL, &err);
    }
    int n = lua_gettop(L);
    for (int i = 2; i <= n; i++) /* every argument checked before a reference is held */
        l_check_fx(L, i);
    mr_clip *c = mr_clip_ref(l_check_clip(L, 1));
    for (int i = 2; i <= n; i++) {
        mr_err err;
        mr_clip *next = mr_fx_apply(l_check_fx(L, i), c, &err);
        mr_clip_unref(c);
        if (!next)
            return l_fail(L, NULL, &err);
        c = next;
    }
    return l_push_clip(L, c, NULL, NULL);
}

/* clip:frame(t): the picture at t as a Frame. */
static int m_frame(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    double t = lua_isnoneornil(L, 2) ? 0 : l_check_time(L, 2);
    mr_err err;
    struct mr_gpu *gpu;
    if (mr_backend_resolve(l_host(L)->defaults.backend, &gpu, &err) < 0)
        return l_fail(L, "frame", &err);
    int held = l_lua_suspend(); /* function curves take the Lua lock themselves */
    mr_frame *f = mr_render_frame(c, t, gpu, NULL, &err);
    l_lua_resume(held);
    if (!f)
        return l_fail(L, "frame", &err);
    return l_push_frame(L, f);
}

/* The methods that are not operations of the registry (those come from l_add_op_methods). */
static const luaL_Reg clip_methods[] = {{"fx", m_fx}, {"frame", m_frame}, {"map", l_clip_map}, {"alpha", l_clip_alpha},
                                        {"loudness", l_clip_loudness},
                                        {"subtitles", l_clip_subtitles},
                                        {"samples", l_clip_samples},
                                        {NULL, NULL}};

static const char *const clip_fields[] = {"duration", "w", "h", "fps", "has_audio", "has_video", "start_time"};

/* A name that is neither a field nor a method: an error with the nearest one. */
static int unknown_name(lua_State *L, const char *k)
{
    const char *other = l_other_name(k);
    if (other)
        return luaL_error(L, "no method or field '%s' on a Clip; moonreel calls it '%s' (docs/api.md)", k, other);
    const char *names[256];
    size_t n = 0;
    for (size_t i = 0; i < sizeof clip_fields / sizeof clip_fields[0]; i++)
        names[n++] = clip_fields[i];
    lua_pushnil(L);
    while (lua_next(L, lua_upvalueindex(1)) && n < sizeof names / sizeof names[0]) { /* the methods table */
        lua_pop(L, 1);
        names[n++] = lua_tostring(L, -1);
    }
    const char *near = mr_suggest(k, names, n);
    if (near)
        return luaL_error(L, "no method or field '%s' on a Clip; did you mean '%s'?", k, near);
    return luaL_error(L, "no method or field '%s' on a Clip (docs/api.md lists them)", k);
}

/* Fields first (duration, w, h, fps, has_audio, has_video, start), then methods. */
static int clip_index(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (!strcmp(k, "duration")) {
        if (isinf(c->duration))
            lua_pushnil(L);
        else
            lua_pushnumber(L, c->duration);
    } else if (!strcmp(k, "w") || !strcmp(k, "h")) {
        if (c->has_video)
            lua_pushinteger(L, k[0] == 'w' ? c->w : c->h);
        else
            lua_pushnil(L);
    } else if (!strcmp(k, "fps")) {
        if (c->fps.num && c->fps.den == 1)
            lua_pushinteger(L, c->fps.num);
        else if (c->fps.num)
            lua_pushnumber(L, mr_q2d(c->fps));
        else
            lua_pushnil(L);
    } else if (!strcmp(k, "has_audio")) {
        lua_pushboolean(L, c->has_audio);
    } else if (!strcmp(k, "has_video")) {
        lua_pushboolean(L, c->has_video);
    } else if (!strcmp(k, "start_time")) {
        lua_pushnumber(L, c->start);
    } else if (lua_getfield(L, lua_upvalueindex(1), k) == LUA_TNIL) { /* the methods table */
        return unknown_name(L, k);
    }
    return 1;
}

static int clip_newindex(lua_State *L)
{
    return luaL_error(L, "clips are immutable: use a method (such as :dur(), :at()) to make a changed copy");
}

void l_register_clip(lua_State *L)
{
    luaL_newmetatable(L, MR_CLIP_MT);
    luaL_newlib(L, clip_methods);
    l_add_op_methods(L);
    lua_pushcclosure(L, clip_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, clip_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, clip_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, clip_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
}
