/* l_sources.c: the functions that start a graph: video, image, audio, color, pattern,
 * tone, silence, text. */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/sources/sources.h"
#include "engine/sources/text.h"

static int open_file(lua_State *L, const char *fname, mr_clip *(*open)(const char *, mr_err *))
{
    char path[4096];
    l_input_path(L, luaL_checkstring(L, 1), path, sizeof path);
    mr_err err;
    return l_push_clip(L, open(path, &err), fname, &err);
}

/* The rate of an options table {fps = ...} at idx (none or nil: def), for fname's messages. */
static mr_rational opt_fps(lua_State *L, int idx, const char *fname, mr_rational def)
{
    if (lua_isnoneornil(L, idx))
        return def;
    luaL_checktype(L, idx, LUA_TTABLE);
    static const char *const keys[] = {"fps"};
    l_check_keys(L, idx, fname, keys, 1);
    if (l_field(L, idx, "fps") != LUA_TNIL) {
        def = l_check_fps(L, -1);
        lua_pop(L, 1);
    }
    return def;
}

/* video(path[, {fps = 25}]): fps for image sequences (frames/%04d.png) */
static int l_video(lua_State *L)
{
    char path[4096];
    l_input_path(L, luaL_checkstring(L, 1), path, sizeof path);
    mr_rational fps = opt_fps(L, 2, "video", (mr_rational){0, 1});
    mr_err err;
    return l_push_clip(L, mr_video_new_rate(path, fps, &err), "video", &err);
}
static int l_image(lua_State *L) { return open_file(L, "image", mr_image_new); }
static int l_audio(lua_State *L) { return open_file(L, "audio", mr_audio_new); }

static int check_dim(lua_State *L, int arg)
{
    lua_Integer v = luaL_checkinteger(L, arg);
    luaL_argcheck(L, v > 0 && v <= 16384, arg, "size must be 1..16384 pixels");
    return (int)v;
}

static int l_color(lua_State *L)
{
    mr_rgba c = l_check_color(L, 1);
    int w = check_dim(L, 2), h = check_dim(L, 3);
    mr_err err;
    return l_push_clip(L, mr_color_new(c, w, h, &err), "color", &err);
}

static int l_pattern(lua_State *L)
{
    const char *kind = luaL_checkstring(L, 1);
    int w = check_dim(L, 2), h = check_dim(L, 3);
    mr_rational fps = opt_fps(L, 4, "pattern", (mr_rational){30, 1});
    mr_err err;
    return l_push_clip(L, mr_pattern_new(kind, w, h, fps, &err), "pattern", &err);
}

static int l_tone(lua_State *L)
{
    mr_err err;
    return l_push_clip(L, mr_tone_new(luaL_checknumber(L, 1), &err), "tone", &err);
}

static int l_silence(lua_State *L)
{
    mr_err err;
    return l_push_clip(L, mr_silence_new(&err), "silence", &err);
}

/* text(str, {font=, size=, color=, stroke={color, width}, align=, width=}) */
static int l_text(lua_State *L)
{
    const char *s = luaL_checkstring(L, 1);
    mr_text_style st = mr_text_style_default();
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        static const char *const keys[] = {"font", "size", "color", "stroke", "align", "width"};
        l_check_keys(L, 2, "text", keys, sizeof keys / sizeof keys[0]);
        if (l_field(L, 2, "font") != LUA_TNIL) {
            const char *f = l_check_string(L, -1);
            if (strchr(f, '/')) {
                char path[4096];
                l_input_path(L, f, path, sizeof path);
                snprintf(st.font, sizeof st.font, "%s", path);
            } else {
                snprintf(st.font, sizeof st.font, "%s", f);
            }
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "size") != LUA_TNIL) {
            st.size = l_check_number(L, -1);
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "color") != LUA_TNIL) {
            st.color = l_check_color(L, -1);
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "stroke") != LUA_TNIL) {
            int t = lua_gettop(L);
            if (lua_type(L, t) != LUA_TTABLE)
                l_type_error(L, -1, "{colour, width}");
            lua_geti(L, t, 1);
            st.stroke_color = l_check_color(L, -1);
            st.stroke_width = lua_geti(L, t, 2) == LUA_TNIL ? 2 : l_check_number(L, -1);
            if (!(st.stroke_width >= 0 && st.stroke_width <= 100))
                l_arg_error(L, -1, "stroke width must be 0..100 px");
            lua_pop(L, 3);
        }
        if (l_field(L, 2, "align") != LUA_TNIL) {
            const char *a = l_check_string(L, -1);
            if (!strcmp(a, "left")) st.align = MR_ALIGN_LEFT;
            else if (!strcmp(a, "center") || !strcmp(a, "centre")) st.align = MR_ALIGN_CENTER;
            else if (!strcmp(a, "right")) st.align = MR_ALIGN_RIGHT;
            else l_arg_error(L, -1, "align must be \"left\", \"center\" or \"right\"");
            lua_pop(L, 1);
        }
        if (l_field(L, 2, "width") != LUA_TNIL) {
            lua_Integer w = l_check_integer(L, -1);
            if (!(w > 0 && w <= 16384))
                l_arg_error(L, -1, "width must be 1..16384 px");
            st.wrap_width = (int)w;
            lua_pop(L, 1);
        }
    }
    mr_err err;
    return l_push_clip(L, mr_text_new(s, &st, &err), "text", &err);
}

void l_add_sources(lua_State *L)
{
    static const luaL_Reg fns[] = {{"video", l_video}, {"image", l_image}, {"audio", l_audio},
                                   {"color", l_color}, {"pattern", l_pattern}, {"tone", l_tone},
                                   {"silence", l_silence}, {"text", l_text}, {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
}
