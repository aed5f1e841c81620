/* yuva.c: premultiplied RGBA into YUV planes with alpha on the CPU, block by block. */
#include "engine/kernels/cpu/yuva.h"

void mr_cpu_rgba_to_yuva(const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuva_image *d)
{
    int bw = (d->yuv.w + (1 << d->yuv.cshift_x) - 1) >> d->yuv.cshift_x;
    int bh = (d->yuv.h + (1 << d->yuv.cshift_y) - 1) >> d->yuv.cshift_y;
    for (int j = 0; j < bh; j++)
        for (int i = 0; i < bw; i++)
            mr_yuva_block(src->data, src->stride, src->w, src->h, k, d, i, j);
}
