/* frame_mix.c: the weighted sum of frames on the CPU (the reference of cuda/frame_mix.cu). */
#include "engine/kernels/cpu/frame_mix.h"

/* Hot loops built for plain x86-64 and for AVX2, picked at load time (same arithmetic). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

#define SPAN 2048   /* bytes of a row summed at once (an accumulator of 8 KiB on the stack) */

/* n bytes of out from the k->n rows in[i], a channel at a time: frame_mix_params.h's sum (as
 * mr_frame_mix_pixel), done frame by frame so that it vectorises (integer sums: the order changes
 * nothing). */
HOT static void mix_span(uint8_t *restrict out, const uint8_t *const *in, int n, const mr_mix_params *k)
{
    uint32_t acc[SPAN];
    for (int j = 0; j < n; j++)
        acc[j] = MR_MIX_HALF;
    for (int i = 0; i < k->n; i++) {
        const uint8_t *restrict s = in[i];
        uint32_t w = k->w[i];
        if (w == 0)
            continue;
        for (int j = 0; j < n; j++)
            acc[j] += w * s[j];
    }
    for (int j = 0; j < n; j++)
        out[j] = (uint8_t)(acc[j] >> MR_MIX_SHIFT);
}

void mr_cpu_frame_mix(mr_frame *dst, const mr_frame *const *src, const mr_mix_params *k)
{
    mr_mix_params kk = *k; /* a local copy: the loop need not reload it */
    int bytes = 4 * dst->w;
    bool opaque = true;
    for (int i = 0; i < kk.n; i++)
        opaque = opaque && src[i]->opaque;
    for (int y = 0; y < dst->h; y++)
        for (int x = 0; x < bytes; x += SPAN) {
            const uint8_t *in[MR_MIX_MAX];
            for (int i = 0; i < kk.n; i++)
                in[i] = mr_frame_row(src[i], y) + x;
            mix_span(mr_frame_row(dst, y) + x, in, bytes - x < SPAN ? bytes - x : SPAN, &kk);
        }
    dst->opaque = opaque;
}
