/* blur_box.h: the blur's box passes on the CPU (the large sigmas and box_blur radii: see
 * engine/kernels/blur_params.h), twin of cuda/blur_box.cu. */
#ifndef MR_CPU_BLUR_BOX_H
#define MR_CPU_BLUR_BOX_H

#include <stddef.h>
#include "engine/core/frame.h"
#include "engine/kernels/blur_params.h"

/* How many uint16 values of scratch the two functions below want for a w x h frame blurred
 * by kx across and ky down (either may have no box passes). Cannot fail. */
size_t mr_cpu_blur_box_scratch(int w, int h, const mr_blur_taps *kx, const mr_blur_taps *ky);

/* kx's box passes (kx->passes > 0) across rows [y0, y1) of src into mid (4 w values a row,
 * 8.8 fixed point, as mr_cpu_blur_rows). scratch: mr_cpu_blur_box_scratch's room, the
 * caller's. Cannot fail. */
void mr_cpu_blur_box_rows(const mr_frame *src, const mr_blur_taps *kx, uint16_t *mid, int y0, int y1,
                          uint16_t *scratch);

/* ky's box passes (ky->passes > 0) down the values [i0, i1) of every row of mid (all dst->h
 * rows of it, finished) into dst. scratch as above. Cannot fail. */
void mr_cpu_blur_box_cols(const uint16_t *mid, const mr_blur_taps *ky, mr_frame *dst, int i0, int i1,
                          uint16_t *scratch);

#endif
