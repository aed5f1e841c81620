/* glyph_cache.h: glyph pictures, rasterised once per face, glyph, size, stroke and quarter
 * pixel (the pen's x is rounded to a quarter pixel, its y to a whole one: at most 4 pictures
 * of a glyph at a size) and kept while the cache holds under 64 MiB of pictures; past that the
 * whole cache is dropped and fills again. Lookups take a read lock only; a miss rasterises under
 * the face's own lock, so workers drawing text wait for each other only when they rasterise
 * the same face at the same moment. A picture handed out is counted: it stays valid until its
 * user lets it go, also when the cache drops it meanwhile. */
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
    int refs;               /* the cache's and its users' (atomic operations only) */
    uint8_t data[];
} mr_glyph_img;

/* Rounds a pen position (26.6, y down) to where glyphs are drawn from: x to a quarter pixel,
 * y to a whole pixel. */
static inline void mr_glyph_snap(int *x, int *y)
{
    *x = (*x + 8) & ~15;
    *y = (*y + 32) & ~63;
}

/* The picture of glyph `id` of face f at `size64` (26.6 pixels per em), stroked by
 * `stroke64` (26.6; 0 for the fill), at pen phase (px, py) in 0..63, snapped as
 * mr_glyph_snap does (colour glyphs ignore the phase). Rasterises it on the first ask. NULL
 * when it cannot be drawn (the caller skips it); else the caller holds a reference and lets it
 * go with mr_glyph_release. */
const mr_glyph_img *mr_glyph_get(mr_tface *f, unsigned id, int size64, int stroke64, int px, int py);

/* Lets go a picture mr_glyph_get gave (NULL: nothing). */
void mr_glyph_release(const mr_glyph_img *img);

/* Sets the most bytes of pictures the cache keeps before it drops them all (64 MiB unless
 * set; for tests), and returns the bytes it holds now. */
size_t mr_glyph_cache_limit(size_t bytes);

/* How many glyph pictures were rasterised in this process (for tests). */
long mr_glyph_rasterised(void);

#endif
