/* l_sound.c: the Lua face of sound: audio_mix{a, b, c}, sound(fn, {duration}),
 * clip:samples(t0, t1) and declick(ms). A sound function runs on the render's workers under
 * the Lua lock (l_curve.c), like map and canvas (l_scripted.c). */
#include <math.h>
#include <stdlib.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/eval.h"
#include "engine/ops/declick.h"
#include "engine/ops/sound_mix.h"
#include "engine/sources/scripted_sound.h"

#define SAMPLES_MAX_S 60   /* clip:samples hands at most this much sound to Lua at once */

/* audio_mix({a, b, c}[, {volumes = {1, 0.5, 0.2}}]) */
static int l_audio_mix(lua_State *L)
{
    lua_settop(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    int n = (int)luaL_len(L, 1);
    if (n < 1)
        luaL_argerror(L, 1, "the list is empty");
    mr_clip **clips = lua_newuserdatauv(L, sizeof *clips * (size_t)n, 0); /* scratch, at 3 */
    float *vol = NULL;
    for (int i = 0; i < n; i++) {
        lua_geti(L, 1, i + 1);
        if (!(clips[i] = mr_bindings_to_clip(L, -1))) {
            lua_pushfstring(L, "entry %d is a %s, not a clip", i + 1, l_type_name(L, -1));
            luaL_argerror(L, 1, lua_tostring(L, -1));
        }
        lua_pop(L, 1);
    }
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        static const char *const keys[] = {"volumes"};
        l_check_keys(L, 2, "audio_mix", keys, 1);
        if (l_field(L, 2, "volumes") != LUA_TNIL) {
            int t = lua_gettop(L);
            if (lua_type(L, t) != LUA_TTABLE || luaL_len(L, t) != n) {
                lua_pushfstring(L, "a list of %d numbers (one a clip) expected", n);
                l_arg_error(L, -2, lua_tostring(L, -1));
            }
            vol = lua_newuserdatauv(L, sizeof *vol * (size_t)n, 0);
            for (int i = 0; i < n; i++) {
                int ok;
                lua_geti(L, t, i + 1);
                double v = lua_tonumberx(L, -1, &ok);
                lua_pop(L, 1);
                if (!ok || !(v >= 0 && v <= 100)) {
                    lua_pushfstring(L, "volume %d must be a number 0..100", i + 1);
                    l_arg_error(L, t - lua_gettop(L) - 1, lua_tostring(L, -1));
                }
                vol[i] = (float)v;
            }
        }
    }
    mr_err err;
    return l_push_clip(L, mr_audio_mix_new(clips, n, vol, &err), "audio_mix", &err);
}

/* The script's function, kept for the render. */
typedef struct sound_script {
    l_kept_fn k;
} sound_script;

/* mr_sound_fn: calls fn(t0, n) under the Lua lock and reads its block: n numbers (mono, the
 * same on both sides) or 2n (stereo, interleaved left, right). */
static int call_sound(void *ud, double t0, int64_t s0, int n, float *out, mr_err *err)
{
    (void)s0;
    sound_script *s = ud;
    l_callback_enter();
    if (s->k.busy) {
        l_callback_leave();
        return mr_err_set(err, "the sound function of %s was called again while it runs", s->k.where);
    }
    s->k.busy = true;
    lua_State *T = s->k.thread;
    lua_settop(T, 0);
    lua_rawgeti(T, LUA_REGISTRYINDEX, s->k.fn_ref);
    lua_pushnumber(T, t0);
    lua_pushinteger(T, n);
    int r = 0;
    if (lua_pcall(T, 2, 1, 0) != LUA_OK) {
        const char *msg = lua_tostring(T, -1);
        r = mr_err_set(err, "%s (the sound function of %s, at %.3f s)", msg ? msg : "error", s->k.where, t0);
    } else {
        /* raw reads: no metamethod may raise outside the protected call */
        lua_Integer len = lua_type(T, 1) == LUA_TTABLE ? (lua_Integer)lua_rawlen(T, 1) : -1;
        if (len != n && len != 2 * n) {
            r = len < 0 ? mr_err_set(err, "the sound function of %s returned %s at %.3f s, not a table of %d numbers "
                                     "(mono) or %d (stereo, left and right interleaved)", s->k.where,
                                     luaL_typename(T, 1), t0, n, 2 * n)
                        : mr_err_set(err, "the sound function of %s returned %lld numbers at %.3f s for a block of %d "
                                     "frames: %d (mono) or %d (stereo, left and right interleaved) were asked for",
                                     s->k.where, (long long)len, t0, n, n, 2 * n);
        }
        for (lua_Integer i = 0; r == 0 && i < len; i++) {
            int ok;
            int type = lua_rawgeti(T, 1, i + 1);
            double v = lua_tonumberx(T, -1, &ok);
            lua_pop(T, 1);
            if (!ok || !isfinite(v)) {
                r = mr_err_set(err, "the sound function of %s gave %s at index %lld of its block at %.3f s, not a "
                               "finite number", s->k.where, ok ? "a number that is not finite" : lua_typename(T, type),
                               (long long)i + 1, t0);
                break;
            }
            if (len == n)
                out[2 * i] = out[2 * i + 1] = (float)v;
            else
                out[i] = (float)v;
        }
    }
    lua_settop(T, 0);
    s->k.busy = false;
    l_callback_leave();
    return r;
}

static void release_sound(void *ud)
{
    l_release_function(&((sound_script *)ud)->k);
    free(ud);
}

/* sound(function(t0, n) ... end[, {duration = 2}]) */
static int l_sound(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    double d = INFINITY;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        static const char *const keys[] = {"duration"};
        l_check_keys(L, 2, "sound", keys, 1);
        if (l_field(L, 2, "duration") != LUA_TNIL) {
            d = l_check_time(L, -1);
            if (!(d > 0))
                l_arg_error(L, -1, "the duration must be positive");
            lua_pop(L, 1);
        }
    }
    sound_script *s = calloc(1, sizeof *s);
    if (!s)
        return luaL_error(L, "out of memory");
    l_keep_function(L, 1, &s->k);
    mr_err err;
    mr_clip *c = mr_sound_fn_new(d, call_sound, s, release_sound, &err);
    if (!c)
        release_sound(s);
    return l_push_clip(L, c, "sound", &err);
}

/* clip:samples([t0[, t1]][, {mono = true}]): the sound from t0 to t1 (default: all of it) as a
 * flat table, interleaved left, right (or one number a frame with mono), with fields rate,
 * channels, frames and t0. At most SAMPLES_MAX_S seconds. */
int l_clip_samples(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    int top = lua_gettop(L), opts = top >= 2 && lua_type(L, top) == LUA_TTABLE ? top : 0;
    bool mono = false;
    if (opts) {
        static const char *const keys[] = {"mono"};
        l_check_keys(L, opts, "samples", keys, 1);
        if (l_field(L, opts, "mono") != LUA_TNIL)
            mono = lua_toboolean(L, -1);
        lua_settop(L, opts - 1);
    }
    if (!c->has_audio)
        return luaL_error(L, "samples: the clip has no sound");
    double t0 = lua_isnoneornil(L, 2) ? 0 : l_check_time(L, 2);
    double t1 = lua_isnoneornil(L, 3) ? c->duration : l_check_time(L, 3);
    if (isinf(t1))
        return luaL_error(L, "samples: the clip has no end: give the end time, samples(t0, t1)");
    if (t0 < 0)
        return luaL_argerror(L, 2, "the start must be 0 or later");
    if (!(t1 > t0)) {
        lua_pushfstring(L, "the end %f s is not after the start %f s", t1, t0);
        return luaL_argerror(L, 3, lua_tostring(L, -1));
    }
    if (t1 > c->duration) /* up to the clip's end, as MoviePy's to_soundarray */
        t1 = c->duration;
    if (t1 - t0 > SAMPLES_MAX_S + MR_TIME_EPS)
        return luaL_error(L, "samples: %f to %f s is %f s of sound; at most %d s at once (ask for it in pieces)", t0,
                          t1, t1 - t0, SAMPLES_MAX_S);
    int64_t s0 = llround(t0 * MR_AUDIO_RATE), s1 = llround(t1 * MR_AUDIO_RATE);
    int n = (int)(s1 > s0 ? s1 - s0 : 0);
    float *buf = lua_newuserdatauv(L, sizeof(float) * 2 * (size_t)(n > 0 ? n : 1), 0);
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    int held = l_lua_suspend(); /* sound functions take the Lua lock themselves */
    int r = 0;
    for (int done = 0; done < n && r == 0; done += MR_AUDIO_RATE) {
        int k = n - done < MR_AUDIO_RATE ? n - done : MR_AUDIO_RATE;
        r = mr_clip_sound(c, s0 + done, k, buf + 2 * (size_t)done, &ev);
    }
    l_lua_resume(held);
    mr_eval_free(&ev);
    if (r < 0)
        return l_fail(L, "samples", &err);
    int ch = mono ? 1 : 2;
    lua_createtable(L, n * ch, 4);
    for (int i = 0; i < n; i++) {
        if (mono) {
            lua_pushnumber(L, 0.5 * ((double)buf[2 * i] + buf[2 * i + 1]));
            lua_rawseti(L, -2, i + 1);
        } else {
            lua_pushnumber(L, buf[2 * i]);
            lua_rawseti(L, -2, 2 * i + 1);
            lua_pushnumber(L, buf[2 * i + 1]);
            lua_rawseti(L, -2, 2 * i + 2);
        }
    }
    lua_pushinteger(L, MR_AUDIO_RATE);
    lua_setfield(L, -2, "rate");
    lua_pushinteger(L, ch);
    lua_setfield(L, -2, "channels");
    lua_pushinteger(L, n);
    lua_setfield(L, -2, "frames");
    lua_pushnumber(L, (double)s0 / MR_AUDIO_RATE);
    lua_setfield(L, -2, "t0");
    return 1;
}

/* declick([ms]): the ramp at hard cuts of sound for clips built from now on (0 or false: off;
 * true: the default 5 ms); returns the ramp it replaced (with no argument: the ramp now). */
static int l_declick(lua_State *L)
{
    double was = mr_declick_ms();
    if (lua_isnone(L, 1)) {
        lua_pushnumber(L, was);
        return 1;
    }
    double ms;
    if (lua_isboolean(L, 1))
        ms = lua_toboolean(L, 1) ? MR_DECLICK_MS : 0;
    else
        ms = luaL_checknumber(L, 1);
    if (!(ms >= 0 && ms <= MR_DECLICK_MAX_MS)) {
        lua_pushfstring(L, "the ramp must be 0..%d ms (0 or false: off), got %f", (int)MR_DECLICK_MAX_MS, ms);
        return luaL_argerror(L, 1, lua_tostring(L, -1));
    }
    mr_declick_set_ms(ms);
    lua_pushnumber(L, was);
    return 1;
}

void l_add_sound(lua_State *L)
{
    static const luaL_Reg fns[] = {{"audio_mix", l_audio_mix}, {"sound", l_sound}, {"declick", l_declick},
                                   {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
}
