/* conv3_params.h: the 3x3 neighbourhood effects, edge (the Sobel gradient's magnitude) and
 * emboss (a relief lit from the top left), shared by the CPU loop (engine/kernels/cpu/detail.c)
 * and its CUDA twin (cuda/detail.cu): plain C that nvcc reads too, integers only (the square
 * root too), so both engines give the same bits.
 *
 * Both take the Sobel derivatives of each premultiplied colour channel over the pixel's 3x3
 * neighbourhood (the edge pixels repeated beyond the frame):
 *     gx = (right column) - (left column),  gy = (bottom row) - (top row),  weights 1 2 1
 * (a step from 0 to 255 gives 1020). edge: sqrt(gx^2 + gy^2) / 4 times amount (a full step
 * is white); emboss: mid-grey + (gx + gy) / 8 times amount (flat areas grey, a step lit or
 * shaded by up to 127). Each keeps the centre's alpha, with the colour kept inside it. */
#ifndef MR_CONV3_PARAMS_H
#define MR_CONV3_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

typedef enum { MR_CONV3_EDGE, MR_CONV3_EMBOSS } mr_conv3_op;

typedef struct mr_conv3_params {
    int32_t op;      /* mr_conv3_op */
    int32_t amount;  /* gain in 256ths, at most 16 * 256 */
} mr_conv3_params;

/* floor(sqrt(n)) for n < 2^22 (a gradient's squared magnitude is below 2^21), bit by bit
 * without branches or loops, so that loops of it vectorise. */
static inline MR_HD int32_t mr_conv3_isqrt(int32_t n)
{
    int32_t r = 0, t;
#define MR_CONV3_BIT(b) (t = r | (b), r = t * t <= n ? t : r)
    MR_CONV3_BIT(1024), MR_CONV3_BIT(512), MR_CONV3_BIT(256), MR_CONV3_BIT(128), MR_CONV3_BIT(64);
    MR_CONV3_BIT(32), MR_CONV3_BIT(16), MR_CONV3_BIT(8), MR_CONV3_BIT(4), MR_CONV3_BIT(2), MR_CONV3_BIT(1);
#undef MR_CONV3_BIT
    return r;
}

/* One channel (at bit s) of the result for a centre pixel m1 of alpha a, of packed
 * premultiplied neighbours (t: the row above, m: its own, b: below; 0 1 2 from left to
 * right) by effect op with gain amount (256ths). */
static inline MR_HD uint32_t mr_conv3_ch(uint32_t t0, uint32_t t1, uint32_t t2, uint32_t m0, uint32_t m2, uint32_t b0,
                                         uint32_t b1, uint32_t b2, int s, int32_t a, int32_t op, int32_t amount)
{
#define C(p) ((int32_t)(((p) >> s) & 255))
    int32_t gx = C(t2) + 2 * C(m2) + C(b2) - C(t0) - 2 * C(m0) - C(b0);
    int32_t gy = C(b0) + 2 * C(b1) + C(b2) - C(t0) - 2 * C(t1) - C(t2);
#undef C
    int32_t v;
    if (op == MR_CONV3_EDGE) { /* the magnitude / 4 times amount / 256 (below 2^23) */
        v = (mr_conv3_isqrt(gx * gx + gy * gy) * amount + 512) >> 10;
    } else { /* mid-grey + (gx + gy) / 8 times amount / 256: |(gx + gy) amount| < 2^23 */
        int32_t mid = (int32_t)mr_div255((uint32_t)(128 * a));
        v = mid + (int32_t)(((uint32_t)((gx + gy) * amount + (1 << 23)) + (1u << 10)) >> 11) - (1 << 12);
    }
    return (uint32_t)(v < 0 ? 0 : v > a ? a : v) << s;
}

/* The result for a centre pixel m1 of its neighbours, as mr_conv3_ch says: the alpha kept. */
static inline MR_HD uint32_t mr_conv3_at(uint32_t t0, uint32_t t1, uint32_t t2, uint32_t m0, uint32_t m1, uint32_t m2,
                                         uint32_t b0, uint32_t b1, uint32_t b2, int32_t op, int32_t amount)
{
    int32_t a = (int32_t)(m1 >> 24);
    return (uint32_t)a << 24 | mr_conv3_ch(t0, t1, t2, m0, m2, b0, b1, b2, 0, a, op, amount) |
           mr_conv3_ch(t0, t1, t2, m0, m2, b0, b1, b2, 8, a, op, amount) |
           mr_conv3_ch(t0, t1, t2, m0, m2, b0, b1, b2, 16, a, op, amount);
}

/* The same for the neighbourhood n[row][column] (n[1][1] the centre). */
static inline MR_HD uint32_t mr_conv3_pixel(const uint32_t n[3][3], const mr_conv3_params *k)
{
    return mr_conv3_at(n[0][0], n[0][1], n[0][2], n[1][0], n[1][1], n[1][2], n[2][0], n[2][1], n[2][2], k->op,
                       k->amount);
}

#endif
