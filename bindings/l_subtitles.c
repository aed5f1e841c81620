/* l_subtitles.c: subtitles(path, style), a transparent clip of the cues to compose, and
 * clip:subtitles(path, style), the cues burnt onto a clip at its size. */
#include <stdio.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/subtitles/subtitles.h"

static const char *const style_keys[] = {"size", "font", "font_size", "color", "outline", "outline_color",
                                         "box", "margin", "align", "bold", "italic"};

/* "bottom", "top-left", "center"... or 1..9 (the numeric keypad, as ASS's \an). */
static int check_align(lua_State *L)
{
    if (lua_type(L, -1) == LUA_TNUMBER) {
        lua_Integer a = l_check_integer(L, -1);
        if (a < 1 || a > 9)
            l_arg_error(L, -1, "align must be 1..9 (the numeric keypad: 2 bottom centre, 8 top centre)");
        return (int)a;
    }
    static const char *const names[] = {"bottom-left", "bottom", "bottom-right", "left", "center", "right",
                                        "top-left", "top", "top-right"};
    const char *s = l_check_string(L, -1);
    for (int i = 0; i < 9; i++)
        if (!strcmp(s, names[i]))
            return i + 1;
    if (!strcmp(s, "centre") || !strcmp(s, "middle"))
        return 5;
    return l_arg_error(L, -1, "align must be \"bottom\", \"top\", \"center\", \"left\", \"right\", "
                              "\"bottom-left\", \"bottom-right\", \"top-left\", \"top-right\" or 1..9");
}

/* A size in pixels for option key: 0..limit. */
static double check_px(lua_State *L, const char *what, double limit)
{
    double v = l_check_number(L, -1);
    if (!(v >= 0 && v <= limit)) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s must be 0..%g px", what, limit);
        l_arg_error(L, -1, msg);
    }
    return v;
}

/* The style table at idx (absent: defaults) into st; its size {w, h} into *w, *h when
 * size_ok (else "size" is refused). */
static void read_style(lua_State *L, int idx, const char *fname, mr_sub_style *st, bool size_ok, int *w, int *h)
{
    *st = mr_sub_style_default();
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    l_check_keys(L, idx, fname, style_keys, sizeof style_keys / sizeof style_keys[0]);
    if (l_field(L, idx, "size") != LUA_TNIL) {
        if (lua_type(L, -1) == LUA_TNUMBER)
            l_arg_error(L, -1, "size is the picture's {w, h}; the letters' size is font_size");
        if (!size_ok)
            l_arg_error(L, -1, "clip:subtitles draws at the clip's size; size is for subtitles(path, style)");
        l_check_size(L, -1, w, h);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "font") != LUA_TNIL) {
        snprintf(st->font, sizeof st->font, "%s", l_check_string(L, -1));
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "font_size") != LUA_TNIL) {
        st->font_size = check_px(L, "font_size", 2000);
        if (st->font_size < 1)
            l_arg_error(L, -1, "font_size must be 1..2000 px");
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "color") != LUA_TNIL) {
        st->color = l_check_color(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "outline") != LUA_TNIL) {
        st->outline = check_px(L, "outline", 100);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "outline_color") != LUA_TNIL) {
        st->outline_color = l_check_color(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "box") != LUA_TNIL) { /* true, or the box's colour */
        if (lua_type(L, -1) == LUA_TBOOLEAN)
            st->box = lua_toboolean(L, -1);
        else {
            st->box = true;
            st->box_color = l_check_color(L, -1);
        }
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "margin") != LUA_TNIL) {
        st->margin = check_px(L, "margin", 16384);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "align") != LUA_TNIL) {
        st->align = check_align(L);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "bold") != LUA_TNIL) {
        st->bold = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    if (l_field(L, idx, "italic") != LUA_TNIL) {
        st->italic = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
}

/* subtitles(path[, style]): size {w, h} defaults to 1920 x 1080. */
static int l_subtitles(lua_State *L)
{
    char path[4096];
    l_input_path(L, luaL_checkstring(L, 1), path, sizeof path);
    mr_sub_style st;
    int w = 1920, h = 1080;
    read_style(L, 2, "subtitles", &st, true, &w, &h);
    mr_err err;
    return l_push_clip(L, mr_subtitles_new(path, &st, w, h, &err), "subtitles", &err);
}

int l_clip_subtitles(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    char path[4096];
    l_input_path(L, luaL_checkstring(L, 2), path, sizeof path);
    mr_sub_style st;
    int w, h;
    read_style(L, 3, "subtitles", &st, false, &w, &h);
    mr_err err;
    return l_push_clip(L, mr_subtitles_burn(c, path, &st, &err), "subtitles", &err);
}

void l_add_subtitles(lua_State *L)
{
    lua_pushcfunction(L, l_subtitles);
    lua_setfield(L, -2, "subtitles");
}
