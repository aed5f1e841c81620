/* orient.c: quarter turns and mirrors of working frames on the CPU: a copy of each pixel. */
#include "engine/kernels/cpu/orient.h"

#include <stddef.h>

enum { TILE = 64 }; /* 64 x 64 pixels: a quarter turn reads the source column by column,
                       so the copy goes tile by tile to keep those columns in the cache */

void mr_cpu_orient(const mr_frame *src, const mr_orient_params *k, mr_frame *dst)
{
    /* one step right in dst is one pixel (xx, yx) in src */
    const ptrdiff_t step = 4 * (ptrdiff_t)k->xx + (ptrdiff_t)k->yx * src->stride;
    for (int ty = 0; ty < dst->h; ty += TILE)
        for (int tx = 0; tx < dst->w; tx += TILE) {
            int yend = ty + TILE < dst->h ? ty + TILE : dst->h, xend = tx + TILE < dst->w ? tx + TILE : dst->w;
            for (int y = ty; y < yend; y++) {
                uint32_t *d = (uint32_t *)mr_frame_row(dst, y);
                int sx = k->x0 + k->xx * tx + k->xy * y, sy = k->y0 + k->yx * tx + k->yy * y;
                const uint8_t *s = mr_frame_row(src, sy) + 4 * (ptrdiff_t)sx;
                for (int x = tx; x < xend; x++, s += step)
                    d[x] = *(const uint32_t *)s;
            }
        }
    dst->opaque = src->opaque;
}
