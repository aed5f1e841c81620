/* l_text.c: text(s | parts, opts) and text_animate(s | parts, opts, fn(i, t)): styled titles.
 * Parts are {"Hello ", color = "white"} tables (or strings); options are read and checked here,
 * the engine lays the text out (engine/sources/text.h). The animation function runs on the
 * render's workers under the Lua lock (l_curve.c), once per character and frame. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/sources/text.h"

/* A font option at the stack top (a family, or a file relative to the script) into buf. */
static void read_font(lua_State *L, char *buf, size_t n)
{
    const char *f = l_check_string(L, -1);
    if (strchr(f, '/')) {
        char path[4096];
        l_input_path(L, f, path, sizeof path);
        snprintf(buf, n, "%s", path);
    } else {
        snprintf(buf, n, "%s", f);
    }
}

static double number_in(lua_State *L, double lo, double hi, const char *msg)
{
    double v = l_check_number(L, -1);
    if (!(v >= lo && v <= hi))
        l_arg_error(L, -1, msg);
    return v;
}

/* A number option `key` of the table at t (or its value at position pos, 0 for none) into
 * *v when given, checked to lie in [lo, hi]. */
static void opt_number(lua_State *L, int t, const char *key, int pos, double *v, double lo, double hi, const char *msg)
{
    if (l_field(L, t, key) == LUA_TNIL) {
        if (pos <= 0)
            return;
        if (lua_geti(L, t, pos) == LUA_TNIL) {
            lua_pop(L, 1);
            return;
        }
    }
    *v = number_in(L, lo, hi, msg);
    lua_pop(L, 1);
}

/* box = "colour" | true | {colour, padding, radius, per_line = } (or the same by name) */
static void read_box(lua_State *L, mr_text_style *st)
{
    int t = lua_gettop(L);
    st->box.on = true;
    st->box.padding = st->size * 0.25;
    st->box.radius = 0;
    if (lua_type(L, t) == LUA_TBOOLEAN) {
        st->box.on = lua_toboolean(L, t);
        return;
    }
    if (lua_type(L, t) != LUA_TTABLE) {
        st->box.color = l_check_color(L, t);
        return;
    }
    static const char *const keys[] = {"color", "padding", "radius", "per_line"};
    l_check_list_keys(L, t, 3, "text box", keys, 4, "colour, padding, radius");
    if (l_field(L, t, "color") != LUA_TNIL || lua_geti(L, t, 1) != LUA_TNIL)
        st->box.color = l_check_color(L, -1);
    lua_pop(L, 1);
    opt_number(L, t, "padding", 2, &st->box.padding, 0, 1000, "box padding must be 0..1000 px");
    opt_number(L, t, "radius", 3, &st->box.radius, 0, 1000, "box radius must be 0..1000 px");
    if (l_field(L, t, "per_line") != LUA_TNIL) {
        st->box.per_line = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
}

/* shadow = true | {dx, dy, blur, colour} (or the same by name) */
static void read_shadow(lua_State *L, mr_text_style *st)
{
    int t = lua_gettop(L);
    st->shadow.on = true;
    st->shadow.dx = st->shadow.dy = fmax(1, st->size / 24);
    st->shadow.blur = fmax(1, st->size / 12);
    if (lua_type(L, t) == LUA_TBOOLEAN) {
        st->shadow.on = lua_toboolean(L, t);
        return;
    }
    if (lua_type(L, t) != LUA_TTABLE)
        l_type_error(L, t, "{dx, dy, blur, colour} or true");
    static const char *const keys[] = {"dx", "dy", "blur", "color"};
    l_check_list_keys(L, t, 4, "text shadow", keys, 4, "dx, dy, blur, colour");
    opt_number(L, t, "dx", 1, &st->shadow.dx, -1000, 1000, "shadow dx must be -1000..1000 px");
    opt_number(L, t, "dy", 2, &st->shadow.dy, -1000, 1000, "shadow dy must be -1000..1000 px");
    opt_number(L, t, "blur", 3, &st->shadow.blur, 0, 200, "shadow blur must be 0..200 px");
    if (l_field(L, t, "color") != LUA_TNIL || lua_geti(L, t, 4) != LUA_TNIL)
        st->shadow.color = l_check_color(L, -1);
    lua_pop(L, 1);
}

/* The options table at idx (may be absent) over *st. */
static void read_style(lua_State *L, int idx, mr_text_style *st)
{
    if (lua_isnoneornil(L, idx))
        return;
    if (lua_type(L, idx) != LUA_TTABLE)
        l_type_error(L, idx, "table of options");
    static const char *const keys[] = {"font", "size", "color", "stroke", "align", "valign", "width", "height", "fit",
                                       "max_lines", "line_height", "letter_spacing", "box", "shadow", "margin"};
    l_check_keys(L, idx, "text", keys, sizeof keys / sizeof keys[0]);
    if (l_field(L, idx, "font") != LUA_TNIL) {
        read_font(L, st->font, sizeof st->font);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "size") != LUA_TNIL) { /* its range is checked with the other parts' sizes */
        st->size = l_check_number(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "color") != LUA_TNIL) {
        st->color = l_check_color(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "stroke") != LUA_TNIL) {
        int t = lua_gettop(L);
        if (lua_type(L, t) != LUA_TTABLE)
            l_type_error(L, -1, "{colour, width}");
        lua_geti(L, t, 1);
        st->stroke_color = l_check_color(L, -1);
        st->stroke_width = lua_geti(L, t, 2) == LUA_TNIL ? 2 : l_check_number(L, -1);
        if (!(st->stroke_width >= 0 && st->stroke_width <= 100))
            l_arg_error(L, -1, "stroke width must be 0..100 px");
        lua_pop(L, 3);
    }
    if (l_field(L, idx, "align") != LUA_TNIL) {
        const char *a = l_check_string(L, -1);
        if (!strcmp(a, "left")) st->align = MR_ALIGN_LEFT;
        else if (!strcmp(a, "center") || !strcmp(a, "centre")) st->align = MR_ALIGN_CENTER;
        else if (!strcmp(a, "right")) st->align = MR_ALIGN_RIGHT;
        else l_arg_error(L, -1, "align must be \"left\", \"center\" or \"right\"");
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "valign") != LUA_TNIL) {
        const char *a = l_check_string(L, -1);
        if (!strcmp(a, "top")) st->valign = MR_VALIGN_TOP;
        else if (!strcmp(a, "center") || !strcmp(a, "centre") || !strcmp(a, "middle")) st->valign = MR_VALIGN_CENTER;
        else if (!strcmp(a, "bottom")) st->valign = MR_VALIGN_BOTTOM;
        else l_arg_error(L, -1, "valign must be \"top\", \"center\" or \"bottom\"");
        lua_pop(L, 1);
    }
    double w = 0, h = 0, lines = 0;
    opt_number(L, idx, "width", 0, &w, 1, 16384, "width must be 1..16384 px");
    opt_number(L, idx, "height", 0, &h, 1, 16384, "height must be 1..16384 px");
    if (w != floor(w) || h != floor(h))
        luaL_error(L, "bad option '%s' to 'text' (a whole number of pixels)", w != floor(w) ? "width" : "height");
    st->wrap_width = (int)w;
    st->height = (int)h;
    if (l_field(L, idx, "fit") != LUA_TNIL) {
        const char *f = l_check_string(L, -1);
        if (!strcmp(f, "shrink")) st->fit_shrink = true;
        else if (strcmp(f, "none") != 0) l_arg_error(L, -1, "fit must be \"shrink\" or \"none\"");
        lua_pop(L, 1);
        if (st->fit_shrink && !st->wrap_width && !st->height)
            luaL_error(L, "bad option 'fit' to 'text' (\"shrink\" needs a width or a height to fit in)");
    }
    opt_number(L, idx, "max_lines", 0, &lines, 1, 10000, "max_lines must be 1 or more");
    if (lines != floor(lines))
        luaL_error(L, "bad option 'max_lines' to 'text' (a whole number of lines)");
    st->max_lines = (int)lines;
    opt_number(L, idx, "line_height", 0, &st->line_height, 0.1, 10, "line_height is a multiple of the size, 0.1..10");
    opt_number(L, idx, "letter_spacing", 0, &st->letter_spacing, -1000, 1000, "letter_spacing must be -1000..1000 px");
    double margin = 0;
    opt_number(L, idx, "margin", 0, &margin, 0, 4096, "margin must be 0..4096 px");
    st->margin = (int)ceil(margin);
    if (l_field(L, idx, "box") != LUA_TNIL) {
        read_box(L, st);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "shadow") != LUA_TNIL) {
        read_shadow(L, st);
        lua_pop(L, 1);
    }
}

/* The most parts a text has (as engine/text/place.c allows). */
#define MAX_PARTS 10000

/* The string at idx (a part's text), refused when it holds a NUL byte (the engine reads C
 * strings: it would cut the text there). Part 0: the text itself. */
static const char *part_text(lua_State *L, int idx, int part)
{
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    const char *nul = memchr(s, 0, len);
    if (nul) {
        if (part > 0)
            luaL_error(L, "bad argument #1 to 'text' (part %d holds a NUL byte (\\0) at byte %d: remove it)", part,
                       (int)(nul - s) + 1);
        luaL_error(L, "bad argument #1 to 'text' (the text holds a NUL byte (\\0) at byte %d: remove it)",
                   (int)(nul - s) + 1);
    }
    return s;
}

/* The text at idx (a string, or a list of strings and {"text", color =, font =, size =}
 * tables) into parts allocated as a userdata left on the stack (with, below it, a table that
 * keeps the parts' font names alive). Returns how many. */
static int read_parts(lua_State *L, int idx, mr_text_part **parts)
{
    if (lua_type(L, idx) == LUA_TSTRING || lua_type(L, idx) == LUA_TNUMBER) {
        *parts = lua_newuserdatauv(L, sizeof **parts, 0);
        **parts = (mr_text_part){part_text(L, idx, 0), NULL, 0, false, {0, 0, 0, 0}};
        return 1;
    }
    if (lua_type(L, idx) != LUA_TTABLE)
        return l_type_error(L, idx, "string or list of text parts");
    lua_Integer len = luaL_len(L, idx);
    if (len < 1)
        luaL_argerror(L, idx, "give at least one part: text{ {\"Hello \", color = \"white\"}, \"World\" }");
    if (len > MAX_PARTS)
        luaL_error(L, "bad argument #%d to 'text' (%I parts: a text has at most %d; join the ones that look the "
                   "same)", idx, (lua_Integer)len, MAX_PARTS);
    int n = (int)len;
    lua_createtable(L, 0, 0); /* the fonts' names, kept alive while the parts are used */
    int fonts = lua_gettop(L);
    *parts = lua_newuserdatauv(L, sizeof **parts * (size_t)n, 0);
    for (int i = 1; i <= n; i++) {
        mr_text_part *p = &(*parts)[i - 1];
        *p = (mr_text_part){NULL, NULL, 0, false, {0, 0, 0, 0}};
        int t = lua_geti(L, idx, i);
        if (t == LUA_TSTRING) {
            p->text = part_text(L, -1, i); /* kept alive by the list */
            lua_pop(L, 1);
            continue;
        }
        if (t != LUA_TTABLE)
            luaL_error(L, "bad argument #%d to '%s' (part %d is a %s: give a string or {\"text\", color =, font =, "
                       "size =})", idx, "text", i, luaL_typename(L, -1));
        int s = lua_gettop(L);
        static const char *const keys[] = {"color", "font", "size"};
        l_check_list_keys(L, s, 1, "text part", keys, 3, "the text");
        if (lua_geti(L, s, 1) != LUA_TSTRING) /* a string, so it lives on in the part's table */
            luaL_error(L, "bad argument #%d to 'text' (part %d has no text first: {\"Hello\", color = \"red\"})", idx, i);
        p->text = part_text(L, -1, i);
        lua_pop(L, 1);
        if (l_field(L, s, "color") != LUA_TNIL) {
            p->color = l_check_color(L, -1);
            p->has_color = true;
            lua_pop(L, 1);
        }
        if (l_field(L, s, "font") != LUA_TNIL) {
            char font[1024];
            read_font(L, font, sizeof font);
            lua_pop(L, 1);
            lua_pushstring(L, font);
            p->font = lua_tostring(L, -1);
            lua_rawseti(L, fonts, i); /* the table keeps the string */
        }
        if (l_field(L, s, "size") != LUA_TNIL) {
            p->size = number_in(L, 1, 2000, "size must be 1..2000 px");
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    return n;
}

/* text(s | parts, {font=, size=, color=, stroke=, box=, shadow=, align=, width=, ...}) */
int l_text(lua_State *L)
{
    mr_text_style st = mr_text_style_default();
    read_style(L, 2, &st);
    mr_text_part *parts;
    int n = read_parts(L, 1, &parts);
    mr_err err;
    return l_push_clip(L, mr_text_new_parts(parts, n, &st, &err), "text", &err);
}

/* The animation's Lua side (k first: l_kept_free frees it). */
typedef struct anim_fn {
    l_kept_fn k;
} anim_fn;

/* A field of the look table on T's top, if given, into *v. 0, or -1 with err set. */
static int look_field(lua_State *T, const char *key, double *v, const anim_fn *a, int i, double t, mr_err *err)
{
    int ty = lua_getfield(T, -1, key);
    if (ty != LUA_TNIL) {
        int ok;
        double x = lua_tonumberx(T, -1, &ok);
        if (!ok || !isfinite(x)) {
            const char *got = ok ? "a number that is not finite" : lua_typename(T, ty); /* before the pop */
            lua_pop(T, 1);
            return mr_err_set(err, "the text_animate function of %s gave %s = %s for character %d at %.3f s (a finite "
                              "number)", a->k.where, key, got, i, t);
        }
        *v = x;
    }
    lua_pop(T, 1);
    return 0;
}

/* mr_text_anim_fn: fn(i, t) for each character, under the Lua lock. */
static int call_anim(void *ud, double t, int n, mr_char_look *looks, mr_err *err)
{
    anim_fn *a = ud;
    lua_State *T = l_kept_begin(&a->k, "text_animate", err);
    if (!T)
        return -1;
    int r = 0;
    for (int i = 0; i < n && r == 0; i++) {
        lua_settop(T, 0);
        lua_rawgeti(T, LUA_REGISTRYINDEX, a->k.fn_ref);
        lua_pushinteger(T, i + 1);
        lua_pushnumber(T, t);
        if (lua_pcall(T, 2, 1, 0) != LUA_OK) {
            const char *msg = lua_tostring(T, -1);
            r = mr_err_set(err, "%s (the text_animate function of %s, character %d at %.3f s)", msg ? msg : "error",
                           a->k.where, i + 1, t);
        } else if (lua_istable(T, -1)) {
            mr_char_look *lk = &looks[i];
            if (look_field(T, "dx", &lk->dx, a, i + 1, t, err) < 0 || look_field(T, "dy", &lk->dy, a, i + 1, t, err) < 0 ||
                look_field(T, "opacity", &lk->opacity, a, i + 1, t, err) < 0 ||
                look_field(T, "scale", &lk->scale, a, i + 1, t, err) < 0 ||
                look_field(T, "rotate", &lk->rotate, a, i + 1, t, err) < 0)
                r = -1;
        } else if (!lua_isnil(T, -1)) {
            r = mr_err_set(err, "the text_animate function of %s returned a %s for character %d at %.3f s (give "
                           "{dx =, dy =, opacity =, scale =, rotate =} or nil)", a->k.where, luaL_typename(T, -1), i + 1, t);
        }
    }
    l_kept_end(&a->k);
    return r;
}

/* text_animate(s | parts, opts, function(i, t) return {dx =, dy =, opacity =, scale =, rotate =} end) */
int l_text_animate(lua_State *L)
{
    int fn = lua_isfunction(L, 2) ? 2 : 3;
    luaL_checktype(L, fn, LUA_TFUNCTION);
    mr_text_style st = mr_text_style_default();
    if (fn == 3)
        read_style(L, 2, &st);
    mr_text_part *parts;
    int n = read_parts(L, 1, &parts);
    anim_fn *a = calloc(1, sizeof *a);
    if (!a)
        return luaL_error(L, "out of memory");
    l_keep_function(L, fn, &a->k);
    mr_err err;
    return l_push_clip(L, mr_text_animate(parts, n, &st, call_anim, a, l_kept_free, &err), "text_animate", &err);
}
