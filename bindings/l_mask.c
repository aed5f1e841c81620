/* l_mask.c: masks in Lua (moonreel.Mask): the `mask` table of new masks (mask.rect{...},
 * mask.from(clip)) and the Mask methods (m:feather(4), m:invert()), one for each function of
 * the registry's mask table by one loop each, plus the operators a * b, a + b, a - b,
 * m:clip(w, h) to look at a mask, mask.canvas(w, h, fn) and clip:alpha(). */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/suggest.h"
#include "engine/masks/mask.h"

#define MR_MASK_MT "moonreel.Mask"

/* Pushes a Mask holding m (the caller's reference passes to Lua), or raises err. Returns 1. */
static int push_mask(lua_State *L, mr_mask *m, const mr_err *err)
{
    if (!m)
        return l_fail(L, NULL, err);
    lua_Debug ar;
    char where[96];
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
        snprintf(where, sizeof where, "%s:%d", ar.short_src, ar.currentline);
        mr_mask_set_origin(m, where);
    }
    mr_mask **u = lua_newuserdatauv(L, sizeof *u, 0);
    *u = m;
    luaL_setmetatable(L, MR_MASK_MT);
    return 1;
}

mr_mask *l_check_mask(lua_State *L, int arg)
{
    mr_mask **u = luaL_testudata(L, arg, MR_MASK_MT);
    if (u && *u)
        return *u;
    if (!mr_bindings_to_clip(L, arg))
        l_type_error(L, arg, "mask (or a clip: its luma)");
    /* a clip is its luma, as MoviePy's mask clips */
    mr_arg args[MR_OP_MAX_PARAMS] = {{.given = true, .clip = l_check_clip(L, arg)}};
    mr_err err;
    mr_mask *m = mr_mask_new(mr_mask_op_find("from"), args, NULL, &err);
    if (!m)
        l_fail(L, NULL, &err);
    push_mask(L, m, &err); /* Lua owns it: the caller borrows it for as long as the value stays */
    lua_replace(L, arg);
    return m;
}

/* mask.NAME(...) for the mask function in upvalue 1; also m:NAME(...) (with self: the mask
 * it changes). */
static int mask_call(lua_State *L)
{
    const mr_op *op = lua_touserdata(L, lua_upvalueindex(1));
    int first = 1;
    mr_mask *in = NULL;
    if (op->role == MR_ROLE_MASK) {
        in = l_check_mask(L, 1);
        first = 2;
    }
    mr_fx *fx = l_fx_from_args(L, op, first, lua_gettop(L)); /* Lua owns the arguments till collected */
    mr_err err;
    return push_mask(L, mr_mask_new(op, fx->args, in, &err), &err);
}

/* m:clip(w, h): the mask as a clip to look at, white where it covers, transparent elsewhere. */
static int mask_clip(lua_State *L)
{
    mr_mask *m = l_check_mask(L, 1);
    lua_Integer w = luaL_checkinteger(L, 2), h = luaL_checkinteger(L, 3);
    luaL_argcheck(L, w >= 1 && w <= 16384, 2, "width 1..16384");
    luaL_argcheck(L, h >= 1 && h <= 16384, 3, "height 1..16384");
    mr_err err;
    return l_push_clip(L, mr_mask_build(m, (int)w, (int)h, &err), "clip", &err);
}

/* Whether the value at idx is a Mask or a clip. */
static bool mask_like(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, MR_MASK_MT) || mr_bindings_to_clip(L, idx);
}

/* The operator `a OP b` (op its sign) as the mask function called name, a and b masks or
 * clips; anything else is an error that says what goes there. */
static int binary(lua_State *L, const char *name, const char *op)
{
    for (int i = 1; i <= 2; i++)
        if (!mask_like(L, i)) /* as written: "2 - m" is "a number - a mask" */
            return luaL_error(L, "%s%s %s %s%s: masks combine with masks or clips, not a %s (to fade a picture: "
                              "clip:opacity(k); a weaker mask: m * mask.from(color({k * 255, 0, 0}, w, h), \"r\"))",
                              i == 1 ? "a " : "", i == 1 ? luaL_typename(L, 1) : "a mask", op, i == 2 ? "a " : "",
                              i == 2 ? luaL_typename(L, 2) : "a mask", luaL_typename(L, i));
    mr_mask *a = l_check_mask(L, 1), *b = l_check_mask(L, 2);
    mr_arg args[MR_OP_MAX_PARAMS] = {{.given = true, .mask = b}}; /* borrowed: mr_mask_new takes its own */
    mr_err err;
    return push_mask(L, mr_mask_new(mr_mask_op_find(name), args, a, &err), &err);
}

static int mask_mul(lua_State *L) { return binary(L, "intersect", "*"); }
static int mask_add(lua_State *L) { return binary(L, "union", "+"); }
static int mask_sub(lua_State *L) { return binary(L, "subtract", "-"); }
static int mask_unm(lua_State *L) { return luaL_error(L, "-m is not a mask: m:invert() is 1 - m"); }

static int mask_tostring(lua_State *L)
{
    char buf[256];
    mr_mask_describe(l_check_mask(L, 1), buf, sizeof buf);
    lua_pushfstring(L, "Mask(%s)", buf);
    return 1;
}

static int mask_gc(lua_State *L)
{
    mr_mask **u = luaL_checkudata(L, 1, MR_MASK_MT);
    mr_mask_unref(*u);
    *u = NULL;
    return 0;
}

/* The nearest of the names in the table at idx to name, or NULL. */
static const char *nearest_key(lua_State *L, int idx, const char *name)
{
    const char *names[64];
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) && n < 64) {
        lua_pop(L, 1);
        names[n++] = lua_tostring(L, -1);
    }
    return mr_suggest(name, names, n);
}

/* m.NAME: a method, or an error with the nearest one. */
static int mask_index(lua_State *L)
{
    l_check_mask(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (lua_getfield(L, lua_upvalueindex(1), k) != LUA_TNIL)
        return 1;
    const char *near = nearest_key(L, lua_upvalueindex(1), k);
    if (near)
        return luaL_error(L, "no method '%s' on a Mask; did you mean '%s'?", k, near);
    return luaL_error(L, "no method '%s' on a Mask (moonreel help ops lists them)", k);
}

/* mask.NAME for a name no function has. */
static int module_missing(lua_State *L)
{
    const char *k = luaL_checkstring(L, 2);
    const char *near = nearest_key(L, 1, k);
    if (near)
        return luaL_error(L, "no function mask.%s; did you mean mask.%s?", k, near);
    return luaL_error(L, "no function mask.%s (moonreel help ops lists them)", k);
}

/* clip:alpha(): the clip's own alpha as a mask. */
int l_clip_alpha(lua_State *L)
{
    mr_arg args[MR_OP_MAX_PARAMS] = {{.given = true, .clip = l_check_clip(L, 1)}, {.given = true, .num = 1}};
    mr_err err;
    return push_mask(L, mr_mask_new(mr_mask_op_find("from"), args, NULL, &err), &err);
}

/* mask.canvas(w, h, fn): the alpha of canvas(w, h, fn), the drawing of per-frame Lua. */
static int mask_canvas(lua_State *L)
{
    lua_settop(L, 3);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "moonreel");
    lua_getfield(L, -1, "canvas");
    lua_insert(L, 1);
    lua_settop(L, 4);
    lua_call(L, 3, 1); /* canvas(w, h, fn): its errors are the canvas's */
    return l_clip_alpha(L);
}

/* Pushes a table of one closure per entry of the mask table with the role given. */
static void push_functions(lua_State *L, mr_op_role role)
{
    lua_newtable(L);
    for (const mr_op *const *op = mr_mask_table; *op; op++) {
        if ((*op)->role != role)
            continue;
        lua_pushlightuserdata(L, (void *)*op);
        lua_pushcclosure(L, mask_call, 1);
        lua_setfield(L, -2, (*op)->name);
    }
}

void l_add_masks(lua_State *L)
{
    luaL_newmetatable(L, MR_MASK_MT);
    static const luaL_Reg meta[] = {{"__tostring", mask_tostring}, {"__gc", mask_gc}, {"__mul", mask_mul},
                                    {"__add", mask_add},           {"__sub", mask_sub}, {"__unm", mask_unm},
                                    {NULL, NULL}};
    luaL_setfuncs(L, meta, 0);
    push_functions(L, MR_ROLE_MASK);
    lua_pushcfunction(L, mask_clip);
    lua_setfield(L, -2, "clip");
    lua_pushcclosure(L, mask_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    push_functions(L, MR_ROLE_MASK_NEW); /* the `mask` table */
    lua_pushcfunction(L, mask_canvas);
    lua_setfield(L, -2, "canvas");
    lua_newtable(L);
    lua_pushcfunction(L, module_missing);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "mask");
}
