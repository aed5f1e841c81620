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

/* A YUV picture as planes: 8-bit or 16-bit samples, planar or with interleaved UV (NV12, P010). */
typedef struct mr_yuv_image {
    uint8_t *plane[3];
    int stride[3];
    int w, h;
    int cshift_x, cshift_y; /* chroma subsampling: 1, 1 for 4:2:0 */
    int bytes;              /* 1: 8-bit samples; 2: 16-bit containers */
    int down;               /* right shift of 16-bit samples (6 for P010, 0 for yuv420p10) */
    int semi;               /* U and V interleaved in plane[1] */
} mr_yuv_image;

/* round(x / 255) for 0 <= x <= 255*255: the blend arithmetic of every backend. */
static inline MR_HD uint32_t mr_div255(uint32_t x)
{
    x += 128;
    return (x + (x >> 8)) >> 8;
}

/* At most 255: keeps a sum in its byte even when a picture breaks the premultiplied rule. */
static inline MR_HD uint32_t mr_sat255(uint32_t v)
{
    return v > 255 ? 255 : v;
}

static inline MR_HD int32_t mr_clamp255(int32_t v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

#endif
