/* blend_modes.c: a layer drawn by a blend mode on the CPU (the reference of cuda/blend_modes.cu). */
#include "engine/kernels/cpu/blend_modes.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

/* n packed pixels: s onto d by mode m (one mode a call, so the switch leaves the loop). */
HOT static void blend_row(uint32_t *restrict d, const uint32_t *restrict s, int n, int m, uint32_t opacity)
{
    for (int i = 0; i < n; i++)
        d[i] = mr_blend_mode_pixel(s[i], d[i], m, opacity);
}

void mr_cpu_blend_mode(mr_frame *dst, const mr_frame *src, int x, int y, unsigned opacity, mr_blend_mode mode)
{
    int x0, y0, x1, y1;
    if (!mr_layer_span(dst->w, dst->h, src->w, src->h, x, y, &x0, &y0, &x1, &y1) || opacity == 0)
        return;
    bool keeps_opaque = dst->opaque;
    for (int sy = y0; sy < y1; sy++)
        blend_row((uint32_t *)mr_frame_row(dst, y + sy) + x + x0, (const uint32_t *)mr_frame_row(src, sy) + x0,
                  x1 - x0, (int)mode, opacity);
    dst->opaque = keeps_opaque; /* the alpha is source-over's: an opaque picture stays opaque */
}
