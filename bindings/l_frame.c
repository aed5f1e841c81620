/* l_frame.c: one evaluated picture (moonreel.Frame): .w, .h, :pixel(x, y), :save(path). */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/eval.h"
#include "engine/kernels/kernels.h"
#include "engine/output/output.h"

/* The frame at arg (borrowed), or raises: any other userdata is refused by its metatable,
 * never read as a frame; so is a frame whose __gc already ran. */
static mr_frame *check_frame(lua_State *L, int arg)
{
    mr_frame *f = *(mr_frame **)luaL_checkudata(L, arg, MR_FRAME_MT);
    if (!f)
        luaL_argerror(L, arg, "the frame was already collected");
    return f;
}

int l_push_frame(lua_State *L, mr_frame *f)
{
    mr_frame **u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = f;
    luaL_setmetatable(L, MR_FRAME_MT);
    return 1;
}

/* frame:pixel(x, y) -> r, g, b, a (0..255, straight alpha) */
static int frame_pixel(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    lua_Integer x = luaL_checkinteger(L, 2), y = luaL_checkinteger(L, 3);
    luaL_argcheck(L, x >= 0 && x < f->w, 2, "x is outside the picture");
    luaL_argcheck(L, y >= 0 && y < f->h, 3, "y is outside the picture");
    const uint8_t *p = mr_frame_row(f, (int)y) + 4 * x;
    unsigned a = p[3];
    for (int c = 0; c < 3; c++) {
        unsigned v = a == 0 ? 0 : a == 255 ? p[c] : (p[c] * 255 + a / 2) / a;
        lua_pushinteger(L, v > 255 ? 255 : v);
    }
    lua_pushinteger(L, a);
    return 4;
}

/* The whole-pixel coordinate at arg inside 0..n-1, or raises. */
static int check_coord(lua_State *L, int arg, int n, const char *what)
{
    lua_Integer v = luaL_checkinteger(L, arg);
    if (v < 0 || v >= n)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s is outside the picture (0..%d)", what, n - 1));
    return (int)v;
}

/* frame:set_pixel(x, y, colour): the colour (straight alpha) stored premultiplied */
static int frame_set_pixel(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    int x = check_coord(L, 2, f->w, "x"), y = check_coord(L, 3, f->h, "y");
    uint32_t v = mr_rgba_premul(l_check_color(L, 4));
    memcpy(mr_frame_row(f, y) + 4 * x, &v, 4);
    f->opaque = f->opaque && (v >> 24) == 255;
    return 0;
}

/* frame:fill_rect(x, y, w, h, colour): the part inside the picture, replaced */
static int frame_fill_rect(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    lua_Integer x = luaL_checkinteger(L, 2), y = luaL_checkinteger(L, 3), w = luaL_checkinteger(L, 4),
                h = luaL_checkinteger(L, 5);
    uint32_t v = mr_rgba_premul(l_check_color(L, 6));
    lua_Integer x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y, x1 = x + w > f->w ? f->w : x + w, y1 = y + h > f->h ? f->h : y + h;
    for (lua_Integer j = y0; j < y1; j++)
        for (lua_Integer i = x0; i < x1; i++)
            memcpy(mr_frame_row(f, (int)j) + 4 * i, &v, 4);
    f->opaque = f->opaque && (v >> 24) == 255;
    return 0;
}

/* frame:blit(other, x, y): other drawn over this one with its top-left at x, y */
static int frame_blit(lua_State *L)
{
    mr_frame *f = check_frame(L, 1), *src = check_frame(L, 2);
    lua_Integer x = luaL_checkinteger(L, 3), y = luaL_checkinteger(L, 4);
    luaL_argcheck(L, x > -16384 && x < 16384 && y > -16384 && y < 16384, 3, "the place is far outside the picture");
    mr_err err;
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    int r = mr_k_over(&ev, f, src, (int)x, (int)y, 255);
    mr_eval_free(&ev);
    if (r < 0)
        return l_fail(L, "blit", &err);
    return 0;
}

/* frame:copy(): a new Frame with the same pixels */
static int frame_copy(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    mr_err err;
    mr_frame *c = mr_frame_new(f->w, f->h, &err);
    if (!c)
        return l_fail(L, "copy", &err);
    for (int y = 0; y < f->h; y++)
        memcpy(mr_frame_row(c, y), mr_frame_row(f, y), (size_t)f->w * 4);
    c->opaque = f->opaque;
    return l_push_frame(L, c);
}

static int frame_save(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    const char *path = luaL_checkstring(L, 2);
    if (l_host(L)->sandboxed)
        return luaL_error(L, "frame:save is not allowed in a batch template (it writes files)");
    mr_err err;
    if (mr_png_write(f, path, &err) < 0)
        return l_fail(L, "save", &err);
    return 0;
}

static int frame_index(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (!strcmp(k, "w"))
        lua_pushinteger(L, f->w);
    else if (!strcmp(k, "h"))
        lua_pushinteger(L, f->h);
    else if (!strcmp(k, "pixel"))
        lua_pushcfunction(L, frame_pixel);
    else if (!strcmp(k, "save"))
        lua_pushcfunction(L, frame_save);
    else if (!strcmp(k, "set_pixel"))
        lua_pushcfunction(L, frame_set_pixel);
    else if (!strcmp(k, "fill_rect"))
        lua_pushcfunction(L, frame_fill_rect);
    else if (!strcmp(k, "blit"))
        lua_pushcfunction(L, frame_blit);
    else if (!strcmp(k, "copy"))
        lua_pushcfunction(L, frame_copy);
    else
        return luaL_error(L, "no method or field '%s' on a Frame (w, h, pixel, set_pixel, fill_rect, blit, copy, save)", k);
    return 1;
}

static int frame_gc(lua_State *L)
{
    mr_frame **u = luaL_checkudata(L, 1, MR_FRAME_MT);
    mr_frame_unref(*u);
    *u = NULL;
    return 0;
}

static int frame_tostring(lua_State *L)
{
    mr_frame *f = check_frame(L, 1);
    lua_pushfstring(L, "Frame(%dx%d)", f->w, f->h);
    return 1;
}

void l_register_frame(lua_State *L)
{
    luaL_newmetatable(L, MR_FRAME_MT);
    lua_pushcfunction(L, frame_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, frame_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, frame_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
}
