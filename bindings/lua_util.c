/* lua_util.c: shared argument checking and conversions for the bindings. */
#include "bindings/lua_util.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/timefmt.h"

static const char HOST_KEY[] = "moonreel.host";

int l_fail(lua_State *L, const char *what, const mr_err *err)
{
    luaL_where(L, 1);
    if (what)
        lua_pushfstring(L, "%s: %s", what, err->msg);
    else
        lua_pushstring(L, err->msg);
    lua_concat(L, 2);
    return lua_error(L);
}

typedef struct l_clip {
    mr_clip *c;
} l_clip;

int l_push_clip(lua_State *L, mr_clip *c, const char *what, const mr_err *err)
{
    if (!c)
        return l_fail(L, what, err);
    lua_Debug ar;
    if (!c->origin[0] && lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        snprintf(c->origin, sizeof c->origin, "%s:%d", ar.short_src, ar.currentline);
    l_clip *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->c = c;
    luaL_setmetatable(L, MR_CLIP_MT);
    return 1;
}

mr_clip *l_check_clip(lua_State *L, int arg)
{
    return ((l_clip *)luaL_checkudata(L, arg, MR_CLIP_MT))->c;
}

mr_clip *mr_bindings_to_clip(lua_State *L, int idx)
{
    l_clip *u = luaL_testudata(L, idx, MR_CLIP_MT);
    return u ? u->c : NULL;
}

double l_check_time(lua_State *L, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        double t = lua_tonumber(L, arg);
        if (!isfinite(t))
            luaL_argerror(L, arg, "time must be finite");
        return t;
    }
    if (lua_type(L, arg) == LUA_TSTRING) {
        double t;
        mr_err err;
        if (mr_time_parse(lua_tostring(L, arg), &t, &err) < 0)
            luaL_argerror(L, arg, err.msg);
        return t;
    }
    return luaL_typeerror(L, arg, "time (seconds or \"mm:ss\")");
}

mr_rgba l_check_color(lua_State *L, int arg)
{
    mr_rgba c = {0, 0, 0, 255};
    if (lua_type(L, arg) == LUA_TSTRING) {
        mr_err err;
        if (mr_color_parse(lua_tostring(L, arg), &c, &err) < 0)
            luaL_argerror(L, arg, err.msg);
        return c;
    }
    if (lua_type(L, arg) == LUA_TTABLE) {
        lua_Integer v[4] = {0, 0, 0, 255};
        int n = (int)luaL_len(L, arg);
        if (n < 3 || n > 4)
            luaL_argerror(L, arg, "colour table needs {r, g, b} or {r, g, b, a}");
        for (int i = 0; i < n; i++) {
            lua_geti(L, arg, i + 1);
            int ok;
            v[i] = lua_tointegerx(L, -1, &ok);
            lua_pop(L, 1);
            if (!ok || v[i] < 0 || v[i] > 255)
                luaL_argerror(L, arg, "colour components are whole numbers 0..255");
        }
        return (mr_rgba){(uint8_t)v[0], (uint8_t)v[1], (uint8_t)v[2], (uint8_t)v[3]};
    }
    luaL_typeerror(L, arg, "colour (\"#rrggbb\", a CSS name, or {r, g, b})");
    return c;
}

mr_pos l_check_pos(lua_State *L, int arg)
{
    mr_pos *given = luaL_testudata(L, arg, MR_POS_MT);
    if (given)
        return *given;
    mr_pos p = mr_pos_origin();
    if (lua_type(L, arg) == LUA_TNUMBER) {
        p.x = luaL_checknumber(L, arg);
        p.y = luaL_checknumber(L, arg + 1);
        return p;
    }
    if (lua_type(L, arg) != LUA_TSTRING)
        luaL_typeerror(L, arg, "position (x, y), a name like \"center\", or a Position");
    const char *a = lua_tostring(L, arg);
    if (lua_isnoneornil(L, arg + 1)) {
        if (strcmp(a, "center") != 0 && strcmp(a, "centre") != 0)
            luaL_argerror(L, arg, "a single name must be \"center\"; give two, such as (\"right\", \"top\")");
        return (mr_pos){MR_EDGE_CENTER, MR_EDGE_CENTER, 0, 0};
    }
    const char *b = luaL_checkstring(L, arg + 1);
    double margin = luaL_optnumber(L, arg + 2, 0);
    if (!(mr_edge_parse(a, true, &p.ex) && mr_edge_parse(b, false, &p.ey)) &&
        !(mr_edge_parse(b, true, &p.ex) && mr_edge_parse(a, false, &p.ey))) {
        lua_pushfstring(L, "unknown position (\"%s\", \"%s\"): use left|center|right and top|center|bottom", a, b);
        luaL_argerror(L, arg, lua_tostring(L, -1));
    }
    p.x = p.ex == MR_EDGE_CENTER ? 0 : margin;
    p.y = p.ey == MR_EDGE_CENTER ? 0 : margin;
    return p;
}

void l_check_size(lua_State *L, int arg, int *w, int *h)
{
    if (lua_type(L, arg) == LUA_TSTRING) {
        if (sscanf(lua_tostring(L, arg), "%dx%d", w, h) == 2 && *w > 0 && *h > 0)
            return;
        luaL_argerror(L, arg, "size must look like \"1280x720\"");
    }
    if (lua_type(L, arg) == LUA_TTABLE) {
        int t = lua_absindex(L, arg), ok1, ok2;
        if (lua_geti(L, t, 1) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_getfield(L, t, "w");
            lua_getfield(L, t, "h");
        } else {
            lua_geti(L, t, 2);
        }
        lua_Integer a = lua_tointegerx(L, -2, &ok1), b = lua_tointegerx(L, -1, &ok2);
        lua_pop(L, 2);
        if (ok1 && ok2 && a > 0 && b > 0 && a <= 16384 && b <= 16384) {
            *w = (int)a;
            *h = (int)b;
            return;
        }
        luaL_argerror(L, arg, "size must be {w, h} in whole pixels");
    }
    luaL_typeerror(L, arg, "size ({w, h} or \"WxH\")");
}

int l_field(lua_State *L, int table, const char *key)
{
    if (lua_type(L, table) != LUA_TTABLE)
        return LUA_TNIL;
    int t = lua_getfield(L, table, key);
    if (t == LUA_TNIL)
        lua_pop(L, 1);
    return t;
}

mr_host *l_host(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, HOST_KEY);
    mr_host *h = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!h)
        luaL_error(L, "moonreel is not installed in this Lua state");
    return h;
}

void l_set_host(lua_State *L, mr_host *h)
{
    lua_pushlightuserdata(L, h);
    lua_setfield(L, LUA_REGISTRYINDEX, HOST_KEY);
}

/* Whether path lies under one of host's allowed folders (by real paths: no way out through
 * "..", or through a link). A path that does not exist is judged by its folder. */
static bool allowed(const mr_host *host, const char *path)
{
    char real[PATH_MAX], dir[PATH_MAX];
    if (!realpath(path, real)) {
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = 0;
        else
            snprintf(dir, sizeof dir, ".");
        if (!realpath(dir, real))
            return false;
    }
    for (int i = 0; i < host->nallowed; i++) {
        size_t k = strlen(host->allowed[i]);
        if (!strncmp(real, host->allowed[i], k) && (real[k] == '/' || real[k] == 0 || host->allowed[i][k - 1] == '/'))
            return true;
    }
    return false;
}

const char *l_input_path(lua_State *L, const char *path, char *buf, size_t n)
{
    const mr_host *host = l_host(L);
    const char *dir = host->script_dir;
    if (path[0] == '/' || !dir[0])
        snprintf(buf, n, "%s", path);
    else
        snprintf(buf, n, "%s/%s", dir, path);
    if (host->sandboxed && !allowed(host, buf))
        luaL_error(L, "'%s' is outside the folders this batch may read (the template's folder, and each --allow DIR)", path);
    return buf;
}

/* A frame rate as a fraction: whole numbers exactly, NTSC rates as n*1000/1001. */
static mr_rational fps_of(double fps)
{
    if (fabs(fps - round(fps)) < 1e-6)
        return (mr_rational){(int)round(fps), 1};
    if (fabs(fps * 1.001 - round(fps * 1.001)) < 1e-3)
        return (mr_rational){(int)round(fps * 1.001) * 1000, 1001};
    return (mr_rational){(int)round(fps * 1000), 1000};
}

/* Bad render option: names the function and the field. */
static int bad_opt(lua_State *L, const char *fname, const char *key, const char *want)
{
    return luaL_error(L, "bad option '%s' to '%s' (%s)", key, fname, want);
}

void l_read_render_opts(lua_State *L, int idx, const char *fname, mr_render_opts *o)
{
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    idx = lua_absindex(L, idx);
    static const char *const strs[] = {"encoder", "codec", "preset"};
    const char **dst[] = {&o->out.encoder, &o->out.codec, &o->out.preset};
    for (int i = 0; i < 3; i++) {
        int t = l_field(L, idx, strs[i]);
        if (t == LUA_TNIL)
            continue;
        if (t != LUA_TSTRING)
            bad_opt(L, fname, strs[i], "string expected");
        *dst[i] = lua_tostring(L, -1);
        lua_pop(L, 1); /* the string stays alive in the table */
    }
    if (l_field(L, idx, "crf") != LUA_TNIL) {
        int ok;
        lua_Integer v = lua_tointegerx(L, -1, &ok);
        if (!ok || v < 0 || v > 63)
            bad_opt(L, fname, "crf", "a whole number 0..63");
        o->out.crf = (int)v;
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "fps") != LUA_TNIL) {
        double f = lua_tonumber(L, -1);
        if (!(f > 0 && f <= 1000))
            bad_opt(L, fname, "fps", "a number of frames per second, 0..1000");
        o->fps = fps_of(f);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "size") != LUA_TNIL) {
        l_check_size(L, -1, &o->w, &o->h);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "audio_bitrate") != LUA_TNIL) {
        double b = lua_tonumber(L, -1);
        const char *s = lua_tostring(L, -1);
        if (s && (s[strlen(s) - 1] == 'k' || s[strlen(s) - 1] == 'K'))
            b = atof(s) * 1000;
        if (!(b >= 8000 && b <= 1024000))
            bad_opt(L, fname, "audio_bitrate", "bits per second such as 128000 or \"128k\"");
        o->out.audio_bitrate = (int)b;
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "t") != LUA_TNIL) {
        o->t = l_check_time(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "backend") != LUA_TNIL) {
        const char *b = lua_tostring(L, -1);
        if (!b || !mr_backend_parse(b, &o->backend))
            bad_opt(L, fname, "backend", "\"auto\", \"cpu\" or \"cuda\"");
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "faststart") != LUA_TNIL) {
        o->out.faststart = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "threads") != LUA_TNIL) {
        o->threads = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "encoder_threads") != LUA_TNIL) {
        lua_Integer n = lua_tointeger(L, -1);
        if (n < 1 || n > 64)
            bad_opt(L, fname, "encoder_threads", "a whole number 1..64");
        o->out.threads = (int)n;
        lua_pop(L, 1);
    }
}
