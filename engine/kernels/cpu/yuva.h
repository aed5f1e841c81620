/* yuva.h: premultiplied RGBA into YUV planes with alpha on the CPU (the reference of
 * cuda/yuva.cu; the arithmetic is engine/kernels/yuva_params.h's). */
#ifndef MR_CPU_YUVA_H
#define MR_CPU_YUVA_H

#include "engine/core/frame.h"
#include "engine/kernels/yuva_params.h"

/* Writes every sample of d (d->yuv.w x d->yuv.h, which may exceed src's size by the padding of
 * an odd size) from src by k. Cannot fail. */
void mr_cpu_rgba_to_yuva(const mr_frame *src, const mr_rgb2yuv_params *k, const mr_yuva_image *d);

#endif
