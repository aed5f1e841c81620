/* blur_params.h: the Gaussian blur's parameters and its integer arithmetic, shared by the CPU
 * loops (engine/kernels/cpu/blur.c, blur_box.c) and their CUDA twins (cuda/blur.cu,
 * blur_box.cu): plain C that nvcc reads too. The blur is separable: a horizontal pass into 16
 * bits a channel (8.8 fixed point), then a vertical pass back to 8 bits. Beyond the picture's
 * edge the edge pixels are repeated, on both paths below. Every weight is an integer and every
 * sum an exact unsigned 32-bit integer, so both backends give the same bits whatever the order
 * of their additions.
 *
 * Which path (k_blur.c decides, axis by axis, from the kernel alone):
 * - sigma below MR_BLUR_BOX_SIGMA (4; clip:blur's radius below 8): the exact taps, +-ceil(3
 *   sigma) of exp(-t^2 / 2 sigma^2) rounded to sum to 1 << 16, each within 1 of its ideal.
 *   Their time grows with sigma: at 1080p on the 2-core CPU machine 7.3 ms at sigma 1, 13.5 at
 *   3, 14.4 at 4, 20 at 5, 29 at 10, 81 at 25, 156 at 50.
 * - from sigma 4: MR_BLUR_BOX_PASSES (3) box passes one after the other, each a sliding sum
 *   (constant work a value: about 9.7 ms at 1080p there whatever sigma; the boxes are faster
 *   from sigma 1.5, the taps are kept up to 4 because they are exact). Each pass is an
 *   "extended box" (Gwosdek et al. 2011): weight A for the 2 r + 1 pixels around, a for the
 *   two next out, its variance sigma^2 / 3, so the three together have sigma^2 (within 0.3 %:
 *   a / A is a ratio of integers). Their values are 8.4 fixed point, each pass rounded half
 *   up; a line is first extended by mr_blur_box_reach values of its edge at each end, so the
 *   passes see exactly the picture with its edge pixels repeated.
 *   How far from a true Gaussian (measured for sigma 4 to 256): the three boxes' kernel is
 *   within 6.0 % of the Gaussian's peak weight (it is flatter on top); a full 0-to-255 step
 *   edge blurred is within 2.5 (3 once rounded) of the true Gaussian's; a natural picture
 *   within 4, random noise within 6 (tests/engine/test_blur_box.c), the worst picture there
 *   can be within 10. Seen at gains of 40 and more, the lowest levels of a blurred point
 *   are a rounded square rather than a circle.
 * - box_blur: the exact taps below radius MR_BLUR_BOX_RADIUS (4), from there one extended box
 *   an axis (its fractional ring the end taps), within 1 of the taps.
 * A flat colour stays flat on every path: the weights of a pass sum to exactly a power of 2. */
#ifndef MR_BLUR_PARAMS_H
#define MR_BLUR_PARAMS_H

#include <stddef.h>
#include <stdint.h>
#include "engine/kernels/kernel_params.h"

#define MR_BLUR_SIGMA_MAX 256                /* pixels; larger sigmas are refused */
#define MR_BLUR_RADIUS_MAX (3 * MR_BLUR_SIGMA_MAX) /* support: +-ceil(3 sigma) */
#define MR_BLUR_SHIFT 16                     /* the weights sum to 1 << MR_BLUR_SHIFT */
#define MR_BLUR_BOX_PASSES 3                 /* box passes for a Gaussian past the threshold */
#define MR_BLUR_BOX_SIGMA 4.0                /* sigmas from which the boxes run */
#define MR_BLUR_BOX_RADIUS 4.0               /* box_blur radii from which its one box runs */
#define MR_BLUR_BOX_FRAC 4                   /* the box passes' values: 8.4 fixed point */
#define MR_BLUR_BOX_SHARED 3072              /* longest line the GPU keeps in shared memory */

/* One sliding-sum pass (an "extended box"): the 2 r + 1 pixels around weigh A each, the two
 * next out (r + 1 away) a each, A (2 r + 1) + 2 a == 1 << shift (shift at most 20), A even and
 * below 2^15, a below 2^15 (and at most A but where r is in the hundreds and the integers fall
 * short). Its values are 8.4 fixed point (at most 4080), so every sum fits in 32 bits. */
typedef struct mr_blur_box {
    int32_t r, shift;
    uint32_t A, a;
} mr_blur_box;

/* One axis's kernel. passes 0: the exact taps, w[0] the centre's weight, w[t] that of both
 * pixels t away, for t up to radius; w[0] + 2 (w[1] + ... + w[radius]) == 1 << 16. radius 0
 * (w[0] = 1 << 16) leaves the axis as it is. passes 1 to 3: box[0 .. passes - 1] run one
 * after the other instead (w and radius still describe the ideal kernel, radius > 0). */
typedef struct mr_blur_taps {
    int32_t radius;
    int32_t passes;
    mr_blur_box box[MR_BLUR_BOX_PASSES];
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

/* How far beyond a line's end the box passes of k reach: the sum of their r + 1. */
static inline MR_HD int mr_blur_box_reach(const mr_blur_taps *k)
{
    int reach = 0;
    for (int p = 0; p < k->passes; p++)
        reach += k->box[p].r + 1;
    return reach;
}

/* Bytes of device memory the GPU's box passes want, beside shared memory, for n lines of
 * len values each (the line plus 2 reach): two buffers of 4 channels a line once a line is too
 * long for shared memory (48 KB), else none. */
static inline MR_HD size_t mr_blur_box_global_bytes(int n, int len)
{
    return len > MR_BLUR_BOX_SHARED ? (size_t)n * 2 * 4 * sizeof(uint16_t) * (size_t)len : 0;
}

/* A box pass's input from an 8-bit value (the first pass across) and from an 8.8 one (the
 * horizontal pass's result, the first pass down): 8.4, rounded half up. */
static inline MR_HD uint16_t mr_blur_box_in8(uint32_t v)
{
    return (uint16_t)(v << MR_BLUR_BOX_FRAC);
}
static inline MR_HD uint16_t mr_blur_box_in16(uint32_t v)
{
    return (uint16_t)((v + (1u << (8 - MR_BLUR_BOX_FRAC - 1))) >> (8 - MR_BLUR_BOX_FRAC));
}

/* The shift that brings a pass's sum (8.4 times 1 << b->shift) to its output: 8.4 between
 * passes (out 0), 8.8 after the last pass across (out 1), 8 bits after the last pass down
 * (out 2). */
static inline MR_HD int mr_blur_box_shift(const mr_blur_box *b, int out)
{
    return b->shift + (out == 0 ? 0 : out == 1 ? MR_BLUR_BOX_FRAC - 8 : MR_BLUR_BOX_FRAC);
}

/* The rounded result of a pass's sum n by shift sh (n + the rounding term stays below 2^32:
 * n is at most 4080 << 20). */
static inline MR_HD uint32_t mr_blur_box_out(uint32_t n, int sh)
{
    return (n + (1u << (sh - 1))) >> sh;
}

/* One lane of one pass over outputs [j0, j1): out[j lanes] from the 2 r + 3 inputs
 * in[j lanes], in[(j + 1) lanes], ... in[(j + 2 r + 2) lanes] (the window's left end first),
 * rounded by shift sh. The first sum is made in full, the next ones by sliding it (exact: the
 * sums are taken modulo 2^32 on the way and are below 2^32 at the end), so any split of
 * [0, n) into pieces gives the same bits as the CPU's loops. in and out may not overlap. */
static inline MR_HD void mr_blur_box_lane(const uint16_t *in, uint16_t *out, int lanes, int j0, int j1,
                                          const mr_blur_box *b, int sh)
{
    const int e = 2 * b->r + 2;
    const uint32_t A = b->A, a = b->a, inner = A - a;
    if (j0 >= j1)
        return;
    uint32_t n = a * ((uint32_t)in[j0 * lanes] + in[(j0 + e) * lanes]);
    for (int t = 1; t < e; t++)
        n += A * in[(j0 + t) * lanes];
    for (int j = j0;; j++) {
        out[j * lanes] = (uint16_t)mr_blur_box_out(n, sh);
        if (j + 1 >= j1)
            break;
        n += inner * ((uint32_t)in[(j + e) * lanes] - in[(j + 1) * lanes]) +
             a * ((uint32_t)in[(j + e + 1) * lanes] - in[j * lanes]);
    }
}

#endif
