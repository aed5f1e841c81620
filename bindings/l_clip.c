/* l_clip.c: the Lua face of clips: moonreel.Clip userdata, its methods and fields.
 * Every method returns a new clip and leaves its receiver as it was. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/fx.h"
#include "engine/ops.h"
#include "engine/render.h"

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

/* The result of an engine call on the receiver. */
#define RETURN_CLIP(name, expr) do { mr_err err; mr_clip *r = (expr); return l_push_clip(L, r, NULL, &err); } while (0)

static int m_sub(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    double t0 = l_check_time(L, 2), t1 = lua_isnoneornil(L, 3) ? NAN : l_check_time(L, 3);
    RETURN_CLIP("sub", mr_clip_sub(c, t0, t1, &err));
}

static int m_start(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    RETURN_CLIP("start", mr_clip_start_at(c, l_check_time(L, 2), &err));
}

static int m_dur(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    RETURN_CLIP("dur", mr_clip_dur(c, l_check_time(L, 2), &err));
}

static int m_speed(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    RETURN_CLIP("speed", mr_clip_speed(c, luaL_checknumber(L, 2), &err));
}

static int m_loop(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    RETURN_CLIP("loop", mr_clip_loop(c, lua_isnoneornil(L, 2) ? INFINITY : luaL_checknumber(L, 2), &err));
}

static int m_at(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    RETURN_CLIP("at", mr_clip_at(c, l_check_pos(L, 2), &err));
}

static int m_with_audio(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    mr_clip *a = lua_isnoneornil(L, 2) ? NULL : l_check_clip(L, 2);
    RETURN_CLIP("with_audio", mr_clip_with_audio(c, a, &err));
}

static int m_mute(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    RETURN_CLIP("mute", mr_clip_mute(c, &err));
}

/* Shorthands for effects: build the Fx from the arguments (as fx.NAME would), apply it. */
static int apply_fx_method(lua_State *L, mr_fx_kind kind)
{
    mr_clip *c = l_check_clip(L, 1);
    mr_fx fx = l_fx_from_args(L, kind, 2);
    mr_err err;
    return l_push_clip(L, mr_fx_apply(&fx, c, &err), NULL, &err);
}

static int m_resize(lua_State *L) { return apply_fx_method(L, MR_FX_RESIZE); }
static int m_crop(lua_State *L) { return apply_fx_method(L, MR_FX_CROP); }
static int m_opacity(lua_State *L) { return apply_fx_method(L, MR_FX_OPACITY); }
static int m_fadein(lua_State *L) { return apply_fx_method(L, MR_FX_FADEIN); }
static int m_fadeout(lua_State *L) { return apply_fx_method(L, MR_FX_FADEOUT); }
static int m_volume(lua_State *L) { return apply_fx_method(L, MR_FX_VOLUME); }

/* clip:fx(f1, f2, ...): applies effect values in order. */
static int m_fx(lua_State *L)
{
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
    mr_frame *f = mr_render_frame(c, t, gpu, NULL, &err);
    if (!f)
        return l_fail(L, "frame", &err);
    return l_push_frame(L, f);
}

static const luaL_Reg clip_methods[] = {
    {"sub", m_sub}, {"start", m_start}, {"dur", m_dur}, {"speed", m_speed}, {"loop", m_loop},
    {"resize", m_resize}, {"crop", m_crop}, {"at", m_at},
    {"opacity", m_opacity}, {"fadein", m_fadein}, {"fadeout", m_fadeout},
    {"volume", m_volume}, {"mute", m_mute}, {"with_audio", m_with_audio},
    {"fx", m_fx}, {"frame", m_frame},
    {NULL, NULL}};

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
    } else {
        lua_getfield(L, lua_upvalueindex(1), k); /* the methods table */
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
