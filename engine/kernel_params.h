/* kernel_params.h: the plain parameter structs and integer helpers that the CPU kernels
 * (engine/cpu/) and their CUDA twins (cuda/) share, so both do the same arithmetic.
 * Plain C only: this header is read by nvcc as well as by the C compiler. */
#ifndef MR_KERNEL_PARAMS_H
#define MR_KERNEL_PARAMS_H

#include <stdint.h>

#ifdef __CUDACC__
#define MR_HD __host__ __device__
#else
#define MR_HD
#endif

/* Fixed-point scale of every colour coefficient below: 16 fractional bits. */
#define MR_CSC_SHIFT 16

/* YUV -> RGB: R = cy*(Y-yoff) + crv*(V-coff), G = cy*(Y-yoff) + cgu*(U-coff) + cgv*(V-coff),
 * B = cy*(Y-yoff) + cbu*(U-coff), each then rounded, shifted and clamped to 0..255.
 * Values are in the source's own bit depth (8 or 10 bits). */
typedef struct mr_yuv2rgb_params {
    int32_t cy, crv, cgu, cgv, cbu;
    int32_t yoff, coff;
} mr_yuv2rgb_params;

/* RGB (8-bit, premultiplied over black) -> YUV: Y = yoff + (yr*R + yg*G + yb*B),
 * U = coff + (ur*R + ug*G + ub*B), V = coff + (vr*R + vg*G + vb*B); chroma is computed from
 * the sum of a 2x2 block (4x the values, two more bits of shift). */
typedef struct mr_rgb2yuv_params {
    int32_t yr, yg, yb, ur, ug, ub, vr, vg, vb;
    int32_t yoff, coff;
    int32_t depth;     /* output bits: 8, or 10 for P010 */
} mr_rgb2yuv_params;

/* round(x / 255) for 0 <= x <= 255*255: the blend arithmetic of every backend. */
static inline MR_HD uint32_t mr_div255(uint32_t x)
{
    x += 128;
    return (x + (x >> 8)) >> 8;
}

static inline MR_HD int32_t mr_clamp255(int32_t v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

#endif
