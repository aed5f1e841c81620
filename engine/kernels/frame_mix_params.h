/* frame_mix_params.h: the weighted sum of several premultiplied RGBA frames (frame blending,
 * echoes, motion blur), per pixel, shared by the CPU loop (engine/kernels/cpu/frame_mix.c)
 * and its CUDA twin (cuda/frame_mix.cu): plain C that nvcc reads too, integers only, so both
 * engines give the same bits.
 *
 * Each output channel is
 *     out = (sum_i w_i * in_i + 2^15) >> 16
 * with integer weights w_i >= 0 that sum to exactly 1 << MR_MIX_SHIFT (the host makes them
 * from real weights, mr_mix_weights_make in k_frame_mix.h). Since every input is
 * premultiplied (colour <= alpha), so is the sum, rounded alike; frames that all hold the same
 * value give that value back exactly. The sum stays below 2^24: no overflow in 32 bits. The
 * CPU sums spans of bytes frame by frame (so that it vectorises), the GPU a pixel as it loads
 * (mr_frame_mix_add): the same integer sums in another order, the same bits. */
#ifndef MR_FRAME_MIX_PARAMS_H
#define MR_FRAME_MIX_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

#define MR_MIX_MAX 16            /* the most frames one mix takes */
#define MR_MIX_SHIFT 16          /* weights: 16 fractional bits, summing to 1 << 16 */
#define MR_MIX_HALF (1u << (MR_MIX_SHIFT - 1))

/* The weights of one mix. */
typedef struct mr_mix_params {
    int32_t n;                   /* 1 .. MR_MIX_MAX frames */
    uint32_t w[MR_MIX_MAX];      /* their weights, summing to 1 << MR_MIX_SHIFT */
} mr_mix_params;

/* Adds packed pixel px at weight w to the four channel sums acc (each starting at MR_MIX_HALF). */
static inline MR_HD void mr_frame_mix_add(uint32_t *acc, uint32_t px, uint32_t w)
{
    for (int c = 0; c < 4; c++)
        acc[c] += w * ((px >> (8 * c)) & 255u);
}

/* The packed pixel of the four channel sums acc. */
static inline MR_HD uint32_t mr_frame_mix_out(const uint32_t *acc)
{
    uint32_t out = 0;
    for (int c = 0; c < 4; c++)
        out |= (acc[c] >> MR_MIX_SHIFT) << (8 * c);
    return out;
}

/* One output pixel from the n packed input pixels px[i]. */
static inline MR_HD uint32_t mr_frame_mix_pixel(const uint32_t *px, const mr_mix_params *k)
{
    uint32_t acc[4] = {MR_MIX_HALF, MR_MIX_HALF, MR_MIX_HALF, MR_MIX_HALF};
    for (int i = 0; i < k->n; i++)
        mr_frame_mix_add(acc, px[i], k->w[i]);
    return mr_frame_mix_out(acc);
}

#endif
