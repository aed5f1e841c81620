/* warp_params.h: the affine warp's parameters and its per-pixel arithmetic, shared by the CPU
 * loop (engine/cpu/warp.c) and its CUDA twin (cuda/warp.cu): plain C that nvcc reads too.
 * A warp draws a w x h picture whose pixel (x, y) shows the source at M (x, y): rotations,
 * scales around an anchor, mirrors and sub-pixel moves are all one warp, sampled bilinearly
 * (transparent outside the source), with n x n samples a pixel where it shrinks the source. */
#ifndef MR_WARP_PARAMS_H
#define MR_WARP_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

typedef struct mr_warp_params {
    float m[6];     /* source point of a destination point: sx = m0 x + m1 y + m2, sy = m3 x + m4 y + m5
                     * (pixel centres at +0.5) */
    int sw, sh;     /* the source's size */
    int samples;    /* n: n x n samples a pixel (1 when the source is not shrunk) */
} mr_warp_params;

/* The premultiplied source pixel (i, j), transparent outside. */
static inline MR_HD void mr_warp_fetch(const uint8_t *src, int stride, int sw, int sh, int i, int j, float *acc,
                                       float wgt)
{
    if (i < 0 || j < 0 || i >= sw || j >= sh)
        return;
    const uint8_t *p = src + (long)j * stride + 4 * i;
    acc[0] += wgt * p[0];
    acc[1] += wgt * p[1];
    acc[2] += wgt * p[2];
    acc[3] += wgt * p[3];
}

/* The packed premultiplied pixel of an accumulated sum times norm: rounded, and colour never
 * above alpha (rounding could make it one more). */
static inline MR_HD uint32_t mr_warp_pack(const float *acc, float norm)
{
    uint32_t out = 0;
    for (int c = 0; c < 4; c++) {
        int v = (int)(acc[c] * norm + 0.5f);
        out |= (uint32_t)(v > 255 ? 255 : v) << (8 * c);
    }
    uint32_t a = out >> 24;
    for (int c = 0; c < 3; c++)
        if (((out >> (8 * c)) & 255) > a)
            out = (out & ~(255u << (8 * c))) | a << (8 * c);
    return out;
}

/* One bilinear sample at source point (sx, sy) (pixel centres at +0.5 already taken off),
 * added into acc; the same order of additions everywhere, so every path gives the same bits. */
static inline MR_HD void mr_warp_sample(const uint8_t *src, int stride, int sw, int sh, float sx, float sy, float *acc)
{
    if (sx < -1.0f || sy < -1.0f || sx > (float)sw || sy > (float)sh)
        return; /* wholly outside: transparent */
    float fx = sx - (float)(int)(sx + 1.0f) + 1.0f, fy = sy - (float)(int)(sy + 1.0f) + 1.0f;
    int i = (int)(sx + 1.0f) - 1, j = (int)(sy + 1.0f) - 1; /* floor, for sx >= -1 */
    mr_warp_fetch(src, stride, sw, sh, i, j, acc, (1 - fx) * (1 - fy));
    mr_warp_fetch(src, stride, sw, sh, i + 1, j, acc, fx * (1 - fy));
    mr_warp_fetch(src, stride, sw, sh, i, j + 1, acc, (1 - fx) * fy);
    mr_warp_fetch(src, stride, sw, sh, i + 1, j + 1, acc, fx * fy);
}

/* Destination pixel (x, y) of the warp k over src: packed premultiplied RGBA. */
static inline MR_HD uint32_t mr_warp_pixel(const mr_warp_params *k, const uint8_t *src, int stride, int x, int y)
{
    float acc[4] = {0, 0, 0, 0};
    int n = k->samples;
    float inv = 1.0f / (float)n;
    for (int sj = 0; sj < n; sj++)
        for (int si = 0; si < n; si++) {
            float dx = (float)x + ((float)si + 0.5f) * inv, dy = (float)y + ((float)sj + 0.5f) * inv;
            mr_warp_sample(src, stride, k->sw, k->sh, k->m[0] * dx + k->m[1] * dy + k->m[2] - 0.5f,
                           k->m[3] * dx + k->m[4] * dy + k->m[5] - 0.5f, acc);
        }
    return mr_warp_pack(acc, inv * inv);
}

#endif
