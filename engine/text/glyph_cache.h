/* glyph_cache.h: glyph pictures, rasterised once per face, glyph, size, stroke and sub-pixel
 * phase and kept for the process. Lookups take a read lock only; a miss rasterises under the
 * face's own lock, so workers drawing text wait for each other only when they rasterise the
 * same face at the same moment. */
#ifndef MR_TEXT_GLYPH_CACHE_H
#define MR_TEXT_GLYPH_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include "engine/text/font.h"

/* A glyph's picture: coverage (w*h bytes) or, for a colour glyph, premultiplied RGBA
 * (w*h*4 bytes). Its top-left pixel lies at (pen_x >> 6) + left, (pen_y >> 6) - top for the
 * pen position (26.6, y down) whose phase (x & 63, y & 63) it was made at. Immutable. */
typedef struct mr_glyph_img {
    int left, top, w, h;
    bool color;
    uint8_t data[];
} mr_glyph_img;

/* The picture of glyph `id` of face f at `size64` (26.6 pixels per em), stroked by
 * `stroke64` (26.6; 0 for the fill), at pen phase (px, py) in 0..63 (colour glyphs ignore the
 * phase). Rasterises it on the first ask. NULL when it cannot be drawn (the caller skips it);
 * the cache owns the picture. */
const mr_glyph_img *mr_glyph_get(mr_tface *f, unsigned id, int size64, int stroke64, int px, int py);

/* How many glyph pictures were rasterised in this process (for tests). */
long mr_glyph_rasterised(void);

#endif
