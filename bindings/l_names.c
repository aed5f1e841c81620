/* l_names.c: what other tools (MoviePy above all) call moonreel's operations and fields, and
 * the nearest operation to a misspelled name: one table and one search for the Clip methods,
 * fx.NAME and clip:fx("NAME"). */
#include <ctype.h>
#include <string.h>
#include "bindings/l_types.h"
#include "engine/core/suggest.h"
#include "engine/ops/op.h"

static const char *const other_names[][2] = {
    {"subclip", "sub"}, {"subclipped", "sub"}, {"with_subclip", "sub"}, {"set_duration", "dur"},
    {"with_duration", "dur"}, {"set_start", "start"}, {"with_start", "start"}, {"set_position", "at"},
    {"with_position", "at"}, {"set_pos", "at"}, {"resized", "resize"}, {"with_effects", "fx"},
    {"set_opacity", "opacity"}, {"with_opacity", "opacity"}, {"rotated", "rotate"}, {"fx_rotate", "rotate"},
    {"volumex", "volume"}, {"with_volume_scaled", "volume"}, {"multiply_volume", "volume"},
    {"without_audio", "mute"}, {"set_audio", "with_audio"}, {"cropped", "crop"}, {"with_speed_scaled", "speed"},
    {"speedx", "speed"}, {"loop_clip", "loop"}, {"get_frame", "frame"}, {"crossfadein", "fadein"},
    {"crossfadeout", "fadeout"}, {"flip", "mirror"}, {"mirror_x", "mirror"}, {"mirror_y", "mirror"},
    {"zoom", "scale"}, {"margin_", "margin"}, {"size", "w"}, {"width", "w"}, {"height", "h"}, {"end", "duration"},
    {"audio", "has_audio"}, {"image_transform", "map"}, {"transform", "map"},
    {"invert_colors", "invert"}, {"black_white", "grayscale"}, {"blackwhite", "grayscale"},
    {"black_and_white", "grayscale"}, {"greyscale", "grayscale"}, {"gamma_corr", "gamma"},
    {"gamma_correction", "gamma"}, {"lum_contrast", "contrast"}, {"colorx", "multiply_color"},
    {"time_mirror", "reverse"}, {"multiply_speed", "speed"}, {"accel_decel", "speed"}, {"set_fps", "with_fps"},
    {"fps_change", "with_fps"}, {"freeze_frame", "freeze"}, {"freezeframe", "freeze"},
    {"mask_color", "chromakey"}, {"gaussian_blur", "blur"}, {"headblur", "pixelate"},
};

const char *l_other_name(const char *k)
{
    char snake[64]; /* "TimeMirror", "SEPIA": time_mirror, sepia */
    size_t n = 0;
    for (const char *p = k; *p && n + 2 < sizeof snake; p++) {
        if (isupper((unsigned char)*p) && p != k && islower((unsigned char)p[-1]))
            snake[n++] = '_';
        snake[n++] = (char)tolower((unsigned char)*p);
    }
    snake[n] = 0;
    for (size_t i = 0; i < sizeof other_names / sizeof other_names[0]; i++)
        if (!strcmp(k, other_names[i][0]) || !strcmp(snake, other_names[i][0]))
            return other_names[i][1];
    if (strcmp(snake, k) != 0 && mr_op_find(snake))
        return mr_op_find(snake)->name;
    return NULL;
}

const char *l_nearest_op(const char *k)
{
    const char *names[256];
    size_t n = 0;
    for (const mr_op *const *o = mr_op_table; *o && n < sizeof names / sizeof names[0]; o++)
        names[n++] = (*o)->name;
    return mr_suggest(k, names, n);
}
