/* detail.h: the detail effects on the CPU (twin of cuda/detail.cu): the per-pixel effects of
 * engine/kernels/detail_params.h, the 3x3 ones of conv3_params.h and pixelate's block means
 * (pixelate_params.h). */
#ifndef MR_CPU_DETAIL_H
#define MR_CPU_DETAIL_H

#include "engine/core/eval.h"
#include "engine/core/frame.h"
#include "engine/kernels/conv3_params.h"
#include "engine/kernels/detail_params.h"

/* dst becomes k's effect of src (dst may be src: in place); b is the second picture of
 * sharpen and glow (src's size), else NULL. dst->opaque follows src's (glow: src's too). */
void mr_cpu_detail(mr_frame *dst, const mr_frame *src, const mr_frame *b, const mr_detail_params *k);

/* dst (another frame of src's size) becomes k's 3x3 effect of src. */
void mr_cpu_conv3(const mr_frame *src, mr_frame *dst, const mr_conv3_params *k);

/* f pixelated in place by blocks of size (1 .. MR_PIXELATE_MAX) pixels. Returns 0, or -1 with
 * ev->err set (no memory for one row of block sums). */
int mr_cpu_pixelate(mr_eval *ev, mr_frame *f, int size);

#endif
