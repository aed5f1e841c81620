/* blend.c: compositing, fades and fills on the CPU. */
#include "engine/kernels/cpu/blend.h"

#include <string.h>
#include "engine/kernels/kernel_params.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* n packed pixels: s over d, s scaled by opacity/255 first (255: as is). */
HOT static void over_row(uint32_t *restrict d, const uint32_t *restrict s, int n, uint32_t opacity)
{
    for (int i = 0; i < n; i++)
        d[i] = mr_over_pixel(s[i], d[i], opacity);
}

/* n packed pixels mixed with c: p*k/255 + c*(255-k)/255. */
HOT static void mix_row(uint32_t *restrict p, int n, uint32_t k, uint32_t c)
{
    for (int i = 0; i < n; i++)
        p[i] = mr_mix_pixel(p[i], k, c);
}

void mr_cpu_over(mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity)
{
    int x0, y0, x1, y1;
    if (!mr_layer_span(dst->w, dst->h, src->w, src->h, x, y, &x0, &y0, &x1, &y1) || opacity == 0)
        return;
    bool keeps_opaque = dst->opaque;
    for (int sy = y0; sy < y1; sy++)
        over_row((uint32_t *)mr_frame_row(dst, y + sy) + x + x0, (const uint32_t *)mr_frame_row(src, sy) + x0,
                 x1 - x0, opacity);
    dst->opaque = keeps_opaque; /* over an opaque picture stays opaque */
}

void mr_cpu_mix(mr_frame *f, unsigned k, uint32_t c)
{
    if (k >= 255)
        return;
    for (int y = 0; y < f->h; y++)
        mix_row((uint32_t *)mr_frame_row(f, y), f->w, k, c);
    f->opaque = f->opaque && (c >> 24) == 255;
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
