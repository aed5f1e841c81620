/* l_scripted.c: per-frame Lua: clip:map(function(frame, t) ... end) and
 * canvas(w, h, function(ctx, t) ... end), a transparent picture drawn with Cairo (paths,
 * shapes, gradients, strokes with caps and dashes, transforms, text). The functions run on
 * the render's workers one at a time, under the Lua lock (l_curve.c); the Frame and the
 * drawing context they get are valid only during the call. */
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/sources/scripted.h"

#define MR_CANVAS_MT "moonreel.Canvas"

/* The script's function, kept, and what it draws on. */
typedef struct script_fn {
    l_kept_fn k;
    bool canvas;        /* canvas: the context; map: a Frame */
} script_fn;

/* The drawing context's userdata: a cairo_t while the function runs, NULL after. */
typedef struct l_canvas {
    cairo_t *cr;
    int w, h;
} l_canvas;

static cairo_t *check_cr(lua_State *L)
{
    l_canvas *c = luaL_checkudata(L, 1, MR_CANVAS_MT);
    if (!c->cr)
        luaL_error(L, "this drawing context belongs to a finished frame: draw inside the canvas function");
    return c->cr;
}

static void set_colour(lua_State *L, cairo_t *cr, int idx)
{
    mr_rgba c = l_check_color(L, idx);
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

static double num(lua_State *L, int i) { return luaL_checknumber(L, i); }

static int c_move_to(lua_State *L) { cairo_move_to(check_cr(L), num(L, 2), num(L, 3)); return 0; }
static int c_line_to(lua_State *L) { cairo_line_to(check_cr(L), num(L, 2), num(L, 3)); return 0; }
static int c_close_path(lua_State *L) { cairo_close_path(check_cr(L)); return 0; }
static int c_new_path(lua_State *L) { cairo_new_path(check_cr(L)); return 0; }
static int c_save(lua_State *L) { cairo_save(check_cr(L)); return 0; }
static int c_restore(lua_State *L) { cairo_restore(check_cr(L)); return 0; }
static int c_translate(lua_State *L) { cairo_translate(check_cr(L), num(L, 2), num(L, 3)); return 0; }
static int c_rotate(lua_State *L) { cairo_rotate(check_cr(L), num(L, 2) * M_PI / 180); return 0; }
static int c_line_width(lua_State *L) { cairo_set_line_width(check_cr(L), num(L, 2)); return 0; }
static int c_color(lua_State *L) { set_colour(L, check_cr(L), 2); return 0; }

static int c_curve_to(lua_State *L)
{
    cairo_curve_to(check_cr(L), num(L, 2), num(L, 3), num(L, 4), num(L, 5), num(L, 6), num(L, 7));
    return 0;
}

static int c_scale(lua_State *L)
{
    double sx = num(L, 2);
    cairo_scale(check_cr(L), sx, luaL_optnumber(L, 3, sx));
    return 0;
}

static int c_rectangle(lua_State *L) { cairo_rectangle(check_cr(L), num(L, 2), num(L, 3), num(L, 4), num(L, 5)); return 0; }

static int c_rounded_rectangle(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    double x = num(L, 2), y = num(L, 3), w = num(L, 4), h = num(L, 5), r = num(L, 6);
    r = fmin(r, fmin(w, h) / 2);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
    return 0;
}

static int c_circle(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    cairo_new_sub_path(cr);
    cairo_arc(cr, num(L, 2), num(L, 3), num(L, 4), 0, 2 * M_PI);
    return 0;
}

/* arc(x, y, r, from, to): degrees, clockwise from three o'clock */
static int c_arc(lua_State *L)
{
    cairo_arc(check_cr(L), num(L, 2), num(L, 3), num(L, 4), num(L, 5) * M_PI / 180, num(L, 6) * M_PI / 180);
    return 0;
}

/* fill([colour]) and stroke([colour]) */
static int paint_path(lua_State *L, bool fill)
{
    cairo_t *cr = check_cr(L);
    if (!lua_isnoneornil(L, 2))
        set_colour(L, cr, 2);
    if (fill)
        cairo_fill(cr);
    else
        cairo_stroke(cr);
    return 0;
}

static int c_fill(lua_State *L) { return paint_path(L, true); }
static int c_stroke(lua_State *L) { return paint_path(L, false); }

static int c_paint(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    if (!lua_isnoneornil(L, 2))
        set_colour(L, cr, 2);
    cairo_paint(cr);
    return 0;
}

static int c_line_cap(lua_State *L)
{
    static const char *const names[] = {"butt", "round", "square", NULL};
    static const cairo_line_cap_t caps[] = {CAIRO_LINE_CAP_BUTT, CAIRO_LINE_CAP_ROUND, CAIRO_LINE_CAP_SQUARE};
    cairo_set_line_cap(check_cr(L), caps[luaL_checkoption(L, 2, NULL, names)]);
    return 0;
}

static int c_line_join(lua_State *L)
{
    static const char *const names[] = {"miter", "round", "bevel", NULL};
    static const cairo_line_join_t joins[] = {CAIRO_LINE_JOIN_MITER, CAIRO_LINE_JOIN_ROUND, CAIRO_LINE_JOIN_BEVEL};
    cairo_set_line_join(check_cr(L), joins[luaL_checkoption(L, 2, NULL, names)]);
    return 0;
}

/* dash({on, off, ...}[, offset]); dash() or dash({}) for solid lines */
static int c_dash(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    if (lua_isnoneornil(L, 2) || (lua_type(L, 2) == LUA_TTABLE && luaL_len(L, 2) == 0)) {
        cairo_set_dash(cr, NULL, 0, 0);
        return 0;
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    int n = (int)luaL_len(L, 2);
    luaL_argcheck(L, n >= 1 && n <= 64, 2, "give 1 to 64 lengths (dash() for solid lines)");
    double d[64];
    for (int i = 0; i < n; i++) {
        lua_geti(L, 2, i + 1);
        d[i] = luaL_checknumber(L, -1);
        lua_pop(L, 1);
        luaL_argcheck(L, d[i] >= 0, 2, "dash lengths are not negative");
    }
    cairo_set_dash(cr, d, n, luaL_optnumber(L, 3, 0));
    return 0;
}

/* The colour stops {{0, "red"}, {1, "blue"}} of the table at idx into pattern p. */
static void add_stops(lua_State *L, int idx, cairo_pattern_t *p)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    int n = (int)luaL_len(L, idx);
    luaL_argcheck(L, n >= 1, idx, "give colour stops such as {{0, \"red\"}, {1, \"blue\"}}");
    for (int i = 1; i <= n; i++) {
        lua_geti(L, idx, i);
        int s = lua_gettop(L);
        luaL_argcheck(L, lua_istable(L, s), idx, "each stop is {offset, colour}");
        lua_geti(L, s, 1);
        lua_geti(L, s, 2);
        mr_rgba c = l_check_color(L, -1);
        cairo_pattern_add_color_stop_rgba(p, luaL_checknumber(L, -2), c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
        lua_settop(L, s - 1);
    }
}

static int use_pattern(lua_State *L, cairo_t *cr, cairo_pattern_t *p, int stops)
{
    add_stops(L, stops, p);
    cairo_set_source(cr, p);
    cairo_pattern_destroy(p);
    return 0;
}

/* linear_gradient(x0, y0, x1, y1, stops): the source for the next fills and strokes */
static int c_linear_gradient(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    return use_pattern(L, cr, cairo_pattern_create_linear(num(L, 2), num(L, 3), num(L, 4), num(L, 5)), 6);
}

/* radial_gradient(cx, cy, r, stops) or (cx0, cy0, r0, cx1, cy1, r1, stops) */
static int c_radial_gradient(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    if (lua_istable(L, 5))
        return use_pattern(L, cr, cairo_pattern_create_radial(num(L, 2), num(L, 3), 0, num(L, 2), num(L, 3), num(L, 4)), 5);
    return use_pattern(L, cr, cairo_pattern_create_radial(num(L, 2), num(L, 3), num(L, 4), num(L, 5), num(L, 6), num(L, 7)),
                       8);
}

/* text(s, x, y[, {font =, size =, color =, bold =}]): the baseline's start at x, y */
static int c_text(lua_State *L)
{
    cairo_t *cr = check_cr(L);
    const char *s = luaL_checkstring(L, 2);
    double x = num(L, 3), y = num(L, 4), size = 24;
    const char *font = "DejaVu Sans";
    bool bold = false;
    if (!lua_isnoneornil(L, 5)) {
        luaL_checktype(L, 5, LUA_TTABLE);
        static const char *const keys[] = {"font", "size", "color", "bold"};
        l_check_keys(L, 5, "text", keys, 4);
        if (l_field(L, 5, "font") != LUA_TNIL)
            font = l_check_string(L, -1); /* stays alive in the table */
        if (l_field(L, 5, "size") != LUA_TNIL)
            size = l_check_number(L, -1);
        if (l_field(L, 5, "color") != LUA_TNIL)
            set_colour(L, cr, lua_gettop(L));
        if (l_field(L, 5, "bold") != LUA_TNIL)
            bold = lua_toboolean(L, -1);
    }
    cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
    return 0;
}

static int canvas_index(lua_State *L)
{
    l_canvas *c = luaL_checkudata(L, 1, MR_CANVAS_MT);
    const char *k = luaL_checkstring(L, 2);
    if (!strcmp(k, "w") || !strcmp(k, "h")) {
        lua_pushinteger(L, k[0] == 'w' ? c->w : c->h);
        return 1;
    }
    lua_getmetatable(L, 1);
    if (lua_getfield(L, -1, "methods") == LUA_TTABLE && lua_getfield(L, -1, k) != LUA_TNIL)
        return 1;
    return luaL_error(L, "no drawing call '%s' (canvas functions are listed in docs/api.md)", k);
}

/* Calls the script's function with (value, t) for the picture f. Under the Lua lock. */
static int call_script(void *ud, double t, mr_frame *f, mr_err *err)
{
    script_fn *s = ud;
    l_callback_enter();
    if (s->k.busy) {
        l_callback_leave();
        return mr_err_set(err, "the %s function of %s was called again while it runs", s->canvas ? "canvas" : "map",
                          s->k.where);
    }
    s->k.busy = true;
    lua_State *T = s->k.thread;
    lua_settop(T, 0);
    lua_rawgeti(T, LUA_REGISTRYINDEX, s->k.fn_ref);
    cairo_surface_t *surface = NULL;
    l_canvas *ctx = NULL;
    mr_frame **frame_ud = NULL;
    if (s->canvas) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, f->w, f->h);
        ctx = lua_newuserdatauv(T, sizeof *ctx, 0);
        *ctx = (l_canvas){cairo_create(surface), f->w, f->h};
        luaL_setmetatable(T, MR_CANVAS_MT);
    } else {
        frame_ud = lua_newuserdatauv(T, sizeof *frame_ud, 0);
        *frame_ud = mr_frame_ref(f);
        luaL_setmetatable(T, MR_FRAME_MT);
    }
    lua_pushnumber(T, t);
    int r = 0;
    if (lua_pcall(T, 2, 1, 0) != LUA_OK) {
        const char *msg = lua_tostring(T, -1);
        r = mr_err_set(err, "%s (the %s function of %s, at %.3f s)", msg ? msg : "error", s->canvas ? "canvas" : "map",
                       s->k.where, t);
    } else if (!s->canvas && !lua_isnil(T, -1)) { /* map: the frame it returns, or its own changed */
        mr_frame **u = luaL_testudata(T, -1, MR_FRAME_MT);
        mr_frame *got = u ? *u : NULL;
        if (!got || got->w != f->w || got->h != f->h)
            r = mr_err_set(err, "the map function of %s returned %s at %.3f s, not a %dx%d Frame (return the frame it "
                           "was given, changed, or nothing)", s->k.where, got ? "a Frame of another size" : luaL_typename(T, -1),
                           t, f->w, f->h);
        else if (got != f)
            for (int y = 0; y < f->h; y++)
                memcpy(mr_frame_row(f, y), mr_frame_row(got, y), (size_t)f->w * 4);
    }
    if (ctx) { /* Cairo's premultiplied ARGB words into RGBA bytes */
        cairo_destroy(ctx->cr);
        ctx->cr = NULL;
        cairo_surface_flush(surface);
        const uint8_t *data = cairo_image_surface_get_data(surface);
        int stride = cairo_image_surface_get_stride(surface);
        for (int y = 0; y < f->h && r == 0; y++) {
            const uint32_t *in = (const uint32_t *)(data + (size_t)y * stride);
            uint8_t *o = mr_frame_row(f, y);
            for (int x = 0; x < f->w; x++, o += 4)
                o[0] = in[x] >> 16, o[1] = in[x] >> 8, o[2] = in[x], o[3] = in[x] >> 24;
        }
        cairo_surface_destroy(surface);
        f->opaque = false;
    }
    if (frame_ud) { /* the Frame is the script's no more: a kept one reads as collected */
        mr_frame_unref(*frame_ud);
        *frame_ud = NULL;
    }
    if (!s->canvas)
        f->opaque = false; /* the script may have made any pixel see-through */
    lua_settop(T, 0);
    s->k.busy = false;
    l_callback_leave();
    return r;
}

static void release_script(void *ud)
{
    l_release_function(&((script_fn *)ud)->k);
    free(ud);
}

/* The function at idx, kept for calls from the render; *params is how many it takes. */
static script_fn *keep_function(lua_State *L, int idx, bool canvas, int *params)
{
    luaL_checktype(L, idx, LUA_TFUNCTION);
    script_fn *s = calloc(1, sizeof *s);
    if (!s)
        luaL_error(L, "out of memory");
    l_keep_function(L, idx, &s->k);
    *params = s->k.params;
    s->canvas = canvas;
    return s;
}

/* clip:map(function(frame, t) ... end) */
int l_clip_map(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    int params;
    script_fn *s = keep_function(L, 2, false, &params);
    mr_err err;
    mr_clip *r = mr_clip_map(c, call_script, s, release_script, &err);
    if (!r)
        release_script(s);
    return l_push_clip(L, r, "map", &err);
}

/* canvas(w, h, function(ctx, t) ... end): drawn once when the function takes no t */
static int l_canvas_new(lua_State *L)
{
    lua_Integer w = luaL_checkinteger(L, 1), h = luaL_checkinteger(L, 2);
    int params;
    script_fn *s = keep_function(L, 3, true, &params);
    mr_err err;
    mr_clip *r = mr_canvas_new((int)w, (int)h, params < 2, call_script, s, release_script, &err);
    if (!r)
        release_script(s);
    return l_push_clip(L, r, "canvas", &err);
}

void l_add_scripted(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"move_to", c_move_to}, {"line_to", c_line_to}, {"curve_to", c_curve_to}, {"close_path", c_close_path},
        {"new_path", c_new_path}, {"rectangle", c_rectangle}, {"rounded_rectangle", c_rounded_rectangle},
        {"circle", c_circle}, {"arc", c_arc}, {"fill", c_fill}, {"stroke", c_stroke}, {"paint", c_paint},
        {"color", c_color}, {"line_width", c_line_width}, {"line_cap", c_line_cap}, {"line_join", c_line_join},
        {"dash", c_dash}, {"linear_gradient", c_linear_gradient}, {"radial_gradient", c_radial_gradient},
        {"translate", c_translate}, {"rotate", c_rotate}, {"scale", c_scale}, {"save", c_save},
        {"restore", c_restore}, {"text", c_text}, {NULL, NULL}};
    luaL_newmetatable(L, MR_CANVAS_MT);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "methods");
    lua_pushcfunction(L, canvas_index);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_canvas_new);
    lua_setfield(L, -2, "canvas");
}
