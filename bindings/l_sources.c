/* l_sources.c: the functions that start a graph: video, image, audio, color, pattern,
 * tone, silence, text. */
#include <string.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/suggest.h"
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

/* tone(freq[, {wave = "sine"|"square"|"saw"|"noise", seed = n}]); tone{wave = "noise"} */
static int l_tone(lua_State *L)
{
    int opts = lua_type(L, 1) == LUA_TTABLE ? 1 : 2;
    double freq = opts == 1 ? 440 : luaL_checknumber(L, 1);
    mr_wave wave = MR_WAVE_SINE;
    lua_Integer seed = 0;
    if (!lua_isnoneornil(L, opts)) {
        luaL_checktype(L, opts, LUA_TTABLE);
        static const char *const keys[] = {"wave", "seed"};
        l_check_keys(L, opts, "tone", keys, 2);
        if (l_field(L, opts, "wave") != LUA_TNIL) {
            const char *w = l_check_string(L, -1);
            if (mr_wave_parse(w, &wave) < 0) {
                static const char *const waves[] = {"sine", "square", "saw", "noise"};
                const char *near = mr_suggest(w, waves, 4);
                lua_pushfstring(L, "wave must be \"sine\", \"square\", \"saw\" or \"noise\"%s%s%s",
                                near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
                l_arg_error(L, -2, lua_tostring(L, -1));
            }
            lua_pop(L, 1);
        }
        if (l_field(L, opts, "seed") != LUA_TNIL) {
            seed = l_check_integer(L, -1);
            lua_pop(L, 1);
        }
    }
    mr_err err;
    return l_push_clip(L, mr_tone_wave_new(freq, wave, (uint64_t)seed, &err), "tone", &err);
}

static int l_silence(lua_State *L)
{
    mr_err err;
    return l_push_clip(L, mr_silence_new(&err), "silence", &err);
}

/* text and text_animate: bindings/l_text.c */

void l_add_sources(lua_State *L)
{
    static const luaL_Reg fns[] = {{"video", l_video}, {"image", l_image}, {"audio", l_audio},
                                   {"color", l_color}, {"pattern", l_pattern}, {"tone", l_tone},
                                   {"silence", l_silence}, {"text", l_text}, {"text_animate", l_text_animate},
                                   {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
}
