/* yuva_params.h: premultiplied RGBA into planar YUV with an alpha plane (yuva444p, yuva422p,
 * yuva420p; 8 bits, or 10 in 16-bit containers): the layouts of ProRes 4444 and of VP9 with
 * alpha. Shared by the CPU loop (engine/kernels/cpu/yuva.c) and its CUDA twin (cuda/yuva.cu):
 * plain integer C, so both engines write the same bits.
 *
 * Alpha formats hold straight colour, so each pixel's colour is unpremultiplied before its luma
 * is taken. A chroma sample is the colour of its block (1x1, 2x1 or 2x2 pixels) as the mean of
 * the straight colours weighted by their alpha (the premultiplied sums over the alpha sum): a
 * transparent pixel lends no colour to its opaque neighbour, so edges get no dark fringe; a
 * block with no alpha at all is black. The matrix is mr_rgb2yuv_params' (BT.709, limited range,
 * at the output's depth); 8-bit alpha a becomes (a << 2) | (a >> 6) in 10 bits. Pixels past the
 * source's right and bottom edges (a padded odd size) repeat the edge. */
#ifndef MR_YUVA_PARAMS_H
#define MR_YUVA_PARAMS_H

#include <stdint.h>
#include "engine/kernels/kernel_params.h"

/* The YUV planes (d->plane[0..2]) and the alpha plane of one picture. */
typedef struct mr_yuva_image {
    mr_yuv_image yuv;   /* cshift_x, cshift_y: the chroma blocks; bytes, down: the samples */
    uint8_t *alpha;
    int alpha_stride;
} mr_yuva_image;

/* Writes v (clamped to depth bits) as sample x of row y of plane p (3: alpha) of d. */
static inline MR_HD void mr_yuva_put(const mr_yuva_image *d, int p, int x, int y, int32_t v, int depth)
{
    uint8_t *row = p == 3 ? d->alpha + (long)y * d->alpha_stride : d->yuv.plane[p] + (long)y * d->yuv.stride[p];
    int32_t max = (1 << depth) - 1;
    v = v < 0 ? 0 : v > max ? max : v;
    if (d->yuv.bytes == 1)
        row[x] = (uint8_t)v;
    else
        ((uint16_t *)row)[x] = (uint16_t)(v << d->yuv.down);
}

/* c (0..255, premultiplied by a sum of alpha `a` in 0..255 n) made straight: c 255 / a rounded,
 * at most 255; 0 where a is 0. */
static inline MR_HD int32_t mr_yuva_straight(int32_t c, int32_t a)
{
    if (a == 0)
        return 0;
    int32_t v = (c * 255 + a / 2) / a;
    return v > 255 ? 255 : v;
}

/* Chroma block (i, j) of d from the w x h premultiplied picture at src: its pixels' Y and A,
 * and the block's U and V, by k. */
static inline MR_HD void mr_yuva_block(const uint8_t *src, int stride, int w, int h, const mr_rgb2yuv_params *k,
                                       const mr_yuva_image *d, int i, int j)
{
    const int32_t round = 1 << (MR_CSC_SHIFT - 1);
    int cx = d->yuv.cshift_x, cy = d->yuv.cshift_y;
    int32_t R = 0, G = 0, B = 0, A = 0;
    for (int dy = 0; dy < 1 << cy; dy++)
        for (int dx = 0; dx < 1 << cx; dx++) {
            int x = (i << cx) + dx, y = (j << cy) + dy;
            if (x >= d->yuv.w || y >= d->yuv.h)
                continue;
            int sx = x < w ? x : w - 1, sy = y < h ? y : h - 1;
            uint32_t p = ((const uint32_t *)(src + (long)sy * stride))[sx];
            int32_t r = p & 255, g = (p >> 8) & 255, b = (p >> 16) & 255, a = p >> 24;
            R += r, G += g, B += b, A += a;
            r = mr_yuva_straight(r, a), g = mr_yuva_straight(g, a), b = mr_yuva_straight(b, a);
            mr_yuva_put(d, 0, x, y, (k->yr * r + k->yg * g + k->yb * b + (k->yoff << MR_CSC_SHIFT) + round) >> MR_CSC_SHIFT,
                        k->depth);
            mr_yuva_put(d, 3, x, y, k->depth == 8 ? a : (a << (k->depth - 8)) | (a >> (16 - k->depth)), k->depth);
        }
    int32_t r = mr_yuva_straight(R, A), g = mr_yuva_straight(G, A), b = mr_yuva_straight(B, A);
    int32_t off = (k->coff << MR_CSC_SHIFT) + round;
    mr_yuva_put(d, 1, i, j, (k->ur * r + k->ug * g + k->ub * b + off) >> MR_CSC_SHIFT, k->depth);
    mr_yuva_put(d, 2, i, j, (k->vr * r + k->vg * g + k->vb * b + off) >> MR_CSC_SHIFT, k->depth);
}

#endif
