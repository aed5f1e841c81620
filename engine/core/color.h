/* color.h: colours as users write them ("#rrggbb", "#rrggbbaa", CSS names). */
#ifndef MR_COLOR_H
#define MR_COLOR_H

#include <stdint.h>
#include "engine/core/error.h"

/* A colour with straight (not premultiplied) alpha, 0..255 per channel. */
typedef struct mr_rgba {
    uint8_t r, g, b, a;
} mr_rgba;

/* Parses "#rgb", "#rrggbb", "#rrggbbaa", a CSS colour name (case-insensitive) or
 * "transparent". Returns 0, or -1 with err naming the text it could not read. */
int mr_color_parse(const char *text, mr_rgba *out, mr_err *err);

/* The premultiplied RGBA bytes of c, as frames store them. */
static inline uint32_t mr_rgba_premul(mr_rgba c)
{
    unsigned r = (c.r * c.a + 127) / 255, g = (c.g * c.a + 127) / 255, b = (c.b * c.a + 127) / 255;
    return r | g << 8 | b << 16 | (uint32_t)c.a << 24;
}

#endif
