/* morph_params.h: morphology (grow: each channel's maximum, shrink: its minimum, over a disc)
 * as the CPU loop (engine/kernels/cpu/morph.c) and its CUDA twin (cuda/morph.cu) both compute
 * it: plain C that nvcc reads too. Minima and maxima are exact, so the twins agree bit for
 * bit; the only arithmetic is the blend of a fractional radius, in integers.
 *
 * The disc of integer radius R holds the offsets (dx, dy) with dx^2 + dy^2 <= R^2: row dy of
 * it spans |dx| <= mr_morph_half(R, dy). Pixels outside the frame take no part (for grow they
 * count as transparent, for shrink as the edge pixel: both leave the minimum or maximum over
 * the disc's part inside the frame), so shrinking a mask that fills the frame keeps it whole
 * and growing one never brings anything in from outside. */
#ifndef MR_MORPH_PARAMS_H
#define MR_MORPH_PARAMS_H

#include <math.h>
#include <stdint.h>
#include "engine/kernels/kernel_params.h"

#define MR_MORPH_RADIUS_MAX 1024 /* pixels; larger radii are refused */

/* A radius r is the disc of radius R = floor(r) blended with that of R + 1 by the fraction
 * frac / 256 (the rounded fractional part: 0 for a whole radius), so an animated radius
 * grows smoothly. */
typedef struct mr_morph_params {
    int32_t radius; /* R */
    int32_t frac;   /* 0..255: weight / 256 of the disc of radius R + 1 */
    int32_t grow;   /* 1: maximum (dilation), 0: minimum (erosion) */
} mr_morph_params;

/* The half-width of row dy (|dy| <= r) of the disc of radius r: the largest h with
 * h^2 + dy^2 <= r^2, exact (the square root is only a first guess). */
static inline MR_HD int mr_morph_half(int r, int dy)
{
    int n = r * r - dy * dy, h = (int)sqrtf((float)n);
    while (h > 0 && h * h > n)
        h--;
    while ((h + 1) * (h + 1) <= n)
        h++;
    return h;
}

/* Packed pixels m0 (disc R) and m1 (disc R + 1) mixed as m0 (256 - f) / 256 + m1 f / 256,
 * each channel rounded: premultiplied pixels stay premultiplied. */
static inline MR_HD uint32_t mr_morph_blend(uint32_t m0, uint32_t m1, uint32_t f)
{
    uint32_t out = 0;
    for (int s = 0; s < 32; s += 8) {
        uint32_t a = (m0 >> s) & 255, b = (m1 >> s) & 255;
        out |= ((a * (256 - f) + b * f + 128) >> 8) << s;
    }
    return out;
}

/* floor(log2(n)) for n >= 1: the level of the table of running extremes that two lookups of
 * span n use. */
static inline MR_HD int mr_morph_level(int n)
{
#ifdef __CUDA_ARCH__
    return 31 - __clz(n);
#else
    return 31 - __builtin_clz((unsigned)n);
#endif
}

/* How many levels of running extremes above the frame itself a w-wide frame needs for k:
 * level j holds, at x, the extreme of the 2^j pixels from x on; the widest row of the disc
 * (or the frame's width, when narrower) decides. */
static inline MR_HD int mr_morph_levels(const mr_morph_params *k, int w)
{
    int span = 2 * (k->radius + (k->frac > 0)) + 1;
    return mr_morph_level(span < w ? span : w);
}

#endif
