/* l_frame.c: one evaluated picture (moonreel.Frame): .w, .h, :pixel(x, y), :save(path). */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/output.h"

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
    else
        lua_pushnil(L);
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
