/* kernel_params.h: the plain parameter structs and integer helpers that the CPU kernels
 * (engine/kernels/cpu/) and their CUDA twins (cuda/) share, so both do the same arithmetic.
 * Plain C only: this header is read by nvcc as well as by the C compiler. */
#ifndef MR_KERNEL_PARAMS_H
#define MR_KERNEL_PARAMS_H

#include <stdbool.h>
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

/* Turning a picture by quarter turns and mirrors (engine/orient.h): pixel (x, y) of the
 * output is pixel (x0 + xx*x + xy*y, y0 + yx*x + yy*y) of the source; each factor is -1, 0
 * or 1, so the output is an exact copy of the source's pixels, rearranged. */
typedef struct mr_orient_params {
    int32_t x0, xx, xy;
    int32_t y0, yx, yy;
} mr_orient_params;

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

/* Packed premultiplied RGBA pixel v times k/255, every channel. */
static inline MR_HD uint32_t mr_scale_pixel(uint32_t v, uint32_t k)
{
    uint32_t r = mr_div255((v & 255) * k), g = mr_div255(((v >> 8) & 255) * k);
    uint32_t b = mr_div255(((v >> 16) & 255) * k);
    uint32_t a = mr_div255((v >> 24) * k);
    return r | g << 8 | b << 16 | a << 24;
}

/* Packed premultiplied pixels: v*k/255 + c*(255-k)/255 per channel, rounded once (fades:
 * c = 0 fades to transparent, an opaque c fades to that colour). */
static inline MR_HD uint32_t mr_mix_pixel(uint32_t v, uint32_t k, uint32_t c)
{
    uint32_t j = 255 - k, out = 0;
    for (int s = 0; s < 32; s += 8)
        out |= mr_div255(((v >> s) & 255) * k + ((c >> s) & 255) * j) << s;
    return out;
}

/* The part of a sw x sh layer at (x, y) that lies on a dw x dh picture, in the layer's own
 * pixels: columns [x0, x1), rows [y0, y1). Returns false when nothing of it does. */
static inline MR_HD bool mr_layer_span(int dw, int dh, int sw, int sh, int x, int y, int *x0, int *y0, int *x1,
                                        int *y1)
{
    *x0 = x < 0 ? -x : 0, *y0 = y < 0 ? -y : 0, *x1 = sw, *y1 = sh;
    if (x + *x1 > dw)
        *x1 = dw - x;
    if (y + *y1 > dh)
        *y1 = dh - y;
    return *x0 < *x1 && *y0 < *y1;
}

/* Premultiplied s over d, s scaled by opacity/255 first (255: as is): one pixel of every
 * backend's compositing. */
static inline MR_HD uint32_t mr_over_pixel(uint32_t s, uint32_t d, uint32_t opacity)
{
    if (opacity != 255)
        s = mr_scale_pixel(s, opacity);
    uint32_t inv = 255 - (s >> 24);
    uint32_t r = mr_sat255((s & 255) + mr_div255((d & 255) * inv));
    uint32_t g = mr_sat255(((s >> 8) & 255) + mr_div255(((d >> 8) & 255) * inv));
    uint32_t b = mr_sat255(((s >> 16) & 255) + mr_div255(((d >> 16) & 255) * inv));
    uint32_t a = mr_sat255((s >> 24) + mr_div255((d >> 24) * inv));
    return r | g << 8 | b << 16 | a << 24;
}

static inline MR_HD int32_t mr_clamp255(int32_t v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

#endif
