/* blur_params.h: the Gaussian blur's parameters and its integer arithmetic, shared by the CPU
 * loop (engine/kernels/cpu/blur.c) and its CUDA twin (cuda/blur.cu): plain C that nvcc reads
 * too. The blur is separable: a horizontal pass into 16 bits a channel (8.8 fixed point), then
 * a vertical pass back to 8 bits. Weights are integers summing to exactly 1 << 16 and every
 * sum is an exact unsigned 32-bit integer, so both backends give the same bits whatever the
 * order of their additions. */
#ifndef MR_BLUR_PARAMS_H
#define MR_BLUR_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

#define MR_BLUR_SIGMA_MAX 256                /* pixels; larger sigmas are refused */
#define MR_BLUR_RADIUS_MAX (3 * MR_BLUR_SIGMA_MAX) /* support: +-ceil(3 sigma) */
#define MR_BLUR_SHIFT 16                     /* the weights sum to 1 << MR_BLUR_SHIFT */

/* One axis's kernel: w[0] is the centre's weight, w[t] that of both pixels t away, for t up
 * to radius; w[0] + 2 (w[1] + ... + w[radius]) == 1 << 16. radius 0 (w[0] = 1 << 16) leaves
 * the axis as it is. */
typedef struct mr_blur_taps {
    int32_t radius;
    uint32_t w[MR_BLUR_RADIUS_MAX + 1];
} mr_blur_taps;

/* The horizontal pass's result for a sum of weights times 8-bit values: 8.8 fixed point,
 * rounded (at most 255 << 8, as a sum never exceeds 255 << 16). */
static inline MR_HD uint16_t mr_blur_mid(uint32_t acc)
{
    return (uint16_t)((acc + (1u << 7)) >> 8);
}

/* The vertical pass's 8-bit result for a sum of weights times 8.8 values, rounded (the sum
 * is at most (255 << 8) << 16, which fits in 32 bits with the rounding term). */
static inline MR_HD uint8_t mr_blur_out(uint32_t acc)
{
    return (uint8_t)((acc + (1u << 23)) >> 24);
}

#endif
