/* l_subtitles.c: subtitles(path, style), a transparent clip of the cues to compose, and
 * clip:subtitles(path, style), the cues burnt onto a clip at its size. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/subtitles/subtitles.h"

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

/* The style's keys, each read by its kind into the field at off of mr_sub_style (min..max
 * for sizes): the one list both the key check and the reading go by. */
enum style_kind { K_SIZE, K_FONT, K_PX, K_COLOR, K_BOX, K_ALIGN, K_BOOL };
static const struct style_key {
    const char *name;
    enum style_kind kind;
    size_t off;
    double min, max;
} style_keys[] = {
    {"size", K_SIZE, 0, 0, 0},
    {"font", K_FONT, offsetof(mr_sub_style, font), 0, 0},
    {"font_size", K_PX, offsetof(mr_sub_style, font_size), 1, 2000},
    {"color", K_COLOR, offsetof(mr_sub_style, color), 0, 0},
    {"outline", K_PX, offsetof(mr_sub_style, outline), 0, 100},
    {"outline_color", K_COLOR, offsetof(mr_sub_style, outline_color), 0, 0},
    {"box", K_BOX, offsetof(mr_sub_style, box), 0, 0},
    {"margin", K_PX, offsetof(mr_sub_style, margin), 0, 16384},
    {"align", K_ALIGN, offsetof(mr_sub_style, align), 0, 0},
    {"bold", K_BOOL, offsetof(mr_sub_style, bold), 0, 0},
    {"italic", K_BOOL, offsetof(mr_sub_style, italic), 0, 0},
};
#define N_STYLE_KEYS (sizeof style_keys / sizeof style_keys[0])

/* The font name on top of the stack into out (n bytes): one family name, without ',' or
 * control characters (an ASS style is a comma-separated line). */
static void check_font_name(lua_State *L, char *out, size_t n)
{
    const char *s = l_check_string(L, -1);
    size_t len = lua_rawlen(L, -1);
    if (strlen(s) != len)
        l_arg_error(L, -1, "font must not hold a NUL byte");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ',')
            l_arg_error(L, -1, "font is one family name, without ',' (\"DejaVu Sans\")");
        if (c < 32 || c == 127)
            l_arg_error(L, -1, "font must not hold control characters (line ends, tabs)");
    }
    if (len >= n)
        l_arg_error(L, -1, "font name too long");
    memcpy(out, s, len + 1);
}

/* The style table at idx (absent: defaults) into st; its size {w, h} into *w, *h when
 * size_ok (else "size" is refused). */
static void read_style(lua_State *L, int idx, const char *fname, mr_sub_style *st, bool size_ok, int *w, int *h)
{
    *st = mr_sub_style_default();
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    const char *names[N_STYLE_KEYS];
    for (size_t i = 0; i < N_STYLE_KEYS; i++)
        names[i] = style_keys[i].name;
    l_check_keys(L, idx, fname, names, N_STYLE_KEYS);
    for (size_t i = 0; i < N_STYLE_KEYS; i++) {
        const struct style_key *k = &style_keys[i];
        if (l_field(L, idx, k->name) == LUA_TNIL) /* pushes nothing then */
            continue;
        char *field = (char *)st + k->off;
        switch (k->kind) {
        case K_SIZE:
            if (lua_type(L, -1) == LUA_TNUMBER)
                l_arg_error(L, -1, "size is the picture's {w, h}; the letters' size is font_size");
            if (!size_ok)
                l_arg_error(L, -1, "clip:subtitles draws at the clip's size; size is for subtitles(path, style)");
            l_check_size(L, -1, w, h);
            break;
        case K_FONT:
            check_font_name(L, field, sizeof st->font);
            break;
        case K_PX: {
            double v = l_check_number(L, -1);
            if (!(v >= k->min && v <= k->max)) {
                char msg[96];
                snprintf(msg, sizeof msg, "%s must be %g..%g px", k->name, k->min, k->max);
                l_arg_error(L, -1, msg);
            }
            *(double *)field = v;
            break;
        }
        case K_COLOR:
            *(mr_rgba *)field = l_check_color(L, -1);
            break;
        case K_BOX: /* true, or the box's colour */
            if (lua_type(L, -1) == LUA_TBOOLEAN) {
                st->box = lua_toboolean(L, -1);
            } else {
                st->box = true;
                st->box_color = l_check_color(L, -1);
            }
            break;
        case K_ALIGN:
            *(int *)field = check_align(L);
            break;
        case K_BOOL:
            *(bool *)field = lua_toboolean(L, -1);
            break;
        }
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
