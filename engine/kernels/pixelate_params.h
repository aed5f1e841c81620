/* pixelate_params.h: pixelate's block mean, shared by the CPU loop
 * (engine/kernels/cpu/detail.c) and its CUDA twin (cuda/detail.cu): the frame cut into size x
 * size blocks from its top-left corner (the last ones on the right and at the bottom are what
 * is left), each filled with the mean of its premultiplied pixels, every channel alike, rounded
 * half up. Sums are exact integers, so both engines give the same bits in any order. */
#ifndef MR_PIXELATE_PARAMS_H
#define MR_PIXELATE_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

#define MR_PIXELATE_MAX 4096 /* pixels; a block's sums then stay below 2^32 */

/* The packed mean of a block of n pixels whose channel sums are s[0..3]. */
static inline MR_HD uint32_t mr_pixelate_mean(const uint32_t s[4], uint32_t n)
{
    uint32_t out = 0;
    for (int i = 0; i < 4; i++)
        out |= ((s[i] + n / 2) / n) << (8 * i);
    return out;
}

#endif
