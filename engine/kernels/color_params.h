/* color_params.h: the colour transform, per pixel, shared by the CPU loop
 * (engine/kernels/cpu/color.c) and its CUDA twin (cuda/color.cu): plain C that nvcc reads too,
 * integers only, so both engines give the same bits. Every colour effect but the 3D LUT
 * (lut_params.h) is this one transform with other parameters, which the host builds once a
 * frame from the effect's numbers (engine/ops/color_build.c):
 *
 *     c  = the pixel's unpremultiplied colour (8-bit r, g, b)
 *     c' = pre[ch][c]                                  a table per channel (levels, curves, gamma...)
 *     c" = clamp(round(M c' + offset))                 a 3x3 matrix and an offset, 16 fractional bits
 *                                                      (saturation, hue, sepia, temperature...)
 *     out = post[ch][c"]                               a table per channel (threshold's step)
 *
 * then premultiplied again by the pixel's own alpha, which is never changed (a see-through
 * pixel keeps its alpha; a transparent one stays transparent). */
#ifndef MR_COLOR_PARAMS_H
#define MR_COLOR_PARAMS_H

#include <stdint.h>
#include "engine/kernels/key_params.h"

#define MR_COLOR_SHIFT 16                     /* the matrix's fractional bits */
#define MR_COLOR_ONE (1 << MR_COLOR_SHIFT)    /* 1.0 */
#define MR_COLOR_COEF_MAX (32 * MR_COLOR_ONE) /* coefficients are kept inside +-32 ... */
#define MR_COLOR_OFFSET_MAX (256 * MR_COLOR_ONE) /* ... and offsets inside +-256: no int32 overflow */

typedef struct mr_color_params {
    uint8_t pre[3][256];     /* per channel (r, g, b), before the matrix */
    uint8_t post[3][256];    /* per channel, after it */
    int32_t m[3][4];         /* row i: out_i = m[i][0] r + m[i][1] g + m[i][2] b + m[i][3], all Q16 */
    int32_t use_matrix;      /* 0: the matrix is the identity (skipped) */
} mr_color_params;

/* The transformed colour c (in place) by tables pre, post (768 bytes each: 256 a channel) and
 * matrix m (12 values, rows of 4), the matrix skipped when use_m is 0. Written out channel by
 * channel: the CPU's compiler keeps it all in registers. */
static inline MR_HD void mr_color_apply(int32_t *c, const uint8_t *pre, const int32_t *m, int32_t use_m,
                                        const uint8_t *post)
{
    int32_t r = pre[c[0]], g = pre[256 + c[1]], b = pre[512 + c[2]];
    if (use_m) {
        int32_t x = m[0] * r + m[1] * g + m[2] * b + m[3];
        int32_t y = m[4] * r + m[5] * g + m[6] * b + m[7];
        int32_t z = m[8] * r + m[9] * g + m[10] * b + m[11];
        x = x < 0 ? 0 : (x + MR_COLOR_ONE / 2) >> MR_COLOR_SHIFT;
        y = y < 0 ? 0 : (y + MR_COLOR_ONE / 2) >> MR_COLOR_SHIFT;
        z = z < 0 ? 0 : (z + MR_COLOR_ONE / 2) >> MR_COLOR_SHIFT;
        r = x > 255 ? 255 : x;
        g = y > 255 ? 255 : y;
        b = z > 255 ? 255 : z;
    }
    c[0] = post[r];
    c[1] = post[256 + g];
    c[2] = post[512 + b];
}

/* Packed premultiplied pixel p through the transform (tables and matrix as mr_color_apply). */
static inline MR_HD uint32_t mr_color_pixel(uint32_t p, const uint8_t *pre, const int32_t *m, int32_t use_m,
                                            const uint8_t *post)
{
    int32_t a = (int32_t)(p >> 24), c[3];
    if (a == 255) { /* opaque: no division */
        c[0] = (int32_t)(p & 255);
        c[1] = (int32_t)(p >> 8 & 255);
        c[2] = (int32_t)(p >> 16 & 255);
        mr_color_apply(c, pre, m, use_m, post);
        return 0xff000000u | (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16;
    }
    if (a == 0)
        return 0;
    mr_key_unpremul(p, a, c);
    mr_color_apply(c, pre, m, use_m, post);
    return mr_key_pack(c, a, 255);
}

#endif
