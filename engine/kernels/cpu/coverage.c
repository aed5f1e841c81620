/* coverage.c: mask arithmetic on the CPU, mr_cov_pixel over every pixel. */
#include "engine/kernels/cpu/coverage.h"

void mr_cpu_coverage(mr_frame *dst, const mr_frame *a, const mr_frame *b, mr_cov_op op, unsigned v)
{
    for (int y = 0; y < dst->h; y++) {
        const uint32_t *pa = (const uint32_t *)mr_frame_row(a, y);
        const uint32_t *pb = mr_cov_binary(op) ? (const uint32_t *)mr_frame_row(b, y) : NULL;
        uint32_t *pd = (uint32_t *)mr_frame_row(dst, y);
        for (int x = 0; x < dst->w; x++)
            pd[x] = mr_cov_pixel(op, pa[x], pb ? pb[x] : 0, v);
    }
}
