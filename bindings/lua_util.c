/* lua_util.c: shared argument checking and conversions for the bindings. */
#include "bindings/lua_util.h"
#include "bindings/l_types.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/render/render_opts.h"
#include "engine/core/suggest.h"
#include "engine/core/timefmt.h"

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
    mr_clip *c = ((l_clip *)luaL_checkudata(L, arg, MR_CLIP_MT))->c;
    if (!c)
        luaL_argerror(L, arg, "the clip was already collected");
    return c;
}

mr_clip *mr_bindings_to_clip(lua_State *L, int idx)
{
    l_clip *u = luaL_testudata(L, idx, MR_CLIP_MT);
    return u ? u->c : NULL;
}

const char *l_type_name(lua_State *L, int idx)
{
    const char *name = NULL;
    if (lua_type(L, idx) == LUA_TUSERDATA && lua_getmetatable(L, idx)) {
        lua_pushliteral(L, "__name");
        if (lua_rawget(L, -2) == LUA_TSTRING)
            name = lua_tostring(L, -1); /* kept alive by the registry's metatable */
        lua_pop(L, 2);
    }
    return name ? name : luaL_typename(L, idx);
}

double l_check_time(lua_State *L, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        double t = lua_tonumber(L, arg);
        if (!isfinite(t))
            l_arg_error(L, arg, "time must be finite");
        return t;
    }
    if (lua_type(L, arg) == LUA_TSTRING) {
        double t;
        mr_err err;
        if (mr_time_parse(lua_tostring(L, arg), &t, &err) < 0)
            l_arg_error(L, arg, err.msg);
        return t;
    }
    return l_type_error(L, arg, "time (seconds or \"mm:ss\")");
}

mr_rgba l_check_color(lua_State *L, int arg)
{
    mr_rgba c = {0, 0, 0, 255};
    if (lua_type(L, arg) == LUA_TSTRING) {
        mr_err err;
        if (mr_color_parse(lua_tostring(L, arg), &c, &err) < 0)
            l_arg_error(L, arg, err.msg);
        return c;
    }
    if (lua_type(L, arg) == LUA_TTABLE) {
        lua_Integer v[4] = {0, 0, 0, 255};
        int n = (int)luaL_len(L, arg);
        if (n < 3 || n > 4)
            l_arg_error(L, arg, "colour table needs {r, g, b} or {r, g, b, a}");
        for (int i = 0; i < n; i++) {
            lua_geti(L, arg, i + 1);
            int ok;
            v[i] = lua_tointegerx(L, -1, &ok);
            lua_pop(L, 1);
            if (!ok || v[i] < 0 || v[i] > 255)
                l_arg_error(L, arg, "colour components are whole numbers 0..255");
        }
        return (mr_rgba){(uint8_t)v[0], (uint8_t)v[1], (uint8_t)v[2], (uint8_t)v[3]};
    }
    l_type_error(L, arg, "colour (\"#rrggbb\", a CSS name, or {r, g, b})");
    return c;
}

/* One axis of a position at idx: pixels (a number), a fraction of the canvas ("25%"), or an
 * edge's name ("left", "center", "right" across; "top", "center", "bottom" down). Returns
 * false when the value is none of these. */
static bool pos_axis(lua_State *L, int idx, bool horizontal, mr_edge *e, double *off, bool *frac, bool *named)
{
    *e = MR_EDGE_START;
    *off = 0;
    *frac = *named = false;
    if (lua_type(L, idx) == LUA_TNUMBER) {
        *off = lua_tonumber(L, idx);
        return isfinite(*off);
    }
    if (lua_type(L, idx) != LUA_TSTRING)
        return false;
    const char *s = lua_tostring(L, idx);
    char *end;
    double v = strtod(s, &end);
    if (end != s && end[0] == '%' && !end[1] && isfinite(v)) {
        *off = v / 100;
        *frac = true;
        return true;
    }
    return *named = mr_edge_parse(s, horizontal, e);
}

mr_pos l_check_pos(lua_State *L, int arg)
{
    mr_pos *given = luaL_testudata(L, arg, MR_POS_MT);
    if (given)
        return *given;
    mr_pos p = mr_pos_origin();
    int t = lua_type(L, arg);
    if (t != LUA_TNUMBER && t != LUA_TSTRING)
        l_type_error(L, arg, "position (x, y), a name like \"center\", or a Position");
    if (lua_isnoneornil(L, arg + 1)) {
        const char *a = lua_tostring(L, arg);
        if (!a || (strcmp(a, "center") != 0 && strcmp(a, "centre") != 0))
            l_arg_error(L, arg, "one value must be \"center\"; give two, such as (\"right\", \"top\") or (x, y)");
        p.ex = p.ey = MR_EDGE_CENTER;
        return p;
    }
    /* two values: (x, y) each pixels, "25%" or an edge; two names may come in either order */
    bool na, nb, fa, fb;
    mr_edge ea, eb;
    double oa, ob;
    bool ok = pos_axis(L, arg, true, &ea, &oa, &fa, &na) && pos_axis(L, arg + 1, false, &eb, &ob, &fb, &nb);
    if (!ok && lua_type(L, arg) == LUA_TSTRING && lua_type(L, arg + 1) == LUA_TSTRING) { /* ("top", "left") */
        ok = pos_axis(L, arg + 1, true, &ea, &oa, &fa, &na) && pos_axis(L, arg, false, &eb, &ob, &fb, &nb) && na && nb;
    }
    if (!ok) {
        lua_pushfstring(L, "unknown position (%s, %s): each is pixels, a percentage such as \"25%%\", or "
                        "left|center|right and top|center|bottom", luaL_tolstring(L, arg, NULL), luaL_tolstring(L, arg + 1, NULL));
        l_arg_error(L, arg, lua_tostring(L, -1));
    }
    double margin = 0;
    if (!lua_isnoneornil(L, arg + 2)) {
        if (!na && !nb)
            l_arg_error(L, arg + 2, "a margin goes with edge names, such as (\"right\", \"top\", 40)");
        margin = l_check_number(L, arg + 2);
    }
    p.ex = ea;
    p.ey = eb;
    p.x = na ? (ea == MR_EDGE_CENTER ? 0 : margin) : oa;
    p.y = nb ? (eb == MR_EDGE_CENTER ? 0 : margin) : ob;
    p.xfrac = fa;
    p.yfrac = fb;
    return p;
}

mr_rational l_check_fps(lua_State *L, int arg)
{
    char buf[64];
    const char *text = buf;
    if (lua_type(L, arg) == LUA_TSTRING)
        text = lua_tostring(L, arg);
    else if (lua_isinteger(L, arg))
        snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, arg));
    else if (lua_type(L, arg) == LUA_TNUMBER)
        snprintf(buf, sizeof buf, "%.17g", lua_tonumber(L, arg));
    else
        l_type_error(L, arg, "frames per second");
    mr_rational fps;
    mr_err err;
    if (mr_fps_parse(text, &fps, &err) < 0)
        l_arg_error(L, arg, err.msg);
    return fps;
}

void l_check_size(lua_State *L, int arg, int *w, int *h)
{
    if (lua_type(L, arg) == LUA_TSTRING) {
        if (sscanf(lua_tostring(L, arg), "%dx%d", w, h) == 2 && *w > 0 && *h > 0)
            return;
        l_arg_error(L, arg, "size must look like \"1280x720\"");
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
        l_arg_error(L, arg, "size must be {w, h} in whole pixels");
    }
    l_type_error(L, arg, "size ({w, h} or \"WxH\")");
}

/* The option key l_field pushed last: what an error about a field on the stack top names. A
 * C call runs on one thread from start to end, so a thread-local is enough. */
static _Thread_local const char *field_key;
/* The operation and parameter whose value is being read (l_arg_name), or NULL. */
static _Thread_local const char *arg_fn, *arg_key;

void l_arg_name(const char *fn, const char *key)
{
    arg_fn = fn;
    arg_key = key;
}

int l_field(lua_State *L, int table, const char *key)
{
    if (lua_type(L, table) != LUA_TTABLE)
        return LUA_TNIL;
    int t = lua_getfield(L, table, key);
    if (t == LUA_TNIL)
        lua_pop(L, 1);
    field_key = key;
    return t;
}

/* The name of the running C function as Lua called it ("compose", "text"), or "?". */
static const char *function_name(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar) && ar.name)
        return ar.name;
    return "?";
}

int l_arg_error(lua_State *L, int arg, const char *msg)
{
    if (arg_key) {
        const char *fn = arg_fn, *key = arg_key;
        arg_fn = arg_key = NULL;
        return luaL_error(L, "bad argument '%s' to '%s' (%s)", key, fn, msg);
    }
    if (arg > 0)
        return luaL_argerror(L, arg, msg);
    return luaL_error(L, "bad option '%s' to '%s' (%s)", field_key ? field_key : "?", function_name(L), msg);
}

int l_type_error(lua_State *L, int arg, const char *expected)
{
    const char *got = luaL_typename(L, arg); /* before pushing: arg may count from the top */
    const char *msg = lua_pushfstring(L, "%s expected, got %s", expected, got);
    return l_arg_error(L, arg, msg);
}

lua_Number l_check_number(lua_State *L, int arg)
{
    int ok;
    lua_Number v = lua_tonumberx(L, arg, &ok);
    if (!ok)
        l_type_error(L, arg, "number");
    return v;
}

lua_Integer l_check_integer(lua_State *L, int arg)
{
    int ok;
    lua_Integer v = lua_tointegerx(L, arg, &ok);
    if (!ok)
        l_type_error(L, arg, lua_type(L, arg) == LUA_TNUMBER ? "whole number" : "number");
    return v;
}

const char *l_check_string(lua_State *L, int arg)
{
    if (lua_type(L, arg) != LUA_TSTRING)
        l_type_error(L, arg, "string");
    return lua_tostring(L, arg);
}

void l_check_keys(lua_State *L, int idx, const char *fname, const char *const *names, size_t n)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        return;
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "bad options to '%s' (keys are names, got a %s key)", fname, luaL_typename(L, -1));
        const char *key = lua_tostring(L, -1);
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = !strcmp(key, names[i]);
        if (known)
            continue;
        const char *near = NULL;
        /* the names other tools use for moonreel's, before the nearest spelling */
        static const char *const other[][2] = {{"width", "w"}, {"height", "h"}, {"angle", "deg"}, {"degrees", "deg"},
                                               {"alpha", "a"}, {"factor", "k"}, {"duration", "d"}, {"volume", "v"},
                                               {"colour", "color"}, {"background", "bg"}, {"bg_color", "bg"},
                                               {"cx", "center"}, {"cy", "center"}, {"centre", "center"}};
        for (size_t i = 0; !near && i < sizeof other / sizeof other[0]; i++)
            for (size_t j = 0; j < n; j++)
                if (!strcmp(key, other[i][0]) && !strcmp(names[j], other[i][1]))
                    near = names[j];
        if (!near)
            near = mr_suggest(key, names, n);
        if (near)
            luaL_error(L, "unknown option '%s' to '%s'; did you mean '%s'?", key, fname, near);
        char list[512];
        size_t k = 0;
        for (size_t i = 0; i < n && k < sizeof list; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", names[i]);
        luaL_error(L, "unknown option '%s' to '%s' (it takes %s)", key, fname, list);
    }
}

void l_check_list_keys(lua_State *L, int idx, lua_Integer npos, const char *fname, const char *const *names, size_t n,
                       const char *what)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L); /* the string keys alone, for l_check_keys */
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_Integer k = lua_isinteger(L, -2) ? lua_tointeger(L, -2) : 0;
        if (lua_type(L, -2) == LUA_TSTRING) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -4);
        } else if (k >= 1 && k <= npos) {
            lua_pop(L, 1);
        } else {
            luaL_error(L, "bad argument to '%s' (%s in order, and options by name; got a %s key)", fname, what,
                       luaL_typename(L, -2));
        }
    }
    l_check_keys(L, -1, fname, names, n);
    lua_pop(L, 1);
}

/* The host's registry key: the address of this variable, which no Lua code can name. */
static const char host_key = 0;

mr_host *l_host(lua_State *L)
{
    mr_host *h = lua_rawgetp(L, LUA_REGISTRYINDEX, &host_key) == LUA_TLIGHTUSERDATA ? lua_touserdata(L, -1) : NULL;
    lua_pop(L, 1);
    if (!h)
        luaL_error(L, "moonreel is not installed in this Lua state");
    return h;
}

void l_set_host(lua_State *L, mr_host *h)
{
    lua_pushlightuserdata(L, h);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &host_key);
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

/* The option value on the stack top as the text that the engine's parser for d reads (numbers,
 * booleans, {w, h} sizes written out; strings as they are, kept alive by the table). buf
 * holds written-out values. Raises "bad option" when the Lua type cannot be that option. */
static const char *option_text(lua_State *L, const mr_render_opt *d, char *buf, size_t n)
{
    int t = lua_type(L, -1);
    if (t == LUA_TSTRING)
        return lua_tostring(L, -1);
    if (d->type == MR_ROPT_STRING)
        l_type_error(L, -1, "string");
    if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, -1))
            snprintf(buf, n, "%lld", (long long)lua_tointeger(L, -1));
        else
            snprintf(buf, n, "%.17g", lua_tonumber(L, -1));
        return buf;
    }
    if (t == LUA_TBOOLEAN && d->type == MR_ROPT_BOOL)
        return lua_toboolean(L, -1) ? "true" : "false";
    if (t == LUA_TTABLE && d->type == MR_ROPT_SIZE) {
        int w, h;
        l_check_size(L, -1, &w, &h);
        snprintf(buf, n, "%dx%d", w, h);
        return buf;
    }
    if (t == LUA_TTABLE && d->type == MR_ROPT_RANGE && lua_rawlen(L, -1) == 2) {
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        double t0 = l_check_time(L, -2), t1 = l_check_time(L, -1);
        lua_pop(L, 2);
        snprintf(buf, n, "%.17g,%.17g", t0, t1);
        return buf;
    }
    l_arg_error(L, -1, d->doc);
    return NULL;
}

/* The key = value pairs of the table on the stack top, each set as a "key=value" line of the
 * dictionary option d ({tune = "film"}); values are strings, numbers or booleans. */
static void set_pairs(lua_State *L, const mr_render_opt *d, mr_render_opts *o)
{
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            l_arg_error(L, -3, "keys are the encoder's option names");
        const char *v = lua_type(L, -1) == LUA_TBOOLEAN ? (lua_toboolean(L, -1) ? "1" : "0")
                        : lua_type(L, -1) == LUA_TNUMBER || lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                                                         : NULL;
        if (!v)
            l_arg_error(L, -3, "values are strings, numbers or booleans");
        char line[1024];
        mr_err err;
        snprintf(line, sizeof line, "%s=%s", lua_tostring(L, -2), v);
        if (mr_render_opt_set(o, d, line, &err) < 0)
            l_arg_error(L, -3, err.msg);
        lua_pop(L, 1);
    }
}

void l_read_render_opts(lua_State *L, int idx, const char *fname, mr_render_opts *o)
{
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    idx = lua_absindex(L, idx);
    const char *names[64]; /* each option by its name, and by its flag's where that differs (time = t) */
    size_t n = 0;
    for (const mr_render_opt *d = mr_render_opt_table; d->name && n + 2 <= 64; d++) {
        names[n++] = d->name;
        if (strcmp(d->flag, d->name) != 0)
            names[n++] = d->flag;
    }
    l_check_keys(L, idx, fname, names, n);
    for (const mr_render_opt *d = mr_render_opt_table; d->name; d++) {
        bool by_name = l_field(L, idx, d->name) != LUA_TNIL;
        if (by_name)
            lua_pop(L, 1);
        bool by_flag = strcmp(d->flag, d->name) != 0 && l_field(L, idx, d->flag) != LUA_TNIL;
        if (by_flag)
            lua_pop(L, 1);
        if (by_name && by_flag)
            luaL_error(L, "bad options to '%s' ('%s' and '%s' are one option, given twice)", fname, d->name, d->flag);
        if (!by_name && !by_flag)
            continue;
        l_field(L, idx, by_name ? d->name : d->flag);
        if (d->type == MR_ROPT_DICT && lua_istable(L, -1)) {
            set_pairs(L, d, o);
            lua_pop(L, 1);
            continue;
        }
        char buf[64];
        mr_err err;
        if (mr_render_opt_set(o, d, option_text(L, d, buf, sizeof buf), &err) < 0)
            l_arg_error(L, -1, err.msg); /* bad option 'crf' to 'render' (wants a whole number 0..63, ...) */
        lua_pop(L, 1); /* a string value stays alive in the table */
    }
}

/* The Lua-callback pattern (l_types.h's kept functions) in one place. */
lua_State *l_kept_begin(struct l_kept_fn *k, const char *what, mr_err *err)
{
    l_callback_enter();
    if (k->busy) {
        l_callback_leave();
        mr_err_set(err, "the %s function of %s was called again while it runs", what, k->where);
        return NULL;
    }
    k->busy = true;
    lua_settop(k->thread, 0);
    return k->thread;
}

void l_kept_end(struct l_kept_fn *k)
{
    lua_settop(k->thread, 0);
    k->busy = false;
    l_callback_leave();
}

void l_kept_free(void *ud)
{
    l_release_function(ud);
    free(ud);
}
