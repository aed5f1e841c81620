/* blend.c: compositing, fades and fills on the CPU. */
#include "engine/cpu/blend.h"

#include <string.h>
#include "engine/kernel_params.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* One channel (at bit `shift`) of packed pixel v, times k/255. */
static inline uint32_t scale_channel(uint32_t v, int shift, uint32_t k)
{
    return mr_div255(((v >> shift) & 255) * k) << shift;
}

/* n packed pixels: s over d, s scaled by opacity/255 first (255: as is). */
HOT static void over_row(uint32_t *restrict d, const uint32_t *restrict s, int n, uint32_t opacity)
{
    for (int i = 0; i < n; i++) {
        uint32_t sv = s[i], dv = d[i];
        if (opacity != 255)
            sv = scale_channel(sv, 0, opacity) | scale_channel(sv, 8, opacity) | scale_channel(sv, 16, opacity) |
                 scale_channel(sv, 24, opacity);
        uint32_t inv = 255 - (sv >> 24);
        uint32_t r = mr_sat255((sv & 255) + mr_div255((dv & 255) * inv));
        uint32_t g = mr_sat255(((sv >> 8) & 255) + mr_div255(((dv >> 8) & 255) * inv));
        uint32_t b = mr_sat255(((sv >> 16) & 255) + mr_div255(((dv >> 16) & 255) * inv));
        uint32_t a = mr_sat255((sv >> 24) + mr_div255((dv >> 24) * inv));
        d[i] = r | g << 8 | b << 16 | a << 24;
    }
}

/* n packed pixels times k/255: colour only, or colour and alpha. */
HOT static void multiply_row(uint32_t *restrict p, int n, uint32_t k, bool rgb_only)
{
    for (int i = 0; i < n; i++) {
        uint32_t v = p[i];
        uint32_t a = rgb_only ? v & 0xff000000u : scale_channel(v, 24, k);
        p[i] = scale_channel(v, 0, k) | scale_channel(v, 8, k) | scale_channel(v, 16, k) | a;
    }
}

void mr_cpu_over(mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity)
{
    int x0 = x < 0 ? -x : 0, y0 = y < 0 ? -y : 0;
    int x1 = src->w, y1 = src->h;
    if (x + x1 > dst->w) x1 = dst->w - x;
    if (y + y1 > dst->h) y1 = dst->h - y;
    if (x0 >= x1 || y0 >= y1 || opacity == 0)
        return;
    bool keeps_opaque = dst->opaque;
    for (int sy = y0; sy < y1; sy++)
        over_row((uint32_t *)mr_frame_row(dst, y + sy) + x + x0, (const uint32_t *)mr_frame_row(src, sy) + x0,
                 x1 - x0, opacity);
    dst->opaque = keeps_opaque; /* over an opaque picture stays opaque */
}

void mr_cpu_multiply(mr_frame *f, unsigned k, bool rgb_only)
{
    if (k >= 255)
        return;
    for (int y = 0; y < f->h; y++)
        multiply_row((uint32_t *)mr_frame_row(f, y), f->w, k, rgb_only);
    if (!rgb_only)
        f->opaque = f->opaque && k == 255;
}

void mr_cpu_fill(mr_frame *f, uint32_t premul)
{
    for (int y = 0; y < f->h; y++) {
        uint32_t *p = (uint32_t *)mr_frame_row(f, y);
        for (int x = 0; x < f->w; x++)
            p[x] = premul;
    }
    f->opaque = (premul >> 24) == 255;
}

void mr_cpu_copy_rect(mr_frame *dst, const mr_frame *src, int sx, int sy, int w, int h)
{
    for (int y = 0; y < h; y++)
        memcpy(mr_frame_row(dst, y), mr_frame_row(src, sy + y) + 4 * sx, (size_t)w * 4);
    dst->opaque = src->opaque;
}
