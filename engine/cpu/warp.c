/* warp.c: the affine warp on the CPU: rows of destination pixels, each from
 * mr_warp_pixel (the same arithmetic as the CUDA twin). */
#include "engine/cpu/warp.h"

void mr_cpu_warp(const mr_frame *src, const mr_warp_params *k, mr_frame *dst)
{
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = (uint32_t *)mr_frame_row(dst, y);
        for (int x = 0; x < dst->w; x++)
            row[x] = mr_warp_pixel(k, src->data, src->stride, x, y);
    }
    dst->opaque = false;
}
