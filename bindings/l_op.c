/* l_op.c: the registry's Lua face. One loop makes every operation of engine/ops/op_table.c a
 * Clip method (clip:fadein(1)), an fx value (fx.fadein(1)) and a name for clip:fx("fadein",
 * 1); one reader checks the arguments of all of them, positional or named, by the
 * descriptor, and names the operation and the parameter when they are wrong. */
#include <math.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/masks/mask.h"
#include "engine/ops/fx.h"
#include "engine/ops/op.h"
#include "engine/core/suggest.h"

/* Raises "bad argument 'mode' to 'blend' ("normal", ... or "soft_light" expected; did you
 * mean 'multiply'?)" for the value at idx, not one of p's choices. */
static void enum_error(lua_State *L, const mr_param_desc *p, int idx)
{
    char words[256], names[512];
    const char *list[32];
    size_t n = 0;
    mr_param_type_words(p, words, sizeof words);
    snprintf(names, sizeof names, "%s", p->choices);
    for (char *c = names; *c && n < 32;) { /* "x|y|z": each name cut out in place */
        list[n++] = c;
        c += strcspn(c, "|");
        if (*c)
            *c++ = 0;
    }
    const char *near = lua_type(L, idx) == LUA_TSTRING ? mr_suggest(lua_tostring(L, idx), list, n) : NULL;
    if (near)
        l_arg_error(L, idx, lua_pushfstring(L, "%s expected; did you mean '%s'?", words, near));
    l_arg_error(L, idx, lua_pushfstring(L, "%s expected", words));
}

/* A list of points { {x, y}, ... } at idx, at most p->max of them: a new reference. Raises
 * (naming the parameter) on anything else. */
static mr_points *read_points(lua_State *L, const mr_param_desc *p, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        l_type_error(L, idx, "list of points { {x, y}, ... }");
    lua_Integer n = luaL_len(L, idx);
    if (n > (lua_Integer)p->max)
        l_arg_error(L, idx, lua_pushfstring(L, "%I points; it takes at most %d", n, (int)p->max));
    mr_points *pts = mr_points_new((int)n);
    if (!pts)
        luaL_error(L, "out of memory");
    int top = lua_gettop(L);
    for (lua_Integer i = 1; i <= n; i++) {
        bool ok = lua_rawgeti(L, idx, i) == LUA_TTABLE;
        if (ok) {
            lua_rawgeti(L, top + 1, 1);
            lua_rawgeti(L, top + 1, 2);
            ok = lua_type(L, top + 2) == LUA_TNUMBER && lua_type(L, top + 3) == LUA_TNUMBER;
        }
        double x = ok ? lua_tonumber(L, top + 2) : 0, y = ok ? lua_tonumber(L, top + 3) : 0;
        lua_settop(L, top);
        if (!ok || !isfinite(x) || !isfinite(y)) {
            mr_points_unref(pts);
            l_arg_error(L, idx, lua_pushfstring(L, "point %I is not {x, y} with two finite numbers", i));
        }
        pts->xy[i - 1][0] = x;
        pts->xy[i - 1][1] = y;
    }
    return pts;
}

/* Reads the value at idx for parameter p of op into a. Returns how many Lua values it took
 * (a position takes the rest). Raises on a bad value, naming op and p. */
static int read_value(lua_State *L, const mr_op *op, const mr_param_desc *p, int idx, int last, mr_arg *a)
{
    int used = 1;
    l_arg_name(op->name, p->name);
    switch (p->type) {
    case MR_P_NUMBER:
    case MR_P_INT:
        if (p->animatable && (a->curve = l_to_curve(L, idx, 1)))
            break;
        if (lua_type(L, idx) != LUA_TNUMBER) {
            char words[96];
            mr_param_type_words(p, words, sizeof words);
            l_type_error(L, idx, words);
        }
        a->num = lua_tonumber(L, idx);
        break;
    case MR_P_TIME: a->num = l_check_time(L, idx); break;
    case MR_P_COLOR: a->color = l_check_color(L, idx); break;
    case MR_P_ENUM: {
        const char *s = lua_tostring(L, idx);
        int i = 0;
        for (const char *c = p->choices; s && lua_type(L, idx) == LUA_TSTRING; i++) {
            size_t len = strcspn(c, "|");
            if (strlen(s) == len && !strncmp(c, s, len))
                break;
            if (!c[len]) {
                s = NULL;
                break;
            }
            c += len + 1;
        }
        if (!s || lua_type(L, idx) != LUA_TSTRING)
            enum_error(L, p, idx);
        a->num = i;
        break;
    }
    case MR_P_POS: {
        mr_curve *c = p->animatable ? l_to_curve(L, idx, 2) : NULL;
        if (c) {
            a->pos = mr_pos_origin();
            a->pos.curve = c; /* owned by the arg (mr_op_args_clear) */
        } else if (lua_type(L, idx) == LUA_TTABLE) { /* {x, y}, {"right", "top", 40}: a named value */
            int top = lua_gettop(L), n = (int)luaL_len(L, idx);
            luaL_checkstack(L, n, "position");
            for (int i = 1; i <= n && i <= 3; i++)
                lua_geti(L, idx, i);
            a->pos = l_check_pos(L, top + 1);
            lua_settop(L, top);
        } else if (p != &op->params[op->nparams - 1]) { /* more follow: one value, ("center", 100) */
            int top = lua_gettop(L);
            lua_pushvalue(L, idx);
            a->pos = l_check_pos(L, top + 1);
            mr_curve_ref((mr_curve *)a->pos.curve);
            lua_settop(L, top);
        } else { /* the last: the rest of the values, (x, y) or ("right", "top", 40) */
            a->pos = l_check_pos(L, idx);
            mr_curve_ref((mr_curve *)a->pos.curve); /* a moving Position's curve: the arg's own reference */
            used = last - idx + 1;
        }
        break;
    }
    case MR_P_BOOL:
        if (lua_type(L, idx) != LUA_TBOOLEAN)
            l_type_error(L, idx, "boolean");
        a->num = lua_toboolean(L, idx);
        break;
    case MR_P_MASK: a->mask = mr_mask_ref(l_check_mask(L, idx)); break;
    case MR_P_POINTS: a->points = read_points(L, p, idx); break;
    case MR_P_FILE: {
        char path[4096];
        if (lua_type(L, idx) != LUA_TSTRING)
            l_type_error(L, idx, "file name");
        if (!*lua_tostring(L, idx))
            l_arg_error(L, idx, "an empty file name");
        if (!(a->str = mr_str_new(l_input_path(L, lua_tostring(L, idx), path, sizeof path))))
            luaL_error(L, "out of memory");
        break;
    }
    case MR_P_CLIP:
        if (lua_isnil(L, idx) && p->optional) {
            l_arg_name(NULL, NULL);
            return 1; /* none */
        }
        if (!mr_bindings_to_clip(L, idx))
            l_type_error(L, idx, "clip");
        a->clip = mr_clip_ref(l_check_clip(L, idx));
        break;
    }
    l_arg_name(NULL, NULL);
    a->given = true;
    return used;
}

/* Whether the value at idx is a table of named arguments (string keys). */
static bool named_table(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        return false;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            lua_pop(L, 1);
            return true;
        }
    }
    return false;
}

/* Positional values [first, last]: a form for this many values, else the parameters in order. */
static void read_positional(lua_State *L, const mr_op *op, int first, int last, mr_arg *args)
{
    int n = last - first + 1;
    const char *form = NULL;
    if (op->forms)
        for (int i = 0; op->forms[i] && !form; i++)
            if (i + 1 == n)
                form = op->forms[i];
    int idx = first;
    for (int i = 0; idx <= last; i++) {
        int p;
        if (form) {
            char name[32];
            size_t len = strcspn(form, " ");
            snprintf(name, sizeof name, "%.*s", (int)len, form);
            form += len + (form[len] == ' ');
            p = mr_op_param(op, name);
        } else {
            p = i < op->nparams ? i : -1;
        }
        if (p < 0)
            luaL_error(L, "bad argument #%d to '%s' (%s takes %d argument%s)", idx - first + 1, op->name, op->name,
                       op->nparams, op->nparams == 1 ? "" : "s");
        if (lua_isnil(L, idx) && op->params[p].optional) { /* rotate(30, nil, "lanczos"): left out */
            idx++;
            continue;
        }
        idx += read_value(L, op, &op->params[p], idx, last, &args[p]);
    }
}

/* The keys of the table at idx: values in order (1 .. npos) and op's parameter names. */
static void check_names(lua_State *L, const mr_op *op, int idx, int npos)
{
    const char *names[MR_OP_MAX_PARAMS];
    for (int i = 0; i < op->nparams; i++)
        names[i] = op->params[i].name;
    l_check_list_keys(L, idx, npos, op->name, names, (size_t)op->nparams, "values");
}

/* Named arguments: {radius = 4}, after values in order where the table has them
 * ({10, 20, 300, 200, radius = 8}); an unknown name is an error with the nearest one. */
static void read_named(lua_State *L, const mr_op *op, int idx, mr_arg *args)
{
    idx = lua_absindex(L, idx);
    int npos = (int)lua_rawlen(L, idx), top = lua_gettop(L);
    check_names(L, op, idx, npos);
    if (npos > 0) {
        luaL_checkstack(L, npos, "arguments");
        for (int i = 1; i <= npos; i++)
            lua_rawgeti(L, idx, i);
        read_positional(L, op, top + 1, top + npos, args);
        lua_settop(L, top);
    }
    for (int i = 0; i < op->nparams; i++) {
        lua_getfield(L, idx, op->params[i].name);
        if (!lua_isnil(L, -1) && args[i].given)
            luaL_error(L, "bad argument '%s' to '%s' (given twice: in order and by name)", op->params[i].name, op->name);
        if (!lua_isnil(L, -1))
            read_value(L, op, &op->params[i], lua_gettop(L), lua_gettop(L), &args[i]);
        lua_pop(L, 1);
    }
}

void l_op_read_args(lua_State *L, const mr_op *op, int first, int last, mr_arg *args)
{
    while (last >= first && lua_isnil(L, last))
        last--;
    int n = last - first + 1;
    /* one table: the values by name and in order ({10, 20, radius = 4}); but a first colour
     * or list of points takes a table itself ({r, g, b}; { {x, y}, ... }): a table is the
     * colour when it holds numbers in order and nothing by name ({"red", 0.5} is tint's two) */
    mr_ptype first_type = op->nparams ? op->params[0].type : MR_P_NUMBER;
    bool table = n == 1 && lua_type(L, first) == LUA_TTABLE, named = table && named_table(L, first);
    if (first_type == MR_P_COLOR) {
        bool numbers = table && lua_rawgeti(L, first, 1) == LUA_TNUMBER;
        if (table)
            lua_pop(L, 1);
        named = table && !numbers;
    }
    else if (first_type != MR_P_POINTS)
        named = table;
    if (named) {
        read_named(L, op, first, args);
        return;
    }
    /* values in order, then a table of the rest by name: rotate(30, {expand = false}) */
    bool options = n >= 2 && lua_type(L, last) == LUA_TTABLE && named_table(L, last) && lua_rawlen(L, last) == 0;
    read_positional(L, op, first, options ? last - 1 : last, args);
    if (options)
        read_named(L, op, last, args);
}

/* Pushes an empty Fx for op: what an operation's arguments are read into, so that a raised
 * error leaves them to the Fx's __gc (no reference is lost). */
static mr_fx *push_fx(lua_State *L, const mr_op *op)
{
    mr_fx *fx = lua_newuserdatauv(L, sizeof *fx, 0);
    memset(fx, 0, sizeof *fx);
    fx->op = op;
    luaL_setmetatable(L, MR_FX_MT);
    return fx;
}

mr_fx *l_fx_from_args(lua_State *L, const mr_op *op, int first, int last)
{
    mr_fx *fx = push_fx(L, op);
    lua_insert(L, first); /* before the arguments, which then end where the stack does */
    l_op_read_args(L, op, first + 1, last + 1, fx->args);
    mr_err err;
    if (mr_op_check(op, fx->args, &err) < 0)
        l_fail(L, NULL, &err);
    return fx;
}

/* A method: clip:NAME(...) for the operation in upvalue 1. */
static int op_method(lua_State *L)
{
    const mr_op *op = lua_touserdata(L, lua_upvalueindex(1));
    mr_clip *c = l_check_clip(L, 1);
    int last = lua_gettop(L);
    mr_fx *fx = l_fx_from_args(L, op, 2, last);
    mr_err err;
    return l_push_clip(L, mr_fx_apply(fx, c, &err), NULL, &err);
}

void l_add_op_methods(lua_State *L)
{
    for (const mr_op *const *op = mr_op_table; *op; op++) {
        lua_pushlightuserdata(L, (void *)*op);
        lua_pushcclosure(L, op_method, 1);
        lua_setfield(L, -2, (*op)->name);
    }
}

/* fx.NAME(...): an Fx value of the operation in upvalue 1. */
static int op_value(lua_State *L)
{
    const mr_op *op = lua_touserdata(L, lua_upvalueindex(1));
    l_fx_from_args(L, op, 1, lua_gettop(L));
    lua_settop(L, 1);
    return 1;
}

void l_add_op_values(lua_State *L)
{
    for (const mr_op *const *op = mr_op_table; *op; op++) {
        lua_pushlightuserdata(L, (void *)*op);
        lua_pushcclosure(L, op_value, 1);
        lua_setfield(L, -2, (*op)->name);
    }
}

const mr_op *l_check_op_name(lua_State *L, int arg)
{
    const char *name = luaL_checkstring(L, arg);
    const mr_op *op = mr_op_find(name);
    if (op)
        return op;
    const char *other = l_other_name(name), *near = l_nearest_op(name);
    if (other)
        return luaL_argerror(L, arg, lua_pushfstring(L, "no operation '%s'; moonreel calls it '%s'", name, other)), NULL;
    if (near)
        return luaL_argerror(L, arg, lua_pushfstring(L, "no operation '%s'; did you mean '%s'?", name, near)), NULL;
    return luaL_argerror(L, arg, lua_pushfstring(L, "no operation '%s' (moonreel help ops lists them)", name)), NULL;
}
