/* l_concat.c: concat{a, b, c, transition = crossfade(1)}, concat{a, wipe("left"), b}, and
 * concat(clips, opts): clips in order, transitions between them, options by name in the list
 * or in a second table. */
#include <math.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/suggest.h"
#include "engine/ops/concat.h"

static const char *const option_names[] = {"size", "method", "bg", "padding", "transition", "audio"};
#define NOPTIONS (sizeof option_names / sizeof option_names[0])

/* The options of the table at idx over *o (the default transition into *tr). */
static void read_options(lua_State *L, int idx, mr_concat_opts *o, mr_transition **tr)
{
    if (l_field(L, idx, "size") != LUA_TNIL) {
        l_check_size(L, -1, &o->w, &o->h);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "method") != LUA_TNIL) {
        const char *m = l_check_string(L, -1);
        if (strcmp(m, "compose") && strcmp(m, "letterbox"))
            l_arg_error(L, -1, "\"letterbox\" (scaled to fit, the default) or \"compose\" (each at its own size, "
                               "centred) expected");
        o->compose = !strcmp(m, "compose");
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "bg") != LUA_TNIL) {
        o->bg = l_check_color(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "padding") != LUA_TNIL) {
        o->padding = l_check_number(L, -1);
        if (!isfinite(o->padding))
            l_arg_error(L, -1, "seconds expected");
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "transition") != LUA_TNIL) {
        if (!(*tr = l_to_transition(L, -1)))
            l_type_error(L, -1, "Transition (crossfade(1), wipe(\"left\"), ...)");
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "audio") != LUA_TNIL) {
        if (lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "cut"))
            o->audio = 0;
        else if (lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) >= 0)
            o->audio = lua_tonumber(L, -1);
        else
            l_arg_error(L, -1, "\"cut\" or seconds (at least 0) of sound crossfade expected");
        lua_pop(L, 1);
    }
}

int l_concat(lua_State *L)
{
    lua_settop(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    if (!lua_isnil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer len = luaL_len(L, 1);
    l_check_list_keys(L, 1, len, "concat", option_names, NOPTIONS, "clips and transitions");
    if (!lua_isnil(L, 2))
        l_check_keys(L, 2, "concat", option_names, NOPTIONS);
    /* scratch that Lua owns: the clips (borrowed: the list holds them) and the cuts */
    size_t most = len > 0 ? (size_t)len : 1;
    mr_clip **clips = lua_newuserdatauv(L, sizeof *clips * most, 0);
    mr_transition **cuts = lua_newuserdatauv(L, sizeof *cuts * most, 0);
    int n = 0;
    bool after_cut = false;
    for (lua_Integer i = 1; i <= len; i++) {
        lua_geti(L, 1, i);
        mr_clip *c = mr_bindings_to_clip(L, -1);
        mr_transition *t = c ? NULL : l_to_transition(L, -1);
        if (c) {
            if (n > 0 && !after_cut)
                cuts[n - 1] = NULL;
            clips[n++] = c;
            after_cut = false;
        } else if (t && n > 0 && !after_cut) {
            cuts[n - 1] = t;
            after_cut = true;
        } else if (t) {
            lua_pushfstring(L, "entry %I is a transition %s; a transition stands between two clips", i,
                            n == 0 ? "before the first clip" : "right after another");
            luaL_argerror(L, 1, lua_tostring(L, -1));
        } else {
            lua_pushfstring(L, "entry %I is a %s, not a clip or a transition", i, l_type_name(L, -1));
            luaL_argerror(L, 1, lua_tostring(L, -1));
        }
        lua_pop(L, 1);
    }
    if (n == 0)
        luaL_argerror(L, 1, "the list has no clips");
    if (after_cut)
        luaL_argerror(L, 1, "the list ends with a transition; a transition stands between two clips");
    mr_concat_opts o = mr_concat_opts_default();
    mr_transition *every = NULL;
    read_options(L, 1, &o, &every);
    if (!lua_isnil(L, 2))
        read_options(L, 2, &o, &every);
    for (int i = 0; i + 1 < n; i++)
        if (!cuts[i])
            cuts[i] = every;
    o.cuts = cuts;
    mr_err err;
    return l_push_clip(L, mr_concat_make(clips, n, &o, &err), NULL, &err);
}
